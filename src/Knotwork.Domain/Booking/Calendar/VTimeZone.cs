using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Knotwork.Domain.Booking.Calendar;

/// <summary>
/// Writes a <c>VTIMEZONE</c> from a NodaTime zone: one <c>STANDARD</c> or <c>DAYLIGHT</c> observance per transition
/// from the one in force on 1 January of the first year to the last one of the last year. Each observance states
/// its exact start, so no reader has to evaluate a recurrence rule (and a zone's rules may change between years).
/// </summary>
internal static class VTimeZone
{
    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss");

    /// <summary>Where an observance without a known start is said to begin (a zone with no transitions at all).</summary>
    private static readonly LocalDateTime Epoch = new(1970, 1, 1, 0, 0);

    public static void Write(ContentLines lines, DateTimeZone zone, int firstYear, int lastYear)
    {
        var from = Instant.FromUtc(firstYear, 1, 1, 0, 0) - Duration.FromDays(1);
        var to = Instant.FromUtc(lastYear + 1, 1, 1, 0, 0) + Duration.FromDays(1);

        lines.Raw("BEGIN", "VTIMEZONE");
        lines.Text("TZID", zone.Id);
        lines.Text("X-LIC-LOCATION", zone.Id);
        foreach (var interval in zone.GetZoneIntervals(from, to))
        {
            // DTSTART is the wall time at the transition, read on the clock being left (RFC 5545 3.6.5).
            var (offsetFrom, start) = interval.HasStart
                ? (zone.GetUtcOffset(interval.Start - Duration.Epsilon), interval.Start.WithOffset(zone.GetUtcOffset(interval.Start - Duration.Epsilon)).LocalDateTime)
                : (interval.WallOffset, Epoch);
            var kind = interval.Savings == Offset.Zero ? "STANDARD" : "DAYLIGHT";
            lines.Raw("BEGIN", kind);
            lines.Raw("DTSTART", LocalPattern.Format(start));
            lines.Raw("TZOFFSETFROM", OffsetText(offsetFrom));
            lines.Raw("TZOFFSETTO", OffsetText(interval.WallOffset));
            lines.Text("TZNAME", interval.Name);
            lines.Raw("END", kind);
        }

        lines.Raw("END", "VTIMEZONE");
    }

    /// <summary>An RFC 5545 UTC offset: <c>-0800</c>, <c>+0530</c>, with seconds only when there are some.</summary>
    internal static string OffsetText(Offset offset)
    {
        var seconds = offset.Seconds;
        var sign = seconds < 0 ? "-" : "+";
        seconds = Math.Abs(seconds);
        var text = sign + (seconds / 3600).ToString("00", CultureInfo.InvariantCulture) + (seconds / 60 % 60).ToString("00", CultureInfo.InvariantCulture);
        return seconds % 60 == 0 ? text : text + (seconds % 60).ToString("00", CultureInfo.InvariantCulture);
    }
}
