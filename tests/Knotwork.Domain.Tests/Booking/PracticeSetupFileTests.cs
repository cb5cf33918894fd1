using Knotwork.Domain.Booking;
using Knotwork.Domain.Booking.Setup;
using NodaTime;

namespace Knotwork.Domain.Tests.Booking;

public class PracticeSetupFileTests
{
    private static readonly string SamplePath = Path.Combine(AppContext.BaseDirectory, "samples", "practice-antelope-valley.json");

    private static PracticeSetupReadResult Read(string json) => PracticeSetupFile.Read(json, ZipCodes.Default);

    private static string Sample => File.ReadAllText(SamplePath);

    /// <summary>The sample with one edit made to its text.</summary>
    private static string SampleWith(string find, string replace)
    {
        var sample = Sample;
        Assert.Contains(find, sample, StringComparison.Ordinal);
        return sample.Replace(find, replace, StringComparison.Ordinal);
    }

    private static SetupProblem SingleProblem(string json)
    {
        var result = Read(json);
        Assert.Null(result.Setup);
        return Assert.Single(result.Problems);
    }

    [Fact]
    public void Read_TheAntelopeValleySample_IsAValidPractice()
    {
        var result = Read(Sample);

        Assert.Empty(result.Problems);
        var setup = result.Setup!;
        Assert.Equal("America/Los_Angeles", setup.TimeZone.Id);
        Assert.Equal(["Lancaster", "Quartz Hill", "Palmdale", "Rosamond", "Tehachapi", "Santa Clarita"], setup.Areas.Select(a => a.Name));
        Assert.Equal(3, setup.Therapists.Select(t => t.HomeZip).Distinct().Count());
        Assert.Equal(
            [ServiceKind.DeepTissue, ServiceKind.Sports, ServiceKind.Swedish, ServiceKind.Prenatal],
            setup.Services.Select(s => s.Kind).Distinct());
        Assert.IsType<PricePerArea>(setup.Pricing);
        Assert.Equal(145.00m, setup.Pricing.PriceOf("deep-tissue-60", "tehachapi"));
        Assert.Equal(new LocalTime(15, 0), setup.FindTherapist("maria")!.WeeklyHours.Single(h => h.Day == IsoDayOfWeek.Friday).End);
        Assert.Equal(Duration.FromHours(24), setup.Policies.CancellationWindow);
    }

    [Fact]
    public void Read_TheSample_OffersTimesInEveryArea()
    {
        var setup = Read(Sample).Setup!;
        var scheduler = new Scheduler(setup, ZipCodes.Default, StraightLineTravel.For(setup));
        var now = Instant.FromUtc(2027, 3, 1, 16, 0);

        foreach (var area in setup.Areas)
        {
            var result = scheduler.Availability(new AvailabilityRequest("deep-tissue-60", area.Zips[0], new LocalDate(2027, 3, 2), 7), now, []);
            Assert.True(result.Slots.Count > 0, $"No times in {area.Name}: {result.Rejection?.Message}");
        }
    }

    [Fact]
    public void WriteThenRead_GivesBackAnEqualSetup_BothPricingModes()
    {
        var perArea = Read(Sample).Setup!;
        var basePlusTrip = Practice.Setup(Practice.Maria with { TimeOff = [new TimeOff(new LocalDateTime(2027, 3, 9, 12, 0), new LocalDateTime(2027, 3, 10, 0, 0), "dentist")] }, Practice.Jon) with
        {
            Policies = new BookingPolicies { HorizonDays = 30, MinimumNotice = Duration.FromMinutes(90), SlotStepMinutes = 30, CancellationWindow = Duration.FromHours(48), LateCancellationFee = 25.50m },
            Travel = new TravelSettings { RoadFactor = 1.4, AverageSpeedMph = 40, ParkingMinutes = 7, Overrides = [new TravelOverride("lancaster", "palmdale", 25)] },
        };

        foreach (var setup in new[] { perArea, basePlusTrip })
        {
            var json = PracticeSetupFile.Write(setup);
            var back = Read(json);

            Assert.Empty(back.Problems);
            Assert.Equal(json, PracticeSetupFile.Write(back.Setup!));
            AssertSameSetup(setup, back.Setup!);
        }
    }

    private static void AssertSameSetup(PracticeSetup expected, PracticeSetup actual)
    {
        Assert.Equal(expected.TimeZone, actual.TimeZone);
        Assert.Equal(expected.Services, actual.Services);
        Assert.Equal(expected.Areas.Select(a => (a.Id, a.Name, string.Join(',', a.Zips))), actual.Areas.Select(a => (a.Id, a.Name, string.Join(',', a.Zips))));
        foreach (var s in expected.Services)
        {
            foreach (var a in expected.Areas)
                Assert.Equal(expected.Pricing.PriceOf(s.Id, a.Id), actual.Pricing.PriceOf(s.Id, a.Id));
        }

        Assert.Equal(expected.Pricing.GetType(), actual.Pricing.GetType());
        Assert.Equal(expected.Therapists.Count, actual.Therapists.Count);
        foreach (var (e, a) in expected.Therapists.Zip(actual.Therapists))
        {
            Assert.Equal((e.Id, e.Name, e.HomeZip, e.SetupMinutes, e.PackUpMinutes), (a.Id, a.Name, a.HomeZip, a.SetupMinutes, a.PackUpMinutes));
            Assert.Equal(e.WeeklyHours, a.WeeklyHours);
            Assert.Equal(e.TimeOff, a.TimeOff);
            Assert.Equal(e.ServiceIds, a.ServiceIds);
            Assert.Equal(e.AreaIds, a.AreaIds);
        }

        Assert.Equal(expected.Policies, actual.Policies);
        Assert.Equal((expected.Travel.RoadFactor, expected.Travel.AverageSpeedMph, expected.Travel.ParkingMinutes), (actual.Travel.RoadFactor, actual.Travel.AverageSpeedMph, actual.Travel.ParkingMinutes));
        Assert.Equal(expected.Travel.Overrides, actual.Travel.Overrides);
    }

