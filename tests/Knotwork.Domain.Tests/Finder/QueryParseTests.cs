using Knotwork.Domain.Finder;

namespace Knotwork.Domain.Tests.Finder;

public class QueryParseTests
{
    [Fact]
    public void NoRegions_IsRejected()
    {
        var parse = FinderQuery.Parse([]);

        Assert.False(parse.Succeeded);
        Assert.Contains("at least one region", parse.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownRegion_IsRejectedWithSuggestions()
    {
        var parse = FinderQuery.Parse(["neckback.l"]);

        Assert.False(parse.Succeeded);
        Assert.Contains("neck-back.l", parse.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(-3)]
    public void IntensityOutOfRange_IsRejected(int intensity)
    {
        var parse = FinderQuery.Parse(["temple.l"], new Dictionary<string, int> { ["temple.l"] = intensity });

        Assert.False(parse.Succeeded);
        Assert.Contains("1 to 10", parse.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void IntensityForUnmarkedRegion_IsRejected()
    {
        var parse = FinderQuery.Parse(["temple.l"], new Dictionary<string, int> { ["jaw.l"] = 4 });

        Assert.False(parse.Succeeded);
        Assert.Contains("not among the marked regions", parse.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownContext_ListsTheValidKeys()
    {
        var parse = FinderQuery.Parse(["temple.l"], context: ["knitting"]);

        Assert.False(parse.Succeeded);
        Assert.Contains("desk-work", parse.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void TopOutOfRange_IsRejected(int top)
    {
        Assert.False(FinderQuery.Parse(["temple.l"], top: top).Succeeded);
    }

    [Fact]
    public void GroupToken_IsExpanded()
    {
        var parse = FinderQuery.Parse(["group:hand.r"]);

        Assert.True(parse.Succeeded);
        Assert.Equal(7, parse.Query!.Regions.Count);
    }
}

public class QueryParseTextTests
{
    [Fact]
    public void ParseText_ReadsTheUrlForms()
    {
        var parse = FinderQuery.ParseText(" temple.l, neck-back.l ,", "temple.l:7,,", "desk-work,stress");

        Assert.True(parse.Succeeded, parse.Error);
        Assert.Equal(2, parse.Query!.Regions.Count);
        Assert.Equal(7, parse.Query.Intensity.Single().Value);
        Assert.Equal(["desk-work", "stress"], parse.Query.Context.Select(c => c.Key));
    }

    [Theory]
    [InlineData("temple.l:x")]
    [InlineData("temple.l")]
    [InlineData("temple.l:7:8")]
    public void ParseText_BadIntensityPair_NamesTheFormat(string intensity)
    {
        var parse = FinderQuery.ParseText("temple.l", intensity);

        Assert.False(parse.Succeeded);
        Assert.Contains("REGION:N", parse.Error, StringComparison.Ordinal);
    }
}
