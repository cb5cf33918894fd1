using System.Net;
using System.Text.RegularExpressions;
using Knotwork.Domain.Anatomy;
using Knotwork.Web.BodyMap;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Knotwork.Web.Tests.Pages;

public class SitePagesTests
{
    private static async Task<(HttpResponseMessage Response, string Html)> Get(KnotworkApp app, string url)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        return (response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static TheoryData<string> Pages() => new(
        "/", "/finder", "/finder?regions=temple.l", "/muscles", "/muscles?q=rotator", "/muscles/infraspinatus",
        "/groups/rotator-cuff", "/learn");

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPage_HasATitleADescriptionAndTheNavigation(string url)
    {
        await using var app = new KnotworkApp();

        var (response, html) = await Get(app, url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("<title>[^<]{10,} \\| Knotwork</title>", html);
        Assert.Matches("<meta name=\"description\" content=\"[^\"]{40,}\"", html);
        Assert.Contains("href=\"/finder\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/muscles\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/learn\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MusclePage_SaysWhichChapterTitlesAreNotYetChecked()
    {
        await using var app = new KnotworkApp();

        var (response, html) = await Get(app, "/muscles/pronator-quadratus");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Referred pain pattern of the pronator quadratus muscle. Pain. 2005;116(3):238-242.", html, StringComparison.Ordinal);
        Assert.Contains("(Chapter title not yet checked against the book.)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPage_IsAFriendly404()
    {
        await using var app = new KnotworkApp();

        var (response, html) = await Get(app, "/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("could not find that page", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/finder\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownApiPath_IsAProblem404()
    {
        await using var app = new KnotworkApp();

        var (response, _) = await Get(app, "/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AtlasSearch_ForItBand_FindsItsMusclesAndTheGroup()
    {
        await using var app = new KnotworkApp();

        var (_, html) = await Get(app, "/muscles?q=IT+band");

        Assert.Contains("href=\"/muscles/tensor-fasciae-latae\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/muscles/vastus-lateralis\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/groups/it-band\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/muscles/temporalis\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AtlasFilter_ByArea_ListsOnlyThatArea()
    {
        await using var app = new KnotworkApp();

        var (_, html) = await Get(app, "/muscles?area=leg-foot");

        Assert.Contains("href=\"/muscles/soleus\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/muscles/temporalis\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MusclePage_DrawsADiagramPerTriggerPoint()
    {
        await using var app = new KnotworkApp();

        var (_, html) = await Get(app, "/muscles/sternocleidomastoid");

        Assert.Equal(2, Regex.Count(html, "class=\"trigger-point\""));
        Assert.Contains("zone-essential", html, StringComparison.Ordinal);
        Assert.Contains("zone-spillover", html, StringComparison.Ordinal);
        Assert.Contains("class=\"tp-marker\"", html, StringComparison.Ordinal);
        Assert.Contains("Trigger Point Manual", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupSlugOnTheMusclePath_RedirectsToTheGroupPage()
    {
        await using var app = new KnotworkApp();

        var (response, _) = await Get(app, "/muscles/rotator-cuff");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/groups/rotator-cuff", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task UnknownMuscle_Is404()
    {
        await using var app = new KnotworkApp();

        var (response, _) = await Get(app, "/muscles/no-such-muscle");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void BodyMap_DrawsEveryRegionOnceOnTheFigureOfItsView()
    {
        var art = BodyMapArt.LoadEmbedded(BodyRegions.Default);

        foreach (var region in BodyRegions.Default.All)
        {
            var figure = art.FigureOf(region);
            Assert.Equal(region.View == BodyView.Front, figure.FacesViewer);
        }

        Assert.Equal(163, art.Figures.Sum(f => f.Shapes.Count));
    }

    [Fact]
    public async Task Pages_AreCompressed()
    {
        await using var app = new KnotworkApp();
        var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/finder");
        request.Headers.AcceptEncoding.ParseAdd("br");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());
    }
}

public class FirstRunTests
{
    [Fact]
    public async Task FirstRun_CreatesAndMigratesTheSqliteDatabase_InTheConfiguredDataFolder_InWalMode()
    {
        await using var app = new KnotworkApp();
        _ = app.CreateClient();

        var file = Path.Combine(app.DataDirectory, "knotwork.db");
        Assert.True(File.Exists(file), $"no database at {file}");
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Foreign Keys=True");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await mode.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        await using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('Clients', 'PainMaps', 'AuditLog', 'AspNetUsers', 'DataProtectionKeys');";
        Assert.Equal(5L, (long)(await tables.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }
}
