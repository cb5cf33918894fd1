using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Knotwork.Data;
using Knotwork.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests.Pages.Treatment;

/// <summary>Charting a visit (issue 10): start a visit, chart points by form and by sync, stored once, seen only by the client's staff.</summary>
public class ChartPageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private sealed record Practice(KnotworkApp App, Browser Owner, Browser Theo, Browser Tess, Browser Client, Guid ClientId);

    private static async Task<Practice> SetUp(TimeProvider? clock = null)
    {
        var app = new KnotworkApp(clock: clock);
        var driver = new PracticeDriver(app);
        var owner = await driver.SetUpOwner();
        var theo = await driver.InviteTherapist(owner, "Theo A", "theo@knotwork.test");
        var tess = await driver.InviteTherapist(owner, "Tess B", "tess@knotwork.test");
        var (client, clientId) = await driver.RegisterClient("Zelda Quince", "zelda@knotwork.test");
        Guid theoId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
            theoId = await db.Users.Where(u => u.Email == "theo@knotwork.test").Select(u => u.Id).SingleAsync(Token);
        }

        var assigned = await owner.Post($"/clients/{clientId}", new Dictionary<string, string> { ["therapistId"] = theoId.ToString() }, $"/clients/{clientId}?handler=Assign");
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        // The client's pain map: the left temple and back of the neck.
        var saved = await theo.Post("/finder?regions=temple.l,neck-back.l", new Dictionary<string, string>
        {
            ["clientId"] = clientId.ToString(), ["regions"] = "temple.l,neck-back.l", ["saveId"] = Guid.NewGuid().ToString(),
        }, "/clients/pain-maps");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return new Practice(app, owner, theo, tess, client, clientId);
    }

    private static async Task<Guid> StartVisit(Browser therapist, Guid clientId)
    {
        var started = await therapist.Post($"/visits/start?client={clientId}", new Dictionary<string, string> { ["client"] = clientId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var location = started.Headers.Location!.OriginalString;
        Assert.Matches("^/visits/[0-9a-f-]{36}/chart$", location);
        return Guid.Parse(location.Split('/')[2]);
    }

    private static async Task<HttpResponseMessage> Sync(Browser who, Guid visit, object body)
    {
        var token = Browser.AntiforgeryToken(await who.Html($"/visits/{visit}/note")); // the note page always has a form, also once the chart is locked
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/visits/{visit}/chart") { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", token);
        return await who.Http.SendAsync(request, Token);
    }

    private static object Entry(Guid id, string point = "upper-trapezius/1", string side = "left", string at = "2026-12-02T10:00:00Z") => new
    {
        id, triggerPoint = point, side, signs = new[] { "taut-band", "tender-spot", "recognised-pain" }, pressureTolerance = 6,
        release = new { seconds = 52, softened = true }, followUp = new[] { "stroking", "stretch" }, minutes = 5, recordedAt = at,
    };

    [Fact]
    public async Task TheAssignedTherapist_StartsAVisit_AndSeesThePointsSuggestedByThePainMap()
    {
        var p = await SetUp();
        await using var app = p.App;
        var visit = await StartVisit(p.Theo, p.ClientId);

        var html = await p.Theo.Html($"/visits/{visit}/chart");

        Assert.Contains("Chart: Zelda Quince", html, StringComparison.Ordinal);
        Assert.Contains("value=\"upper-trapezius/1|left\"", html, StringComparison.Ordinal); // suggested, on the marked side
        Assert.Contains("<option value=\"soleus/1\">", html, StringComparison.Ordinal);       // and any of the 175 points
        Assert.Contains("No points charted yet.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChartingWithoutJavaScript_StoresThePoint_AndAResentFormStoresItOnce()
    {
        var p = await SetUp();
        await using var app = p.App;
        var visit = await StartVisit(p.Theo, p.ClientId);
        var page = await p.Theo.Html($"/visits/{visit}/chart");
        var id = System.Text.RegularExpressions.Regex.Match(page, "name=\"Input.Id\" value=\"([0-9a-f-]{36})\"").Groups[1].Value;
        var form = new Dictionary<string, string>
        {
            ["Input.Id"] = id, ["Input.Candidate"] = "upper-trapezius/1|left", ["Input.Signs"] = "taut-band", ["Input.Tolerance"] = "6",
            ["Input.HeldSeconds"] = "45", ["Input.Outcome"] = "released", ["Input.Minutes"] = "5",
        };
        using var content = new FormUrlEncodedContent(form.Append(new("Input.Signs", "tender-spot")).Append(new("Input.Signs", "recognised-pain"))
            .Append(new("__RequestVerificationToken", Browser.AntiforgeryToken(page))));
        var body = await content.ReadAsStringAsync(Token);

        for (var i = 0; i < 2; i++)
        {
            using var again = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
            var posted = await p.Theo.Http.PostAsync(new Uri($"/visits/{visit}/chart?handler=Entry", UriKind.Relative), again, Token);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }

        var chart = await p.Theo.Html($"/visits/{visit}/chart");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(chart, "data-entry=\""));
        Assert.Contains("active (reproduces the client&#x27;s familiar pain)", chart, StringComparison.Ordinal);
        Assert.Contains("released after 45 s (within the usual 30 s to 2 min)", chart, StringComparison.Ordinal);
    }

    /// <summary>Posts the chart form as a browser without JavaScript would: <paramref name="fields"/> (repeatable names) with the token of <paramref name="page"/>.</summary>
    private static async Task<HttpResponseMessage> PostEntry(Browser who, Guid visit, string page, params (string Name, string Value)[] fields)
    {
        var token = Browser.AntiforgeryToken(page.Contains("__RequestVerificationToken", StringComparison.Ordinal) ? page : await who.Html($"/visits/{visit}/note"));
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", token)));
        return await who.Http.PostAsync(new Uri($"/visits/{visit}/chart?handler=Entry", UriKind.Relative), content, Token);
    }

    /// <summary>The visit's chart as the API reads it back.</summary>
    private static async Task<JsonElement> ChartOf(Browser who, Guid visit)
    {
        using var chart = JsonDocument.Parse(await who.Html($"/api/visits/{visit}/chart"));
        return chart.RootElement.GetProperty("entries").Clone();
    }

    private static (string, string)[] EditedFields(Guid id) =>
    [
        ("Input.Id", id.ToString()), ("Input.Edit", "true"), ("Input.Point", "upper-trapezius/1"), ("Input.Side", "left"),
        ("Input.Signs", "taut-band"), ("Input.Signs", "tender-spot"), ("Input.Tolerance", "3"),
        ("Input.HeldSeconds", "95"), ("Input.Outcome", "not-released"), ("Input.Minutes", "10"),
    ];

    [Fact]
    public async Task EditingWithoutJavaScript_FillsTheFormWithThePoint_AndSavingChangesThatEntryInPlace()
    {
        var p = await SetUp();
        await using var app = p.App;
        var visit = await StartVisit(p.Theo, p.ClientId);
        var id = Guid.NewGuid();
        await Sync(p.Theo, visit, new { entries = new[] { Entry(id), Entry(Guid.NewGuid(), "infraspinatus/1", "right") } });

        var chart = await p.Theo.Html($"/visits/{visit}/chart");
        Assert.Contains($"href=\"/visits/{visit}/chart?edit={id}#chart-form\"", chart, StringComparison.Ordinal); // each point has its Edit link
        var form = await p.Theo.Html($"/visits/{visit}/chart?edit={id}");
        Assert.Contains($"name=\"Input.Id\" value=\"{id}\"", form, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Edit\" id=\"editing-flag\" value=\"true\"", form, StringComparison.Ordinal);
        Assert.Contains("<option value=\"upper-trapezius/1\" selected=\"selected\">", form, StringComparison.Ordinal);
        Assert.Contains("id=\"tol-6\" value=\"6\" checked=\"checked\"", form, StringComparison.Ordinal);
        Assert.Contains("id=\"held\" name=\"Input.HeldSeconds\" type=\"number\" inputmode=\"numeric\" min=\"1\" max=\"600\" value=\"52\"", form, StringComparison.Ordinal);
        Assert.Contains("id=\"fu-stretch\" value=\"stretch\" checked=\"checked\"", form, StringComparison.Ordinal);
        Assert.Contains("Cancel edit", form, StringComparison.Ordinal);

        var saved = await PostEntry(p.Theo, visit, form, EditedFields(id));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Point updated.", await p.Theo.Html(saved.Headers.Location!.OriginalString), StringComparison.Ordinal);
        var entries = await ChartOf(p.Theo, visit);
        Assert.Equal(2, entries.GetArrayLength()); // changed, not added
        var edited = Assert.Single(entries.EnumerateArray(), e => e.GetProperty("id").GetGuid() == id);
        Assert.Equal(3, edited.GetProperty("pressureTolerance").GetInt32());
        Assert.False(edited.GetProperty("release").GetProperty("softened").GetBoolean());
        Assert.Equal(95, edited.GetProperty("release").GetProperty("seconds").GetDouble());
        Assert.Equal("latent", edited.GetProperty("status").GetString());
        Assert.True(edited.GetProperty("recordedAt").GetDateTimeOffset() > DateTimeOffset.Parse("2026-12-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var page = await p.Theo.Html($"/visits/{visit}/chart");
        var item = System.Text.RegularExpressions.Regex.Match(page, $"<li data-entry=\"{id}\".*?</li>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Contains("did not release after 1 min 35 s; pressure 3/10", item, StringComparison.Ordinal);
        Assert.DoesNotContain("released after 52 s", item, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditingWithoutJavaScript_APointFromAPhoneWhoseClockRanAhead_StillReplacesIt()
    {
        var p = await SetUp();
        await using var app = p.App;
        var visit = await StartVisit(p.Theo, p.ClientId);
        var id = Guid.NewGuid();
        var ahead = DateTimeOffset.UtcNow.AddHours(6).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, (await Sync(p.Theo, visit, new { entries = new[] { Entry(id, at: ahead) } })).StatusCode);

        var saved = await PostEntry(p.Theo, visit, await p.Theo.Html($"/visits/{visit}/chart?edit={id}"), EditedFields(id));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(3, Assert.Single((await ChartOf(p.Theo, visit)).EnumerateArray()).GetProperty("pressureTolerance").GetInt32());
    }

    [Fact]
    public async Task EditingASignedVisitsPoint_IsRefused_AndThePointStaysAsCharted()
    {
        var p = await SetUp();
        await using var app = p.App;
        var visit = await StartVisit(p.Theo, p.ClientId);
        var id = Guid.NewGuid();
        await Sync(p.Theo, visit, new { entries = new[] { Entry(id) } });
        var form = await p.Theo.Html($"/visits/{visit}/chart?edit={id}"); // opened before the note is signed
        var signed = await p.Theo.Post($"/visits/{visit}/note", new Dictionary<string, string> { ["Assessment"] = "A.", ["Plan"] = "P." }, $"/visits/{visit}/note?handler=Sign");
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);

        var locked = await p.Theo.Html($"/visits/{visit}/chart?edit={id}");
        Assert.DoesNotContain("edit-entry", locked, StringComparison.Ordinal); // no Edit controls once signed
        Assert.DoesNotContain("id=\"chart-form\"", locked, StringComparison.Ordinal);
        var refused = await PostEntry(p.Theo, visit, form, EditedFields(id));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The note for this visit is signed, so its chart is locked.", await refused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var entry = Assert.Single((await ChartOf(p.Theo, visit)).EnumerateArray());
        Assert.Equal(6, entry.GetProperty("pressureTolerance").GetInt32());
        Assert.True(entry.GetProperty("release").GetProperty("softened").GetBoolean());
    }

    [Fact]
    public async Task Sync_ARetriedQueue_IsStoredOnce_AndReadBack()
    {
        var p = await SetUp();
        await using var app = p.App;
        var visit = await StartVisit(p.Theo, p.ClientId);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());

        var first = await Sync(p.Theo, visit, new { entries = new[] { Entry(a) } });
        var retry = await Sync(p.Theo, visit, new { entries = new[] { Entry(a), Entry(b, "infraspinatus/1", "right") } });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var counts = JsonDocument.Parse(await retry.Content.ReadAsStringAsync(Token));
        Assert.Equal(1, counts.RootElement.GetProperty("added").GetInt32());
        Assert.Equal(1, counts.RootElement.GetProperty("unchanged").GetInt32());
        using var chart = JsonDocument.Parse(await p.Theo.Html($"/api/visits/{visit}/chart"));
        var entries = chart.RootElement.GetProperty("entries");
        Assert.Equal(2, entries.GetArrayLength());
        Assert.Equal("active", entries[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Sync_ABadEntry_IsRefusedByField_AndNothingIsStored()
    {
        var p = await SetUp();
        await using var app = p.App;
        var visit = await StartVisit(p.Theo, p.ClientId);

        var refused = await Sync(p.Theo, visit, new { entries = new[] { Entry(Guid.NewGuid()), Entry(Guid.NewGuid(), "no-such-muscle/9") } });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync(Token);
        Assert.Contains("entries[1].triggerPoint", problem, StringComparison.Ordinal);
        using var chart = JsonDocument.Parse(await p.Theo.Html($"/api/visits/{visit}/chart"));
        Assert.Equal(0, chart.RootElement.GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task OnlyTheClientsStaff_OpenOrChartTheVisit_AndEveryReadAndChangeIsAudited()
    {
        var p = await SetUp();
        await using var app = p.App;
        var visit = await StartVisit(p.Theo, p.ClientId);
        await Sync(p.Theo, visit, new { entries = new[] { Entry(Guid.NewGuid()) } });

        Assert.Equal(HttpStatusCode.NotFound, (await p.Tess.Get($"/visits/{visit}/chart")).StatusCode);  // not her client
        Assert.Equal(HttpStatusCode.NotFound, (await p.Tess.Get($"/api/visits/{visit}/chart")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Tess.Get($"/visits/start?client={p.ClientId}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await p.Client.Get($"/visits/{visit}/chart")).StatusCode);    // the client reads aftercare, not the chart
        Assert.Equal(HttpStatusCode.OK, (await p.Owner.Get($"/visits/{visit}/chart")).StatusCode);

        await using var scope = p.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var log = await db.AuditLog.Where(e => e.EntityType == "visit" && e.EntityId == visit.ToString()).Select(e => e.Action).ToListAsync(Token);
        Assert.Contains("create", log);
        Assert.Contains("update", log);
        Assert.Contains("read", log);
        Assert.Contains("read-refused", log);
    }

    [Fact]
    public async Task SigningTheNote_LocksTheChart_SendsTheAftercare_AndLaterChangesAreAmendmentsThatKeepTheOriginal()
    {
        var p = await SetUp();
        await using var app = p.App;
        var visit = await StartVisit(p.Theo, p.ClientId);
        await Sync(p.Theo, visit, new { entries = new[] { Entry(Guid.NewGuid()) } });
        Assert.Equal(HttpStatusCode.NotFound, (await p.Client.Get($"/visits/{visit}/aftercare")).StatusCode); // not before it is signed

        var draft = await p.Theo.Html($"/visits/{visit}/note");
        Assert.Contains("Active trigger points reproducing the familiar pain: Upper trapezius", draft, StringComparison.Ordinal); // suggested A
        var signed = await p.Theo.Post($"/visits/{visit}/note", new Dictionary<string, string>
        {
            ["Assessment"] = "Upper trapezius active on the left, released.", ["Plan"] = "Recheck in a week; stretches daily.",
        }, $"/visits/{visit}/note?handler=Sign");
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);

        var locked = await Sync(p.Theo, visit, new { entries = new[] { Entry(Guid.NewGuid()) } });
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);
        var resign = await p.Theo.Post($"/visits/{visit}/note", new Dictionary<string, string> { ["Assessment"] = "Changed", ["Plan"] = "Changed" }, $"/visits/{visit}/note?handler=Save");
        Assert.Contains("signed and locked", await resign.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var amended = await p.Theo.Post($"/visits/{visit}/note", new Dictionary<string, string> { ["Amendment"] = "Client called: headache gone the next day." }, $"/visits/{visit}/note?handler=Amend");
        Assert.Equal(HttpStatusCode.Redirect, amended.StatusCode);
        var note = await p.Owner.Html($"/visits/{visit}/note");
        Assert.Contains("Upper trapezius active on the left, released.", note, StringComparison.Ordinal); // the original stays
        Assert.Contains("Client called: headache gone the next day.", note, StringComparison.Ordinal);
        Assert.Contains("Signed by Theo A", note, StringComparison.Ordinal);

        // The client is e-mailed the link, and reads their aftercare.
        var link = await new PracticeDriver(p.App).LinkFromHeldMail("zelda@knotwork.test", "/aftercare");
        var aftercare = await p.Client.Get(link);
        Assert.Equal(HttpStatusCode.OK, aftercare.StatusCode);
        var sheet = await aftercare.Content.ReadAsStringAsync(Token);
        Assert.Contains("Upper trapezius", sheet, StringComparison.Ordinal);
        Assert.Contains("24 to 48 hours", sheet, StringComparison.Ordinal);
        Assert.Contains("When to seek care instead", sheet, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Tess.Get(link)).StatusCode);
        Assert.Contains($"/visits/{visit}/aftercare", await p.Client.Html($"/clients/{p.ClientId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoDaysAfterTheSignedVisit_TheClientIsAskedOnce_AnswersByTaps_AndTheAnswersAreStoredOnce()
    {
        var clock = new TestClock(DateTimeOffset.UtcNow); // staff sign in with codes of the real time
        var p = await SetUp(clock);
        await using var app = p.App;
        var visit = await StartVisit(p.Theo, p.ClientId);
        await Sync(p.Theo, visit, new { entries = new[] { Entry(Guid.NewGuid()) } });
        await p.Theo.Post($"/visits/{visit}/note", new Dictionary<string, string> { ["Assessment"] = "A.", ["Plan"] = "P." }, $"/visits/{visit}/note?handler=Sign");

        async Task<int> Sweep()
        {
            await using var scope = p.App.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Knotwork.Web.Calendar.CheckInSweep>().RunAsync(Token);
        }

        Assert.Equal(0, await Sweep()); // not before two days have passed
        clock.Now += TimeSpan.FromDays(3);
        await Sweep();
        Assert.Equal(0, await Sweep()); // sent once, however often the sweep runs

        string link;
        await using (var mail = p.App.Services.CreateAsyncScope())
        {
            var held = await mail.ServiceProvider.GetRequiredService<KnotworkDbContext>().HeldMail.Where(m => m.To == "zelda@knotwork.test").Select(m => m.HtmlBody).ToListAsync(Token);
            // Outside a request and without a public base URL (tests), the sweep's links are paths.
            link = WebUtility.HtmlDecode(Assert.Single(held.Select(b => System.Text.RegularExpressions.Regex.Match(b, "href=\"(/check-in/[^\"]+)\"")), m => m.Success).Groups[1].Value);
        }

        var guest = new Browser(p.App); // no account needed: the link is the key
        var form = await guest.Html(link);
        Assert.True(form.Contains("How are you feeling, Zelda?", StringComparison.Ordinal), link + "\n" + form[..Math.Min(form.Length, 3000)]);
        Assert.Contains("Left temple", form, StringComparison.Ordinal); // the visit's pain map, place by place
        Assert.Equal(HttpStatusCode.NotFound, (await guest.Get(link[..^4] + "AAAA")).StatusCode); // a wrong token

        var fields = new Dictionary<string, string> { ["soreness"] = "3", ["painNow"] = "2", ["impression"] = "2", ["place-temple.l"] = "1", ["token"] = link.Split("token=")[1] };
        var answered = await guest.Post(link, fields);
        Assert.Contains("Thank you, Zelda", await answered.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Contains("Already answered", await guest.Html(link), StringComparison.Ordinal); // once answered, the link shows no form

        await using var check = p.App.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var stored = Knotwork.Data.Sessions.CheckInStore.Answers(await db.CheckIns.SingleAsync(c => c.VisitId == visit, Token))!;
        Assert.Equal((3, 2, 2, 1), (stored.Soreness, stored.PainNow, stored.Impression, stored.Regions["temple.l"]));
    }

    [Fact]
    public async Task APointActiveAtThreeVisits_IsMarkedChronicOnTheProgressPage_WhichTheClientSeesAndAnotherTherapistDoesNot()
    {
        var p = await SetUp();
        await using var app = p.App;
        for (var i = 0; i < 3; i++)
        {
            var visit = await StartVisit(p.Theo, p.ClientId);
            await Sync(p.Theo, visit, new { entries = new[] { Entry(Guid.NewGuid()), Entry(Guid.NewGuid(), "infraspinatus/1", "right") } });
            var signed = await p.Theo.Post($"/visits/{visit}/note", new Dictionary<string, string> { ["Assessment"] = "A.", ["Plan"] = "P." }, $"/visits/{visit}/note?handler=Sign");
            Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        }

        var progress = await p.Client.Get($"/clients/{p.ClientId}/progress");
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
        var html = await progress.Content.ReadAsStringAsync(Token);
        Assert.Contains("Upper trapezius: Front edge of the upper trapezius, left (chronic)", html, StringComparison.Ordinal);
        Assert.Contains("Active at 3 visits. Review what keeps it going", html, StringComparison.Ordinal);
        Assert.Equal(6, System.Text.RegularExpressions.Regex.Count(html, "released after 52 s")); // two points at each of three visits
        Assert.Equal(HttpStatusCode.NotFound, (await p.Tess.Get($"/clients/{p.ClientId}/progress")).StatusCode);

        // The therapist's dashboard lists the chronic point; another therapist's does not.
        var dashboard = await p.Theo.Html("/practice/dashboard");
        Assert.Contains("Zelda Quince</a>: Upper trapezius (Front edge of the upper trapezius), left, active at 3 visits", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("Zelda Quince", await p.Tess.Html("/practice/dashboard"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBrief_PutsFlagsFirst_ThenTheMapTheMusclesToExamine_AndWhatWasFoundLastTime()
    {
        var p = await SetUp();
        await using var app = p.App;
        var first = await StartVisit(p.Theo, p.ClientId);
        await Sync(p.Theo, first, new { entries = new[] { Entry(Guid.NewGuid()) } });
        var second = await StartVisit(p.Theo, p.ClientId);

        var brief = await p.Theo.Html($"/visits/{second}/brief");
        Assert.Contains("Left temple", brief, StringComparison.Ordinal);
        Assert.Contains("Muscles to examine", brief, StringComparison.Ordinal);
        Assert.Contains("<strong>Upper trapezius</strong>", brief, StringComparison.Ordinal);
        var lastTime = brief[brief.IndexOf("Last time", StringComparison.Ordinal)..];
        Assert.Contains("released after 52 s", lastTime, StringComparison.Ordinal);
        Assert.DoesNotContain("Red flags first", brief, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Tess.Get($"/visits/{second}/brief")).StatusCode);

        // A new map with chest pain on the left: the cardiac flag comes before any muscle.
        var saved = await p.Theo.Post("/finder?regions=chest.l", new Dictionary<string, string>
        {
            ["clientId"] = p.ClientId.ToString(), ["regions"] = "chest.l", ["saveId"] = Guid.NewGuid().ToString(),
        }, "/clients/pain-maps");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var third = await StartVisit(p.Theo, p.ClientId);
        var flagged = await p.Theo.Html($"/visits/{third}/brief");
        var flags = flagged.IndexOf("Red flags first", StringComparison.Ordinal);
        Assert.True(flags > 0, "the chest pain raises a flag on the brief");
        Assert.True(flags < flagged.IndexOf("Muscles to examine", StringComparison.Ordinal));
    }
}
