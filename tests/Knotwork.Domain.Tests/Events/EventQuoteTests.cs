using Knotwork.Domain.Events;
using NodaTime;

namespace Knotwork.Domain.Tests.Events;

public class EventQuoteTests
{
    private static EventRequest Request(string zip, int chairs, LocalTime start, LocalTime end, LocalDate? date = null) => new()
    {
        Company = "Acme",
        ContactName = "Dana",
        ContactEmail = "dana@acme.example",
        Address = "1 Main St",
        Zip = zip,
        Date = date ?? new LocalDate(2027, 3, 10),
        Start = start,
        End = end,
        Chairs = chairs,
        SlotMinutes = 15,
    };

    private static EventQuote.Offered Offered(EventRequest request) => Assert.IsType<EventQuote.Offered>(EventQuote.For(EventPractice.Setup(), request));

    [Fact]
    public void For_ThreeChairsForThreeAndAHalfHoursInPalmdale_IsChairsTimesHoursTimesTheAreasRate()
    {
        var quote = Offered(Request(EventPractice.Palmdale, 3, new LocalTime(10, 0), new LocalTime(13, 30)));

        Assert.Equal("Palmdale", quote.Area.Name);
        Assert.Equal(95m, quote.HourlyRate);
        Assert.Equal(Duration.FromMinutes(210), quote.BilledPerChair);
        Assert.Equal(997.50m, quote.Total);
    }

    [Fact]
    public void For_TheSameEventInSantaClarita_UsesThatAreasRate()
    {
        var quote = Offered(Request(EventPractice.Valencia, 2, new LocalTime(9, 0), new LocalTime(17, 0)));

        Assert.Equal(110m, quote.HourlyRate);
        Assert.Equal(1760.00m, quote.Total);
    }

    [Fact]
    public void For_AnHourLongEvent_IsBilledTheTwoHourMinimum()
    {
        var quote = Offered(Request(EventPractice.Lancaster, 1, new LocalTime(12, 0), new LocalTime(13, 0)));

        Assert.Equal(Duration.FromHours(1), quote.Length);
        Assert.Equal(Duration.FromHours(2), quote.BilledPerChair);
        Assert.Equal(180.00m, quote.Total);
    }

    [Fact]
    public void For_APartHour_IsRoundedOnceToWholeCents()
    {
        // 2 h 10 min x $95 = $205.8333...
        var quote = Offered(Request(EventPractice.Palmdale, 1, new LocalTime(10, 0), new LocalTime(12, 10)));

        Assert.Equal(205.83m, quote.Total);
    }

    [Fact]
    public void For_ANightEventOnTheFallBackDay_BillsTheHoursTheTherapistsReallyWork()
    {
        // 00:00-04:00 on 7 November 2027 lasts five hours: 01:00-02:00 happens twice.
        var quote = Offered(Request(EventPractice.Lancaster, 1, new LocalTime(0, 0), new LocalTime(4, 0), new LocalDate(2027, 11, 7)));

        Assert.Equal(Duration.FromHours(5), quote.Length);
        Assert.Equal(450.00m, quote.Total);
    }

    [Fact]
    public void For_APracticeWithoutEvents_SaysEventsAreNotOffered()
    {
        var quote = EventQuote.For(EventPractice.WithoutEvents(), Request(EventPractice.Palmdale, 2, new LocalTime(10, 0), new LocalTime(12, 0)));

        Assert.Contains("do not offer chair massage events", Assert.IsType<EventQuote.NotOffered>(quote).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EventPractice.Tehachapi)]
    [InlineData(EventPractice.Mojave)]
    public void For_AZipWithoutARate_IsNotOffered(string zip)
    {
        var quote = EventQuote.For(EventPractice.Setup(), Request(zip, 2, new LocalTime(10, 0), new LocalTime(12, 0)));

        Assert.Contains($"We do not bring chair massage to ZIP {zip}", Assert.IsType<EventQuote.NotOffered>(quote).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void For_TimesThatDoNotMakeAnEvent_AreNotQuoted()
    {
        var quote = EventQuote.For(EventPractice.Setup(), Request(EventPractice.Palmdale, 2, new LocalTime(12, 0), new LocalTime(10, 0)));

        Assert.IsType<EventQuote.NotOffered>(quote);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void For_ChairsOutOfRange_AreNotQuoted(int chairs)
    {
        Assert.IsType<EventQuote.NotOffered>(EventQuote.For(EventPractice.Setup(), Request(EventPractice.Palmdale, chairs, new LocalTime(10, 0), new LocalTime(12, 0))));
    }
}
