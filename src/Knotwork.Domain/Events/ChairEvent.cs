using Knotwork.Domain.Booking;
using NodaTime;

namespace Knotwork.Domain.Events;

/// <summary>
/// A chair massage event as the owner confirms it: where, when, the slot length, and the therapist at each chair. Once
/// confirmed, its <see cref="BusyTime"/> is given to the <see cref="Scheduler"/> with the other bookings, so each
/// therapist's time there (with setup, pack-up and the drives) is kept from visits exactly as a visit's is.
/// </summary>
public sealed record ChairEvent
{
    /// <summary>The prefix of the ids of the busy time an event gives the scheduler.</summary>
    public const string BusyTimeIdPrefix = "event:";

    /// <summary>The event's id.</summary>
    public required string Id { get; init; }

    /// <summary>The workplace's five-digit ZIP.</summary>
    public required string Zip { get; init; }

    /// <summary>The day, in the practice's time zone.</summary>
    public required LocalDate Date { get; init; }

    /// <summary>When the first slot starts, local time.</summary>
    public required LocalTime Start { get; init; }

    /// <summary>When the event ends, local time.</summary>
    public required LocalTime End { get; init; }

    /// <summary>Each employee's slot, in minutes.</summary>
    public required int SlotMinutes { get; init; }

    /// <summary>The therapist at each chair: chair 1 is the first. One therapist per chair.</summary>
    public required IReadOnlyList<string> TherapistIds { get; init; }

    /// <summary>How many chairs.</summary>
    public int Chairs => TherapistIds.Count;

    /// <summary>When the event runs (see <see cref="EventTimes"/>).</summary>
    /// <exception cref="ArgumentException">The times do not make an event that day.</exception>
    public Interval Times(DateTimeZone zone) => EventTimes.Resolve(zone, Date, Start, End);

    /// <summary>The event's slots (see <see cref="EventSlots.For"/>).</summary>
    public IReadOnlyList<EventSlot> Slots(DateTimeZone zone) => EventSlots.For(zone, Date, Start, End, Chairs, SlotMinutes);

    /// <summary>
    /// The event as the scheduler's busy time: one booking per therapist at the event's ZIP from its start to its end,
    /// with the id <see cref="BusyTimeId"/>. The scheduler adds each therapist's setup before and pack-up after, and the
    /// drives from and to their other visits, as it does for a visit.
    /// </summary>
    public IReadOnlyList<ExistingBooking> BusyTime(DateTimeZone zone)
    {
        var times = Times(zone);
        return [.. TherapistIds.Distinct(StringComparer.Ordinal).Select(t => new ExistingBooking(BusyTimeId(Id, t), t, Zip, times.Start, times.End))];
    }

    /// <summary>The id of the busy time event <paramref name="eventId"/> gives therapist <paramref name="therapistId"/>: <c>event:ID:THERAPIST</c>.</summary>
    public static string BusyTimeId(string eventId, string therapistId) => $"{BusyTimeIdPrefix}{eventId}:{therapistId}";

    /// <summary>Whether <paramref name="booking"/> is busy time of the event <paramref name="eventId"/>.</summary>
    public static bool IsBusyTimeOf(ExistingBooking booking, string eventId)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return booking.Id.StartsWith($"{BusyTimeIdPrefix}{eventId}:", StringComparison.Ordinal);
    }
}
