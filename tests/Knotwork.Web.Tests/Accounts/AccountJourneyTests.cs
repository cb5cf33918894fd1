using System.Net;
using Knotwork.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests.Accounts;

public class AccountJourneyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstRun_SendsEveryoneToSetup_AndSetupHappensOnce()
    {
        await using var app = new KnotworkApp();
        var visitor = new Browser(app);

        Assert.Equal("/setup", (await visitor.Get("/account/register")).Headers.Location?.OriginalString);
        var owner = await new PracticeDriver(app).SetUpOwner();

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Get("/setup")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Get("/account")).StatusCode);
    }

    [Fact]
    public async Task Staff_MustTurnOnTwoFactorBeforeAnythingElse_AndThenSignInNeedsTheCode()
    {
        await using var app = new KnotworkApp();
        var owner = new Browser(app);
        await owner.Post("/setup", new Dictionary<string, string>
        {
            ["Input.PracticeName"] = "P", ["Input.TimeZone"] = "America/Los_Angeles", ["Input.OwnerName"] = "O",
            ["Input.Email"] = "o@knotwork.test", ["Input.Password"] = PracticeDriver.Password,
        });

        var clients = await owner.Get("/clients");
        Assert.Equal("/account/two-factor?required=1", clients.Headers.Location?.OriginalString);

        var codes = await owner.EnableTwoFactor();
        Assert.Equal(10, codes.Count);
        Assert.Equal(HttpStatusCode.OK, (await owner.Get("/clients")).StatusCode);

        var elsewhere = new Browser(app);
        var first = await elsewhere.Post("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = "o@knotwork.test", ["Input.Password"] = PracticeDriver.Password });
        Assert.StartsWith("/account/sign-in/two-factor", first.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var wrong = await elsewhere.Post(first.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Code"] = "000000" });
        Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var recovery = await elsewhere.Post(first.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Code"] = codes[0], ["IsRecoveryCode"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, recovery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.Get("/clients")).StatusCode);
    }

    [Fact]
    public async Task RepeatedWrongPasswords_LockTheAccount()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        await driver.RegisterClient("Lou Lock", "lou@knotwork.test");
        var attacker = new Browser(app);

        for (var i = 0; i < 5; i++)
        {
            await attacker.Post("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = "lou@knotwork.test", ["Input.Password"] = "wrong password " + i });
        }

        // Even the right password is refused now, with the same words an unknown address gets.
        var response = await attacker.Post("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = "lou@knotwork.test", ["Input.Password"] = PracticeDriver.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("did not sign you in", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var lou = await scope.ServiceProvider.GetRequiredService<KnotworkDbContext>().Users.SingleAsync(u => u.Email == "lou@knotwork.test", Token);
        Assert.True(lou.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("password1234")]
    [InlineData("Password!2026")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    public async Task WeakPasswords_AreRefusedWithAReason(string password)
    {
        await using var app = new KnotworkApp();
        await new PracticeDriver(app).SetUpOwner();
        var client = new Browser(app);

        var response = await client.Post("/account/register", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Pat", ["Input.Email"] = "pat@knotwork.test", ["Input.Password"] = password,
            ["Input.AgreeTreatment"] = "true", ["Input.AgreePrivacy"] = "true",
        });

        var html = await response.Content.ReadAsStringAsync(Token);
        Assert.DoesNotContain("Check your e-mail", html, StringComparison.Ordinal);
        Assert.Matches("12 characters|too common|repeats too few", html);
    }

    [Fact]
    public async Task Registration_NeedsConsent_AndAConfirmedEmailBeforeSignIn()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        var client = new Browser(app);

        var noConsent = await client.Post("/account/register", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Cam", ["Input.Email"] = "cam@knotwork.test", ["Input.Password"] = PracticeDriver.Password,
        });
        Assert.Contains("Agree to the consent to treatment", await noConsent.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        await client.Post("/account/register", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Cam", ["Input.Email"] = "cam@knotwork.test", ["Input.Password"] = PracticeDriver.Password,
            ["Input.AgreeTreatment"] = "true", ["Input.AgreePrivacy"] = "true",
        });
        var early = await client.Post("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = "cam@knotwork.test", ["Input.Password"] = PracticeDriver.Password });
        Assert.Contains("Confirm your e-mail address first", await early.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        await client.Get(await driver.LinkFromHeldMail("cam@knotwork.test", "/account/confirm-email"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignIn("cam@knotwork.test", PracticeDriver.Password)).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var record = await db.Clients.SingleAsync(c => c.Email == "cam@knotwork.test", Token);
        Assert.Equal(Knotwork.Domain.Clients.ConsentTexts.InForce(Knotwork.Domain.Clients.ConsentKind.Treatment, DateOnly.FromDateTime(DateTime.UtcNow)).Version, record.TreatmentConsentVersion);
        Assert.NotNull(record.PrivacyConsentAtUtc);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsOtherSessions()
    {
        await using var baseApp = new KnotworkApp();
        // Check security stamps on every request instead of every minute, so the effect shows at once.
        await using var app = baseApp.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.Configure<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero)));
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        var (phone, clientId) = await driver.RegisterClient("Sam Session", "sam@knotwork.test");
        var laptop = new Browser(app);
        await laptop.SignIn("sam@knotwork.test", PracticeDriver.Password);
        Assert.Equal(HttpStatusCode.OK, (await phone.Get($"/clients/{clientId}")).StatusCode);

        await laptop.Post("/account/security", new Dictionary<string, string>());

        var after = await phone.Get($"/clients/{clientId}");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/sign-in", after.Headers.Location?.PathAndQuery ?? after.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClientSavesAPainMapFromTheFinder_OnceEvenIfTheFormIsSentTwice_AndTheReadIsAudited()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        var (client, clientId) = await driver.RegisterClient("Dana Reyes", "dana@knotwork.test");

        var finder = await client.Html("/finder?regions=temple.l,neck-back.l&intensity=temple.l:7&context=desk-work");
        Assert.Contains("Save to my record", finder, StringComparison.Ordinal);
        var saveId = System.Text.RegularExpressions.Regex.Match(finder, "name=\"saveId\" value=\"([^\"]+)\"").Groups[1].Value;
        var fields = new Dictionary<string, string>
        {
            ["clientId"] = clientId.ToString(), ["regions"] = "temple.l,neck-back.l", ["intensity"] = "temple.l:7",
            ["context"] = "desk-work", ["saveId"] = saveId, ["note"] = "<script>alert(1)</script> worse after work",
        };
        var first = await client.Post("/finder?regions=temple.l,neck-back.l", fields, "/clients/pain-maps");
        var second = await client.Post("/finder?regions=temple.l,neck-back.l", fields, "/clients/pain-maps");
        Assert.Equal($"/clients/{clientId}?saved=1", first.Headers.Location?.OriginalString);
        Assert.Equal($"/clients/{clientId}?saved=1", second.Headers.Location?.OriginalString);

        var page = await client.Html($"/clients/{clientId}");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "class=\"pain-map\""));
        Assert.Contains("Upper trapezius (left)", page, StringComparison.Ordinal);
        Assert.Contains("Left temple (7/10)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", page, StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "create" && a.EntityType == "pain-map" && a.EntityId == saveId, Token));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "read" && a.EntityType == "client" && a.EntityId == clientId.ToString() && a.UserName == "dana@knotwork.test", Token));
    }
}

