using Knotwork.Domain.Booking;
using NodaTime;

namespace Knotwork.Domain.Tests.Booking;

public class TravelTests
{
    private static StraightLineTravel Travel(TravelSettings? settings = null) =>
        new(ZipCodes.Default, settings ?? new TravelSettings(), Practice.Areas);

    [Fact]
    public void Between_LancasterAndSantaClarita_IsAboutAnHourWithTheDefaults()
    {
        // 28 miles as the crow flies x 1.3 at 45 mph = 49 min, + 5 min parking.
        var time = Travel().Between(Practice.Lancaster, Practice.Saugus);

        Assert.InRange(time.TotalMinutes, 50, 58);
        Assert.Equal(time, Travel().Between(Practice.Saugus, Practice.Lancaster));
    }

    [Fact]
    public void Between_TheSameZip_IsJustTheParkingMargin()
    {
        Assert.Equal(Duration.FromMinutes(5), Travel().Between(Practice.Palmdale, Practice.Palmdale));
    }

    [Fact]
    public void Between_UsesTheConfiguredSpeedAndRoadFactor()
    {
        var slow = Travel(new TravelSettings { AverageSpeedMph = 30, RoadFactor = 1.5, ParkingMinutes = 10 });

        Assert.True(slow.Between(Practice.Lancaster, Practice.Saugus) > Travel().Between(Practice.Lancaster, Practice.Saugus) + Duration.FromMinutes(30));
    }

    [Fact]
    public void Between_AnOwnersAreaOverride_ReplacesTheEstimateBothWays()
    {
        // The Soledad Canyon road is slower than the straight line suggests.
        var travel = Travel(new TravelSettings { Overrides = [new("santa-clarita", "lancaster", 75)] });

        Assert.Equal(Duration.FromMinutes(75), travel.Between(Practice.Lancaster, Practice.Saugus));
        Assert.Equal(Duration.FromMinutes(75), travel.Between(Practice.Valencia, Practice.LancasterEast));
        Assert.Equal(Travel().Between(Practice.Lancaster, Practice.Palmdale), travel.Between(Practice.Lancaster, Practice.Palmdale));
    }

    [Fact]
    public void Between_AZipNotInTheTable_IsUnreachable_AndTryBetweenSaysSo()
    {
        var travel = Travel();

        Assert.Equal(StraightLineTravel.Unreachable, travel.Between("93539", Practice.Lancaster));
        Assert.Equal(StraightLineTravel.Unreachable, travel.Between(Practice.Lancaster, "93539"));
        Assert.False(travel.TryBetween("93539", Practice.Lancaster, out _));
        Assert.True(travel.TryBetween(Practice.Lancaster, Practice.Palmdale, out var known));
        Assert.Equal(travel.Between(Practice.Lancaster, Practice.Palmdale), known);
        Assert.Equal(Duration.FromMinutes(5), travel.Between("93539", "93539")); // two visits at one address: parking only
    }
}
