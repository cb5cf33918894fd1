using Knotwork.Data;
using Knotwork.Data.Sessions;
using Knotwork.Domain.Audit;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Pages.Clients;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Treatment;

/// <summary>A therapist starts a visit with a client they may see (with or without a booking), then charts it.</summary>
[Authorize(Policy = Roles.StaffPolicy)]
internal sealed class StartModel(KnotworkDbContext db, AuditTrail audit, TimeProvider clock) : PageModel
{
    public string ClientName { get; private set; } = "";

    public Guid ClientId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid client)
    {
        var name = await db.Clients.VisibleTo(User).Where(c => c.Id == client).Select(c => c.FullName).SingleOrDefaultAsync();
        if (name is null)
            return NotFound();
        (ClientId, ClientName) = (client, name);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid client)
    {
        if (!await db.Clients.VisibleTo(User).AnyAsync(c => c.Id == client))
        {
            await audit.RecordAsync(AuditAction.ReadRefused, AuditSubject.Client, client.ToString(), "start a visit");
            return NotFound();
        }

        var visit = await db.StartVisitAsync(client, User.UserId()!.Value, bookingId: null, clock.GetUtcNow().UtcDateTime);
        await audit.RecordAsync(AuditAction.Create, AuditSubject.Visit, visit.Id.ToString(), $"client {client}");
        return Redirect($"/visits/{visit.Id}/chart");
    }
}
