namespace Knotwork.Data.Entities;

/// <summary>Whether a visit's chart can still change.</summary>
public enum VisitStatus
{
    /// <summary>Being charted: entries may be added and edited.</summary>
    Open,

    /// <summary>The therapist signed the note: the chart is locked; changes are amendments.</summary>
#pragma warning disable CA1720 // "signed" is the clinical word for a signed note here, not the integer type
    Signed,
#pragma warning restore CA1720
}

/// <summary>
/// A treatment visit with a client: from a booking, or started by the therapist without one. The trigger points
/// charted at it are <see cref="ChartEntries"/>.
/// </summary>
public sealed class VisitRecord
{
    public Guid Id { get; set; }

    /// <summary>The client treated.</summary>
    public Guid ClientId { get; set; }

    /// <summary>The booking this visit carries out, or null for a visit started without one.</summary>
    public Guid? BookingId { get; set; }

    /// <summary>The staff account that treats (and charts).</summary>
    public Guid TherapistUserId { get; set; }

    public DateTime StartedAtUtc { get; set; }

    public VisitStatus Status { get; set; }

    public DateTime? SignedAtUtc { get; set; }

    /// <summary>Who signed the note.</summary>
    public Guid? SignedById { get; set; }

    /// <summary>The therapist's assessment (the note's A); sealed.</summary>
    public string? Assessment { get; set; }

    /// <summary>The plan (the note's P): next visit, self-care; sealed.</summary>
    public string? Plan { get; set; }

    public List<ChartEntryRecord> ChartEntries { get; set; } = [];

    public List<NoteAmendmentRecord> Amendments { get; set; } = [];
}

/// <summary>
/// A change to a signed note: the signed note itself never changes; an amendment adds to it, with who and when.
/// </summary>
public sealed class NoteAmendmentRecord
{
    public Guid Id { get; set; }

    public Guid VisitId { get; set; }

    public DateTime AtUtc { get; set; }

    public Guid ById { get; set; }

    /// <summary>What is added or corrected; sealed.</summary>
    public string Text { get; set; } = string.Empty;
}

/// <summary>
/// One trigger point charted at a visit. <see cref="Id"/> is made on the therapist's phone, so a retried sync finds
/// the entry instead of adding it again. What was found is health data: it is kept as sealed JSON
/// (<see cref="DetailJson"/>), never as plain columns.
/// </summary>
public sealed class ChartEntryRecord
{
    /// <summary>The id the phone made for the entry.</summary>
    public Guid Id { get; set; }

    public Guid VisitId { get; set; }

    /// <summary>The point, side, signs, pressure tolerance, release, follow-up work and minutes, as JSON; sealed.</summary>
    public string DetailJson { get; set; } = string.Empty;

    /// <summary>When the therapist last changed the entry, by the phone's clock: a sync with an older copy changes nothing.</summary>
    public DateTime RecordedAtUtc { get; set; }

    /// <summary>When the server last stored it.</summary>
    public DateTime ReceivedAtUtc { get; set; }

    /// <summary>Who charted it.</summary>
    public Guid RecordedById { get; set; }
}

/// <summary>
/// The check-in two days after a visit: when it is due, when it was sent (claimed once, like reminders) and the
/// client's answers (soreness, pain now on the visit's pain map, the global impression of change), sealed as JSON.
/// </summary>
public sealed class CheckInRecord
{
    /// <summary>The visit asked about (one check-in per visit).</summary>
    public Guid VisitId { get; set; }

    public DateTime DueAtUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }

    public DateTime? AnsweredAtUtc { get; set; }

    /// <summary>The answers as JSON; sealed. Null until answered.</summary>
    public string? AnswersJson { get; set; }
}

/// <summary>
/// What a client sent before a booked visit: the pain map it saved (<see cref="PainMapId"/>), how long it has hurt, what
/// makes it worse, the five cause questions and the safety answers, sealed as JSON. <see cref="NeedsAttention"/> marks
/// the visit for the therapist (a red flag, a contraindication, a precaution or no consent); which ones is in the
/// sealed answers. One per booking: sending it again before the visit replaces it.
/// </summary>
public sealed class IntakeRecord
{
    /// <summary>The booking the intake is for.</summary>
    public Guid BookingId { get; set; }

    /// <summary>The client record the intake went to (made from the booking for a guest).</summary>
    public Guid ClientId { get; set; }

    /// <summary>The pain map saved with the intake; its id is the form's own, so a double submit stores one intake.</summary>
    public Guid PainMapId { get; set; }

    public DateTime SubmittedAtUtc { get; set; }

    /// <summary>The signed-in client who sent it, or null when sent through the booking's private link.</summary>
    public Guid? SubmittedById { get; set; }

    /// <summary>Whether the therapist must read it before working.</summary>
    public bool NeedsAttention { get; set; }

    /// <summary>The answers and what they raised, as JSON; sealed.</summary>
    public string AnswersJson { get; set; } = string.Empty;
}
