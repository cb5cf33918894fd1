using Knotwork.Domain.Clients;
using Microsoft.AspNetCore.Identity;

namespace Knotwork.Data.Entities;

// Persistence shapes: plain classes EF maps. Rules live in Knotwork.Domain; times are UTC DateTime
// (SQLite cannot order by DateTimeOffset, Npgsql writes only UTC), shown in the practice's time zone.

/// <summary>A person who signs in: owner, therapist or client (roles say which).</summary>
public sealed class KnotworkUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>
    /// The time step (Unix seconds / 30) of the last authenticator code accepted for this account, 0 before any:
    /// a code of this step or an earlier one is refused, so each code works once (ASVS 2.8.4).
    /// </summary>
    public long LastTotpStep { get; set; }
}

/// <summary>The practice itself: one row, created by the first-run setup.</summary>
public sealed class PracticeSettings
{
    public int Id { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>IANA time zone the practice shows times in, e.g. America/Los_Angeles.</summary>
    public string TimeZone { get; set; } = "America/Los_Angeles";

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>A client's record: contact, address for home visits, health screening and consents.</summary>
public sealed class ClientRecord
{
    public Guid Id { get; set; }

    /// <summary>The client's own account, when they have one.</summary>
    public Guid? UserId { get; set; }

    public string FullName { get; set; } = string.Empty;

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? AddressLine { get; set; }

    public string? City { get; set; }

    public string? PostalCode { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    public List<ScreeningItem> ScreeningItems { get; set; } = [];

    public string? Medications { get; set; }

    public string? ScreeningNotes { get; set; }

    public DateTime? ScreenedAtUtc { get; set; }

    public string? TreatmentConsentVersion { get; set; }

    public DateTime? TreatmentConsentAtUtc { get; set; }

    public string? PrivacyConsentVersion { get; set; }

    public DateTime? PrivacyConsentAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public List<TherapistAssignment> Assignments { get; set; } = [];

    public List<PainMapRecord> PainMaps { get; set; } = [];
}

/// <summary>A therapist who may see a client's records.</summary>
public sealed class TherapistAssignment
{
    public Guid ClientId { get; set; }

    public Guid TherapistId { get; set; }

    public DateTime AssignedAtUtc { get; set; }
}

/// <summary>One marked region of a pain map, with its intensity (1-10) when given.</summary>
public sealed record PainMapMark(string Region, int? Intensity);

/// <summary>A saved finder query: what hurt, when, who recorded it, and what the finder answered then.</summary>
public sealed class PainMapRecord
{
    /// <summary>Chosen by the caller (the form carries it), so a retried save cannot store the map twice.</summary>
    public Guid Id { get; set; }

    public Guid ClientId { get; set; }

    /// <summary>Who recorded it; null when the client sent it with an intake through the booking's private link.</summary>
    public Guid? RecordedById { get; set; }

    public DateTime RecordedAtUtc { get; set; }

    public List<PainMapMark> Marks { get; set; } = [];

    public List<string> Context { get; set; } = [];

    /// <summary>The finder's answer at the time, in the finder's JSON contract.</summary>
    public string ResultJson { get; set; } = "{}";

    public string? Note { get; set; }
}

/// <summary>One read or change of health data: who, what, which record, when, from where. Append-only.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    public Guid? UserId { get; set; }

    public string? UserName { get; set; }

    /// <summary>read, create, update, delete, export, sign-in ...</summary>
    public string Action { get; set; } = string.Empty;

    public string EntityType { get; set; } = string.Empty;

    public string? EntityId { get; set; }

    public string? RemoteAddress { get; set; }

    public string? Detail { get; set; }

    /// <summary>
    /// HMAC-SHA256 (hex) over this entry and the previous entry's hash (see <c>AuditChain</c>); null only on entries
    /// written before the log was chained.
    /// </summary>
    public string? Hash { get; set; }
}

/// <summary>
/// An e-mail held because no SMTP server is configured: the owner reads it on the Held mail page and forwards the
/// links by hand. (Not an outbox of scheduled messages: those are sent later by a mail server.)
/// </summary>
public sealed class HeldMessage
{
    public Guid Id { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string To { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string HtmlBody { get; set; } = string.Empty;

    /// <summary>The attachments (an invitation's .ics), as JSON: <c>[{"fileName", "contentType", "content"}]</c>; null for none.</summary>
    public string? AttachmentsJson { get; set; }
}

/// <summary>
/// A signed-in session, kept on the server: the sign-in cookie carries only <see cref="Key"/>, so ending a session
/// here (sign-out, sign out everywhere, a new password, a two-factor change, an idle or absolute timeout) ends it for
/// every copy of the cookie at once.
/// </summary>
public sealed class SessionRecord
{
    /// <summary>A random key (256 bits, base64url): the cookie's only content, itself protected by the cookie.</summary>
    public string Key { get; set; } = string.Empty;

    public Guid UserId { get; set; }

    /// <summary>The account's security stamp when the session was issued: a newer stamp ends the session.</summary>
    public string? SecurityStamp { get; set; }

    /// <summary>Whether the account is staff (owner or therapist): staff sessions have a shorter idle timeout.</summary>
    public bool Staff { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The last request seen (updated at most once a minute).</summary>
    public DateTime LastSeenAtUtc { get; set; }

    /// <summary>The absolute end of the session, however active it is.</summary>
    public DateTime ExpiresAtUtc { get; set; }

    /// <summary>The authentication ticket, serialized and protected by data protection.</summary>
    public byte[] Ticket { get; set; } = [];
}

/// <summary>
/// A known text sealed with the master key when the database was first opened with one. At start-up Knotwork
/// opens it: if the key does not open it, the key was lost or changed, and the app refuses to start rather than
/// write data no one could read beside data it cannot read.
/// </summary>
public sealed class EncryptionKeyCheck
{
    public int Id { get; set; }

    /// <summary>The master key's public fingerprint, for messages.</summary>
    public string KeyId { get; set; } = string.Empty;

    public string Sealed { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }
}