public class HomePageSetupTests
{
    [Fact]
    public async Task HomePage_PointsAFirstTimeUserToSetup_UntilThePracticeExists()
    {
        await using var app = new KnotworkApp();
        var visitor = new Browser(app);

        Assert.Contains("href=\"/setup\"", await visitor.Html("/"), StringComparison.Ordinal);
        await new PracticeDriver(app).SetUpOwner();
        Assert.DoesNotContain("href=\"/setup\"", await visitor.Html("/"), StringComparison.Ordinal);
    }
}

public class FormProtectionTests
{
    [Fact]
    public async Task APostWithoutTheAntiforgeryToken_IsRefusedAndChangesNothing()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        var (client, clientId) = await driver.RegisterClient("Fran Forge", "fran@knotwork.test");

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.FullName"] = "Forged Name" });
        var response = await client.Http.PostAsync(new Uri($"/clients/{clientId}/edit", UriKind.Relative), form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Forged Name", await client.Html($"/clients/{clientId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataProtectionKeys_AreKeptInTheDatabase_SoAppServersShareSignIns()
    {
        await using var app = new KnotworkApp();
        await new PracticeDriver(app).SetUpOwner();

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        Assert.True(await db.DataProtectionKeys.AnyAsync(TestContext.Current.CancellationToken));
    }
}

public class AuditLogPageTests
{
    [Fact]
    public async Task TheOwnerFindsWhoReadAClientsRecord_InThePracticesTimeZone()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        var owner = await driver.SetUpOwner();
        var (client, clientId) = await driver.RegisterClient("Audrey Audit", "audrey@knotwork.test");
        await client.Get($"/clients/{clientId}");

        var html = await owner.Html($"/practice/audit?record={clientId}&action=read");

        Assert.Contains("audrey@knotwork.test", html, StringComparison.Ordinal);
        Assert.Contains("America/Los_Angeles", html, StringComparison.Ordinal);
        Assert.DoesNotContain("sign-in", System.Text.RegularExpressions.Regex.Match(html, "<tbody>(.*)</tbody>", System.Text.RegularExpressions.RegexOptions.Singleline).Value, StringComparison.Ordinal);
    }
}

public class SharedSignInTests
{
    [Fact]
    public async Task ASignInOnOneAppServer_IsValidOnAnother_OverTheSameDatabase()
    {
        await using var first = new KnotworkApp();
        var driver = new PracticeDriver(first);
        await driver.SetUpOwner();
        var (client, clientId) = await driver.RegisterClient("Sasha Shared", "sasha@knotwork.test");
        var cookie = (await client.Get("/account")).RequestMessage!.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : null;

        // A second app server: its own process state, the same data folder (and so the same keys).
        await using var second = new KnotworkApp();
        await using var sameData = second.WithWebHostBuilder(b => b.UseSetting("Knotwork:DataDirectory", first.DataDirectory));
        var http = sameData.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/clients/{clientId}");
        request.Headers.Add("Cookie", cookie ?? throw new InvalidOperationException("no cookie sent"));

        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sasha Shared", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInAttempts_AreRateLimited()
    {
        await using var baseApp = new KnotworkApp();
        await using var app = baseApp.WithWebHostBuilder(b =>
        {
            b.UseSetting("Knotwork:RateLimits:ExemptLoopback", "false");
            b.UseSetting("Knotwork:RateLimits:SignIn:PermitLimit", "3");
        });
        await new PracticeDriver(app).SetUpOwner();
        var attacker = new Browser(app);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await attacker.Post("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = "owner@knotwork.test", ["Input.Password"] = "guess number " + i })).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
    }
}
