namespace Knotwork.Domain.Practice;

/// <summary>
/// The longest text each field of the practice's records may hold, in characters. Written once: the pages'
/// validation and the database model both read these, so a value the form accepts always fits its column.
/// </summary>
public static class FieldLimits
{
    /// <summary>A person's or the practice's name.</summary>
    public const int Name = 200;

    /// <summary>An e-mail address (RFC 5321 allows 254; Identity's column holds 256).</summary>
    public const int Email = 256;

    /// <summary>A phone number as typed.</summary>
    public const int Phone = 50;

    /// <summary>The street address of a home visit.</summary>
    public const int AddressLine = 300;

    /// <summary>A town or city.</summary>
    public const int City = 100;

    /// <summary>A ZIP or postal code.</summary>
    public const int PostalCode = 20;

    /// <summary>Medications in the client's own words.</summary>
    public const int Medications = 2000;

    /// <summary>Anything else on the health screening.</summary>
    public const int ScreeningNotes = 4000;

    /// <summary>A note on a pain map.</summary>
    public const int PainMapNote = 2000;

    /// <summary>The version string of a consent text.</summary>
    public const int ConsentVersion = 20;

    /// <summary>The id of a service, area or therapist in the practice setup.</summary>
    public const int SetupId = 100;

    /// <summary>A client's notes on a booking (parking, pets, what hurts).</summary>
    public const int BookingNotes = 2000;

    /// <summary>A section of a visit's note (assessment, plan) or an amendment.</summary>
    public const int NoteSection = 4000;

    /// <summary>An Idempotency-Key header's value.</summary>
    public const int IdempotencyKey = 200;

    /// <summary>An IANA time zone id.</summary>
    public const int TimeZone = 100;

    /// <summary>The shortest password accepted (ASVS 2.1.1: at least 12 characters).</summary>
    public const int PasswordMinimum = 12;

    /// <summary>
    /// The longest password accepted (ASVS 2.1.2 asks for at least 64 and at most 128 characters): longer input is
    /// refused with a clear message rather than hashed.
    /// </summary>
    public const int PasswordMaximum = 128;
}
