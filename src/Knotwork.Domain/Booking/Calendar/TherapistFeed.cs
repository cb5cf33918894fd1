using NodaTime;

namespace Knotwork.Domain.Booking.Calendar;

/// <summary>
/// A visit as a therapist's calendar feed may show it: the client's first name and town, never more, because a
/// subscribed calendar is synced to phones and cloud services outside the practice's control.
/// </summary>
/// <param name="BookingId">The booking's id; the feed's UIDs are built from it, so calendars update a moved visit in place.</param>
/// <param name="ClientFirstName">The client's first name; should a full name slip in, only its first word is shown.</param>
/// <param name="Town">The town of the visit, e.g. the service area's name.</param>
/// <param name="Start">When the session starts.</param>
/// <param name="End">When the session ends; after <paramref name="Start"/>.</param>
/// <param name="TravelBeforeMinutes">Minutes of busy time just before <paramref name="Start"/> for the drive (and setup); 0 for none.</param>
public sealed record FeedVisit(string BookingId, string ClientFirstName, string Town, Instant Start, Instant End, int TravelBeforeMinutes);

/// <summary>Builds the private calendar feed of one therapist's visits.</summary>
public static class TherapistFeed
{
    /// <summary>How often subscribers are asked to fetch the feed again.</summary>
    public static readonly Duration RefreshInterval = Duration.FromMinutes(30);

    /// <summary>
    /// The feed as iCalendar text (<c>METHOD:PUBLISH</c>, named with <c>X-WR-CALNAME</c>): each visit as a busy event
    /// "Massage: Anna (Lancaster)" and, when it has travel, the drive before it as its own busy event ending when the
    /// visit starts, all in <paramref name="zone"/>'s local time. Pass the booked visits only: cancelled ones are
    /// left out by the caller, so they drop out of the calendar at its next refresh.
    /// </summary>
    /// <param name="therapistName">Shown in the calendar's name, e.g. "Knotwork: Maria".</param>
    /// <param name="zone">The practice's time zone.</param>
    /// <param name="visits">The therapist's visits.</param>
    /// <param name="now">When the feed is written (each event's DTSTAMP).</param>
    public static string Write(string therapistName, DateTimeZone zone, IEnumerable<FeedVisit> visits, Instant now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(visits);
        var events = new List<CalendarEvent>();
        foreach (var v in visits.OrderBy(v => v.Start))
        {
            if (v.TravelBeforeMinutes < 0)
                throw new ArgumentException($"The visit {v.BookingId} has negative travel time.", nameof(visits));
            var who = $"{FirstName(v.ClientFirstName)} ({v.Town.Trim()})";
            if (v.TravelBeforeMinutes > 0)
            {
                events.Add(new CalendarEvent
                {
                    Uid = $"booking-{v.BookingId}-travel@knotwork",
                    Start = v.Start.Minus(Duration.FromMinutes(v.TravelBeforeMinutes)).InZone(zone),
                    End = v.Start.InZone(zone),
                    Summary = $"Drive to {who}",
                    Location = v.Town.Trim(),
                    Stamp = now,
                });
            }

            events.Add(new CalendarEvent
            {
                Uid = $"booking-{v.BookingId}@knotwork",
                Start = v.Start.InZone(zone),
                End = v.End.InZone(zone),
                Summary = $"Massage: {who}",
                Location = v.Town.Trim(),
                Stamp = now,
            });
        }

        return ICalendarWriter.Write(new CalendarFile
        {
            Method = CalendarMethod.Publish,
            Events = events,
            Name = $"Knotwork: {therapistName}",
            RefreshInterval = RefreshInterval,
        });
    }

    /// <summary>The first word of a name: "Anna" for "Anna", and also for "Anna Lopez".</summary>
    internal static string FirstName(string name)
    {
        var trimmed = name.Trim();
        var space = trimmed.AsSpan().IndexOfAny(" \t\r\n");
        return space < 0 ? trimmed : trimmed[..space];
    }
}
