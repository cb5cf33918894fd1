using Knotwork.Domain.Booking;

namespace Knotwork.Domain.Tests.Booking;

public class PricingTests
{
    [Fact]
    public void BasePlusTripCharge_AddsTheAreasTripCharge()
    {
        Assert.Equal(110m, Practice.BasePlusTrip.PriceOf("deep-60", "lancaster"));
        Assert.Equal(145m, Practice.BasePlusTrip.PriceOf("deep-60", "tehachapi"));
        Assert.Equal(180m, Practice.BasePlusTrip.PriceOf("sports-90", "santa-clarita"));
    }

    [Fact]
    public void PricePerArea_UsesTheOwnersPriceForThatAreaAndNothingElse()
    {
        var prices = new PricePerArea { Prices = [new("deep-60", "lancaster", 100m), new("deep-60", "santa-clarita", 135m)] };

        Assert.Equal(100m, prices.PriceOf("deep-60", "lancaster"));
        Assert.Equal(135m, prices.PriceOf("deep-60", "santa-clarita"));
        Assert.Null(prices.PriceOf("deep-60", "palmdale"));
        Assert.Null(prices.PriceOf("sports-90", "lancaster"));
    }
}
