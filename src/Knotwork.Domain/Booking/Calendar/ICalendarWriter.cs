using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Knotwork.Domain.Booking.Calendar;

/// <summary>
/// A calendar file to write: what it asks of the reader (<see cref="Method"/>), its events, and for feeds a name
/// and how often to refresh.
/// </summary>
public sealed record CalendarFile
{
    /// <summary>Publish (a feed or a plain file), request (an invitation or update) or cancel.</summary>
    public required CalendarMethod Method { get; init; }

    /// <summary>The events, written in this order.</summary>
    public required IReadOnlyList<CalendarEvent> Events { get; init; }

    /// <summary>The calendar's name for subscribed feeds (<c>X-WR-CALNAME</c>, read by Google, Apple and Outlook), or null.</summary>
    public string? Name { get; init; }

    /// <summary>How often a subscribing calendar should fetch the feed again (<c>REFRESH-INTERVAL</c> and <c>X-PUBLISHED-TTL</c>), or null.</summary>
    public Duration? RefreshInterval { get; init; }
}

/// <summary>
/// Writes <see cref="CalendarFile"/>s as iCalendar (RFC 5545) text: <c>VCALENDAR</c> with a <c>VTIMEZONE</c> per
/// time zone used, generated from the NodaTime zone with every transition in the events' years, so a reader that
/// trusts the file's own zone definition (Outlook) and one that looks the TZID up (Google, Apple) agree: a 09:00 visit
/// is 09:00 local in both, also on the day the clocks change.
/// </summary>
public static class ICalendarWriter
{
    /// <summary>The product id every file carries.</summary>
    public const string ProductId = "-//Knotwork//Booking//EN";

    /// <summary>The MIME type of the text, for a download, an attachment or a feed response.</summary>
    public const string MediaType = "text/calendar";

    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss");
    private static readonly InstantPattern UtcPattern = InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss'Z'");

    /// <summary>
    /// The file as iCalendar text with CRLF line endings. Throws <see cref="ArgumentException"/> for an event that
    /// ends before it starts, has no UID, a negative sequence, lacks the organizer a request or cancellation needs, or
    /// is not cancelled in a cancellation.
    /// </summary>
    public static string Write(CalendarFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        foreach (var e in file.Events)
            Check(e, file.Method);

        var lines = new ContentLines();
        lines.Raw("BEGIN", "VCALENDAR");
        lines.Raw("VERSION", "2.0");
        lines.Text("PRODID", ProductId);
        lines.Raw("CALSCALE", "GREGORIAN");
        lines.Raw("METHOD", file.Method switch
        {
            CalendarMethod.Publish => "PUBLISH",
            CalendarMethod.Request => "REQUEST",
            CalendarMethod.Cancel => "CANCEL",
            _ => throw new ArgumentOutOfRangeException(nameof(file), file.Method, "Unknown calendar method."),
        });
        if (file.Name is { } name)
            lines.Text("X-WR-CALNAME", name);
        if (file.RefreshInterval is { } refresh)
        {
            var period = DurationText(refresh);
            lines.Raw("REFRESH-INTERVAL", "VALUE", "DURATION", period);
            lines.Raw("X-PUBLISHED-TTL", period);
        }

        foreach (var zone in file.Events.SelectMany(e => new[] { e.Start, e.End }).GroupBy(t => t.Zone.Id, StringComparer.Ordinal))
        {
            var tz = zone.First().Zone;
            if (tz != DateTimeZone.Utc)
                VTimeZone.Write(lines, tz, zone.Min(t => t.Year), zone.Max(t => t.Year));
        }

        foreach (var e in file.Events)
            WriteEvent(lines, e);

        lines.Raw("END", "VCALENDAR");
        return lines.ToString();
    }

