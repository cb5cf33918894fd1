using Knotwork.Domain.Booking;
using Knotwork.Domain.Booking.Setup;
using NodaTime;

namespace Knotwork.Domain.Tests.Events;

/// <summary>The optional "chairEvents" section of the practice setup: read, written, checked.</summary>
public class ChairEventSetupTests
{
    private static readonly string Sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "practice-antelope-valley.json"));

    private static PracticeSetupReadResult Read(string json) => PracticeSetupFile.Read(json, ZipCodes.Default);

    private static string SampleWith(string find, string replace)
    {
        Assert.Contains(find, Sample, StringComparison.Ordinal);
        return Sample.Replace(find, replace, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TheSample_HasRatesPerAreaAndATwoHourMinimum_AndNoneInTehachapi()
    {
        var events = Read(Sample).Setup!.ChairEvents!;

        Assert.Equal(90.00m, events.RateIn("lancaster"));
        Assert.Equal(110.00m, events.RateIn("santa-clarita"));
        Assert.Null(events.RateIn("tehachapi"));
        Assert.Equal(Duration.FromHours(2), events.MinimumHours);
    }

    [Fact]
    public void Read_ASetupWithoutTheSection_IsValidAndOffersNoEvents()
    {
        var start = Sample.IndexOf(",\n  \"chairEvents\"", StringComparison.Ordinal);
        Assert.True(start > 0);
        var withoutEvents = Sample[..start] + "\n}\n";

        var result = Read(withoutEvents);

        Assert.Empty(result.Problems);
        Assert.Null(result.Setup!.ChairEvents);
    }

    [Fact]
    public void WriteThenRead_KeepsTheRatesAndTheMinimum()
    {
        var setup = EventPractice.WithoutEvents() with
        {
            ChairEvents = new ChairEventPricing { HourlyRates = [new ChairEventRate("lancaster", 90m), new ChairEventRate("palmdale", 97.50m)], MinimumHours = Duration.FromMinutes(90) },
        };

        var json = PracticeSetupFile.Write(setup);
        var back = Read(json);

        Assert.Empty(back.Problems);
        Assert.Contains("\"minimumHours\": \"1:30\"", json, StringComparison.Ordinal);
        Assert.Equal(setup.ChairEvents.HourlyRates, back.Setup!.ChairEvents!.HourlyRates);
        Assert.Equal(Duration.FromMinutes(90), back.Setup.ChairEvents.MinimumHours);
        Assert.Equal(json, PracticeSetupFile.Write(back.Setup));
    }

    [Fact]
    public void Write_ASetupWithoutEvents_WritesNoSection()
    {
        Assert.DoesNotContain("chairEvents", PracticeSetupFile.Write(EventPractice.WithoutEvents()), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ARateForAnUnknownArea_NamesTheArea()
    {
        var result = Read(SampleWith("\"rosamond\": 100.00", "\"mojave\": 100.00"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("chairEvents.hourlyRates", problem.Field);
        Assert.Contains("'mojave'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ANegativeRate_IsRefused()
    {
        var problem = Assert.Single(Read(SampleWith("\"rosamond\": 100.00", "\"rosamond\": -100.00")).Problems);

        Assert.Contains("cannot be negative", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ABadMinimum_NamesTheField()
    {
        var problem = Assert.Single(Read(SampleWith("\"minimumHours\": \"2:00\"", "\"minimumHours\": \"two hours\"")).Problems);

        Assert.Equal("chairEvents.minimumHours", problem.Field);
    }

    [Fact]
    public void Read_AMisspeltField_IsReported()
    {
        var problem = Assert.Single(Read(SampleWith("\"minimumHours\"", "\"minimumHour\"")).Problems);

        Assert.Equal("chairEvents.minimumHour", problem.Field);
        Assert.Contains("hourlyRates, minimumHours", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoRates_IsReported()
    {
        var problem = Assert.Single(Read(SampleWith("\"hourlyRates\"", "\"rates\"")).Problems, p => p.Field == "chairEvents.hourlyRates");

        Assert.Contains("rate per therapist hour", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AnEmptyRateList_SaysEventsWillNotBeOffered()
    {
        var setup = EventPractice.WithoutEvents() with { ChairEvents = new ChairEventPricing { HourlyRates = [] } };

        var problem = Assert.Single(setup.Validate(ZipCodes.Default));

        Assert.Contains("will not be offered", problem.Message, StringComparison.Ordinal);
    }
}
