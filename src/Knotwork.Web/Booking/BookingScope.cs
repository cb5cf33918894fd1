using System.Security.Claims;
using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Data.Entities;
using Knotwork.Web.Accounts;
using Knotwork.Web.Pages.Clients;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Booking;

/// <summary>Who may see which bookings, as queries: the rule every booking page for staff and clients goes through.</summary>
internal static class BookingScope
{
    /// <summary>
    /// The owner sees every booking; a therapist the bookings of the setup therapist their account is linked to (none
    /// until the owner links it); a client the bookings made for their own record; anyone else nothing.
    /// </summary>
    public static async Task<IQueryable<BookingRecord>> BookingsVisibleToAsync(this KnotworkDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var bookings = db.Bookings.AsQueryable();
        if (user.UserId() is not { } me)
            return bookings.Where(_ => false);
        if (user.IsInRole(Roles.Owner))
            return bookings;
        if (user.IsInRole(Roles.Therapist))
        {
            var therapistId = await db.TherapistIdOfAsync(me, cancellationToken);
            return therapistId is null ? bookings.Where(_ => false) : bookings.Where(b => b.TherapistId == therapistId);
        }

        if (user.IsInRole(Roles.Client))
        {
            var own = db.Clients.Where(c => c.UserId == me).Select(c => c.Id);
            return bookings.Where(b => b.ClientId != null && own.Contains(b.ClientId.Value));
        }

        return bookings.Where(_ => false);
    }

    /// <summary>The setup therapist the signed-in staff member works as, or null.</summary>
    public static async Task<string?> OwnTherapistIdAsync(this KnotworkDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.UserId() is { } me ? await db.TherapistIdOfAsync(me, cancellationToken) : null;
    }
}
