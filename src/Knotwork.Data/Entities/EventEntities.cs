namespace Knotwork.Data.Entities;

/// <summary>Where a chair massage event stands.</summary>
public enum ChairEventStatus
{
    /// <summary>An employer asked for it; the owner has not answered.</summary>
    Requested,

    /// <summary>The owner confirmed it with a therapist per chair: it holds their time, and employees can book slots.</summary>
    Confirmed,

    /// <summary>The owner declined the request; it never held anyone's time.</summary>
    Declined,

    /// <summary>The event has been held and its figures are final; it still shows as the therapists' busy time.</summary>
    Closed,

    /// <summary>Confirmed once, then called off: the therapists' time is free again.</summary>
    Cancelled,
}

/// <summary>Whether an employee's slot is still theirs.</summary>
public enum EventSlotStatus
{
    /// <summary>The slot is the employee's.</summary>
    Booked,

    /// <summary>The employee cancelled: the slot is free again; the row is kept for the record.</summary>
    Cancelled,
}

/// <summary>
/// A chair massage event an employer asked for (issue 11). The contact's name, e-mail address and phone, the
/// workplace's street address and the notes are sealed with the master key; the company's name and the ZIP stay plain
/// (the owner's list shows them, and the scheduler reads the ZIP for every event near a requested time). The day and
/// times are kept as the employer gave them (local to <see cref="TimeZone"/>) and as the instants they resolve to.
/// Only SHA-256 hashes of the employees' and the employer's link tokens are stored, never the tokens.
/// </summary>
public sealed class ChairEventRecord
{
    public Guid Id { get; set; }

    public ChairEventStatus Status { get; set; }

    public string Company { get; set; } = string.Empty;

    public string ContactName { get; set; } = string.Empty;

    public string ContactEmail { get; set; } = string.Empty;

    /// <summary>The contact's phone number, when they gave one.</summary>
    public string? ContactPhone { get; set; }

    /// <summary>The workplace's street address.</summary>
    public string Address { get; set; } = string.Empty;

    /// <summary>The workplace's five-digit ZIP.</summary>
    public string Zip { get; set; } = string.Empty;

    /// <summary>The practice's time zone when the event was asked for (IANA id): <see cref="Date"/>, <see cref="Start"/> and <see cref="End"/> are local to it.</summary>
    public string TimeZone { get; set; } = string.Empty;

    /// <summary>The day of the event, local.</summary>
    public DateOnly Date { get; set; }

    /// <summary>When the first slot starts, local.</summary>
    public TimeOnly Start { get; set; }

    /// <summary>When the event ends, local.</summary>
    public TimeOnly End { get; set; }

    /// <summary>The instant the event starts (the therapists arrive earlier to set up).</summary>
    public DateTime StartUtc { get; set; }

    /// <summary>The instant the event ends (the therapists pack up after).</summary>
    public DateTime EndUtc { get; set; }

    public int Chairs { get; set; }

    /// <summary>The length of each employee's slot: 10, 15 or 20 minutes.</summary>
    public int SlotMinutes { get; set; }

    /// <summary>The employer's notes for the therapists (the room, parking), or null.</summary>
    public string? Notes { get; set; }

    /// <summary>The price in US dollars quoted when the employer sent the request.</summary>
    public decimal QuotedPrice { get; set; }

    /// <summary>SHA-256 (hex) of the token in the employees' link, made on confirmation; null before.</summary>
    public string? EmployeeTokenHash { get; set; }

    /// <summary>SHA-256 (hex) of the token in the employer's roster link, made on confirmation; null before.</summary>
    public string? RosterTokenHash { get; set; }

    /// <summary>When the employer closed the sign-up, or null while employees can still book.</summary>
    public DateTime? SignUpClosedAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? ConfirmedAtUtc { get; set; }

    /// <summary>When the owner declined, called off or closed it, or null.</summary>
    public DateTime? DecidedAtUtc { get; set; }

    /// <summary>The therapists at the chairs (empty until confirmed).</summary>
    public List<EventTherapistRecord> Therapists { get; set; } = [];
}

/// <summary>The therapist the owner assigned to one chair of a confirmed event. One row per chair.</summary>
public sealed class EventTherapistRecord
{
    public Guid EventId { get; set; }

    /// <summary>The chair, from 1.</summary>
    public int Chair { get; set; }

    /// <summary>The therapist's id in the practice setup.</summary>
    public string TherapistId { get; set; } = string.Empty;
}

/// <summary>
/// An employee's answers to the three screening questions, passed to the therapist and never to the employer.
/// </summary>
/// <param name="RecentInjuryOrSurgery">A recent injury or surgery.</param>
/// <param name="ConditionToKnow">A condition the therapist should know about.</param>
/// <param name="AreasToAvoid">Somewhere they prefer not to be touched.</param>
/// <param name="Note">What they want the therapist to know, or null.</param>
public sealed record EventScreening(bool RecentInjuryOrSurgery, bool ConditionToKnow, bool AreasToAvoid, string? Note = null)
{
    /// <summary>The longest note.</summary>
    public const int MaxNote = 500;

    /// <summary>Whether any answer is "yes" (or a note was left): something for the therapist to read before the slot.</summary>
    public bool NeedsAttention => RecentInjuryOrSurgery || ConditionToKnow || AreasToAvoid || !string.IsNullOrWhiteSpace(Note);
}

/// <summary>
/// One employee's slot at a confirmed event. Their name, e-mail address and screening answers are sealed. One booked
/// row per (event, slot): a unique index over <see cref="EventId"/> and <see cref="SlotId"/> filtered to booked rows,
/// so cancelled rows stay for the record and release the slot.
/// </summary>
public sealed class EventSlotBookingRecord
{
    public Guid Id { get; set; }

    public Guid EventId { get; set; }

    /// <summary>The slot's stable id within the event (<c>2-0930</c>, see the domain's EventSlotId).</summary>
    public string SlotId { get; set; } = string.Empty;

    /// <summary>The chair, from 1 (also in <see cref="SlotId"/>; kept for the therapist's list).</summary>
    public int Chair { get; set; }

    public DateTime StartUtc { get; set; }

    public DateTime EndUtc { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    /// <summary>The screening answers, or null when not given yet (a slot taken from the waiting list).</summary>
    public EventScreening? Screening { get; set; }

    /// <summary>SHA-256 (hex) of the token in the employee's cancel link; the token itself is not stored.</summary>
    public string CancelTokenHash { get; set; } = string.Empty;

    public EventSlotStatus Status { get; set; }

    /// <summary>Whether they came, as the therapist recorded it; null until recorded.</summary>
    public Domain.Events.Attendance? Attendance { get; set; }

    /// <summary>The waiting-list entry this slot was given to, when it was.</summary>
    public Guid? FromWaitingListId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? CancelledAtUtc { get; set; }

    /// <summary>When the reminder before the slot was claimed for sending (once), or null.</summary>
    public DateTime? ReminderSentAtUtc { get; set; }
}

/// <summary>An employee waiting for a slot of a full event. Their name and e-mail address are sealed.</summary>
public sealed class EventWaitRecord
{
    public Guid Id { get; set; }

    public Guid EventId { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public DateTime JoinedAtUtc { get; set; }

    /// <summary>The slot a freed place was given to them in, or null while they wait.</summary>
    public string? PromotedSlotId { get; set; }

    /// <summary>The slot booking made for them, or null while they wait.</summary>
    public Guid? PromotedBookingId { get; set; }

    public DateTime? PromotedAtUtc { get; set; }
}
