using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NodaTime;

namespace Knotwork.Domain.Events;

/// <summary>
/// When an event runs: a local date with a local start and end time in the practice's time zone, turned into the
/// instants between which the therapists are at the chairs. The clocks are followed on the days they change: an event
/// from 00:00 to 04:00 lasts 3 hours on the spring-forward night and 5 on the fall-back night (America/Los_Angeles).
/// A start or end the clocks skip does not exist and is refused; one they repeat is read widely (the start at its
/// first occurrence, the end at its second), so the event covers all of the time the company asked for.
/// </summary>
public static class EventTimes
{
    /// <summary>
    /// The event's instants, or false with a message for the person asking: a time that does not exist that day, or an
    /// end that is not after the start.
    /// </summary>
    public static bool TryResolve(DateTimeZone zone, LocalDate date, LocalTime start, LocalTime end, out Interval times, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(zone);
        times = default;
        if (end <= start)
        {
            problem = $"The event ends at {Clock(end)}, which is not after it starts at {Clock(start)}; an event starts and ends on the same day.";
            return false;
        }

        var first = zone.MapLocal(date + start);
        var last = zone.MapLocal(date + end);
        foreach (var (mapping, time) in new[] { (first, start), (last, end) })
        {
            if (mapping.Count == 0)
            {
                problem = $"{Clock(time)} does not exist on {Day(date)}: the clocks go forward that night. Choose another time.";
                return false;
            }
        }

        times = new Interval(first.First().ToInstant(), last.Last().ToInstant());
        problem = null;
        return true;
    }

    /// <summary>The event's instants; for times already checked with <see cref="TryResolve"/>.</summary>
    /// <exception cref="ArgumentException">The times do not make an event that day.</exception>
    public static Interval Resolve(DateTimeZone zone, LocalDate date, LocalTime start, LocalTime end) =>
        TryResolve(zone, date, start, end, out var times, out var problem) ? times : throw new ArgumentException(problem);

    /// <summary>A time as people read it, e.g. "9:30 AM".</summary>
    internal static string Clock(LocalTime time) => time.ToString("h:mm tt", CultureInfo.InvariantCulture);

    /// <summary>A date as people read it, e.g. "Sunday, March 14, 2027".</summary>
    internal static string Day(LocalDate date) => date.ToString("dddd, MMMM d, yyyy", CultureInfo.InvariantCulture);
}
