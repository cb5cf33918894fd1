using Knotwork.Data.Entities;
using Knotwork.Domain.Events;
using NodaTime;

namespace Knotwork.Data.Events;

/// <summary>What became of an employer's request for an event.</summary>
public abstract record EventRequestOutcome
{
    private EventRequestOutcome()
    {
    }

    /// <summary>Stored as <see cref="ChairEventStatus.Requested"/> at the quoted price, for the owner to answer.</summary>
    /// <param name="Event">The stored event.</param>
    /// <param name="Quote">The price quoted.</param>
    public sealed record Requested(ChairEventRecord Event, EventQuote.Offered Quote) : EventRequestOutcome;

    /// <summary>The request has problems (see <see cref="EventRequest.Problems"/>); nothing was stored.</summary>
    /// <param name="Problems">Every problem, per form field.</param>
    public sealed record Invalid(IReadOnlyList<EventRequestProblem> Problems) : EventRequestOutcome;

    /// <summary>The event cannot be quoted (see <see cref="EventQuote.NotOffered"/>); nothing was stored.</summary>
    /// <param name="Reason">Why, for the employer.</param>
    public sealed record NotOffered(string Reason) : EventRequestOutcome;
}

/// <summary>What became of the owner confirming an event.</summary>
public abstract record EventConfirmOutcome
{
    private EventConfirmOutcome()
    {
    }

    /// <summary>
    /// Confirmed: the therapists are assigned and their time is held. The two tokens are given this once (only their
    /// hashes are stored): <paramref name="EmployeeToken"/> for the employees' link, <paramref name="RosterToken"/> for
    /// the employer's roster link.
    /// </summary>
    /// <param name="Event">The event as saved, with its therapists.</param>
    /// <param name="EmployeeToken">The private token of the employees' link.</param>
    /// <param name="RosterToken">The private token of the employer's roster link.</param>
    public sealed record Confirmed(ChairEventRecord Event, string EmployeeToken, string RosterToken) : EventConfirmOutcome;

    /// <summary>Not confirmed: every conflict (see <see cref="EventConfirmation.Conflicts"/>); nothing changed.</summary>
    /// <param name="Conflicts">What stands in the way, per chair.</param>
    public sealed record Refused(IReadOnlyList<EventConflict> Conflicts) : EventConfirmOutcome;

    /// <summary>The event was answered before (confirmed, declined...); nothing changed.</summary>
    /// <param name="Status">Where it stands.</param>
    public sealed record NotRequested(ChairEventStatus Status) : EventConfirmOutcome;

    /// <summary>No event with that id.</summary>
    public sealed record NotFound : EventConfirmOutcome;
}

/// <summary>What became of the owner declining an event.</summary>
public abstract record EventDeclineOutcome
{
    private EventDeclineOutcome()
    {
    }

    /// <summary>Declined.</summary>
    /// <param name="Event">The event as saved.</param>
    public sealed record Declined(ChairEventRecord Event) : EventDeclineOutcome;

    /// <summary>The event was answered before; nothing changed.</summary>
    /// <param name="Status">Where it stands.</param>
    public sealed record NotRequested(ChairEventStatus Status) : EventDeclineOutcome;

    /// <summary>No event with that id.</summary>
    public sealed record NotFound : EventDeclineOutcome;
}

/// <summary>What became of the owner calling off a confirmed event.</summary>
public abstract record EventCancelOutcome
{
    private EventCancelOutcome()
    {
    }

    /// <summary>
    /// Called off: the therapists' time is free, the employees' link no longer offers slots and no reminders go.
    /// <paramref name="Booked"/> are the employees who held a slot, to be told (their rows stay as they were, for the record).
    /// </summary>
    /// <param name="Event">The event as saved.</param>
    /// <param name="Booked">The slots booked when it was called off, in time order.</param>
    /// <param name="Waiting">Who was still on the waiting list, to be told too.</param>
    public sealed record Cancelled(ChairEventRecord Event, IReadOnlyList<EventSlotBookingRecord> Booked, IReadOnlyList<EventWaitRecord> Waiting) : EventCancelOutcome;

    /// <summary>The event has started: it can no longer be called off; nothing changed.</summary>
    public sealed record Started : EventCancelOutcome;

    /// <summary>The event is not confirmed (still requested, declined, closed or called off already); nothing changed.</summary>
    /// <param name="Status">Where it stands.</param>
    public sealed record NotConfirmed(ChairEventStatus Status) : EventCancelOutcome;

    /// <summary>No event with that id.</summary>
    public sealed record NotFound : EventCancelOutcome;
}

