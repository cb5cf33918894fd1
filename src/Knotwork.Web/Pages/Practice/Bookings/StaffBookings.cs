using Knotwork.Data.Entities;
using Knotwork.Domain.Booking;
using Knotwork.Web.Pages.Book;
using NodaTime;

namespace Knotwork.Web.Pages.Practice.Bookings;

/// <summary>How the staff booking pages name a booking's parts: from the practice setup, falling back to the stored ids.</summary>
internal static class StaffBookings
{
    /// <summary>The practice's zone, or UTC while booking is not set up.</summary>
    public static DateTimeZone Zone(PracticeSetup? setup) => setup?.TimeZone ?? DateTimeZone.Utc;

    /// <summary>When the visit starts, in the practice's zone.</summary>
    public static ZonedDateTime Start(BookingRecord booking, PracticeSetup? setup) => Instant.FromDateTimeUtc(booking.StartUtc).InZone(Zone(setup));

    /// <summary>"Tue, Mar 9, 9:00 AM".</summary>
    public static string When(BookingRecord booking, PracticeSetup? setup)
    {
        var start = Start(booking, setup);
        return $"{Visits.ShortDay(start.Date)}, {Visits.Time(start)}";
    }

    /// <summary>The service's name, or its id when the setup no longer has it.</summary>
    public static string Service(BookingRecord booking, PracticeSetup? setup) =>
        setup?.FindService(booking.ServiceId) is { } service ? Visits.ServiceName(service) : booking.ServiceId;

    /// <summary>The town (the setup's area of the ZIP), or null when no area holds it now.</summary>
    public static string? Town(BookingRecord booking, PracticeSetup? setup) => setup?.AreaOf(booking.Zip)?.Name;

    /// <summary>The therapist's name, or their id when the setup no longer has them.</summary>
    public static string Therapist(string therapistId, PracticeSetup? setup) => setup?.FindTherapist(therapistId)?.Name ?? therapistId;

    /// <summary>"Booked", "Done" (ended before <paramref name="now"/>) or "Cancelled".</summary>
    public static string Status(BookingRecord booking, Instant now) =>
        booking.Status == BookingStatus.Cancelled ? "Cancelled" : Instant.FromDateTimeUtc(booking.EndUtc) <= now ? "Done" : "Booked";

    /// <summary>The therapists of the setup who give the booking's service in its area: who it could be moved to.</summary>
    public static IReadOnlyList<Therapist> WhoCanTake(BookingRecord booking, PracticeSetup setup)
    {
        var area = setup.AreaOf(booking.Zip);
        return area is null
            ? []
            : [.. setup.Therapists.Where(t => t.ServiceIds.Contains(booking.ServiceId, StringComparer.Ordinal) && t.AreaIds.Contains(area.Id, StringComparer.Ordinal))];
    }
}