    private static void Check(CalendarEvent e, CalendarMethod method)
    {
        if (string.IsNullOrWhiteSpace(e.Uid))
            throw new ArgumentException("Every calendar event needs a UID.", nameof(e));
        if (e.End.ToInstant() <= e.Start.ToInstant())
            throw new ArgumentException($"The event {e.Uid} ends at {e.End}, not after it starts at {e.Start}.", nameof(e));
        if (e.Sequence < 0)
            throw new ArgumentException($"The event {e.Uid} has a negative sequence.", nameof(e));
        if (method != CalendarMethod.Publish && e.Organizer is null)
            throw new ArgumentException($"The event {e.Uid} needs an organizer in a {method} (RFC 5546).", nameof(e));
        if (method == CalendarMethod.Cancel && e.Status != EventStatus.Cancelled)
            throw new ArgumentException($"The event {e.Uid} must be cancelled to be sent in a cancellation.", nameof(e));
    }

    private static void WriteEvent(ContentLines lines, CalendarEvent e)
    {
        lines.Raw("BEGIN", "VEVENT");
        lines.Text("UID", e.Uid);
        lines.Raw("DTSTAMP", UtcPattern.Format(e.Stamp));
        WriteTime(lines, "DTSTART", e.Start);
        WriteTime(lines, "DTEND", e.End);
        lines.Raw("SEQUENCE", e.Sequence.ToString(CultureInfo.InvariantCulture));
        lines.Text("SUMMARY", e.Summary);
        if (!string.IsNullOrEmpty(e.Location))
            lines.Text("LOCATION", e.Location);
        if (!string.IsNullOrEmpty(e.Description))
            lines.Text("DESCRIPTION", e.Description);
        lines.Raw("STATUS", e.Status == EventStatus.Cancelled ? "CANCELLED" : "CONFIRMED");
        lines.Raw("TRANSP", e.Transparency == EventTransparency.Transparent ? "TRANSPARENT" : "OPAQUE");
        if (e.Organizer is { } organizer)
            lines.Raw("ORGANIZER", "CN", organizer.Name, MailTo(organizer.Email));
        foreach (var attendee in e.Attendees)
            lines.Raw("ATTENDEE", "CN", attendee.Name, MailTo(attendee.Email));
        lines.Raw("END", "VEVENT");
    }

    /// <summary>
    /// Local time with the zone's TZID; UTC for the UTC zone, and for the second pass through a repeated hour (RFC 5545
    /// reads an ambiguous local time as its first occurrence, so the later one can only be written in UTC).
    /// </summary>
    private static void WriteTime(ContentLines lines, string name, ZonedDateTime time)
    {
        var zone = time.Zone;
        var mapping = zone.MapLocal(time.LocalDateTime);
        if (zone == DateTimeZone.Utc || (mapping.Count == 2 && time.Offset != mapping.First().Offset))
            lines.Raw(name, UtcPattern.Format(time.ToInstant()));
        else
            lines.Raw(name, "TZID", zone.Id, LocalPattern.Format(time.LocalDateTime));
    }

    private static string MailTo(string email) =>
        "mailto:" + new string([.. email.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c))]);

    /// <summary>An RFC 5545 duration such as <c>PT15M</c> or <c>P1DT2H</c> (whole seconds).</summary>
    internal static string DurationText(Duration duration)
    {
        if (duration <= Duration.Zero)
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A refresh interval must be positive.");
        var seconds = (long)duration.TotalSeconds;
        var (days, rest) = Math.DivRem(seconds, 86_400);
        var text = "P" + (days > 0 ? days.ToString(CultureInfo.InvariantCulture) + "D" : "");
        if (rest > 0)
        {
            text += "T";
            var (h, m, s) = (rest / 3600, rest / 60 % 60, rest % 60);
            if (h > 0) text += h.ToString(CultureInfo.InvariantCulture) + "H";
            if (m > 0) text += m.ToString(CultureInfo.InvariantCulture) + "M";
            if (s > 0) text += s.ToString(CultureInfo.InvariantCulture) + "S";
        }

        return text;
    }
}
