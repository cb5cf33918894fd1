using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Data.Events;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Events;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
using Knotwork.Web.Mail;
using Knotwork.Web.Pages.Events;
using Knotwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Knotwork.Web.Pages.Practice;

/// <summary>
/// One chair massage event for the owner: the request and its quote; assigning a therapist to each chair and
/// confirming (refused over a conflict, which is named), or declining. Confirming shows the employees' and the
/// roster link this once (only their hashes are stored) and e-mails both to the employer's contact. A confirmed event
/// can be called off until it starts (each booked employee gets a calendar cancellation, the contact a note), and
/// closed once it has ended, which makes its figures final.
/// </summary>
[Authorize(Policy = Roles.OwnerPolicy)]
internal sealed class EventModel(
    PracticeSchedules schedules, KnotworkDbContext db, EventStore store, AuditTrail audit, TimeProvider clock, PublicLinks links, IMailer mailer, IConfiguration configuration) : PageModel
{
    public ChairEventRecord Event { get; private set; } = null!;

    /// <summary>The setup's therapists to choose from.</summary>
    public IReadOnlyList<Therapist> Therapists { get; private set; } = [];

    /// <summary>The therapist chosen per chair (chair 1 first), as posted.</summary>
    [BindProperty]
    public List<string> Chairs { get; set; } = [];

    /// <summary>Why the confirmation was refused, in words.</summary>
    public IReadOnlyList<string> Conflicts { get; private set; } = [];

    /// <summary>What happened, shown at the top.</summary>
    public string? Notice { get; private set; }

    /// <summary>The links given once on confirming.</summary>
    public (string Employees, string Roster)? Links { get; private set; }

    /// <summary>The employees booked, for the owner (with their screening answers, for the therapists).</summary>
    public IReadOnlyList<EventSlotBookingRecord> Slots { get; private set; } = [];

    /// <summary>Why calling off or closing was refused, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>The event's figures once it is closed, or null.</summary>
    public EventSummary? Summary { get; private set; }

    /// <summary>Whether the event is confirmed and has not started: it can be called off.</summary>
    public bool CanCallOff => Event.Status == ChairEventStatus.Confirmed && Instant.FromDateTimeUtc(Event.StartUtc) > Now;

    /// <summary>Whether the event is confirmed and has ended: it can be closed.</summary>
    public bool CanClose => Event.Status == ChairEventStatus.Confirmed && Instant.FromDateTimeUtc(Event.EndUtc) <= Now;

    private Instant Now => Instant.FromDateTimeOffset(clock.GetUtcNow());

    /// <summary>Who a therapist id is.</summary>
    public string NameOf(string therapistId) => Therapists.FirstOrDefault(t => t.Id == therapistId)?.Name ?? therapistId;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await Load(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await Load(id, cancellationToken) is { } missing)
            return missing;
        var (practice, _) = await schedules.CurrentAsync(db, cancellationToken);
        var setup = practice!.Setup;
        if (Chairs.Count != Event.Chairs || Chairs.Any(c => c is null || c.Length > 100))
        {
            Conflicts = [$"The event has {Event.Chairs} chairs: choose one therapist for each."];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        switch (await store.ConfirmAsync(id, Chairs, setup, ZipCodes.Default, StraightLineTravel.For(setup), now, cancellationToken))
        {
            case EventConfirmOutcome.Confirmed(var e, var employeeToken, var rosterToken):
                var employees = links.To(Request, ChairEventText.JoinPath(e.Id, employeeToken));
                var roster = links.To(Request, ChairEventText.RosterPath(e.Id, rosterToken));
                await audit.RecordAsync(AuditAction.Update, AuditSubject.ChairEvent, e.Id.ToString(),
                    $"confirmed with {string.Join(", ", Chairs)}", CancellationToken.None);
                await mailer.SendAsync(e.ContactEmail, MailTemplates.EventConfirmed(e.ContactName, e.Company, ChairEventText.When(e), employees, roster), CancellationToken.None);
                await Load(id, cancellationToken);
                Links = (employees, roster);
                Notice = $"Confirmed. We e-mailed both links to {e.ContactEmail}.";
                return Page();
            case EventConfirmOutcome.Refused(var conflicts):
                Conflicts = [.. conflicts.Select(c => c.Message)];
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case EventConfirmOutcome.NotRequested(var status):
                Conflicts = [$"This event is {StatusText(status)} already."];
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case EventConfirmOutcome.NotFound:
                return NotFound();
            default:
                throw new InvalidOperationException("Unknown confirm outcome.");
        }
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await Load(id, cancellationToken) is { } missing)
            return missing;
        switch (await store.DeclineAsync(id, Instant.FromDateTimeOffset(clock.GetUtcNow()), cancellationToken))
        {
            case EventDeclineOutcome.Declined(var declined):
                await audit.RecordAsync(AuditAction.Update, AuditSubject.ChairEvent, id.ToString(), "declined", CancellationToken.None);
                await mailer.SendAsync(declined.ContactEmail, MailTemplates.EventDeclined(declined.ContactName, declined.Company, ChairEventText.When(declined)), CancellationToken.None);
                return Redirect($"/practice/events/{id}");
            case EventDeclineOutcome.NotRequested(var status):
                Conflicts = [$"This event is {StatusText(status)} already."];
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                return NotFound();
        }
    }

    /// <summary>
    /// Calls the event off (the form's <paramref name="confirm"/> box must be ticked): each employee booked is e-mailed
    /// a calendar cancellation of their slot, and the contact that the event will not take place.
    /// </summary>
    public async Task<IActionResult> OnPostCallOffAsync(Guid id, string? confirm, CancellationToken cancellationToken)
    {
        if (await Load(id, cancellationToken) is { } missing)
            return missing;
        if (confirm != "yes")
            return Refuse(StatusCodes.Status400BadRequest, "Tick the box to confirm that the event is called off; nothing was changed.");

        var now = Now;
        switch (await store.CancelEventAsync(id, now, cancellationToken))
        {
            case EventCancelOutcome.Cancelled(var e, var booked, var waiting):
                await audit.RecordAsync(AuditAction.Cancel, AuditSubject.ChairEvent, id.ToString(),
                    $"called off; {booked.Count} booked employees and {waiting.Count} on the waiting list told", CancellationToken.None);
                var organizer = ConfirmationMail.Organizer(configuration);
                foreach (var b in booked)
                {
                    var calendar = ChairEventText.Cancellation(e, b, organizer, now);
                    await mailer.SendAsync(b.Email, MailTemplates.EventSlotCalledOff(b.Name, e.Company, ChairEventText.When(e, b), calendar), CancellationToken.None);
                }

                foreach (var w in waiting)
                {
                    await mailer.SendAsync(w.Email, MailTemplates.EventWaitingListCalledOff(w.Name, e.Company, ChairEventText.When(e)), CancellationToken.None);
                }

                await mailer.SendAsync(e.ContactEmail, MailTemplates.EventCalledOff(e.ContactName, e.Company, ChairEventText.When(e), booked.Count), CancellationToken.None);
                await Load(id, cancellationToken);
                Notice = $"Called off. We e-mailed {booked.Count} booked {(booked.Count == 1 ? "employee" : "employees")}"
                    + (waiting.Count == 0 ? "" : $", {waiting.Count} on the waiting list")
                    + $" and {e.ContactEmail}.";
                return Page();
            case EventCancelOutcome.Started:
                return Refuse(StatusCodes.Status409Conflict, "The event has started, so it can no longer be called off.");
            case EventCancelOutcome.NotConfirmed(var status):
                return Refuse(StatusCodes.Status409Conflict, $"Only a confirmed event can be called off; this one is {StatusText(status)}.");
            default:
                return NotFound();
        }
    }

    /// <summary>Closes the event once it has ended, so its attendance and summary are final.</summary>
    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await Load(id, cancellationToken) is { } missing)
            return missing;
        switch (await store.CloseEventAsync(id, Now, cancellationToken))
        {
            case EventCloseOutcome.Closed:
                await audit.RecordAsync(AuditAction.Update, AuditSubject.ChairEvent, id.ToString(), "closed; figures final", CancellationToken.None);
                return Redirect($"/practice/events/{id}");
            case EventCloseOutcome.NotOver:
                return Refuse(StatusCodes.Status409Conflict, $"The event has not ended yet: close it after {ChairEventText.Clock(Event.End)}.");
            case EventCloseOutcome.NotConfirmed(var status):
                return Refuse(StatusCodes.Status409Conflict, $"Only a confirmed event can be closed; this one is {StatusText(status)}.");
            default:
                return NotFound();
        }
    }

    /// <summary>How the page writes a status: "called off" for <see cref="ChairEventStatus.Cancelled"/>.</summary>
    public static string StatusText(ChairEventStatus status) => ChairEventText.Status(status).ToLowerInvariant();

    private PageResult Refuse(int status, string message)
    {
        Error = message;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult?> Load(Guid id, CancellationToken cancellationToken)
    {
        var e = await store.GetAsync(id, cancellationToken);
        if (e is null)
            return NotFound();
        var (practice, unavailable) = await schedules.CurrentAsync(db, cancellationToken);
        if (practice is null)
            return StatusCode(StatusCodes.Status503ServiceUnavailable, unavailable ?? PracticeSchedules.NotSetUp);
        Event = e;
        Therapists = practice.Setup.Therapists;
        Slots = e.Status == ChairEventStatus.Requested ? [] : await store.SlotBookingsAsync(id, cancellationToken);
        Summary = e.Status == ChairEventStatus.Closed ? await store.SummaryAsync(id, practice.Setup, StraightLineTravel.For(practice.Setup), cancellationToken) : null;
        return null;
    }
}
