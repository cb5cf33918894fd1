using Knotwork.Domain.Booking;
using NodaTime;
using BookingPractice = Knotwork.Domain.Tests.Booking.Practice;

namespace Knotwork.Domain.Tests.Events;

/// <summary>
/// The booking tests' Antelope Valley practice (Maria lives in Lancaster, Jon in Santa Clarita, both work weekdays
/// 9-17) with chair events priced at $90 an hour in Lancaster, $95 in Palmdale, $110 in Santa Clarita, a two-hour
/// minimum, and none in Tehachapi.
/// </summary>
internal static class EventPractice
{
    public static DateTimeZone LosAngeles => BookingPractice.LosAngeles;

    public const string Lancaster = BookingPractice.Lancaster;
    public const string Palmdale = BookingPractice.Palmdale;
    public const string PalmdaleWest = "93551"; // 23 minutes from Lancaster, 46 from Valencia
    public const string Tehachapi = BookingPractice.Tehachapi;
    public const string Valencia = BookingPractice.Valencia;
    public const string Mojave = BookingPractice.Mojave;

    public static Therapist Maria => BookingPractice.Maria;

    public static Therapist Jon => BookingPractice.Jon;

    public static readonly ChairEventPricing Pricing = new()
    {
        HourlyRates = [new("lancaster", 90m), new("quartz-hill", 90m), new("palmdale", 95m), new("santa-clarita", 110m)],
        MinimumHours = Duration.FromHours(2),
    };

    /// <summary>The practice with chair events, and <paramref name="therapists"/> (Maria and Jon when none are given).</summary>
    public static PracticeSetup Setup(params Therapist[] therapists) =>
        BookingPractice.Setup(therapists.Length == 0 ? [Maria, Jon] : therapists) with { ChairEvents = Pricing };

    /// <summary>The practice as it was before chair events: no "chairEvents" section.</summary>
    public static PracticeSetup WithoutEvents() => BookingPractice.Setup(Maria, Jon);

    public static Instant At(int year, int month, int day, int hour, int minute = 0) => BookingPractice.At(year, month, day, hour, minute);

    public static ExistingBooking Visit(Therapist who, string zip, Instant start, int minutes = 60) => BookingPractice.Visit(who, zip, start, minutes);
}
