using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Clients;

/// <summary>The clients a staff member may see.</summary>
[Authorize(Policy = Roles.StaffPolicy)]
internal sealed class IndexModel(KnotworkDbContext db, AuditTrail audit) : PageModel
{
    public IReadOnlyList<ClientRecord> Clients { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Clients = await db.Clients.VisibleTo(User).AsNoTracking().OrderBy(c => c.FullName).Take(500).ToListAsync();
        await audit.RecordAsync(AuditAction.Read, AuditSubject.ClientList, null, $"{Clients.Count} clients listed");
    }
}
