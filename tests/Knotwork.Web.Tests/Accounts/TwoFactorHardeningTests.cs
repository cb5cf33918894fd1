using System.Net;
using System.Text.RegularExpressions;
using Knotwork.Data;
using Knotwork.Web.Tests.Reliability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Knotwork.Web.Tests.Accounts;

/// <summary>Issue 7 (ASVS 2.8.4, 3.7.1): authenticator codes work once, recovery codes are hashed, changes need re-authentication.</summary>
public partial class TwoFactorHardeningTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AuthenticatorCode_UsedOnce_IsRefusedTheSecondTime()
    {
        await using var app = new KnotworkApp();
        var owner = await new PracticeDriver(app).SetUpOwner();
        var enablingCode = owner.LastTotp!;

        // The code that turned two-factor on cannot also sign in.
        var first = await AtCodeStep(app, owner.AuthenticatorKey!);
        var reused = await first.Browser.Post(first.Step, new Dictionary<string, string> { ["Code"] = enablingCode });
        Assert.Contains("That code is not right", await reused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        // A fresh code signs in once; the same code, typed again elsewhere, is refused.
        var code = first.Browser.Totp();
        Assert.Equal(HttpStatusCode.Redirect, (await first.Browser.Post(first.Step, new Dictionary<string, string> { ["Code"] = code })).StatusCode);
        var second = await AtCodeStep(app, owner.AuthenticatorKey!);
        var again = await second.Browser.Post(second.Step, new Dictionary<string, string> { ["Code"] = code });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("That code is not right", await again.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await second.Browser.Get("/clients")).StatusCode);

        // So is an older code that was never used: time only moves forward.
        var older = await second.Browser.Post(second.Step, new Dictionary<string, string> { ["Code"] = second.Browser.Totp(-2) });
        Assert.Contains("That code is not right", await older.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        Assert.True(await db.AuditLog.CountAsync(a => a.Action == "sign-in-two-factor-failed", Token) >= 2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AuthenticatorCode_SentTwiceAtOnce_SignsInOnlyOnce(bool postgres)
    {
        await using var database = postgres ? await ThrowawayPostgres.CreateAsync() : null;
        await using var baseApp = new KnotworkApp(database?.ConnectionString);
        var errors = new ErrorLog();
        await using var app = baseApp.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(errors)));
        var owner = await new PracticeDriver(app).SetUpOwner();

        var passed = 0;
        for (var round = 0; round < 2; round++)
        {
            var a = await AtCodeStep(app, owner.AuthenticatorKey!);
            var b = await AtCodeStep(app, owner.AuthenticatorKey!);
            var tokenA = Browser.AntiforgeryToken(await a.Browser.Html(a.Step));
            var tokenB = Browser.AntiforgeryToken(await b.Browser.Html(b.Step));
            var code = a.Browser.Totp();

            var answers = await Task.WhenAll(PostCode(a.Browser, a.Step, tokenA, code), PostCode(b.Browser, b.Step, tokenB, code));

            // Never both. (Identity's optimistic concurrency on the account row can also refuse the winner when the
            // loser's failed-attempt count is written at the same moment: then neither signs in, which is safe.)
            var said = string.Join("\n", await Task.WhenAll(answers.Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync(Token)}"))) + "\n" + string.Join("\n", errors.Errors);
            Assert.True(answers.Count(r => r.StatusCode == HttpStatusCode.Redirect) <= 1, said);
            Assert.True(answers.All(r => r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK), said);
            Assert.Empty(errors.Errors);
            passed += answers.Count(r => r.StatusCode == HttpStatusCode.Redirect);
        }

        // The first round starts with no failed attempts on the account, so its winner has nothing to reset and passes.
        Assert.True(passed >= 1, "no request signed in");
    }

    [Fact]
    public async Task RecoveryCodes_AreStoredOnlyAsHashes_AndEachWorksOnce()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        var (client, _) = await driver.RegisterClient("Rita Recovery", "rita@knotwork.test");
        var codes = await client.EnableTwoFactor();
        Assert.Equal(10, codes.Count);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
            var stored = string.Join("\n", await db.UserTokens.Select(t => t.Value).ToListAsync(Token));
            Assert.Contains("RecoveryCodes", string.Join(",", await db.UserTokens.Select(t => t.Name).ToListAsync(Token)), StringComparison.Ordinal);
            foreach (var code in codes)
            {
                Assert.DoesNotContain(code, stored, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(code.Replace("-", string.Empty, StringComparison.Ordinal), stored, StringComparison.OrdinalIgnoreCase);
            }
        }

        var first = await AtCodeStep(app, client.AuthenticatorKey!, "rita@knotwork.test");
        var used = await first.Browser.Post(first.Step, new Dictionary<string, string> { ["Code"] = codes[3].ToLowerInvariant(), ["IsRecoveryCode"] = "true" });
        Assert.True(used.StatusCode == HttpStatusCode.Redirect, await used.Content.ReadAsStringAsync(Token));

        var second = await AtCodeStep(app, client.AuthenticatorKey!, "rita@knotwork.test");
        var again = await second.Browser.Post(second.Step, new Dictionary<string, string> { ["Code"] = codes[3], ["IsRecoveryCode"] = "true" });
        Assert.Contains("That code is not right", await again.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var another = await second.Browser.Post(second.Step, new Dictionary<string, string> { ["Code"] = codes[4], ["IsRecoveryCode"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, another.StatusCode);
    }

    [Fact]
    public async Task TurningTwoFactorOff_NeedsThePasswordOrACode_AndAWrongOneChangesNothing()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        var (client, _) = await driver.RegisterClient("Otto Off", "otto@knotwork.test");
        await client.EnableTwoFactor();

        var noProof = await client.Post("/account/two-factor", new Dictionary<string, string>(), "/account/two-factor?handler=Disable");
        Assert.Contains("neither your current password nor a current code", await noProof.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var wrong = await client.Post("/account/two-factor", new Dictionary<string, string> { ["Confirm"] = "not my password at all" }, "/account/two-factor?handler=Disable");
        var wrongHtml = await wrong.Content.ReadAsStringAsync(Token);
        Assert.Contains("nothing was changed", wrongHtml, StringComparison.Ordinal);
        Assert.Contains("Two-factor sign-in is <strong>on</strong>", wrongHtml, StringComparison.Ordinal);
        Assert.Equal(2, await AuditCount(app, "reauthentication-failed"));
        Assert.Equal(0, await AuditCount(app, "two-factor-disabled"));

        var off = await client.Post("/account/two-factor", new Dictionary<string, string> { ["Confirm"] = PracticeDriver.Password }, "/account/two-factor?handler=Disable");
        Assert.Contains("Two-factor sign-in is off.", await off.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(1, await AuditCount(app, "two-factor-disabled"));
    }

    [Fact]
    public async Task NewAuthenticatorKey_NeedsACurrentCode_AndTheOldAppStopsWorking()
    {
        await using var app = new KnotworkApp();
        var owner = await new PracticeDriver(app).SetUpOwner();
        var oldKey = owner.AuthenticatorKey!;

        var wrong = await owner.Post("/account/two-factor", new Dictionary<string, string> { ["Confirm"] = owner.Totp(-2) }, "/account/two-factor?handler=ResetKey");
        Assert.Contains("nothing was changed", await wrong.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(0, await AuditCount(app, "authenticator-reset"));

        var reset = await owner.Post("/account/two-factor", new Dictionary<string, string> { ["Confirm"] = owner.Totp() }, "/account/two-factor?handler=ResetKey");
        var html = await reset.Content.ReadAsStringAsync(Token);
        Assert.Contains("Your authenticator key is new", html, StringComparison.Ordinal);
        Assert.Equal(1, await AuditCount(app, "authenticator-reset"));

        // Until the new key is confirmed, staff are sent back to set it up; the old key's codes sign in nowhere.
        Assert.Equal("/account/two-factor?required=1", (await owner.Get("/clients")).Headers.Location?.OriginalString);
        await owner.EnableTwoFactor();
        Assert.NotEqual(oldKey, owner.AuthenticatorKey);
        var elsewhere = await AtCodeStep(app, oldKey);
        var stale = await elsewhere.Browser.Post(elsewhere.Step, new Dictionary<string, string> { ["Code"] = elsewhere.Browser.Totp(0) });
        Assert.Contains("That code is not right", await stale.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewRecoveryCodes_NeedReauthentication_AndReplaceTheOldOnes()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        var (client, _) = await driver.RegisterClient("Nina New", "nina@knotwork.test");
        var oldCodes = await client.EnableTwoFactor();

        var wrong = await client.Post("/account/two-factor", new Dictionary<string, string> { ["Confirm"] = "000000" }, "/account/two-factor?handler=RecoveryCodes");
        var wrongHtml = await wrong.Content.ReadAsStringAsync(Token);
        Assert.DoesNotContain("Your recovery codes", wrongHtml, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", wrongHtml, StringComparison.Ordinal);

        var renewed = await client.Post("/account/two-factor", new Dictionary<string, string> { ["Confirm"] = PracticeDriver.Password }, "/account/two-factor?handler=RecoveryCodes");
        var newCodes = RecoveryCodeRegex().Matches(await renewed.Content.ReadAsStringAsync(Token)).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, newCodes.Count);
        Assert.Empty(newCodes.Intersect(oldCodes));
        Assert.Equal(1, await AuditCount(app, "recovery-codes-renewed"));

        var signIn = await AtCodeStep(app, client.AuthenticatorKey!, "nina@knotwork.test");
        var old = await signIn.Browser.Post(signIn.Step, new Dictionary<string, string> { ["Code"] = oldCodes[0], ["IsRecoveryCode"] = "true" });
        Assert.Contains("That code is not right", await old.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var fresh = await signIn.Browser.Post(signIn.Step, new Dictionary<string, string> { ["Code"] = newCodes[0], ["IsRecoveryCode"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }

    [Fact]
    public async Task TwoFactorSetup_ShowsAQrCodeImage_BesideTheKeyAndLink()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        var (client, _) = await driver.RegisterClient("Quinn Qr", "quinn@knotwork.test");

        var response = await client.Get("/account/two-factor");
        var html = await response.Content.ReadAsStringAsync(Token);

        var img = QrImageRegex().Match(html);
        Assert.True(img.Success, "no QR code image with alt text");
        var png = Convert.FromBase64String(WebUtility.HtmlDecode(img.Groups[1].Value));
        Assert.Equal(0x89, png[0]);
        Assert.Equal("PNG", System.Text.Encoding.ASCII.GetString(png, 1, 3));
        Assert.Contains("QR code", img.Groups[2].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("id=\"shared-key\">[a-z0-9 ]{20,}<", html);
        Assert.Matches("otpauth://totp/Knotwork:quinn(@|%40)knotwork.test\\?secret=[A-Z2-7]{16,}&issuer=Knotwork", WebUtility.HtmlDecode(html));
        Assert.Contains("data:", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    /// <summary>A new browser of the person with <paramref name="key"/>, past the password and at the code step.</summary>
    private static async Task<(Browser Browser, string Step)> AtCodeStep(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string key, string email = "owner@knotwork.test")
    {
        var browser = new Browser(app) { AuthenticatorKey = key };
        var response = await browser.Post("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = PracticeDriver.Password });
        var step = response.Headers.Location?.OriginalString;
        Assert.StartsWith("/account/sign-in/two-factor", step, StringComparison.Ordinal);
        return (browser, step!);
    }

    private static async Task<HttpResponseMessage> PostCode(Browser browser, string step, string antiforgery, string code)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Code"] = code, ["__RequestVerificationToken"] = antiforgery });
        return await browser.Http.PostAsync(new Uri(step, UriKind.Relative), form, Token);
    }

    private static async Task<int> AuditCount(KnotworkApp app, string action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        return await db.AuditLog.CountAsync(a => a.Action == action, Token);
    }

    /// <summary>The app's unhandled exceptions (each a 500), to show why a request failed.</summary>
    private sealed class ErrorLog : ILoggerProvider, ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (IsEnabled(logLevel) && message.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase))
            {
                Errors.Enqueue(message + " " + exception);
            }
        }

        public void Dispose()
        {
        }
    }

    [GeneratedRegex("<li><code>([a-zA-Z0-9-]+)</code></li>")]
    private static partial Regex RecoveryCodeRegex();

    [GeneratedRegex("<img class=\"qr-code\" src=\"data:image/png;base64,([^\"]+)\" alt=\"([^\"]+)\"")]
    private static partial Regex QrImageRegex();
}
