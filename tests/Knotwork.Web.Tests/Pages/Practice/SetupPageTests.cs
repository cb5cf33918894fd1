using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Data.Entities;
using Knotwork.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests.Pages.Practice;

/// <summary>
/// The owner's booking setup page (issue 9), over the sample practice a first run starts with: the setup shown,
/// edited as its file, checked before saving, saved against the version read, downloaded and restored from the sample.
/// </summary>
public partial class SetupPageTests
{
    private const string Page = "/practice/setup";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheOwner_SeesTheSetup_EditsAPrice_AndTheApiQuotesItAtOnce()
    {
        await using var app = new KnotworkApp();
        var owner = await new PracticeDriver(app).SetUpOwner();

        var html = await owner.Html(Page);
        Assert.Contains("America/Los_Angeles", html, StringComparison.Ordinal);
        Assert.Contains("Rosamond", html, StringComparison.Ordinal);
        Assert.Contains("93560", html, StringComparison.Ordinal);
        Assert.Contains("Deep tissue, 60 minutes: $125.00", html, StringComparison.Ordinal);
        Assert.Contains("$110.00 to $145.00 by area", html, StringComparison.Ordinal);
        Assert.Contains("Deep tissue", html, StringComparison.Ordinal);

        var setup = JsonNode.Parse(TextArea(html))!;
        setup["pricing"]!["prices"]!["deep-tissue-60"]!["rosamond"] = 132.50m;
        var saved = await Save(owner, setup.ToJsonString(), Version(html));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await owner.Html(saved.Headers.Location!.OriginalString);
        Assert.Contains("Saved", after, StringComparison.Ordinal);
        Assert.Contains("Deep tissue, 60 minutes: $132.50", after, StringComparison.Ordinal);
        var (_, area) = await app.GetJson("/api/areas/93560");
        var price = area.GetProperty("prices").EnumerateArray().Single(p => p.GetProperty("service").GetString() == "deep-tissue-60");
        Assert.Equal(132.50m, price.GetProperty("price").GetDecimal());
        Assert.Contains(await AuditOf(app), a => a == "update practice-setup");
    }

    [Fact]
    public async Task NotJson_OrBadFields_ListsEveryProblemByField_KeepsTheText_AndSavesNothing()
    {
        await using var app = new KnotworkApp();
        var owner = await new PracticeDriver(app).SetUpOwner();
        var html = await owner.Html(Page);
        var before = await Stored(app);

        var broken = await Save(owner, "{ \"timeZone\": \"America/Los_Angeles\", oops", Version(html));
        var brokenHtml = await broken.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
        Assert.Contains("Not saved", brokenHtml, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", brokenHtml, StringComparison.Ordinal);
        Assert.Contains("oops", TextArea(brokenHtml), StringComparison.Ordinal);

        var setup = JsonNode.Parse(TextArea(html))!;
        setup["services"]![0]!["minutes"] = 5;
        setup["therapists"]![0]!["homeZip"] = "00000";
        setup["policies"]!["slotStepMinutes"] = 7;
        var invalid = await Save(owner, setup.ToJsonString(), Version(html));
        var invalidHtml = await invalid.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Contains("services[deep-tissue-60].minutes", invalidHtml, StringComparison.Ordinal);
        Assert.Contains("therapists[maria].homeZip", invalidHtml, StringComparison.Ordinal);
        Assert.Contains("policies.slotStepMinutes", invalidHtml, StringComparison.Ordinal);
        Assert.Contains("\"slotStepMinutes\":7", TextArea(invalidHtml), StringComparison.Ordinal);

        var after = await Stored(app);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Json, after.Json);
        Assert.DoesNotContain(await AuditOf(app), a => a == "update practice-setup");
    }

