using System.Net;
using System.Text.RegularExpressions;
using Knotwork.Data;
using Knotwork.Domain.Clients;
using Knotwork.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests.Pages.Clients;

/// <summary>
/// The screening rule where a therapist sees a client (issue 8): what needs a doctor's clearance, the precautions and
/// the consent status, on the record and as tags in the clients list, for the owner and an assigned therapist.
/// </summary>
public sealed partial class ClientPrecautionsPageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Fills in a client's health screening through the edit form, ticking <paramref name="items"/>.</summary>
    private static async Task Screen(Browser who, Guid clientId, string name, string email, params ScreeningItem[] items)
    {
        var html = await who.Html($"/clients/{clientId}/edit");
        var form = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", Browser.AntiforgeryToken(html)), new("Input.FullName", name), new("Input.Email", email),
        };
        form.AddRange(items.Select(i => new KeyValuePair<string, string>("Input.Screening", i.ToString())));
        using var content = new FormUrlEncodedContent(form);
        var response = await who.Http.PostAsync(new Uri($"/clients/{clientId}/edit", UriKind.Relative), content, Token);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The page as text (entities decoded, so "doctor's" reads as written).</summary>
    private static async Task<string> Text(Browser who, string url)
    {
        var response = await who.Get(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Token));
    }

    /// <summary>The clients list's entry for one client, from its link to the end of its item.</summary>
    private static string ListEntry(string list, Guid clientId)
    {
        var match = Regex.Match(list, $"<li><a href=\"/clients/{clientId}\">.*?</li>", RegexOptions.Singleline);
        Assert.True(match.Success, $"client {clientId} is not in the list");
        return match.Value;
    }

    private static async Task<Guid> UserId(KnotworkApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KnotworkDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Token);
    }

    [Fact]
    public async Task AnItemNeedingClearance_ShowsOnTheRecordAndInTheList_ForOwnerAndTherapist_AndAClientWithoutOneShowsNone()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        var owner = await driver.SetUpOwner();
        var therapist = await driver.InviteTherapist(owner, "Theo Therapist", "theo@knotwork.test");
        var (_, dan) = await driver.RegisterClient("Dan Clot", "dan@knotwork.test");
        var (_, ana) = await driver.RegisterClient("Ana Careful", "ana@knotwork.test");
        var theo = await UserId(app, "theo@knotwork.test");
        foreach (var id in new[] { dan, ana })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await owner.Post($"/clients/{id}", new Dictionary<string, string> { ["therapistId"] = theo.ToString() }, $"/clients/{id}?handler=Assign")).StatusCode);
        }

        await Screen(owner, dan, "Dan Clot", "dan@knotwork.test", ScreeningItem.DeepVeinThrombosis, ScreeningItem.BloodThinners);
        await Screen(therapist, ana, "Ana Careful", "ana@knotwork.test", ScreeningItem.Pregnancy);
        var dvt = ScreeningGuide.For(ScreeningItem.DeepVeinThrombosis);
        var thinners = ScreeningGuide.For(ScreeningItem.BloodThinners);
        var pregnancy = ScreeningGuide.For(ScreeningItem.Pregnancy);

        var readsBefore = await RecordReads(app, dan);
        foreach (var who in new[] { owner, therapist })
        {
            var list = await Text(who, "/clients");
            Assert.Contains("<span class=\"tag\">Needs clearance</span>", ListEntry(list, dan), StringComparison.Ordinal);
            Assert.DoesNotContain("Needs clearance", ListEntry(list, ana), StringComparison.Ordinal);
            Assert.DoesNotContain("class=\"tag\"", ListEntry(list, ana), StringComparison.Ordinal);

            var danRecord = await Text(who, $"/clients/{dan}");
            Assert.Contains("<h3 id=\"clearance-title\">Needs a doctor's clearance</h3>", danRecord, StringComparison.Ordinal);
            Assert.Contains("not clear yet: needs a doctor's clearance.", danRecord, StringComparison.Ordinal);
            Assert.Contains($"<strong>{dvt.Label}.</strong> {dvt.Guidance} <span class=\"hint\">Source: {dvt.Source}.</span>", danRecord, StringComparison.Ordinal);
            var care = danRecord[danRecord.IndexOf("id=\"care-title\"", StringComparison.Ordinal)..];
            Assert.Contains(thinners.Guidance, care, StringComparison.Ordinal);
            Assert.DoesNotContain(dvt.Label, care, StringComparison.Ordinal);

            var anaRecord = await Text(who, $"/clients/{ana}");
            Assert.DoesNotContain("Needs a doctor's clearance", anaRecord, StringComparison.Ordinal);
            Assert.Contains("<strong>Trigger point work:</strong> clear, with the precautions below.", anaRecord, StringComparison.Ordinal);
            Assert.Contains("<h3 id=\"care-title\">Take care</h3>", anaRecord, StringComparison.Ordinal);
            Assert.Contains(pregnancy.Guidance, anaRecord, StringComparison.Ordinal);
            Assert.Contains("<strong>Consent to treatment:</strong> current (version", anaRecord, StringComparison.Ordinal);
        }

        // Still audited: one read per view of the record.
        Assert.Equal(readsBefore + 2, await RecordReads(app, dan));
    }

    private static async Task<int> RecordReads(KnotworkApp app, Guid clientId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KnotworkDbContext>().AuditLog
            .CountAsync(a => a.Action == "read" && a.EntityId == clientId.ToString() && a.Detail!.Contains("pain maps shown"), Token);
    }

    [Fact]
    public async Task MissingAndOutdatedConsent_AndNoScreening_AreTaggedInTheListAndSpelledOutOnTheRecord()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        var owner = await driver.SetUpOwner();
        var added = await owner.Post("/clients/new", new Dictionary<string, string> { ["Input.FullName"] = "Walk In" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var walkIn = Guid.Parse(added.Headers.Location!.OriginalString["/clients/".Length..]);
        var (_, old) = await driver.RegisterClient("Olga Old", "olga@knotwork.test");
        await Screen(owner, old, "Olga Old", "olga@knotwork.test");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
            var record = await db.Clients.SingleAsync(c => c.Id == old, Token);
            record.TreatmentConsentVersion = "2025-01";
            await db.SaveChangesAsync(Token);
        }

        var list = await Text(owner, "/clients");
        Assert.Equal(
            ["Consent missing", "Not screened"],
            TagRegex().Matches(ListEntry(list, walkIn)).Select(m => m.Groups[1].Value));
        Assert.Equal(["Consent outdated"], TagRegex().Matches(ListEntry(list, old)).Select(m => m.Groups[1].Value));

        var walkInRecord = await Text(owner, $"/clients/{walkIn}");
        Assert.Contains("not clear yet: no health screening yet; no consent to treatment.", walkInRecord, StringComparison.Ordinal);
        Assert.Contains("<strong>Consent to treatment:</strong> missing. The client has not agreed to version", walkInRecord, StringComparison.Ordinal);

        var oldRecord = await Text(owner, $"/clients/{old}");
        Assert.Contains("not clear yet: consent to treatment is outdated.", oldRecord, StringComparison.Ordinal);
        Assert.Contains("<strong>Consent to treatment:</strong> outdated. Agreed to version 2025-01 on", oldRecord, StringComparison.Ordinal);
        Assert.Contains("Nothing reported on the screening.", oldRecord, StringComparison.Ordinal);
    }

    [GeneratedRegex("<span class=\"tag\">([^<]+)</span>")]
    private static partial Regex TagRegex();
}
