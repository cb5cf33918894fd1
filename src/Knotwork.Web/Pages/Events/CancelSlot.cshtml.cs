using Knotwork.Data.Entities;
using Knotwork.Data.Events;
using Knotwork.Domain.Audit;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
using Knotwork.Web.Mail;
using Knotwork.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Knotwork.Web.Pages.Events;

/// <summary>
/// An employee's slot at a chair massage event, opened with the private link from their e-mail (a wrong token gets a
/// 404). They can answer or change the three screening questions until the slot starts (someone given a slot from the
/// waiting list answers them here), and cancel: cancelling frees the slot, and whoever waited longest is given it and
/// e-mailed.
/// </summary>
internal sealed class CancelSlotModel(EventStore store, AuditTrail audit, TimeProvider clock, PublicLinks links, IMailer mailer, IConfiguration configuration) : PageModel
{
    public EventSlotBookingRecord Booking { get; private set; } = null!;

    public ChairEventRecord Event { get; private set; } = null!;

    public string Token { get; private set; } = "";

    /// <summary>Why it could not be cancelled or answered, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>What was just saved, or null.</summary>
    public string? Notice { get; private set; }

    /// <summary>The screening answers as posted, or as given before.</summary>
    [BindProperty]
    public ScreeningForm Input { get; set; } = new();

    /// <summary>Whether the slot is still the employee's and has not started (so it can be answered or cancelled).</summary>
    public bool Open { get; private set; }

    /// <summary>The slot's local start.</summary>
    public ZonedDateTime Start => Instant.FromDateTimeUtc(Booking.StartUtc).InZone(DateTimeZoneProviders.Tzdb[Event.TimeZone]);

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken cancellationToken)
    {
        if (await Load(token, cancellationToken) is { } missing)
            return missing;
        Input = ScreeningForm.From(Booking.Screening);
        return Page();
    }

    public async Task<IActionResult> OnPostScreeningAsync(string? token, CancellationToken cancellationToken)
    {
        if (await Load(token, cancellationToken) is { } missing)
            return missing;
        if (!Open)
        {
            Input = ScreeningForm.From(Booking.Screening);
            return Refuse(StatusCodes.Status409Conflict, Event.Status == ChairEventStatus.Cancelled ? "This event has been called off, so there is nothing to answer."
                : Booking.Status == EventSlotStatus.Cancelled ? "This slot is cancelled, so there is nothing to answer."
                : "Your slot has started: tell your therapist in person.");
        }

        var (screening, problem) = Input.Read();
        if (screening is null)
            return Refuse(StatusCodes.Status400BadRequest, problem!);
        if (!await store.AnswerScreeningAsync(Token, screening, cancellationToken))
            return NotFound();
        await audit.RecordAsync(AuditAction.Update, AuditSubject.ChairEvent, Booking.Id.ToString(),
            $"screening of slot {Booking.SlotId} of event {Booking.EventId} answered with the employee's link", CancellationToken.None);
        Booking.Screening = screening;
        Notice = "Thank you. Your therapist will read your answers before your slot; your employer never sees them.";
        return Page();
    }

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
                var organizer = ConfirmationMail.Organizer(configuration);
                await mailer.SendAsync(booking.Email, MailTemplates.EventSlotCancelled(booking.Name, Event.Company, ChairEventText.When(Event, booking), ChairEventText.Cancellation(Event, booking, organizer, now)), CancellationToken.None);
                if (promoted is not null)
                {
                    await JoinModel.SendBookedAsync(mailer, configuration, links.To(Request, ChairEventText.CancelPath(promoted.CancelToken)), Event, promoted.Booking, promoted.Slot, now, fromWaitingList: true);
                }

                return Redirect(ChairEventText.CancelPath(Token));
            case SlotCancellationOutcome.AlreadyCancelled or SlotCancellationOutcome.EventCalledOff:
                return Redirect(ChairEventText.CancelPath(Token));
            case SlotCancellationOutcome.TooLate:
                return Refuse(StatusCodes.Status409Conflict, "Your slot has started, so it can no longer be cancelled.");
            default:
                return NotFound();
        }
    }

    private PageResult Refuse(int status, string message)
    {
        Error = message;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult?> Load(string? token, CancellationToken cancellationToken)
    {
        if (!ChairEventText.Plausible(token) || await store.SlotByCancelTokenAsync(token!, cancellationToken) is not { } found)
            return NotFound();
        (Booking, Event, Token) = (found.Booking, found.Event, token!);
        Open = Booking.Status == EventSlotStatus.Booked && Event.Status != ChairEventStatus.Cancelled && Instant.FromDateTimeUtc(Booking.StartUtc) > Instant.FromDateTimeOffset(clock.GetUtcNow());
        return null;
    }
}
