using Knotwork.Data;
using Knotwork.Data.Sessions;
using Knotwork.Domain.Audit;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
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

    /// <summary>
    /// Starts a visit with <paramref name="client"/>, for <paramref name="booking"/> when it comes from one (a booking in
    /// the user's scope, made for that client); a booking already started opens its visit again. The therapist a
    /// booking is theirs is assigned to its client (audited), since they are the one who treats them.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(Guid client, Guid? booking)
    {
        var me = User.UserId()!.Value;
        if (booking is { } bookingId)
        {
            var visible = await db.BookingsVisibleToAsync(User);
            if (!await visible.AnyAsync(b => b.Id == bookingId && b.ClientId == client))
            {
                await audit.RecordAsync(AuditAction.ReadRefused, AuditSubject.Booking, bookingId.ToString(), "start a visit");
                return NotFound();
            }

            if (await db.Visits.Where(v => v.BookingId == bookingId).Select(v => (Guid?)v.Id).FirstOrDefaultAsync() is { } started)
                return Redirect($"/visits/{started}/chart");
            if (User.IsInRole(Roles.Therapist) && !await db.Assignments.AnyAsync(a => a.ClientId == client && a.TherapistId == me))
            {
                db.Assignments.Add(new Data.Entities.TherapistAssignment { ClientId = client, TherapistId = me, AssignedAtUtc = clock.GetUtcNow().UtcDateTime });
                await db.SaveChangesAsync();
                await audit.RecordAsync(AuditAction.Update, AuditSubject.Client, client.ToString(), $"assigned to the therapist of booking {bookingId}");
            }
        }

        if (!await db.Clients.VisibleTo(User).AnyAsync(c => c.Id == client))
        {
            await audit.RecordAsync(AuditAction.ReadRefused, AuditSubject.Client, client.ToString(), "start a visit");
            return NotFound();
        }

        var visit = await db.StartVisitAsync(client, me, booking, clock.GetUtcNow().UtcDateTime);
        await audit.RecordAsync(AuditAction.Create, AuditSubject.Visit, visit.Id.ToString(), $"client {client}");
        return Redirect($"/visits/{visit.Id}/chart");
    }
}
