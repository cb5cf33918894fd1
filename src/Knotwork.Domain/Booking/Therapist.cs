using NodaTime;

namespace Knotwork.Domain.Booking;

/// <summary>
/// A stretch of a weekday when a therapist works, in the practice's time zone, e.g. Tuesday 09:00-17:00. Working
/// time includes driving: the therapist leaves home no earlier than <see cref="Start"/> and is home again by
/// <see cref="End"/>. A day may have several stretches (a split shift).
/// </summary>
/// <param name="Day">The day of the week.</param>
/// <param name="Start">When the working stretch starts, local time.</param>
/// <param name="End">When it ends, local time; after <paramref name="Start"/> on the same day.</param>
public sealed record WorkingHours(IsoDayOfWeek Day, LocalTime Start, LocalTime End);

/// <summary>
/// A time the therapist does not work, in the practice's local time, e.g. 2027-03-12 12:00 to 2027-03-15 00:00. The
/// therapist is at home during it: home by <see cref="Start"/>, leaving home no earlier than <see cref="End"/>.
/// </summary>
/// <param name="Start">The first moment off.</param>
/// <param name="End">The first moment back at work; after <paramref name="Start"/>.</param>
/// <param name="Note">Why, for the owner (never shown to clients).</param>
public sealed record TimeOff(LocalDateTime Start, LocalDateTime End, string Note = "");

/// <summary>A licensed therapist who drives to clients.</summary>
public sealed record Therapist
{
    /// <summary>A stable id, e.g. <c>maria</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The name clients and the owner see.</summary>
    public required string Name { get; init; }

    /// <summary>The ZIP of the therapist's home base, where each working stretch starts and ends.</summary>
    public required string HomeZip { get; init; }

    /// <summary>The weekly working hours in the practice's time zone.</summary>
    public required IReadOnlyList<WorkingHours> WeeklyHours { get; init; }

    /// <summary>Time off, in the practice's local time.</summary>
    public IReadOnlyList<TimeOff> TimeOff { get; init; } = [];

    /// <summary>Minutes to set up the table or chair before a session starts (the therapist must have arrived by then).</summary>
    public int SetupMinutes { get; init; } = 15;

    /// <summary>Minutes to pack up after a session ends, before driving on.</summary>
    public int PackUpMinutes { get; init; } = 15;

    /// <summary>The ids of the services this therapist gives.</summary>
    public required IReadOnlyList<string> ServiceIds { get; init; }

    /// <summary>The ids of the areas this therapist visits.</summary>
    public required IReadOnlyList<string> AreaIds { get; init; }

    /// <summary>The setup time as a duration.</summary>
    public Duration Setup => Duration.FromMinutes(SetupMinutes);

    /// <summary>The pack-up time as a duration.</summary>
    public Duration PackUp => Duration.FromMinutes(PackUpMinutes);
}

/// <summary>The practice's booking rules.</summary>
public sealed record BookingPolicies
{
    /// <summary>How many days ahead a client may book: the last bookable day is today + this, in the practice's time zone. Default 60.</summary>
    public int HorizonDays { get; init; } = 60;

    /// <summary>How long before a session it may be booked at the latest. Default 12 hours.</summary>
    public Duration MinimumNotice { get; init; } = Duration.FromHours(12);

    /// <summary>The grid of offered start times in local time, from midnight: 15 gives 9:00, 9:15, 9:30... Default 15 minutes.</summary>
    public int SlotStepMinutes { get; init; } = 15;

    /// <summary>Inside this time before a session, a client cannot cancel online and is asked to contact the practice. Default 24 hours.</summary>
    public Duration CancellationWindow { get; init; } = Duration.FromHours(24);

    /// <summary>The fee for cancelling inside the window, in US dollars; recorded, not charged. Default 0.</summary>
    public decimal LateCancellationFee { get; init; }
}
