using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Knotwork.Web.Pages.Clients;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Practice;

/// <summary>The owner searches the audit log (read-only: entries cannot be edited or deleted in the app).</summary>
[Authorize(Policy = Roles.OwnerPolicy)]
internal sealed class AuditModel(KnotworkDbContext db) : PageModel
{
    public const int PageSize = 200;

    [BindProperty(SupportsGet = true, Name = "who")]
    public string? Who { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionName { get; set; }

    [BindProperty(SupportsGet = true, Name = "record")]
    public string? Record { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? To { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    /// <summary>The practice's time zone: times are stored in UTC and shown in it; the date filters use it too.</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task OnGetAsync()
    {
        Zone = await db.TimeZoneAsync();
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Who))
        {
            query = query.Where(a => a.UserName != null && a.UserName.Contains(Who.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(ActionName))
        {
            query = query.Where(a => a.Action == ActionName.Trim());
        }

        if (!string.IsNullOrWhiteSpace(Record))
        {
            query = query.Where(a => a.EntityId == Record.Trim());
        }

        if (From is { } from)
        {
            var start = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone);
            query = query.Where(a => a.AtUtc >= start);
        }

        if (To is { } to)
        {
            var end = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone);
            query = query.Where(a => a.AtUtc < end);
        }

        Entries = await query.OrderByDescending(a => a.Id).Take(PageSize).ToListAsync();
    }
}
