using System.Globalization;
using Knotwork.Data.Entities;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Booking.Calendar;
using Knotwork.Web.Mail;
using NodaTime;
using NodaTime.Text;

namespace Knotwork.Web.Pages.Book;

/// <summary>
/// How the booking pages show times and visits: always in the practice's time zone, named (a client's phone may be
/// set to another zone, and an e-mail in UTC is a known source of missed visits), and the visit as a calendar file.
/// </summary>
internal static class Visits
{
    /// <summary>How a start travels in a form or link: the local time with its offset, such as 2027-03-09T09:00:00-08.</summary>
    public static readonly OffsetDateTimePattern StartPattern = OffsetDateTimePattern.GeneralIso;

    // The app runs in globalization-invariant mode; the invariant culture's names and AM/PM are English.
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    /// <summary>The form value of <paramref name="start"/>.</summary>
    public static string StartValue(ZonedDateTime start) => StartPattern.Format(start.ToOffsetDateTime());

    /// <summary>The start in a form or link, or null when it is not one (the caller answers 400).</summary>
    /// <remarks>Years far from now are refused here: near the ends of the calendar, converting the time to an instant or a zone overflows.</remarks>
    public static Instant? ParseStart(string? text) =>
        text is { Length: > 0 and <= 40 } && StartPattern.Parse(text.Trim()) is { Success: true } parsed && parsed.Value.Year is > 2000 and < 3000
            ? parsed.Value.ToInstant()
            : null;

    /// <summary>"9:00 AM".</summary>
    public static string Time(ZonedDateTime t) => t.ToString("h:mm tt", English);

    /// <summary>"Tue, Mar 9".</summary>
    public static string ShortDay(LocalDate d) => d.ToString("ddd, MMM d", English);

    /// <summary>"Tuesday, March 9, 2027".</summary>
    public static string LongDay(LocalDate d) => d.ToString("dddd, MMMM d, uuuu", English);

    /// <summary>"Tuesday, March 9, 2027 at 9:00 AM".</summary>
    public static string When(ZonedDateTime t) => $"{LongDay(t.Date)} at {Time(t)}";

    /// <summary>The zone as a client reads it: "America/Los_Angeles (PST)", with the abbreviation in force at <paramref name="at"/>.</summary>
    public static string ZoneName(DateTimeZone zone, Instant at) => $"{zone.Id} ({zone.GetZoneInterval(at).Name})";

    /// <summary>"$120.00".</summary>
    public static string Price(decimal amount) => "$" + amount.ToString("#,0.00", English);

    /// <summary>The service's name with its length, unless the name already says it: "Deep tissue, 60 minutes"; "Swedish (60 minutes)".</summary>
    public static string ServiceName(Service service) =>
        service.Name.Contains($"{service.Minutes} min", StringComparison.OrdinalIgnoreCase) ? service.Name : $"{service.Name} ({service.Minutes} minutes)";

    /// <summary>The visit's start in the practice's zone.</summary>
    public static ZonedDateTime Start(BookingRecord booking, PracticeSetup setup) => Instant.FromDateTimeUtc(booking.StartUtc).InZone(setup.TimeZone);

    /// <summary>When online cancelling ends for <paramref name="booking"/>: its start less the cancellation window.</summary>
    public static ZonedDateTime CancelBy(BookingRecord booking, PracticeSetup setup) =>
        (Instant.FromDateTimeUtc(booking.StartUtc) - setup.Policies.CancellationWindow).InZone(setup.TimeZone);

    /// <summary>The sentence on cancelling online, with the practice's window and fee.</summary>
    public static string CancellationRule(BookingRecord booking, PracticeSetup setup)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(setup);
        if (CancelBy(booking, setup).ToInstant() <= Instant.FromDateTimeUtc(booking.CreatedAtUtc))
        {
            return $"This visit was booked less than {(int)setup.Policies.CancellationWindow.TotalHours} hours ahead, so it cannot be cancelled online: to change it, please call or e-mail the practice.";
        }

        var fee = setup.Policies.LateCancellationFee > 0 ? $" After that, please call or e-mail the practice; a late-cancellation fee of {Price(setup.Policies.LateCancellationFee)} may apply." : " After that, please call or e-mail the practice.";
        return $"You can cancel online until {When(CancelBy(booking, setup))}.{fee}";
    }

    /// <summary>The visit as the confirmation e-mail tells it.</summary>
    public static VisitSummary Summary(BookingRecord booking, PracticeSetup setup)
    {
        var start = Start(booking, setup);
        var service = setup.FindService(booking.ServiceId);
        return new VisitSummary(
            booking.Name,
            service is null ? booking.ServiceId : ServiceName(service),
            When(start),
            ZoneName(setup.TimeZone, start.ToInstant()),
            $"{booking.Address}, {booking.Zip}",
            setup.FindTherapist(booking.TherapistId)?.Name ?? "your therapist",
            Price(booking.Price),
            CancellationRule(booking, setup));
    }

    /// <summary>
    /// The visit as an iCalendar invitation (METHOD:REQUEST, the practice's VTIMEZONE; METHOD:CANCEL once cancelled),
    /// from the practice (<paramref name="organizer"/>) to the client; the same UID each time, so a later copy updates
    /// the first. A copy sent after a change carries the minutes since the booking was made as its SEQUENCE, which grows
    /// with every later change without a counter stored anywhere.
    /// </summary>
    public static string Invitation(BookingRecord booking, PracticeSetup setup, CalendarPerson organizer, string manageLink, Instant stamp, bool changed = false)
    {
        var sequence = changed ? Math.Max(1, (int)Math.Min(int.MaxValue, (stamp - Instant.FromDateTimeUtc(booking.CreatedAtUtc)).TotalMinutes)) : 0;
        var service = setup.FindService(booking.ServiceId);
        var therapist = setup.FindTherapist(booking.TherapistId)?.Name ?? "your therapist";
        var visit = new CalendarEvent
        {
            Uid = $"{booking.Id}@knotwork",
            Start = Start(booking, setup),
            End = Instant.FromDateTimeUtc(booking.EndUtc).InZone(setup.TimeZone),
            Summary = $"Massage: {(service is null ? booking.ServiceId : service.Name)} with {therapist}",
            Location = $"{booking.Address}, {booking.Zip}",
            Description = $"{therapist} comes to you and arrives a few minutes early to set up. See, change or cancel the visit: {manageLink}",
            Status = booking.Status == BookingStatus.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Stamp = stamp,
            Organizer = organizer,
            Attendees = [new CalendarPerson(booking.Name, booking.Email)],
            Sequence = sequence,
        };
        var method = booking.Status == BookingStatus.Cancelled ? CalendarMethod.Cancel : CalendarMethod.Request;
        return ICalendarWriter.Write(new CalendarFile { Method = method, Events = [visit] });
    }
}
