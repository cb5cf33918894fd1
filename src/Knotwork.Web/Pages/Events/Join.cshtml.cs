using Knotwork.Data.Entities;
using Knotwork.Data.Events;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Events;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
using Knotwork.Web.Mail;
using Knotwork.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Knotwork.Web.Pages.Events;

/// <summary>
/// The employees' page of a confirmed chair massage event, opened with the event's private link (its token is the
/// only key; a wrong one gets the same 404 as an unknown event): the free slots per chair, name and e-mail, and the
/// three screening questions, whose answers go to the therapist only. A booked slot is confirmed with an e-mail
/// carrying the slot as a calendar file and the cancel link; a full event offers the waiting list.
/// </summary>
internal sealed class JoinModel(EventStore store, AuditTrail audit, TimeProvider clock, PublicLinks links, IMailer mailer, IConfiguration configuration) : PageModel
{
    public EventForEmployees View { get; private set; } = null!;

    public string Token { get; private set; } = "";

    [BindProperty]
    public JoinInput Input { get; set; } = new();

    /// <summary>What went wrong, shown above the form.</summary>
    public string? Error { get; private set; }

    /// <summary>The slot just booked, or null.</summary>
    public EventSlot? Booked { get; private set; }

    /// <summary>The place on the waiting list just taken, or null.</summary>
    public int? WaitingPosition { get; private set; }

    /// <summary>The employee's answers; every field is text, checked here.</summary>
    public sealed class JoinInput
    {
        public string? Slot { get; set; }

        public string? Name { get; set; }

        public string? Email { get; set; }

        /// <summary>"yes" or "no".</summary>
        public string? Injury { get; set; }

        /// <summary>"yes" or "no".</summary>
        public string? Condition { get; set; }

        /// <summary>"yes" or "no".</summary>
        public string? Avoid { get; set; }

        public string? Note { get; set; }

        /// <summary>The screening part of the answers.</summary>
        public ScreeningForm Screening => new() { Injury = Injury, Condition = Condition, Avoid = Avoid, Note = Note };
    }

    /// <summary>The screening questions as the employee left them (to show again after a refusal).</summary>
    public ScreeningForm Screening => Input.Screening;

    public async Task<IActionResult> OnGetAsync(Guid id, string? token, CancellationToken cancellationToken) =>
        await Load(id, token, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostBookAsync(Guid id, string? token, CancellationToken cancellationToken)
    {
        if (await Load(id, token, cancellationToken) is { } missing)
            return missing;
        var (screening, problem) = Input.Screening.Read();
        if (screening is null)
            return Refuse(StatusCodes.Status400BadRequest, problem!);
        if (Input.Slot is null || Input.Name is null || Input.Email is null)
            return Refuse(StatusCodes.Status400BadRequest, "Choose a slot and give your name and e-mail address.");

        var now = Now();
        switch (await store.BookSlotAsync(id, Token, Input.Slot, Input.Name, Input.Email, screening, now, cancellationToken))
        {
            case SlotBookingOutcome.Booked(var booking, var slot, var cancelToken):
                await audit.RecordAsync(AuditAction.Create, AuditSubject.ChairEvent, booking.Id.ToString(),
                    $"slot {slot.Id} of event {id} booked with the employees' link", CancellationToken.None);
                await SendBookedAsync(mailer, configuration, links.To(Request, ChairEventText.CancelPath(cancelToken)), View.Event, booking, slot, now, fromWaitingList: false);
                Booked = slot;
                return Page();
            case SlotBookingOutcome.SlotTaken(var free):
                View = View with { Free = free };
                return Refuse(StatusCodes.Status409Conflict, "Someone took that slot a moment ago. Choose another one.");
            case SlotBookingOutcome.EventFull:
                View = View with { Free = [] };
                return Refuse(StatusCodes.Status409Conflict, "Every slot is taken now. You can join the waiting list below.");
            case SlotBookingOutcome.Closed(var message):
                View = View with { ClosedReason = message };
                return Refuse(StatusCodes.Status409Conflict, message);
            case SlotBookingOutcome.AlreadyBooked:
                return Refuse(StatusCodes.Status409Conflict, "You already have a slot at this event; the e-mail we sent has the link to cancel it.");
            case SlotBookingOutcome.Invalid(var message):
                return Refuse(StatusCodes.Status400BadRequest, message);
            case SlotBookingOutcome.NotFound:
                return NotFound();
            default:
                throw new InvalidOperationException("Unknown slot booking outcome.");
        }
    }

    public async Task<IActionResult> OnPostWaitAsync(Guid id, string? token, CancellationToken cancellationToken)
    {
        if (await Load(id, token, cancellationToken) is { } missing)
            return missing;
        switch (await store.JoinWaitingListAsync(id, Token, Input.Name ?? "", Input.Email ?? "", Now(), cancellationToken))
        {
            case WaitingListOutcome.Joined(var entry, var position):
                await audit.RecordAsync(AuditAction.Create, AuditSubject.ChairEvent, entry.Id.ToString(),
                    $"waiting list of event {id} joined with the employees' link", CancellationToken.None);
                WaitingPosition = position;
                return Page();
            case WaitingListOutcome.HasFreeSlots(var free):
                View = View with { Free = free };
                return Refuse(StatusCodes.Status409Conflict, "A slot is free again: choose it below.");
            case WaitingListOutcome.AlreadyBooked:
                return Refuse(StatusCodes.Status409Conflict, "You already have a slot at this event.");
            case WaitingListOutcome.Closed(var message):
                return Refuse(StatusCodes.Status409Conflict, message);
            case WaitingListOutcome.Invalid(var message):
                return Refuse(StatusCodes.Status400BadRequest, message);
            default:
                return NotFound();
        }
    }

    /// <summary>E-mails an employee their slot with its calendar file and cancel link.</summary>
    public static Task SendBookedAsync(IMailer mailer, IConfiguration configuration, string cancelLink, ChairEventRecord e, EventSlotBookingRecord booking, EventSlot slot, Instant now, bool fromWaitingList)
    {
        var organizer = ConfirmationMail.Organizer(configuration);
        var calendar = ChairEventText.Invitation(e, booking, slot, organizer, cancelLink, now);
        return mailer.SendAsync(booking.Email, MailTemplates.EventSlotBooked(booking.Name, e.Company, ChairEventText.When(slot), ChairEventText.Where(e), cancelLink, calendar, fromWaitingList), CancellationToken.None);
    }

    private PageResult Refuse(int status, string message)
    {
        Error = message;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult?> Load(Guid id, string? token, CancellationToken cancellationToken)
    {
        if (!ChairEventText.Plausible(token))
            return NotFound();
        var view = await store.ForEmployeesAsync(id, token!, Now(), cancellationToken);
        if (view is null)
            return NotFound();
        (View, Token) = (view, token!);
        return null;
    }

    private Instant Now() => Instant.FromDateTimeOffset(clock.GetUtcNow());
}
