using Knotwork.Domain.Booking;
using NodaTime;

namespace Knotwork.Domain.Tests.Booking;

/// <summary>A small Antelope Valley practice for the booking tests: Maria lives in Lancaster, Jon in Santa Clarita.</summary>
internal static class Practice
{
    public static readonly DateTimeZone LosAngeles = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    public const string Lancaster = "93534";
    public const string LancasterEast = "93535";
    public const string QuartzHill = "93536";
    public const string Palmdale = "93550";
    public const string Rosamond = "93560";
    public const string Tehachapi = "93561";
    public const string Valencia = "91355";
    public const string Saugus = "91350";
    public const string Mojave = "93501"; // a real ZIP the practice does not visit

    public static readonly IReadOnlyList<Service> Services =
    [
        new() { Id = "deep-60", Name = "Deep tissue, 60 minutes", Kind = ServiceKind.DeepTissue, Minutes = 60 },
        new() { Id = "sports-90", Name = "Sports, 90 minutes", Kind = ServiceKind.Sports, Minutes = 90 },
        new() { Id = "swedish-60", Name = "Swedish, 60 minutes", Kind = ServiceKind.Swedish, Minutes = 60 },
        new() { Id = "prenatal-60", Name = "Prenatal, 60 minutes", Kind = ServiceKind.Prenatal, Minutes = 60 },
        new() { Id = "chair-120", Name = "Corporate chair, 2 hours", Kind = ServiceKind.CorporateChair, Minutes = 120 },
    ];

    public static readonly IReadOnlyList<ServiceArea> Areas =
    [
        new() { Id = "lancaster", Name = "Lancaster", Zips = [Lancaster, LancasterEast] },
        new() { Id = "quartz-hill", Name = "Quartz Hill", Zips = [QuartzHill] },
        new() { Id = "palmdale", Name = "Palmdale", Zips = [Palmdale, "93551", "93552"] },
        new() { Id = "rosamond", Name = "Rosamond", Zips = [Rosamond] },
        new() { Id = "tehachapi", Name = "Tehachapi", Zips = [Tehachapi] },
        new() { Id = "santa-clarita", Name = "Santa Clarita", Zips = [Saugus, "91351", "91354", Valencia, "91387", "91321", "91390"] },
    ];

    private static readonly string[] AllAreas = [.. Areas.Select(a => a.Id)];
    private static readonly string[] AllServices = [.. Services.Select(s => s.Id)];

    /// <summary>Base price per service plus a trip charge: Lancaster is home (no charge), Tehachapi and Santa Clarita are far.</summary>
    public static readonly BasePlusTripCharge BasePlusTrip = new()
    {
        BasePrices = [new("deep-60", 110m), new("sports-90", 150m), new("swedish-60", 95m), new("prenatal-60", 105m), new("chair-120", 240m)],
        TripCharges = [new("lancaster", 0m), new("quartz-hill", 0m), new("palmdale", 10m), new("rosamond", 15m), new("tehachapi", 35m), new("santa-clarita", 30m)],
    };

    public static IReadOnlyList<WorkingHours> Weekdays(int from = 9, int to = 17) =>
        [.. new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }
            .Select(d => new WorkingHours(d, new LocalTime(from, 0), new LocalTime(to, 0)))];

    public static IReadOnlyList<WorkingHours> EveryDay(int from = 9, int to = 17) =>
        [.. Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(d => new WorkingHours(d, new LocalTime(from, 0), new LocalTime(to, 0)))];

    public static readonly Therapist Maria = new()
    {
        Id = "maria", Name = "Maria", HomeZip = Lancaster, WeeklyHours = Weekdays(),
        SetupMinutes = 15, PackUpMinutes = 15, ServiceIds = AllServices, AreaIds = AllAreas,
    };

    public static readonly Therapist Jon = new()
    {
        Id = "jon", Name = "Jon", HomeZip = Valencia, WeeklyHours = Weekdays(),
        SetupMinutes = 15, PackUpMinutes = 15, ServiceIds = AllServices, AreaIds = AllAreas,
    };

    public static PracticeSetup Setup(params Therapist[] therapists) => new()
    {
        TimeZone = LosAngeles,
        Services = Services,
        Areas = Areas,
        Pricing = BasePlusTrip,
        Therapists = therapists.Length == 0 ? [Maria] : therapists,
        Policies = new BookingPolicies { HorizonDays = 60, MinimumNotice = Duration.FromHours(12), SlotStepMinutes = 15 },
    };

    public static Scheduler Scheduler(PracticeSetup setup) => new(setup, ZipCodes.Default, StraightLineTravel.For(setup));

    /// <summary>An instant from a local date-time in Los Angeles (earlier of an ambiguous time).</summary>
    public static Instant At(int year, int month, int day, int hour, int minute = 0) =>
        LosAngeles.AtLeniently(new LocalDateTime(year, month, day, hour, minute)).ToInstant();

    public static ExistingBooking Visit(Therapist who, string zip, Instant start, int minutes = 60) =>
        new($"b-{who.Id}-{start}", who.Id, zip, start, start + Duration.FromMinutes(minutes));

    /// <summary>The local start times (HH:mm) offered on one day.</summary>
    public static string[] TimesOn(this AvailabilityResult result, LocalDate day, string? therapist = null) =>
        [.. result.Slots.Where(s => s.Start.Date == day && (therapist is null || s.TherapistId == therapist))
            .Select(s => s.Start.TimeOfDay.ToString("HH:mm", null)).Distinct()];
}
