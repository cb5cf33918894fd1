using System.Text;
using NodaTime;
using ParsedCalendar = Ical.Net.Calendar;

namespace Knotwork.Domain.Tests.Booking.Calendar;

/// <summary>Reads our iCalendar text back with an independent parser (Ical.Net), as a calendar app would.</summary>
internal static class Ics
{
    public static ParsedCalendar Parse(string text) =>
        ParsedCalendar.Load(text) ?? throw new InvalidOperationException("Ical.Net could not read the calendar.");

    /// <summary>The physical lines, split on CRLF only (a bare LF would stay inside a line and show up).</summary>
    public static string[] PhysicalLines(string text)
    {
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        return text[..^2].Split("\r\n");
    }

    /// <summary>The logical lines, unfolded (RFC 5545 3.1).</summary>
    public static string[] Unfolded(string text) => text.Replace("\r\n ", "", StringComparison.Ordinal).TrimEnd('\r', '\n').Split("\r\n");

    public static int Octets(string line) => Encoding.UTF8.GetByteCount(line);

    /// <summary>
    /// The instant a local time in the file stands for when read by the file's own VTIMEZONE, as Outlook does, not by
    /// looking up the TZID: the observance with the latest DTSTART at or before the local time gives the offset.
    /// </summary>
    public static Instant ByOwnTimeZone(ParsedCalendar calendar, string tzid, LocalDateTime local)
    {
        var zone = Assert.Single(calendar.TimeZones, z => z.TzId == tzid);
        var observance = zone.TimeZoneInfos
            .Select(o => (Start: LocalDateTime.FromDateTime(o.DtStart!.Value), To: o.OffsetTo!.Offset))
            .Where(o => o.Start <= local)
            .MaxBy(o => o.Start);
        Assert.NotEqual(default, observance);
        return local.WithOffset(Offset.FromTimeSpan(observance.To)).ToInstant();
    }
}
