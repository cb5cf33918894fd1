using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Data.Events;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Events;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Knotwork.Web.Pages.Practice;

/// <summary>
/// A confirmed chair massage event for its therapists: who comes to their chair when, with the screening answers
/// (which the employer never sees), and whether each came or did not (once their slot has started); with the event's
/// summary. A therapist sees their own chair, the owner every chair; anyone else, or an unknown event, gets a 404.
/// </summary>
[Authorize(Policy = Roles.StaffPolicy)]
internal sealed class EventAttendanceModel(
    PracticeSchedules schedules, KnotworkDbContext db, EventStore store, AuditTrail audit, TimeProvider clock) : PageModel
{
    public ChairEventRecord Event { get; private set; } = null!;

    /// <summary>The booked slots shown: the therapist's chair, or every chair for the owner.</summary>
    public IReadOnlyList<EventSlotBookingRecord> Slots { get; private set; } = [];

    /// <summary>The event's figures, or null.</summary>
    public EventSummary? Summary { get; private set; }

    /// <summary>Whether the owner is looking (who also sees hours and drive time).</summary>
    public bool IsOwner { get; private set; }

    /// <summary>Why the last answer could not be recorded, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>The event's time zone, for the slots' times.</summary>
    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    /// <summary>The signed-in therapist's id (null for the owner, who sees every chair).</summary>
    private string? _therapistId;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await Load(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, Guid slot, string? attendance, CancellationToken cancellationToken)
    {
        if (await Load(id, cancellationToken) is { } missing)
            return missing;
        Attendance? answer = attendance switch { "came" => Attendance.Came, "no-show" => Attendance.NoShow, "clear" => Attendance.NotRecorded, _ => null };
        if (answer is null || Slots.All(s => s.Id != slot))
            return NotFound();
        switch (await store.RecordAttendanceAsync(slot, answer.Value, Instant.FromDateTimeOffset(clock.GetUtcNow()), _therapistId, cancellationToken))
        {
            case AttendanceOutcome.Recorded:
                await audit.RecordAsync(AuditAction.Update, AuditSubject.ChairEvent, slot.ToString(), $"attendance of a slot of event {id}: {attendance}", CancellationToken.None);
                return Redirect($"/practice/events/{id}/attendance");
            case AttendanceOutcome.NotYet:
                Error = "That slot has not started yet: record whether they came once it has.";
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case AttendanceOutcome.Cancelled:
                Error = "That slot was cancelled: there is nobody to record.";
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case AttendanceOutcome.EventOver(var status):
                Error = status == ChairEventStatus.Cancelled ? "This event was called off: there is nobody to record." : "This event is closed: its figures are final.";
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<IActionResult?> Load(Guid id, CancellationToken cancellationToken)
    {
        var e = await store.GetAsync(id, cancellationToken);
        if (e is null || e.Therapists.Count == 0)
            return NotFound();
        IsOwner = User.IsInRole(Roles.Owner);
        if (!IsOwner)
        {
            _therapistId = await db.OwnTherapistIdAsync(User, cancellationToken);
            if (_therapistId is null || e.Therapists.All(t => t.TherapistId != _therapistId))
                return NotFound();
        }

        var (practice, unavailable) = await schedules.CurrentAsync(db, cancellationToken);
        if (practice is null)
            return StatusCode(StatusCodes.Status503ServiceUnavailable, unavailable ?? PracticeSchedules.NotSetUp);
        var chairs = e.Therapists.Where(t => IsOwner || t.TherapistId == _therapistId).Select(t => t.Chair).ToHashSet();
        Event = e;
        Zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(e.TimeZone) ?? practice.Setup.TimeZone;
        Slots = [.. (await store.SlotBookingsAsync(id, cancellationToken)).Where(s => chairs.Contains(s.Chair))];
        Summary = await store.SummaryAsync(id, practice.Setup, StraightLineTravel.For(practice.Setup), cancellationToken);
        return null;
    }
}
