using Knotwork.Domain.Anatomy;

namespace Knotwork.Domain.Tests.Anatomy;

public class BodyRegionsTests
{
    private static readonly BodyRegions Regions = BodyRegions.Default;

    [Fact]
    public void Taxonomy_HasThe163IdentifiersOfTheSpec()
    {
        Assert.Equal(163, Regions.Count);
        Assert.Equal(77, Regions.All.Count(r => r.Side == Side.Left));
        Assert.Equal(77, Regions.All.Count(r => r.Side == Side.Right));
        Assert.Equal(9, Regions.All.Count(r => r.Side == Side.Midline));
        Assert.Equal(Regions.All.Count, Regions.All.Select(r => r.Id).Distinct().Count());
        Assert.All(Regions.All, r => Assert.Matches("^[a-z0-9-]+(\\.[lr])?$", r.Id.Value));
    }

    [Fact]
    public void Index_IsThePositionInTheTaxonomy()
    {
        for (var i = 0; i < Regions.Count; i++)
        {
            Assert.Equal(i, Regions.All[i].Index);
        }
    }

    [Theory]
    [InlineData("temple.l", "temple.l")]
    [InlineData("  Temple.L ", "temple.l")]
    [InlineData("SACRUM", "sacrum")]
    [InlineData("neck-back.r", "neck-back.r")]
    public void TryParse_AcceptsIdentifiersCaseInsensitivelyAndTrimmed(string text, string expected)
    {
        Assert.True(RegionId.TryParse(text, out var id));
        Assert.Equal(expected, id.Value);
    }

    [Theory]
    [InlineData("temple")]        // a paired stem needs its side
    [InlineData("sacrum.l")]      // a midline region has none
    [InlineData("tempel.l")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("temple.left")]
    public void TryParse_RejectsAnythingElse(string? text)
    {
        Assert.False(RegionId.TryParse(text, out _));
    }

    [Fact]
    public void ParseSelection_UnknownRegion_NamesTheNearestValidIdentifiers()
    {
        var parse = Regions.ParseSelection(["tempel.l"]);

        Assert.False(parse.Succeeded);
        Assert.Contains("'tempel.l'", parse.Error);
        Assert.Contains("temple.l", parse.Error);
    }

    [Fact]
    public void ParseSelection_BareStemOfPairedRegion_SuggestsBothSides()
    {
        var parse = Regions.ParseSelection(["temple"]);

        Assert.False(parse.Succeeded);
        Assert.Contains("temple.l", parse.Error);
        Assert.Contains("temple.r", parse.Error);
    }

    [Fact]
    public void ParseSelection_DropsDuplicatesAndOrdersByTaxonomy()
    {
        var parse = Regions.ParseSelection(["neck-back.l", "temple.l", "TEMPLE.L"]);

        Assert.True(parse.Succeeded);
        Assert.Equal(["temple.l", "neck-back.l"], parse.Regions.Select(r => r.Id.Value));
    }

    [Fact]
    public void ParseSelection_GroupToken_ExpandsToThatSideOfTheGroup()
    {
        var parse = Regions.ParseSelection(["group:forearm.l"]);

        Assert.True(parse.Succeeded);
        Assert.Equal(["forearm-front.l", "forearm-back.l", "forearm-radial.l", "forearm-ulnar.l"], parse.Regions.Select(r => r.Id.Value));
    }

    [Fact]
    public void ParseSelection_GroupWithoutSide_TakesBothSidesAndTheMidline()
    {
        var parse = Regions.ParseSelection(["group:chest"]);

        Assert.True(parse.Succeeded);
        Assert.Contains(parse.Regions, r => r.Id.Value == "sternum");
        Assert.Contains(parse.Regions, r => r.Id.Value == "chest.l");
        Assert.Contains(parse.Regions, r => r.Id.Value == "chest.r");
    }

    [Fact]
    public void ParseSelection_UnknownGroup_ListsTheGroups()
    {
        var parse = Regions.ParseSelection(["group:wing.l"]);

        Assert.False(parse.Succeeded);
        Assert.Contains("forearm", parse.Error);
    }

    [Fact]
    public void Mirror_SwapsSidesAndKeepsMidline()
    {
        Assert.True(Regions.TryGet("temple.l", out var left));
        Assert.Equal("temple.r", left.Mirror.Id.Value);
        Assert.Same(left, left.Mirror.Mirror);
        Assert.True(Regions.TryGet("sacrum", out var sacrum));
        Assert.Same(sacrum, sacrum.Mirror);
    }

    [Fact]
    public void Label_SaysTheClientsOwnSide()
    {
        Assert.True(Regions.TryGet("neck-back.l", out var region));
        Assert.Equal("Left back of the neck", region.Label);
    }
}
