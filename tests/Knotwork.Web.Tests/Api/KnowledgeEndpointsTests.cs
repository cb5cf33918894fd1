using System.Net;

namespace Knotwork.Web.Tests.Api;

public class KnowledgeEndpointsTests
{
    [Fact]
    public async Task Regions_ListsThe163WithLabels()
    {
        await using var app = new KnotworkApp();

        var (response, body) = await app.GetJson("/api/regions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(163, body.GetArrayLength());
        var temple = body.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "temple.l");
        Assert.Equal("Left temple", temple.GetProperty("label").GetString());
        Assert.Equal("left", temple.GetProperty("side").GetString());
        Assert.Equal("head", temple.GetProperty("group").GetString());
    }

    [Fact]
    public async Task Muscles_ListsAll110()
    {
        await using var app = new KnotworkApp();

        var (response, body) = await app.GetJson("/api/muscles");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(110, body.GetArrayLength());
    }

    [Fact]
    public async Task Muscles_SearchForItBand_FindsItsMuscles()
    {
        await using var app = new KnotworkApp();

        var (_, body) = await app.GetJson("/api/muscles?q=IT%20band");

        Assert.Contains(body.EnumerateArray(), m => m.GetProperty("slug").GetString() == "tensor-fasciae-latae");
    }

    [Fact]
    public async Task Muscle_HasTriggerPointsZonesAndSources()
    {
        await using var app = new KnotworkApp();

        var (response, body) = await app.GetJson("/api/muscles/sternocleidomastoid");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Sternocleidomastoid", body.GetProperty("name").GetString());
        var points = body.GetProperty("triggerPoints").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Contains("sternocleidomastoid/clavicular", points);
        Assert.Contains("sternocleidomastoid/sternal", points);
        Assert.NotEqual(0, body.GetProperty("sources").GetArrayLength());
        Assert.Contains(body.GetProperty("sources").EnumerateArray(), s => s.GetProperty("id").GetString() == "donnelly3" && !s.GetProperty("verified").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("codes").GetProperty("snomed").ValueKind);
    }

    [Fact]
    public async Task Group_AnswersWithItsMembers()
    {
        await using var app = new KnotworkApp();

        var (response, body) = await app.GetJson("/api/muscles/it-band");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["tensor-fasciae-latae", "gluteus-maximus", "vastus-lateralis"],
            body.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("slug").GetString()));
        Assert.Contains("fascia", body.GetProperty("note").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UnknownMuscle_Is404ProblemWithSuggestions()
    {
        await using var app = new KnotworkApp();

        var (response, body) = await app.GetJson("/api/muscles/infraspinatis");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("infraspinatus", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheEndpoints()
    {
        await using var app = new KnotworkApp();

        var (response, body) = await app.GetJson("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = body.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/finder", paths);
        Assert.Contains("/api/regions", paths);
        Assert.Contains("/api/muscles/{slug}", paths);
        Assert.True(body.GetProperty("paths").GetProperty("/api/finder").TryGetProperty("post", out _));
        // Errors are documented as ProblemDetails, as they are answered.
        Assert.True(body.GetProperty("paths").GetProperty("/api/finder").GetProperty("get").GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(body.GetProperty("paths").GetProperty("/api/muscles/{slug}").GetProperty("get").GetProperty("responses").TryGetProperty("404", out _));
    }

    [Fact]
    public async Task HomePage_LeadsToTheFinderAndTheApiDocument()
    {
        await using var app = new KnotworkApp();

        var html = await app.CreateClient().GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("href=\"/finder\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/openapi/v1.json\"", html, StringComparison.Ordinal);
        Assert.Contains("110 muscles", html, StringComparison.Ordinal);
    }
}
