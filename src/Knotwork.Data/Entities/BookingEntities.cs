namespace Knotwork.Data.Entities;

/// <summary>
/// The practice's current booking setup, as the JSON of the practice setup file (<c>PracticeSetupFile</c>): one row.
/// <see cref="Version"/> grows by one with each change, so a save made from an older copy is refused rather than
/// undoing a newer one.
/// </summary>
public sealed class PracticeSetupRecord
{
    /// <summary>Always <see cref="CurrentId"/>.</summary>
    public int Id { get; set; }

    public int Version { get; set; }

    public string Json { get; set; } = string.Empty;

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>The id of the one row.</summary>
    public const int CurrentId = 1;
}

/// <summary>Whether a booking still holds its time.</summary>
public enum BookingStatus
{
    /// <summary>The visit will happen: the therapist's time is taken.</summary>
    Booked,

    /// <summary>Cancelled: the time is free again; the row is kept for the record.</summary>
    Cancelled,
}

/// <summary>
/// A visit booked by a client (or for them): who comes, when, where and for what price. The client's name, contact
/// details, street address and notes are sealed with the master key; the ZIP stays plain because availability reads
/// it for every booking near a requested time (it names a town, not a home).
/// </summary>
public sealed class BookingRecord
{
    public Guid Id { get; set; }

    /// <summary>The service's id in the practice setup.</summary>
    public string ServiceId { get; set; } = string.Empty;

    /// <summary>The therapist's id in the practice setup.</summary>
    public string TherapistId { get; set; } = string.Empty;

    /// <summary>The client's record, when the client has one (guests book without).</summary>
    public Guid? ClientId { get; set; }

    public BookingStatus Status { get; set; }

    /// <summary>When the session starts (the therapist arrives earlier to set up).</summary>
    public DateTime StartUtc { get; set; }

    /// <summary>When the session ends (the therapist packs up after).</summary>
    public DateTime EndUtc { get; set; }

    /// <summary>The five-digit ZIP of the visit.</summary>
    public string Zip { get; set; } = string.Empty;

    public string Address { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public string Phone { get; set; } = string.Empty;

    public string? Notes { get; set; }

    /// <summary>The price in US dollars quoted when booked.</summary>
    public decimal Price { get; set; }

    /// <summary>SHA-256 (hex) of the private token in the client's manage link; the token itself is not stored.</summary>
    public string ManageTokenHash { get; set; } = string.Empty;

    /// <summary>The client's Idempotency-Key, unique: a retried request finds this booking instead of making another.</summary>
    public string? IdempotencyKey { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? CancelledAtUtc { get; set; }

    public DateTime? ReminderSentAtUtc { get; set; }
}

/// <summary>
/// A therapist's private calendar feed: the SHA-256 (hex) of the long random token in its URL, never the token
/// itself. One row per therapist (the id from the practice setup); renewing replaces the hash, revoking the old URL.
/// </summary>
public sealed class TherapistFeedRecord
{
    /// <summary>The therapist's id in the practice setup.</summary>
    public string TherapistId { get; set; } = string.Empty;

    public string TokenHash { get; set; } = string.Empty;

    /// <summary>When the current token was made.</summary>
    public DateTime RenewedAtUtc { get; set; }
}

/// <summary>
/// Which staff account works as which therapist of the practice setup, set by the owner on the Staff page: a therapist
/// signed in sees their own day, week and bookings through it. One row per setup therapist; an account is linked to
/// at most one therapist.
/// </summary>
public sealed class TherapistAccountRecord
{
    /// <summary>The therapist's id in the practice setup.</summary>
    public string TherapistId { get; set; } = string.Empty;

    /// <summary>The staff account (owner or therapist) that works as this therapist.</summary>
    public Guid UserId { get; set; }

    public DateTime LinkedAtUtc { get; set; }
}
