using Knotwork.Domain.Booking;
using Knotwork.Domain.Booking.Setup;
using NodaTime;

namespace Knotwork.Data.Tests;

/// <summary>
/// The sample practice in the Antelope Valley that the store tests book against: its setup, straight-line travel, a
/// scheduler, and local times in Los Angeles in March 2027. One copy, so the booking and event tests read the same practice.
/// </summary>
internal static class SamplePractice
{
    /// <summary>The practice's time zone.</summary>
    public static readonly DateTimeZone LosAngeles = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    /// <summary>Monday 1 March 2027, 08:00 in Los Angeles.</summary>
    public static readonly Instant Now = Instant.FromUtc(2027, 3, 1, 16, 0);

    private static readonly Lazy<PracticeSetup> LazySetup = new(() =>
        PracticeSetupFile.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "practice-antelope-valley.json")), ZipCodes.Default).Setup
        ?? throw new InvalidOperationException("The sample practice does not read."));

    /// <summary>The sample practice's setup, read once.</summary>
    public static PracticeSetup Setup => LazySetup.Value;

    /// <summary>Drive times between the practice's ZIP codes, as the crow flies.</summary>
    public static ITravelTimes Travel => StraightLineTravel.For(Setup);

    /// <summary>A scheduler over the sample practice.</summary>
    public static Scheduler NewScheduler() => new(Setup, ZipCodes.Default, Travel);

    /// <summary>Local time in Los Angeles in March 2027; each test uses its own day, as a test class shares one database.</summary>
    public static Instant At(int day, int hour, int minute = 0) => LosAngeles.AtStrictly(new LocalDateTime(2027, 3, day, hour, minute)).ToInstant();
}