/// <summary>What became of the owner closing a held event.</summary>
public abstract record EventCloseOutcome
{
    private EventCloseOutcome()
    {
    }

    /// <summary>Closed: its figures (attendance, the summary) are final.</summary>
    /// <param name="Event">The event as saved.</param>
    public sealed record Closed(ChairEventRecord Event) : EventCloseOutcome;

    /// <summary>The event has not ended yet; nothing changed.</summary>
    public sealed record NotOver : EventCloseOutcome;

    /// <summary>The event is not confirmed (still requested, declined, closed or called off already); nothing changed.</summary>
    /// <param name="Status">Where it stands.</param>
    public sealed record NotConfirmed(ChairEventStatus Status) : EventCloseOutcome;

    /// <summary>No event with that id.</summary>
    public sealed record NotFound : EventCloseOutcome;
}

/// <summary>What became of an employee asking for a slot; each case maps to one answer of the event page.</summary>
public abstract record SlotBookingOutcome
{
    private SlotBookingOutcome()
    {
    }

    /// <summary>Booked: the slot is theirs. <paramref name="CancelToken"/> is for the cancel link in their e-mail.</summary>
    /// <param name="Booking">The booking as saved.</param>
    /// <param name="Slot">The slot, with its local times.</param>
    /// <param name="CancelToken">The private token of the employee's cancel link (see <see cref="EventStore.CancelTokenFor"/>).</param>
    public sealed record Booked(EventSlotBookingRecord Booking, EventSlot Slot, string CancelToken) : SlotBookingOutcome;

    /// <summary>Someone else has that slot (409); <paramref name="Free"/> are the slots still free (never empty: else <see cref="EventFull"/>).</summary>
    /// <param name="Free">The free slots, chair by chair in time order.</param>
    public sealed record SlotTaken(IReadOnlyList<EventSlot> Free) : SlotBookingOutcome;

    /// <summary>Every slot is taken (409): offer the waiting list.</summary>
    public sealed record EventFull : SlotBookingOutcome;

    /// <summary>The sign-up is closed: the employer closed it, the event has started, or it was called off.</summary>
    /// <param name="Message">What to tell the employee.</param>
    public sealed record Closed(string Message) : SlotBookingOutcome;

    /// <summary>This e-mail address already has slot <paramref name="SlotId"/> at the event (one slot per employee).</summary>
    /// <param name="SlotId">Their slot.</param>
    public sealed record AlreadyBooked(string SlotId) : SlotBookingOutcome;

    /// <summary>The input cannot be a booking (422): a missing or overlong name, no e-mail address, a slot the event does not have...</summary>
    /// <param name="Message">What is wrong.</param>
    public sealed record Invalid(string Message) : SlotBookingOutcome;

    /// <summary>No confirmed event with that id and employee token (404): the same answer for both.</summary>
    public sealed record NotFound : SlotBookingOutcome;
}

/// <summary>Someone on the waiting list who was given a freed slot: the web layer e-mails them.</summary>
/// <param name="Entry">Their waiting-list entry (name and e-mail address).</param>
/// <param name="Booking">The slot booking made for them (no screening answers yet).</param>
/// <param name="Slot">The slot, with its local times.</param>
/// <param name="CancelToken">The private token of their cancel link.</param>
public sealed record PromotedWaiter(EventWaitRecord Entry, EventSlotBookingRecord Booking, EventSlot Slot, string CancelToken);

/// <summary>What became of an employee cancelling their slot.</summary>
public abstract record SlotCancellationOutcome
{
    private SlotCancellationOutcome()
    {
    }

    /// <summary>Cancelled: the slot is free again, or was given to <paramref name="Promoted"/> from the waiting list.</summary>
    /// <param name="Booking">The cancelled booking.</param>
    /// <param name="Promoted">Who was given the slot, or null when nobody waits (or the sign-up is closed).</param>
    public sealed record Cancelled(EventSlotBookingRecord Booking, PromotedWaiter? Promoted) : SlotCancellationOutcome;

    /// <summary>An earlier request cancelled it; nothing changed.</summary>
    /// <param name="Booking">The booking.</param>
    public sealed record AlreadyCancelled(EventSlotBookingRecord Booking) : SlotCancellationOutcome;

    /// <summary>The slot has started: it can no longer be cancelled.</summary>
    public sealed record TooLate : SlotCancellationOutcome;

    /// <summary>The practice called the event off: the slot stays as it was, for the record; there is nothing to free.</summary>
    public sealed record EventCalledOff : SlotCancellationOutcome;

