using System.Globalization;
using Knotwork.Data.Entities;
using Knotwork.Domain.Booking.Calendar;
using Knotwork.Domain.Events;
using NodaTime;

namespace Knotwork.Web.Pages.Events;

/// <summary>How the chair event pages and e-mails write an event: its day and times, its price, its private links and a slot's calendar file.</summary>
internal static class ChairEventText
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    /// <summary>The longest token a link may carry; real ones are much shorter.</summary>
    public const int MaxToken = 200;

    /// <summary>"Tuesday, March 2, 2027".</summary>
    public static string Day(DateOnly date) => LocalDate.FromDateOnly(date).ToString("dddd, MMMM d, uuuu", English);

    /// <summary>"9:00 AM".</summary>
    public static string Clock(TimeOnly time) => LocalTime.FromTimeOnly(time).ToString("h:mm tt", English);

    /// <summary>"9:00 AM" for a slot's local time.</summary>
    public static string Clock(ZonedDateTime time) => time.ToString("h:mm tt", English);

    /// <summary>"Tuesday, March 2, 2027, 9:00 AM to 12:00 PM".</summary>
    public static string When(ChairEventRecord e) => $"{Day(e.Date)}, {Clock(e.Start)} to {Clock(e.End)}";

    /// <summary>"Tuesday, March 2, 2027 at 9:15 AM" for a slot.</summary>
    public static string When(EventSlot slot) => $"{slot.Start.Date.ToString("dddd, MMMM d, uuuu", English)} at {Clock(slot.Start)}";

    /// <summary>"Tuesday, March 2, 2027 at 9:15 AM" for a booked slot, in the event's time zone.</summary>
    public static string When(ChairEventRecord e, EventSlotBookingRecord booking)
    {
        var start = SlotTimes(e, booking).Start;
        return $"{start.Date.ToString("dddd, MMMM d, uuuu", English)} at {Clock(start)}";
    }

    /// <summary>"9:15 AM": when a booked slot starts, in the event's time zone.</summary>
    public static string Clock(ChairEventRecord e, EventSlotBookingRecord booking) => Clock(SlotTimes(e, booking).Start);

    /// <summary>"Called off", "Confirmed", ...: where an event stands, as the practice's pages say it.</summary>
    public static string Status(ChairEventStatus status) => status == ChairEventStatus.Cancelled ? "Called off" : status.ToString();

    /// <summary>"$1,234.00".</summary>
    public static string Price(decimal amount) => "$" + amount.ToString("#,0.00", English);

    /// <summary>Where the event is.</summary>
    public static string Where(ChairEventRecord e) => $"{e.Address}, {e.Zip}";

    /// <summary>The employees' page of an event (its token is the only key to it).</summary>
    public static string JoinPath(Guid eventId, string token) => $"/events/{eventId}/join?token={Uri.EscapeDataString(token)}";

    /// <summary>The employer's roster page of an event.</summary>
    public static string RosterPath(Guid eventId, string token) => $"/events/{eventId}/roster?token={Uri.EscapeDataString(token)}";

    /// <summary>An employee's page to cancel their slot.</summary>
    public static string CancelPath(string token) => $"/events/slots/cancel?token={Uri.EscapeDataString(token)}";

    /// <summary>Whether <paramref name="token"/> can be a link's token at all (checked before any lookup).</summary>
    public static bool Plausible(string? token) => token is { Length: > 0 and <= MaxToken };

    /// <summary>The employee's slot as a calendar invitation from the practice (<paramref name="organizer"/>).</summary>
    public static string Invitation(ChairEventRecord e, EventSlotBookingRecord booking, EventSlot slot, CalendarPerson organizer, string cancelLink, Instant stamp) =>
        ICalendarWriter.Write(new CalendarFile
        {
            Method = CalendarMethod.Request,
            Events =
            [
                new CalendarEvent
                {
                    Uid = $"{booking.Id}@knotwork",
                    Start = slot.Start,
                    End = slot.End,
                    Summary = $"Chair massage at {e.Company}",
                    Location = Where(e),
                    Description = $"Your {e.SlotMinutes}-minute chair massage, chair {slot.Chair}. Cannot come? Cancel here: {cancelLink}",
                    Stamp = stamp,
                    Organizer = organizer,
                    Attendees = [new CalendarPerson(booking.Name, booking.Email)],
                },
            ],
        });

    /// <summary>
    /// The cancellation of an employee's slot invitation (METHOD:CANCEL, the same UID as <see cref="Invitation"/>,
    /// SEQUENCE 1 as the invitation went out at 0), for an event the practice called off.
    /// </summary>
    public static string Cancellation(ChairEventRecord e, EventSlotBookingRecord booking, CalendarPerson organizer, Instant stamp)
    {
        var (start, end) = SlotTimes(e, booking);
        return ICalendarWriter.Write(new CalendarFile
        {
            Method = CalendarMethod.Cancel,
            Events =
            [
                new CalendarEvent
                {
                    Uid = $"{booking.Id}@knotwork",
                    Start = start,
                    End = end,
                    Summary = $"Called off: chair massage at {e.Company}",
                    Location = Where(e),
                    Description = $"The chair massage event at {e.Company} is called off.",
                    Status = EventStatus.Cancelled,
                    Sequence = 1,
                    Stamp = stamp,
                    Organizer = organizer,
                    Attendees = [new CalendarPerson(booking.Name, booking.Email)],
                },
            ],
        });
    }

    /// <summary>When a booked slot starts and ends, in the event's time zone.</summary>
    private static (ZonedDateTime Start, ZonedDateTime End) SlotTimes(ChairEventRecord e, EventSlotBookingRecord booking)
    {
        var zone = DateTimeZoneProviders.Tzdb[e.TimeZone];
        return (Instant.FromDateTimeUtc(booking.StartUtc).InZone(zone), Instant.FromDateTimeUtc(booking.EndUtc).InZone(zone));
    }
}