    [Fact]
    public async Task ASaveFromAStaleVersion_IsRefused_AndKeepsTheOtherChange()
    {
        await using var app = new KnotworkApp();
        var owner = await new PracticeDriver(app).SetUpOwner();
        var first = await owner.Html(Page);
        var second = await owner.Html(Page); // the same page open in a second tab

        var one = JsonNode.Parse(TextArea(first))!;
        one["pricing"]!["prices"]!["swedish-60"]!["lancaster"] = 99.00m;
        Assert.Equal(HttpStatusCode.Redirect, (await Save(owner, one.ToJsonString(), Version(first))).StatusCode);

        var two = JsonNode.Parse(TextArea(second))!;
        two["pricing"]!["prices"]!["swedish-60"]!["lancaster"] = 80.00m;
        var stale = await Save(owner, two.ToJsonString(), Version(second));
        var staleHtml = await stale.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone saved the booking setup while you were editing", staleHtml, StringComparison.Ordinal);
        Assert.Contains("80", TextArea(staleHtml), StringComparison.Ordinal);
        var (_, area) = await app.GetJson("/api/areas/93534");
        Assert.Equal(99.00m, area.GetProperty("prices").EnumerateArray().Single(p => p.GetProperty("service").GetString() == "swedish-60").GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task RemovingATherapistOrServiceWithUpcomingVisits_IsRefusedNamingTheVisits()
    {
        await using var app = new KnotworkApp();
        var owner = await new PracticeDriver(app).SetUpOwner();
        var soon = DateTime.UtcNow.AddDays(3);
        await AddBooking(app, "maria", "deep-tissue-60", soon);
        await AddBooking(app, "maria", "deep-tissue-60", soon.AddDays(1));
        await AddBooking(app, "jon", "prenatal-60", soon);
        await AddBooking(app, "ana", "swedish-60", DateTime.UtcNow.AddDays(-10)); // over: does not hold ana in the setup
        var html = await owner.Html(Page);
        var before = await Stored(app);

        var setup = JsonNode.Parse(TextArea(html))!;
        var therapists = setup["therapists"]!.AsArray();
        foreach (var t in therapists.Where(t => t!["id"]!.GetValue<string>() is "maria" or "ana").ToList())
            therapists.Remove(t);
        var services = setup["services"]!.AsArray();
        services.Remove(services.Single(s => s!["id"]!.GetValue<string>() == "prenatal-60"));
        setup["pricing"]!["prices"]!.AsObject().Remove("prenatal-60");
        foreach (var t in therapists)
        {
            var ids = t!["serviceIds"]!.AsArray();
            foreach (var id in ids.Where(i => i!.GetValue<string>() == "prenatal-60").ToList())
                ids.Remove(id);
        }

        var response = await Save(owner, setup.ToJsonString(), Version(html));
        var body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("still has 2 upcoming visits booked", body, StringComparison.Ordinal);
        Assert.Contains("therapists[maria]", body, StringComparison.Ordinal);
        Assert.Contains("services[prenatal-60]", body, StringComparison.Ordinal);
        Assert.Contains("still has 1 upcoming visit booked", body, StringComparison.Ordinal);
        Assert.DoesNotContain("therapists[ana]", body, StringComparison.Ordinal);
        Assert.Equal(before.Version, (await Stored(app)).Version);
    }

    [Fact]
    public async Task UploadingAFile_SavesIt_OrPutsItInTheBoxWithItsProblems()
    {
        await using var app = new KnotworkApp();
        var owner = await new PracticeDriver(app).SetUpOwner();
        var html = await owner.Html(Page);
        var setup = JsonNode.Parse(TextArea(html))!;
        setup["pricing"]!["prices"]!["sports-60"]!["palmdale"] = 121.00m;

        var uploaded = await Upload(owner, setup.ToJsonString(), Version(html));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var (_, area) = await app.GetJson("/api/areas/93550");
        Assert.Equal(121.00m, area.GetProperty("prices").EnumerateArray().Single(p => p.GetProperty("service").GetString() == "sports-60").GetProperty("price").GetDecimal());

        var page = await owner.Html(Page);
        setup["timeZone"] = "Mars/Olympus_Mons";
        var refused = await Upload(owner, setup.ToJsonString(), Version(page));
        var refusedHtml = await refused.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("timeZone", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus_Mons", TextArea(refusedHtml), StringComparison.Ordinal);
        Assert.Equal(int.Parse(Version(page), System.Globalization.CultureInfo.InvariantCulture), (await Stored(app)).Version);
    }

    [Fact]
    public async Task TherapistsClientsAndStrangers_CannotOpenOrSaveIt()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        var owner = await driver.SetUpOwner();
        var therapist = await driver.InviteTherapist(owner, "Theo A", "theo@knotwork.test");
        var (client, _) = await driver.RegisterClient("Zelda Quince", "zelda@knotwork.test");
        var ownerPage = await owner.Html(Page);
        var before = await Stored(app);

        foreach (var intruder in new[] { therapist, client })
        {
            AssertDenied(await intruder.Get(Page));
            AssertDenied(await intruder.Get(Page + "?handler=Download"));
            var form = new Dictionary<string, string>
            {
                ["Input.Json"] = TextArea(ownerPage), ["Input.Version"] = Version(ownerPage),
                ["__RequestVerificationToken"] = Browser.AntiforgeryToken(await intruder.Html("/account")),
            };
            using var content = new FormUrlEncodedContent(form);
            var post = await intruder.Http.PostAsync(new Uri(Page + "?handler=Save", UriKind.Relative), content, Token);
            AssertDenied(post);
        }

        var stranger = await new Browser(app).Get(Page + "?handler=Download");
        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.Contains("/account/sign-in", stranger.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(before.Version, (await Stored(app)).Version);
    }

    [Fact]
    public async Task Download_GivesTheCurrentSetupFile_AsAnAttachment()
    {
        await using var app = new KnotworkApp();
        var owner = await new PracticeDriver(app).SetUpOwner();

        var response = await owner.Get(Page + "?handler=Download");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("practice.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var json = await response.Content.ReadAsStringAsync(Token);
        Assert.Equal((await Stored(app)).Json, json);
        Assert.Equal("America/Los_Angeles", JsonNode.Parse(json)!["timeZone"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartingFromTheSample_FillsTheBox_AndSavingItRestoresTheSample()
    {
        await using var app = new KnotworkApp();
        var owner = await new PracticeDriver(app).SetUpOwner();
        var html = await owner.Html(Page);
        var changed = JsonNode.Parse(TextArea(html))!;
        changed["pricing"]!["prices"]!["deep-tissue-60"]!["rosamond"] = 200.00m;
        changed["areas"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "rosamond")!["name"] = "Rosamond and Willow Springs";
        Assert.Equal(HttpStatusCode.Redirect, (await Save(owner, changed.ToJsonString(), Version(html))).StatusCode);
        Assert.Equal(200.00m, await DeepTissuePriceInRosamond(app));

        var page = await owner.Html(Page);
        var sample = await owner.Post(Page, new Dictionary<string, string> { ["Input.Version"] = Version(page), ["Input.Json"] = "" }, Page + "?handler=Sample");
        var sampleHtml = await sample.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.OK, sample.StatusCode);
        Assert.Contains("Antelope Valley sample is in the box", sampleHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Willow Springs", TextArea(sampleHtml), StringComparison.Ordinal);
        Assert.Equal(200.00m, await DeepTissuePriceInRosamond(app)); // nothing saved yet

        var restored = await Save(owner, TextArea(sampleHtml), Version(sampleHtml));
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal(125.00m, await DeepTissuePriceInRosamond(app));
        Assert.Equal("Rosamond", (await app.GetJson("/api/areas/93560")).Body.GetProperty("name").GetString());
    }

    private static async Task<decimal> DeepTissuePriceInRosamond(KnotworkApp app)
    {
        var (_, area) = await app.GetJson("/api/areas/93560");
        return area.GetProperty("prices").EnumerateArray().Single(p => p.GetProperty("service").GetString() == "deep-tissue-60").GetProperty("price").GetDecimal();
    }

    /// <summary>Refused as the app refuses a signed-in person a page: 403, or a redirect to the "denied" page.</summary>
    private static void AssertDenied(HttpResponseMessage response) =>
        Assert.True(
            response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied", StringComparison.Ordinal)),
            $"expected a refusal, got {(int)response.StatusCode} {response.Headers.Location}");

    private static async Task<HttpResponseMessage> Upload(Browser owner, string json, string version)
    {
        var token = Browser.AntiforgeryToken(await owner.Html(Page));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(version), "Input.Version" },
        };
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        form.Add(file, "file", "practice.json");
        return await owner.Http.PostAsync(new Uri(Page + "?handler=Upload", UriKind.Relative), form, Token);
    }

    private static async Task<HttpResponseMessage> Save(Browser owner, string json, string version) =>
        await owner.Post(Page, new Dictionary<string, string> { ["Input.Json"] = json, ["Input.Version"] = version }, Page + "?handler=Save");

    private static string TextArea(string html) => WebUtility.HtmlDecode(TextAreaRegex().Match(html).Groups[1].Value).TrimStart('\r', '\n');

    private static string Version(string html) => VersionRegex().Match(html).Groups[1].Value;

    private static async Task<StoredPracticeSetup> Stored(KnotworkApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<KnotworkDbContext>().GetPracticeSetupAsync(Token))!;
    }

    private static async Task<List<string>> AuditOf(KnotworkApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        return [.. (await db.AuditLog.Select(e => new { e.Action, e.EntityType }).ToListAsync(Token)).Select(e => $"{e.Action} {e.EntityType}")];
    }

    private static async Task AddBooking(KnotworkApp app, string therapist, string service, DateTime startUtc)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        db.Bookings.Add(new BookingRecord
        {
            Id = Guid.NewGuid(), ServiceId = service, TherapistId = therapist, Status = BookingStatus.Booked, StartUtc = startUtc,
            EndUtc = startUtc.AddHours(1), Zip = "93534", Address = "44 Cedar Ave", Name = "Dana Reyes", Email = "dana@knotwork.test",
            Phone = "+1 661 555 0100", Price = 110m, ManageTokenHash = new string('0', 64), CreatedAtUtc = startUtc.AddDays(-20),
        });
        await db.SaveChangesAsync(Token);
    }

    [GeneratedRegex("<textarea[^>]*name=\"Input.Json\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex TextAreaRegex();

    [GeneratedRegex("name=\"Input.Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionRegex();
}
