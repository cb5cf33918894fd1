using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Practice;

/// <summary>The owner's list of chair massage events (issue 11): the requests to answer first, then the rest by day.</summary>
[Authorize(Policy = Roles.OwnerPolicy)]
internal sealed class EventsModel(KnotworkDbContext db) : PageModel
{
    /// <summary>The most events listed.</summary>
    public const int Limit = 200;

    public IReadOnlyList<ChairEventRecord> Events { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var events = await db.ChairEvents.AsNoTracking().OrderByDescending(e => e.Date).ThenBy(e => e.Start).Take(Limit).ToListAsync(cancellationToken);
        Events = [.. events.OrderBy(e => e.Status == ChairEventStatus.Requested ? 0 : 1)];
    }
}