    [Fact]
    public void Write_UsesIsoTextForLocalTimes()
    {
        var json = PracticeSetupFile.Write(Practice.Setup(Practice.Maria with { TimeOff = [new TimeOff(new LocalDateTime(2027, 3, 9, 9, 0), new LocalDateTime(2027, 3, 9, 13, 30))] }));

        Assert.Contains("\"start\": \"09:00\"", json, StringComparison.Ordinal);
        Assert.Contains("\"start\": \"2027-03-09T09:00\"", json, StringComparison.Ordinal);
        Assert.Contains("\"cancellationWindow\": \"24:00\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"deep-tissue\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnUnknownTimeZone_NamesTheFieldAndSuggestsAnIanaId()
    {
        var problem = SingleProblem(SampleWith("\"America/Los_Angeles\"", "\"Pacific Time\""));

        Assert.Equal("timeZone", problem.Field);
        Assert.Contains("'Pacific Time' is not a time zone", problem.Message, StringComparison.Ordinal);
        Assert.Contains("America/Los_Angeles", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ABadTime_NamesTheTherapistAndTheEntry()
    {
        var problem = SingleProblem(SampleWith("{ \"day\": \"tuesday\", \"start\": \"09:00\"", "{ \"day\": \"tuesday\", \"start\": \"9am\""));

        Assert.Equal("therapists[maria].weeklyHours[1].start", problem.Field);
        Assert.Contains("'9am' is not a time of day", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ABadTimeOff_SaysHowToWriteIt()
    {
        var problem = SingleProblem(SampleWith("\"2027-07-02T00:00\"", "\"07/02/2027\""));

        Assert.Equal("therapists[maria].timeOff[0].start", problem.Field);
        Assert.Contains("YYYY-MM-DDTHH:mm", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnUnknownServiceIdInATherapist_IsReportedByValidate()
    {
        var problem = SingleProblem(SampleWith("\"serviceIds\": [ \"deep-tissue-60\", \"swedish-60\", \"prenatal-60\" ]", "\"serviceIds\": [ \"deep-tissue-60\", \"trigger-point\", \"prenatal-60\" ]"));

        Assert.Equal("therapists[ana].serviceIds", problem.Field);
        Assert.Contains("'trigger-point'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AMisspeltField_IsNotIgnored()
    {
        var problem = SingleProblem(SampleWith("\"setupMinutes\": 10", "\"setUpMinutes\": 10"));

        Assert.Equal("therapists[jon].setUpMinutes", problem.Field);
        Assert.Contains("setupMinutes", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AMissingField_NamesIt()
    {
        var problem = SingleProblem(SampleWith("\"kind\": \"sports\", ", ""));

        Assert.Equal("services[sports-60].kind", problem.Field);
        Assert.Contains("'kind' is missing", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnUnknownKind_ListsTheKindsAndExplainsTriggerPointWork()
    {
        var problem = SingleProblem(SampleWith("\"kind\": \"sports\"", "\"kind\": \"trigger-point\""));

        Assert.Equal("services[sports-60].kind", problem.Field);
        Assert.Contains("deep-tissue, sports, swedish, prenatal, corporate-chair", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TextWhereANumberBelongs_NamesTheFieldAndLine()
    {
        var json = SampleWith("\"minutes\": 90", "\"minutes\": \"ninety\"");
        var line = json[..json.IndexOf("ninety", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var problem = SingleProblem(json);

        Assert.Equal("services[1].minutes", problem.Field);
        Assert.Equal($"Line {line}: this should be a whole number, such as 60.", problem.Message);
    }

    [Fact]
    public void Read_BrokenJson_SaysSoWithTheLine()
    {
        var problem = SingleProblem("{\n  \"timeZone\": \"America/Los_Angeles\",\n  \"services\": [ }");

        Assert.StartsWith("Line 3: the file is not valid JSON", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnUnknownPricingMode_NamesTheModes()
    {
        var problem = SingleProblem(SampleWith("\"mode\": \"per-area\"", "\"mode\": \"flat\""));

        Assert.Equal("pricing.mode", problem.Field);
        Assert.Contains("\"per-area\" or \"base-plus-trip\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ReportsEveryProblemAtOnce()
    {
        var json = SampleWith("\"America/Los_Angeles\"", "\"Mars/Olympus\"").Replace("\"end\": \"18:00\"", "\"end\": \"6pm\"", StringComparison.Ordinal);

        var result = Read(json);

        Assert.Contains(result.Problems, p => p.Field == "timeZone");
        Assert.Equal(4, result.Problems.Count(p => p.Field.StartsWith("therapists[jon].weeklyHours[", StringComparison.Ordinal)));
    }

    [Fact]
    public void Read_AFileOfTheWrongFormatVersion_SaysWhichVersionItReads()
    {
        var problem = SingleProblem(SampleWith("\"formatVersion\": 1", "\"formatVersion\": 2"));

        Assert.Equal("formatVersion", problem.Field);
    }
}
