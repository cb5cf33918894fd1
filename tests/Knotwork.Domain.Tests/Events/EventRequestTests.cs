using Knotwork.Domain.Booking;
using Knotwork.Domain.Events;
using NodaTime;

namespace Knotwork.Domain.Tests.Events;

public class EventRequestTests
{
    private static readonly Instant Now = EventPractice.At(2027, 3, 1, 8);

    /// <summary>Two chairs in Palmdale on Wednesday 10 March 2027, 10:00-13:00, 15-minute slots.</summary>
    private static readonly EventRequest Good = new()
    {
        Company = "Antelope Valley Aerospace",
        ContactName = "Dana Whitfield",
        ContactEmail = "dana@avaero.example",
        Address = "1200 W Avenue P",
        Zip = EventPractice.Palmdale,
        Date = new LocalDate(2027, 3, 10),
        Start = new LocalTime(10, 0),
        End = new LocalTime(13, 0),
        Chairs = 2,
        SlotMinutes = 15,
        Notes = "Room 4B, visitor parking at the north gate.",
    };

    private static IReadOnlyList<EventRequestProblem> Problems(EventRequest request, PracticeSetup? setup = null) =>
        request.Problems(setup ?? EventPractice.Setup(), ZipCodes.Default, Now);

    private static EventRequestProblem Single(EventRequest request, PracticeSetup? setup = null) => Assert.Single(Problems(request, setup));

    [Fact]
    public void Problems_AGoodRequest_HasNone()
    {
        Assert.Empty(Problems(Good));
    }

    [Fact]
    public void Problems_AZipPlusFour_IsAccepted()
    {
        Assert.Empty(Problems(Good with { Zip = "93550-1234" }));
    }

    [Fact]
    public void Problems_EndBeforeStart_SaysSoOnTheEnd()
    {
        var problem = Single(Good with { Start = new LocalTime(13, 0), End = new LocalTime(10, 0) });

        Assert.Equal("end", problem.Field);
        Assert.Contains("ends at 10:00 AM, which is not after it starts at 1:00 PM", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_ADayLongerThanTenHours_IsTooLong()
    {
        var problem = Single(Good with { Start = new LocalTime(7, 0), End = new LocalTime(18, 0) });

        Assert.Equal("end", problem.Field);
        Assert.Contains("at most 10 hours; this one lasts 11 hours", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_ExactlyTenHours_IsAllowed()
    {
        Assert.Empty(Problems(Good with { Start = new LocalTime(7, 0), End = new LocalTime(17, 0) }));
    }

    [Fact]
    public void Problems_ShorterThanOneSlot_IsRefused()
    {
        var problem = Single(Good with { End = new LocalTime(10, 10), SlotMinutes = 20 });

        Assert.Contains("shorter than one 20-minute slot", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(30)]
    [InlineData(-15)]
    public void Problems_ASlotLengthNotOffered_ListsTheLengths(int minutes)
    {
        var problem = Single(Good with { SlotMinutes = minutes });

        Assert.Equal("slotMinutes", problem.Field);
        Assert.Contains("10, 15 or 20 minutes", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_AZipOutsideTheAreas_NamesWhereWeGo()
    {
        var problem = Single(Good with { Zip = EventPractice.Mojave });

        Assert.Equal("zip", problem.Field);
        Assert.Contains("We do not visit ZIP 93501", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Lancaster, Quartz Hill, Palmdale, Santa Clarita", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_AnAreaWithoutAnEventRate_IsNotOffered()
    {
        var problem = Single(Good with { Zip = EventPractice.Tehachapi });

        Assert.Equal("zip", problem.Field);
        Assert.Contains("We do not bring chair massage to Tehachapi", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("9355")]
    [InlineData("<script>")]
    public void Problems_NotAZip_SaysWhatAZipIs(string zip)
    {
        var problem = Single(Good with { Zip = zip });

        Assert.Equal("zip", problem.Field);
    }

    [Fact]
    public void Problems_ADateInThePast_HasPassed()
    {
        var problem = Single(Good with { Date = new LocalDate(2027, 2, 26) });

        Assert.Equal("date", problem.Field);
        Assert.Contains("Friday, February 26, 2027 has passed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_EarlierToday_HasPassed()
    {
        var problem = Single(Good with { Date = new LocalDate(2027, 3, 1), Start = new LocalTime(7, 0), End = new LocalTime(9, 0) });

        Assert.Contains("That time has passed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_SoonerThanTheMinimumNotice_IsTooSoon()
    {
        var problem = Single(Good with { Date = new LocalDate(2027, 3, 1), Start = new LocalTime(17, 0), End = new LocalTime(19, 0) });

        Assert.Equal("date", problem.Field);
        Assert.Contains("at least 12 hours ahead", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_MoreThanAYearAhead_IsRefused()
    {
        var problem = Single(Good with { Date = new LocalDate(2028, 3, 10) });

        Assert.Contains("up to a year ahead", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_AStartTheClocksSkip_DoesNotExist()
    {
        var problem = Single(Good with { Date = new LocalDate(2027, 3, 14), Start = new LocalTime(2, 30), End = new LocalTime(5, 0) });

        Assert.Equal("start", problem.Field);
        Assert.Contains("2:30 AM does not exist on Sunday, March 14, 2027", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "at least one chair")]
    [InlineData(7, "at most 6 chairs")]
    [InlineData(3, "We have 2 therapists, one for each chair, so we can bring at most 2 chairs")]
    public void Problems_ChairsOutOfRange_SaysHowMany(int chairs, string expected)
    {
        var problem = Single(Good with { Chairs = chairs });

        Assert.Equal("chairs", problem.Field);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dana")]
    [InlineData("dana@")]
    [InlineData("@avaero.example")]
    [InlineData("dana@avaero")]
    [InlineData("da na@avaero.example")]
    [InlineData("dana@@avaero.example")]
    public void Problems_NotAnEmailAddress_IsRefused(string email)
    {
        var problem = Single(Good with { ContactEmail = email });

        Assert.Equal("contactEmail", problem.Field);
        Assert.Contains("is not an e-mail address", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_MissingDetails_NameEachField()
    {
        var problems = Problems(Good with { Company = " ", ContactName = "", ContactEmail = "", Address = "" });

        Assert.Equal(["company", "contactName", "contactEmail", "address"], problems.Select(p => p.Field));
        Assert.Equal("Enter the company's name.", problems[0].Message);
    }

    [Fact]
    public void Problems_OverlongOrMultiLineText_IsRefused()
    {
        var problems = Problems(Good with { Company = new string('A', 201), Address = "1200 W Avenue P\nSuite 4", Notes = new string('n', 2001) });

        Assert.Equal(["company", "address", "notes"], problems.Select(p => p.Field));
    }

    [Fact]
    public void Problems_APracticeWithoutEvents_SaysEventsAreNotOffered()
    {
        var problems = Problems(Good, EventPractice.WithoutEvents());

        var problem = Assert.Single(problems);
        Assert.Equal("", problem.Field);
        Assert.Contains("do not offer chair massage events", problem.Message, StringComparison.Ordinal);
    }
}
