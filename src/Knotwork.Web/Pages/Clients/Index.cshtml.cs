using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Clients;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Clients;

/// <summary>The clients a staff member may see.</summary>
[Authorize(Policy = Roles.StaffPolicy)]
internal sealed class IndexModel(KnotworkDbContext db, AuditTrail audit, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ClientRecord> Clients { get; private set; } = [];

    /// <summary>Each listed client's precautions today, for the tags beside their name.</summary>
    public IReadOnlyDictionary<Guid, ClientPrecautions> Precautions { get; private set; } = new Dictionary<Guid, ClientPrecautions>();

    public async Task OnGetAsync()
    {
        Clients = await db.Clients.VisibleTo(User).AsNoTracking().OrderBy(c => c.FullName).Take(500).ToListAsync();
        var today = await db.TodayAsync(clock);
        Precautions = Clients.ToDictionary(c => c.Id, c => c.Precautions(today));
        var flagged = Precautions.Values.Count(p => p.NeedingClearance.Count > 0);
        await audit.RecordAsync(AuditAction.Read, AuditSubject.ClientList, null, $"{Clients.Count} clients listed, {flagged} flagged as needing clearance");
    }
}
