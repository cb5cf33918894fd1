using Knotwork.Data.Entities;
using Knotwork.Data.Events;
using Knotwork.Domain.Audit;
using Knotwork.Web.Audit;
using Knotwork.Web.Mail;
using Knotwork.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Knotwork.Web.Pages.Events;

/// <summary>
/// An employee's slot at a chair massage event, opened with the cancel link from their e-mail (a wrong token gets a
/// 404): cancelling frees the slot, and whoever waited longest is given it and e-mailed.
/// </summary>
internal sealed class CancelSlotModel(EventStore store, AuditTrail audit, TimeProvider clock, PublicLinks links, IMailer mailer, IConfiguration configuration) : PageModel
{
    public EventSlotBookingRecord Booking { get; private set; } = null!;

    public ChairEventRecord Event { get; private set; } = null!;

    public string Token { get; private set; } = "";

    /// <summary>Why it could not be cancelled, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>The slot's local start.</summary>
    public ZonedDateTime Start => Instant.FromDateTimeUtc(Booking.StartUtc).InZone(DateTimeZoneProviders.Tzdb[Event.TimeZone]);

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken cancellationToken) =>
        await Load(token, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string? token, CancellationToken cancellationToken)
    {
        if (await Load(token, cancellationToken) is { } missing)
            return missing;
        if (Event.Status == ChairEventStatus.Cancelled)
            return Redirect(ChairEventText.CancelPath(Token)); // called off: the page says so, and there is no slot to free
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        switch (await store.CancelSlotAsync(Token, now, cancellationToken))
        {
            case SlotCancellationOutcome.Cancelled(var booking, var promoted):
                await audit.RecordAsync(AuditAction.Cancel, AuditSubject.ChairEvent, booking.Id.ToString(),
                    $"slot {booking.SlotId} of event {booking.EventId} cancelled with the employee's link" + (promoted is null ? "" : $"; given to waiting-list entry {promoted.Entry.Id}"),
                    CancellationToken.None);
                if (promoted is not null)
                {
                    await JoinModel.SendBookedAsync(mailer, configuration, links.To(Request, ChairEventText.CancelPath(promoted.CancelToken)), Event, promoted.Booking, promoted.Slot, now, fromWaitingList: true);
                }

                return Redirect(ChairEventText.CancelPath(Token));
            case SlotCancellationOutcome.AlreadyCancelled:
                return Redirect(ChairEventText.CancelPath(Token));
            case SlotCancellationOutcome.TooLate:
                Error = "Your slot has started, so it can no longer be cancelled.";
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<IActionResult?> Load(string? token, CancellationToken cancellationToken)
    {
        if (!ChairEventText.Plausible(token) || await store.SlotByCancelTokenAsync(token!, cancellationToken) is not { } found)
            return NotFound();
        (Booking, Event, Token) = (found.Booking, found.Event, token!);
        return null;
    }
}