    /// <summary>No slot booking with that token (404).</summary>
    public sealed record NotFound : SlotCancellationOutcome;
}

/// <summary>What became of an employee asking to join the waiting list.</summary>
public abstract record WaitingListOutcome
{
    private WaitingListOutcome()
    {
    }

    /// <summary>On the list (also when they were already on it), at <paramref name="Position"/> (from 1).</summary>
    /// <param name="Entry">Their entry.</param>
    /// <param name="Position">How many are ahead of them, plus one.</param>
    public sealed record Joined(EventWaitRecord Entry, int Position) : WaitingListOutcome;

    /// <summary>The event is not full: book one of <paramref name="Free"/> instead.</summary>
    /// <param name="Free">The free slots.</param>
    public sealed record HasFreeSlots(IReadOnlyList<EventSlot> Free) : WaitingListOutcome;

    /// <summary>This e-mail address already has slot <paramref name="SlotId"/>.</summary>
    /// <param name="SlotId">Their slot.</param>
    public sealed record AlreadyBooked(string SlotId) : WaitingListOutcome;

    /// <summary>The sign-up is closed.</summary>
    /// <param name="Message">What to tell the employee.</param>
    public sealed record Closed(string Message) : WaitingListOutcome;

    /// <summary>A missing or overlong name or e-mail address.</summary>
    /// <param name="Message">What is wrong.</param>
    public sealed record Invalid(string Message) : WaitingListOutcome;

    /// <summary>No confirmed event with that id and employee token.</summary>
    public sealed record NotFound : WaitingListOutcome;
}

/// <summary>What became of recording attendance.</summary>
public abstract record AttendanceOutcome
{
    private AttendanceOutcome()
    {
    }

    /// <summary>Recorded.</summary>
    /// <param name="Booking">The booking as saved.</param>
    public sealed record Recorded(EventSlotBookingRecord Booking) : AttendanceOutcome;

    /// <summary>The slot has not started yet: nobody can have come or not come.</summary>
    public sealed record NotYet : AttendanceOutcome;

    /// <summary>The slot was cancelled: there is nobody to record.</summary>
    public sealed record Cancelled : AttendanceOutcome;

    /// <summary>The event is closed (its figures are final) or was called off: attendance no longer changes.</summary>
    /// <param name="Status">Where the event stands.</param>
    public sealed record EventOver(ChairEventStatus Status) : AttendanceOutcome;

    /// <summary>No such slot booking (or not at the given therapist's chair).</summary>
    public sealed record NotFound : AttendanceOutcome;
}

/// <summary>One line of the employer's roster: who comes when, and nothing else (never the screening answers).</summary>
/// <param name="Chair">The chair, from 1.</param>
/// <param name="SlotId">The slot's id.</param>
/// <param name="Start">When the slot starts, local.</param>
/// <param name="End">When it ends, local.</param>
/// <param name="Name">The employee's name.</param>
public sealed record RosterLine(int Chair, string SlotId, ZonedDateTime Start, ZonedDateTime End, string Name);

/// <summary>The employer's roster of an event.</summary>
/// <param name="EventId">The event.</param>
/// <param name="Company">The company.</param>
/// <param name="Date">The day.</param>
/// <param name="Start">When the first slot starts.</param>
/// <param name="End">When the event ends.</param>
/// <param name="SlotsOffered">The slots of all chairs.</param>
/// <param name="SignUpClosed">Whether the employer closed the sign-up.</param>
/// <param name="Lines">The booked slots in time order, then by chair.</param>
/// <param name="CalledOff">Whether the practice called the event off.</param>
public sealed record EventRoster(Guid EventId, string Company, LocalDate Date, LocalTime Start, LocalTime End, int SlotsOffered, bool SignUpClosed, IReadOnlyList<RosterLine> Lines, bool CalledOff);

/// <summary>What the employees' page shows: the event and its free slots only.</summary>
/// <param name="Event">The event (company, day, times; its contact details are not for employees).</param>
/// <param name="Free">The free slots, chair by chair in time order.</param>
/// <param name="ClosedReason">Why employees can no longer book (see <see cref="SlotBookingOutcome.Closed"/>), or null while they can.</param>
public sealed record EventForEmployees(ChairEventRecord Event, IReadOnlyList<EventSlot> Free, string? ClosedReason)
{
    /// <summary>Whether employees can still book.</summary>
    public bool Open => ClosedReason is null;

    /// <summary>Whether every slot is taken.</summary>
    public bool Full => Free.Count == 0;
}
