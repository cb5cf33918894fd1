using System.Security.Claims;
using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Clients;

/// <summary>Who may see which client records, as queries: the rule every client page and endpoint goes through.</summary>
internal static class ClientQueries
{
    /// <summary>
    /// The owner sees every client; a therapist the clients assigned to them; a client only their own record;
    /// anyone else nothing.
    /// </summary>
    public static IQueryable<ClientRecord> VisibleTo(this IQueryable<ClientRecord> clients, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var me))
        {
            return clients.Where(_ => false);
        }

        if (user.IsInRole(Roles.Owner))
        {
            return clients;
        }

        if (user.IsInRole(Roles.Therapist))
        {
            return clients.Where(c => c.Assignments.Any(a => a.TherapistId == me));
        }

        if (user.IsInRole(Roles.Client))
        {
            return clients.Where(c => c.UserId == me);
        }

        return clients.Where(_ => false);
    }

    /// <summary>The practice's time zone (UTC until the practice is set up).</summary>
    public static async Task<TimeZoneInfo> TimeZoneAsync(this KnotworkDbContext db)
    {
        var id = await db.Practice.Select(p => p.TimeZone).FirstOrDefaultAsync();
        return id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>Today in the practice's calendar (its time zone).</summary>
    public static async Task<DateOnly> TodayAsync(this KnotworkDbContext db, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, await db.TimeZoneAsync()));
    }

    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
