using NodaTime;

namespace Knotwork.Domain.Booking;

/// <summary>
/// A visit already booked, as the scheduler needs it: who, where, and when the session runs. The therapist is busy
/// from <see cref="Therapist.SetupMinutes"/> before <see cref="Start"/> to <see cref="Therapist.PackUpMinutes"/>
/// after <see cref="End"/>, plus the drive there and away.
/// </summary>
/// <param name="Id">The booking's id.</param>
/// <param name="TherapistId">The therapist who visits.</param>
/// <param name="Zip">The five-digit ZIP of the visit's address.</param>
/// <param name="Start">When the session starts.</param>
/// <param name="End">When the session ends; after <paramref name="Start"/>.</param>
public sealed record ExistingBooking(string Id, string TherapistId, string Zip, Instant Start, Instant End);

/// <summary>What a client asks for: times for a service at their ZIP over some days.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="Zip">The client's ZIP (five digits or ZIP+4).</param>
/// <param name="From">The first day, in the practice's time zone.</param>
/// <param name="Days">How many days from <paramref name="From"/>, 1 to 366.</param>
public sealed record AvailabilityRequest(string ServiceId, string Zip, LocalDate From, int Days);

/// <summary>A time offered to a client: the session's start and end in the practice's time zone, who comes, and the price.</summary>
/// <param name="Start">When the session starts (the therapist has arrived and set up by then).</param>
/// <param name="End">When the session ends.</param>
/// <param name="TherapistId">The therapist who can be there.</param>
/// <param name="Price">The price in US dollars for the client's area.</param>
public sealed record Slot(ZonedDateTime Start, ZonedDateTime End, string TherapistId, decimal Price);

/// <summary>A proposed booking to check: the client's choice of service, ZIP, start and (optionally) therapist.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="Zip">The client's ZIP.</param>
/// <param name="Start">The chosen start.</param>
/// <param name="TherapistId">The chosen therapist, or null for any who can come.</param>
public sealed record BookingProposal(string ServiceId, string Zip, Instant Start, string? TherapistId = null);

/// <summary>Why a time cannot be booked.</summary>
public enum BookingProblem
{
    /// <summary>The request itself is malformed (e.g. a negative number of days).</summary>
    InvalidRequest,

    /// <summary>The ZIP is malformed or not in the ZIP table.</summary>
    UnknownZip,

    /// <summary>The practice does not visit the ZIP.</summary>
    OutOfArea,

    /// <summary>No such service.</summary>
    UnknownService,

    /// <summary>The service is not offered in the client's area (no price, or no therapist gives it there).</summary>
    ServiceNotInArea,

    /// <summary>No such therapist.</summary>
    UnknownTherapist,

    /// <summary>The chosen therapist does not give this service or visit this area.</summary>
    TherapistDoesNotOffer,

    /// <summary>The start is sooner than the minimum notice (or in the past).</summary>
    TooSoon,

    /// <summary>The start is further ahead than clients may book.</summary>
    BeyondHorizon,

    /// <summary>The start is not on the practice's grid of start times (or is a local time that does not exist).</summary>
    NotAStartTime,

    /// <summary>The visit, with setup and pack-up, is not inside the therapist's working hours.</summary>
    OutsideWorkingHours,

    /// <summary>Within working hours, but the drive from or back to home base does not fit in them.</summary>
    OutOfReachFromHome,

    /// <summary>The therapist has time off then (set after the time was offered, or the client guessed).</summary>
    TimeOff,

    /// <summary>Another booking overlaps the visit.</summary>
    Taken,

    /// <summary>The therapist cannot drive from the previous visit, or on to the next, in time.</summary>
    Unreachable,

    /// <summary>The practice's setup (hours, time off, services) changed while the booking was being made: the time must be checked again.</summary>
    SetupChanged,
}

/// <summary>Facts about <see cref="BookingProblem"/>.</summary>
public static class BookingProblems
{
    /// <summary>
    /// Whether the time could have been offered but is no longer free (HTTP 409, with the nearest free times), as
    /// opposed to never offerable to this client (HTTP 422: out of area, outside hours, too soon...).
    /// </summary>
    public static bool IsConflict(this BookingProblem problem) =>
        problem is BookingProblem.Taken or BookingProblem.Unreachable or BookingProblem.TimeOff or BookingProblem.SetupChanged;
}

/// <summary>A reason a time cannot be booked, with a message for the client.</summary>
/// <param name="Problem">What kind of reason.</param>
/// <param name="Message">The reason in words a client understands.</param>
public sealed record BookingRejection(BookingProblem Problem, string Message)
{
    /// <summary>See <see cref="BookingProblems.IsConflict"/>.</summary>
    public bool IsConflict => Problem.IsConflict();
}

/// <summary>The times offered for a request, or why none can be.</summary>
public sealed record AvailabilityResult
{
    private AvailabilityResult(IReadOnlyList<Slot> slots, BookingRejection? rejection, ServiceArea? area, decimal? price)
    {
        Slots = slots;
        Rejection = rejection;
        Area = area;
        Price = price;
    }

    /// <summary>The times offered, by start, then therapist (the same start may come once per therapist). Empty when rejected.</summary>
    public IReadOnlyList<Slot> Slots { get; }

    /// <summary>Why the request cannot be answered with times (unknown ZIP, out of area...), or null.</summary>
    public BookingRejection? Rejection { get; }

    /// <summary>The client's area, when the ZIP is in one.</summary>
    public ServiceArea? Area { get; }

    /// <summary>The price of the service in the client's area, when it has one.</summary>
    public decimal? Price { get; }

    internal static AvailabilityResult Offered(IReadOnlyList<Slot> slots, ServiceArea area, decimal price) => new(slots, null, area, price);

    internal static AvailabilityResult Rejected(BookingRejection rejection, ServiceArea? area = null) => new([], rejection, area, null);
}

/// <summary>The answer to "can this proposed booking be made now?".</summary>
public abstract record SlotCheck
{
    private SlotCheck()
    {
    }

    /// <summary>The time is free: book <see cref="Slot"/> (its therapist was chosen if the proposal named none).</summary>
    /// <param name="Slot">The slot to book.</param>
    public sealed record Free(Slot Slot) : SlotCheck;

    /// <summary>The time cannot be booked, and why.</summary>
    /// <param name="Rejection">The reason.</param>
    public sealed record Rejected(BookingRejection Rejection) : SlotCheck;
}
