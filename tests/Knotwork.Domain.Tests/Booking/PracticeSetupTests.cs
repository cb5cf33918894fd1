using Knotwork.Domain.Booking;
using NodaTime;

namespace Knotwork.Domain.Tests.Booking;

public class PracticeSetupTests
{
    private static IReadOnlyList<SetupProblem> Problems(PracticeSetup setup) => setup.Validate(ZipCodes.Default);

    [Fact]
    public void Validate_TheSamplePractice_HasNoProblems()
    {
        Assert.Empty(Problems(Practice.Setup(Practice.Maria, Practice.Jon)));
    }

    [Fact]
    public void Validate_AnAreaZipNotInTheTable_NamesTheZipAndTheArea()
    {
        var areas = Practice.Areas.Select(a => a.Id == "lancaster" ? a with { Zips = [.. a.Zips, "93539"] } : a).ToList();

        var problem = Assert.Single(Problems(Practice.Setup() with { Areas = areas }));

        Assert.Equal("areas[lancaster].zips", problem.Field);
        Assert.Contains("Lancaster", problem.Message, StringComparison.Ordinal);
        Assert.Contains("could not find ZIP code 93539", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AZipInTwoAreas_SaysItNeedsOnePrice()
    {
        var areas = Practice.Areas.Select(a => a.Id == "palmdale" ? a with { Zips = [.. a.Zips, Practice.Lancaster] } : a).ToList();

        var problem = Assert.Single(Problems(Practice.Setup() with { Areas = areas }));

        Assert.Contains("ZIP 93534 is in both 'Lancaster' and 'Palmdale'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HoursThatEndBeforeTheyStart_AreReportedForThatDay()
    {
        var maria = Practice.Maria with { WeeklyHours = [new(IsoDayOfWeek.Tuesday, new LocalTime(17, 0), new LocalTime(9, 0))] };

        var problem = Assert.Single(Problems(Practice.Setup(maria)));

        Assert.Equal("therapists[maria].weeklyHours", problem.Field);
        Assert.Equal("Maria's hours on Tuesday end at 09:00, before they start at 17:00; hours must end after they start on the same day.", problem.Message);
    }

    [Fact]
    public void Validate_TimeOffThatEndsBeforeItStarts_IsReported()
    {
        var maria = Practice.Maria with { TimeOff = [new(new LocalDateTime(2027, 3, 10, 12, 0), new LocalDateTime(2027, 3, 9, 12, 0))] };

        var problem = Assert.Single(Problems(Practice.Setup(maria)));

        Assert.Contains("ends at 2027-03-09 12:00, before it starts", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AnUnknownHomeZipAndAreaAndService_AreEachNamed()
    {
        var maria = Practice.Maria with { HomeZip = "99999", AreaIds = ["lancaster", "mojave"], ServiceIds = ["deep-60", "trigger-point"] };

        var messages = Problems(Practice.Setup(maria)).Select(p => p.Message).ToList();

        Assert.Equal(3, messages.Count);
        Assert.Contains(messages, m => m.StartsWith("Maria's home base: We could not find ZIP code 99999", StringComparison.Ordinal));
        Assert.Contains("Maria visits the area 'mojave', which is not among the practice's areas.", messages);
        Assert.Contains("Maria gives the service 'trigger-point', which is not among the practice's services.", messages);
    }

    [Fact]
    public void Validate_AMissingTripCharge_SaysTheServiceIsNotOfferedThere()
    {
        var pricing = Practice.BasePlusTrip with { TripCharges = [.. Practice.BasePlusTrip.TripCharges.Where(t => t.AreaId != "tehachapi")] };

        var problems = Problems(Practice.Setup() with { Pricing = pricing });

        Assert.Equal(Practice.Services.Count, problems.Count);
        Assert.All(problems, p => Assert.Contains("no price in 'Tehachapi'", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ASlotStepThatDoesNotDivideTheDay_IsReported()
    {
        var setup = Practice.Setup() with { Policies = new BookingPolicies { SlotStepMinutes = 25 } };

        Assert.Equal("policies.slotStepMinutes", Assert.Single(Problems(setup)).Field);
    }

    [Fact]
    public void Policies_Defaults_AreFifteenMinuteStepsAndADayToCancel()
    {
        var policies = new BookingPolicies();

        Assert.Equal(15, policies.SlotStepMinutes);
        Assert.Equal(Duration.FromHours(24), policies.CancellationWindow);
    }

    [Theory]
    [InlineData(ServiceKind.DeepTissue, true)]
    [InlineData(ServiceKind.Sports, true)]
    [InlineData(ServiceKind.Swedish, false)]
    [InlineData(ServiceKind.Prenatal, false)]
    [InlineData(ServiceKind.CorporateChair, false)]
    public void TriggerPointWork_IsPartOfDeepTissueAndSportsOnly(ServiceKind kind, bool included)
    {
        Assert.Equal(included, kind.IncludesTriggerPointWork());
    }
}
