using System.Net;
using System.Text.Json;
using Knotwork.Domain.Anatomy;

namespace Knotwork.Web.Tests.Api;

public class FinderEndpointsTests
{
    [Fact]
    public async Task Get_RanksTheUpperTrapeziusFirstForTempleAndNeck()
    {
        await using var app = new KnotworkApp();

        var (response, body) = await app.GetJson("/api/finder?regions=temple.l,neck-back.l&top=5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("id").ValueKind);
        var candidates = body.GetProperty("candidates");
        Assert.Equal(5, candidates.GetArrayLength());
        Assert.Equal("upper-trapezius", candidates[0].GetProperty("muscle").GetString());
        Assert.Equal("left", candidates[0].GetProperty("side").GetString());
        Assert.Equal("upper-trapezius", body.GetProperty("cover")[0].GetProperty("muscle").GetString());
        Assert.Contains("not a diagnosis", body.GetProperty("disclaimer").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ChestPain_ListsTheCardiacFlagAndStillTheMuscles()
    {
        await using var app = new KnotworkApp();

        var (_, body) = await app.GetJson("/api/finder?regions=chest.l,upper-arm-inner.l");

        Assert.Equal("cardiac", body.GetProperty("redFlags")[0].GetProperty("code").GetString());
        Assert.NotEqual(0, body.GetProperty("candidates").GetArrayLength());
    }

    [Fact]
    public async Task Get_ContextAndIntensity_AreApplied()
    {
        await using var app = new KnotworkApp();

        var (response, body) = await app.GetJson("/api/finder?regions=calf.l,heel.l&context=running&intensity=heel.l:8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("running", body.GetProperty("context")[0].GetString());
    }

    [Fact]
    public async Task Get_ListsTheSafetyQuestions_AndAYesRaisesTheFlag()
    {
        await using var app = new KnotworkApp();

        var (_, asked) = await app.GetJson("/api/finder?regions=calf.l");
        var (_, answered) = await app.GetJson("/api/finder?regions=calf.l&answers=dvt-swelling:yes,dvt-breathless:yes");

        Assert.Equal(0, asked.GetProperty("redFlags").GetArrayLength());
        var swelling = asked.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("key").GetString() == "dvt-swelling");
        Assert.Equal("dvt", swelling.GetProperty("flag").GetString());
        Assert.Equal(JsonValueKind.Null, swelling.GetProperty("answer").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(swelling.GetProperty("source").GetString()));
        var flag = answered.GetProperty("redFlags")[0];
        Assert.Equal("dvt", flag.GetProperty("code").GetString());
        Assert.Equal("emergency", flag.GetProperty("urgency").GetString());
    }

    [Fact]
    public async Task Post_Answers_ClearTheGuessBehindAFlag()
    {
        await using var app = new KnotworkApp();

        var (_, guessed) = await app.PostJson("/api/finder", """{"regions": ["perineum"]}""");
        var (_, answered) = await app.PostJson("/api/finder", """{"regions": ["perineum"], "answers": {"saddle-numbness": "no", "bladder-bowel": "no", "legs-weak": "no"}}""");

        Assert.Contains(guessed.GetProperty("redFlags").EnumerateArray(), f => f.GetProperty("code").GetString() == "cauda-equina");
        Assert.DoesNotContain(answered.GetProperty("redFlags").EnumerateArray(), f => f.GetProperty("code").GetString() == "cauda-equina");
    }

    [Fact]
    public async Task Post_EchoesTheIdAndAnswersLikeGet()
    {
        await using var app = new KnotworkApp();

        var (response, body) = await app.PostJson("/api/finder", """{"id": "visit-7", "regions": ["temple.l", "neck-back.l"], "intensity": {"temple.l": 7}, "context": ["desk-work"]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("visit-7", body.GetProperty("id").GetString());
        Assert.Equal("upper-trapezius", body.GetProperty("candidates")[0].GetProperty("muscle").GetString());
    }

    [Fact]
    public async Task UnknownRegion_Is400WithTheSameMessageAsTheCli()
    {
        await using var app = new KnotworkApp();

        var (response, body) = await app.GetJson("/api/finder?regions=tempel.l");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(BodyRegions.Default.UnknownRegionMessage("tempel.l"), body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/finder")]
    [InlineData("/api/finder?regions=")]
    [InlineData("/api/finder?regions=temple.l&top=abc")]
    [InlineData("/api/finder?regions=temple.l&top=0")]
    [InlineData("/api/finder?regions=temple.l&top=1000")]
    [InlineData("/api/finder?regions=temple.l&context=knitting")]
    [InlineData("/api/finder?regions=temple.l&intensity=temple.l:99")]
    [InlineData("/api/finder?regions=temple.l&intensity=temple.l")]
    [InlineData("/api/finder?regions=temple.l&intensity=jaw.l:3")]
    [InlineData("/api/finder?regions=group:wing.l")]
    [InlineData("/api/finder?regions=calf.l&answers=dvt-swelling:perhaps")]
    [InlineData("/api/finder?regions=calf.l&answers=no-such-question:yes")]
    [InlineData("/api/finder?regions=%3Cscript%3Ealert(1)%3C/script%3E")]
    public async Task BadQuery_Is400ProblemDetails(string url)
    {
        await using var app = new KnotworkApp();

        var (response, body) = await app.GetJson(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"regions": 5}""")]
    [InlineData("""{"regions": ["temple.l"], "top": "many"}""")]
    [InlineData("""{"regions": ["temple.l"], "intensity": {"temple.l": "high"}}""")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("""{"regions": ["calf.l"], "answers": {"dvt-swelling": true}}""")]
    [InlineData("""{"regions": ["calf.l"], "answers": {"dvt-swelling": "sometimes"}}""")]
    public async Task BadBody_Is400ProblemDetails(string json)
    {
        await using var app = new KnotworkApp();

        var (response, body) = await app.PostJson("/api/finder", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
    }
}
