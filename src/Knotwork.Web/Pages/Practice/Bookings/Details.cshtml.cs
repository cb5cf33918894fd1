using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Booking;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
using Knotwork.Web.Mail;
using Knotwork.Web.Pages.Book;
using Knotwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Knotwork.Web.Pages.Practice.Bookings;

/// <summary>
/// One booking as staff see it: everything about the visit and the client's details (reading it is audited). Staff in
/// whose scope it is (<see cref="BookingScope"/>) may cancel it at any time, told whether it is inside the
/// cancellation window and the fee that may then be recorded; the owner may move it to another therapist who gives
/// the service in that area, when the scheduler finds they can reach it. A booking outside one's scope is 404.
/// Changes are Post/Redirect/Get and audited.
/// </summary>
[Authorize(Policy = Roles.StaffPolicy)]
internal sealed class DetailsModel(
    KnotworkDbContext db, BookingStore store, PracticeSchedules schedules, AuditTrail audit, TimeProvider clock,
    IMailer mailer, IConfiguration configuration, PublicLinks links) : PageModel
{
    public BookingRecord Booking { get; private set; } = null!;

    public PracticeSetup? Setup { get; private set; }

    public Instant Now { get; private set; }

    public bool IsOwner { get; private set; }

    /// <summary>The client's record, when the booking was made for one the viewer may open.</summary>
    public Guid? ClientRecord { get; private set; }

    /// <summary>Who the booking could be moved to (owner only; empty when it cannot be moved).</summary>
    public IReadOnlyList<Therapist> MoveTo { get; private set; } = [];

    /// <summary>Whether cancelling now would be inside the cancellation window (the late fee may be recorded).</summary>
    public bool InsideWindow { get; private set; }

    /// <summary>What the last change did, or null.</summary>
    public string? Done { get; private set; }

    /// <summary>Why the last change was refused, or null.</summary>
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
            return NotFound();
        Done = done switch
        {
            "moved" => $"Moved to {StaffBookings.Therapist(Booking.TherapistId, Setup)}.",
            "cancelled" => "Cancelled: the time is free again.",
            "cancelled-late" => $"Cancelled inside the cancellation window: the time is free again, and a late-cancellation fee of {Visits.Price(Setup?.Policies.LateCancellationFee ?? 0)} may be recorded.",
            "booked" => $"Booked. The confirmation has been e-mailed to {Booking.Email}.",
            _ => null,
        };
        await audit.RecordAsync(AuditAction.Read, AuditSubject.Booking, id.ToString(), "booking details", CancellationToken.None);
        return Page();
    }

    /// <summary>Cancels the visit (staff may, at any time); the audit entry says whether it was inside the window.</summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Setup is null)
            return NotFound();
        switch (await store.CancelByStaffAsync(id, Setup.Policies, Now, cancellationToken))
        {
            case StaffCancellationOutcome.Cancelled(var cancelled, var inside, var fee):
                await ConfirmationMail.SendChangeAsync(mailer, configuration, cancelled, Setup, ManageLink(cancelled),
                    "The practice has cancelled your visit below. We are sorry for the change; to book another time, use the booking page or reply to this e-mail.", Now);
                var window = inside
                    ? $"inside the cancellation window: a late-cancellation fee of {Visits.Price(fee)} may apply"
                    : "outside the cancellation window: no fee";
                await audit.RecordAsync(AuditAction.Cancel, AuditSubject.Booking, id.ToString(), $"cancelled by staff, {window}", CancellationToken.None);
                return Redirect($"/practice/bookings/{id}?done={(inside ? "cancelled-late" : "cancelled")}");
            case StaffCancellationOutcome.AlreadyCancelled:
                return Redirect($"/practice/bookings/{id}");
            default:
                return NotFound();
        }
    }

    /// <summary>Moves the visit to <paramref name="therapist"/> (owner only), or shows the scheduler's reason why not.</summary>
    public async Task<IActionResult> OnPostMoveAsync(Guid id, string? therapist, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Setup is null)
            return NotFound();
        if (!IsOwner)
            return Forbid();
        var (schedule, _) = await schedules.CurrentAsync(db, cancellationToken);
        switch (await store.MoveAsync(id, therapist ?? "", schedule!.Scheduler, Now, schedule.Version, cancellationToken))
        {
            case MoveOutcome.Moved(var moved, var from):
                await ConfirmationMail.SendChangeAsync(mailer, configuration, moved, Setup, ManageLink(moved),
                    $"Your visit below is now with {StaffBookings.Therapist(moved.TherapistId, Setup)}, at the same time and price.", Now);
                await audit.RecordAsync(AuditAction.Update, AuditSubject.Booking, id.ToString(), $"moved from {from} to {moved.TherapistId}", CancellationToken.None);
                return Redirect($"/practice/bookings/{id}?done=moved");
            case MoveOutcome.Conflict(var rejection):
                Error = $"{StaffBookings.Therapist(therapist!, Setup)} cannot take this visit: {rejection.Message}";
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case MoveOutcome.NotOfferable(var rejection):
                Error = $"This visit cannot be moved there: {rejection.Message}";
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
            case MoveOutcome.Cancelled:
                Error = "This visit was cancelled, so there is nothing to move.";
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                return NotFound();
        }
    }

    /// <summary>The client's private link to the booking, as their confirmation gave it.</summary>
    private string ManageLink(BookingRecord booking) =>
        links.To(Request, $"/book/manage/{booking.Id}?token={Uri.EscapeDataString(store.TokenFor(booking.Id))}");

    /// <summary>Reads the booking through the viewer's scope; false when they may not see it (or it does not exist).</summary>
    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var visible = await db.BookingsVisibleToAsync(User, cancellationToken);
        var booking = await visible.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (booking is null)
        {
            if (await db.Bookings.AnyAsync(b => b.Id == id, cancellationToken))
                await audit.RecordAsync(AuditAction.ReadRefused, AuditSubject.Booking, id.ToString(), "booking details", CancellationToken.None);
            return false;
        }

        Booking = booking;
        Setup = (await schedules.CurrentAsync(db, cancellationToken)).Schedule?.Setup;
        Now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        IsOwner = User.IsInRole(Roles.Owner);
        ClientRecord = booking.ClientId is { } clientId && IsOwner ? clientId : null;
        var open = booking.Status == BookingStatus.Booked && Instant.FromDateTimeUtc(booking.StartUtc) > Now;
        if (open && IsOwner && Setup is not null)
            MoveTo = [.. StaffBookings.WhoCanTake(booking, Setup).Where(t => !string.Equals(t.Id, booking.TherapistId, StringComparison.Ordinal))];
        InsideWindow = Setup is not null && OnlineCancellation.Refusal(Setup.Policies, Instant.FromDateTimeUtc(booking.StartUtc), Now) is not null;
        return true;
    }
}
