using Knotwork.Domain.Booking;

namespace Knotwork.Domain.Tests.Booking;

public class ZipCodesTests
{
    [Fact]
    public void Default_HoldsTheWholeCensusTable()
    {
        Assert.Equal(33_791, ZipCodes.Default.Count);
    }

    [Theory]
    [InlineData("93534", 34.7177, -118.1523)] // Lancaster
    [InlineData("93550", 34.4103, -118.0600)] // Palmdale
    [InlineData("00601", 18.1806, -66.7500)]  // Adjuntas, Puerto Rico: leading zeros survive
    [InlineData(" 93534-1234 ", 34.7177, -118.1523)]
    public void TryGet_AKnownZip_GivesItsCentre(string zip, double lat, double lon)
    {
        Assert.True(ZipCodes.Default.TryGet(zip, out var point, out var problem), problem);
        Assert.Equal(lat, point.Latitude, 3);
        Assert.Equal(lon, point.Longitude, 3);
    }

    [Fact]
    public void TryGet_APoBoxOnlyZip_SaysItCannotBeFound()
    {
        Assert.False(ZipCodes.Default.TryGet("93539", out _, out var problem));
        Assert.Contains("could not find ZIP code 93539", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9353")]
    [InlineData("ABCDE")]
    [InlineData("935341")]
    public void TryGet_NotAZip_SaysWhatAZipLooksLike(string text)
    {
        Assert.False(ZipCodes.Default.TryGet(text, out _, out var problem));
        Assert.Contains("five digits", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void MilesTo_LancasterToSantaClarita_IsAboutTwentyEightMilesAsTheCrowFlies()
    {
        var miles = ZipCodes.Default["93534"].MilesTo(ZipCodes.Default["91350"]);

        Assert.InRange(miles, 26, 30);
    }
}
