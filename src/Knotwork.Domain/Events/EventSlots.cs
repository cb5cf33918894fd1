using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Knotwork.Domain.Events;

/// <summary>
/// A slot's stable id within its event, for URLs and the database: the chair and the local start time, as
/// <c>2-0930</c> (chair 2 at 09:30). A start in the hour the clocks repeat (01:00-01:59 on the fall-back night) is
/// <c>2-0130</c> the first time and <c>2-0130-2</c> the second.
/// </summary>
/// <param name="Chair">The chair, from 1.</param>
/// <param name="Start">The local start time.</param>
/// <param name="SecondOccurrence">Whether the start is the second occurrence of a local time the clocks repeat.</param>
public readonly record struct EventSlotId(int Chair, LocalTime Start, bool SecondOccurrence = false)
{
    private static readonly LocalTimePattern Pattern = LocalTimePattern.CreateWithInvariantCulture("HHmm");

    /// <summary>The id as text, e.g. <c>2-0930</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Chair}-{Pattern.Format(Start)}{(SecondOccurrence ? "-2" : "")}");

    /// <summary>Reads an id written by <see cref="ToString"/>; false for anything else (the chair must be 1 to <see cref="EventRequest.MaxChairs"/>).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out EventSlotId id)
    {
        id = default;
        if (text is null || text.Length is < 6 or > 8)
            return false;
        var parts = text.Split('-');
        if (parts.Length is < 2 or > 3 || (parts.Length == 3 && parts[2] != "2"))
            return false;
        if (parts[0].Length != 1 || parts[0][0] is < '1' or > '9' || parts[0][0] - '0' > EventRequest.MaxChairs)
            return false;
        if (parts[1].Length != 4 || !parts[1].All(char.IsAsciiDigit))
            return false;
        var parsed = Pattern.Parse(parts[1]);
        if (!parsed.Success)
            return false;
        id = new EventSlotId(parts[0][0] - '0', parsed.Value, parts.Length == 3);
        return true;
    }
}

/// <summary>One employee's slot at one chair.</summary>
/// <param name="Id">The slot's stable id.</param>
/// <param name="Start">When it starts, in the practice's time zone.</param>
/// <param name="End">When it ends.</param>
public sealed record EventSlot(EventSlotId Id, ZonedDateTime Start, ZonedDateTime End)
{
    /// <summary>The chair, from 1.</summary>
    public int Chair => Id.Chair;
}

/// <summary>The slot grid of an event.</summary>
public static class EventSlots
{
    /// <summary>
    /// The slots of an event, chair by chair and in time order: each chair has slots from the event's start, one after
    /// another, each <paramref name="slotMinutes"/> long, as long as the slot ends by the event's end (a last partial
    /// slot is dropped). The grid is in elapsed time, so on the nights the clocks change the slots still follow each
    /// other without a gap or an overlap, and their local times show the change.
    /// </summary>
    /// <exception cref="ArgumentException">The times do not make an event (check the request first), or the numbers are not positive.</exception>
    public static IReadOnlyList<EventSlot> For(DateTimeZone zone, LocalDate date, LocalTime start, LocalTime end, int chairs, int slotMinutes)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chairs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chairs, EventRequest.MaxChairs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slotMinutes);
        var times = EventTimes.Resolve(zone, date, start, end);
        var step = Duration.FromMinutes(slotMinutes);
        var grid = new List<(Instant Start, EventSlotId Id)>();
        for (var at = times.Start; at + step <= times.End; at += step)
        {
            var local = at.InZone(zone).LocalDateTime;
            var mapping = zone.MapLocal(local);
            grid.Add((at, new EventSlotId(0, local.TimeOfDay, mapping.Count == 2 && mapping.Last().ToInstant() == at)));
        }

        var slots = new List<EventSlot>(grid.Count * chairs);
        for (var chair = 1; chair <= chairs; chair++)
        {
            foreach (var (at, id) in grid)
                slots.Add(new EventSlot(id with { Chair = chair }, at.InZone(zone), (at + step).InZone(zone)));
        }

        return slots;
    }

    /// <summary>The slots of <paramref name="slots"/> not among <paramref name="taken"/>, in the same order; empty when the event is full.</summary>
    public static IReadOnlyList<EventSlot> Free(IEnumerable<EventSlot> slots, IEnumerable<EventSlotId> taken)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(taken);
        var gone = taken.ToHashSet();
        return [.. slots.Where(s => !gone.Contains(s.Id))];
    }
}
