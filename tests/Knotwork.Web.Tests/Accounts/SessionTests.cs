using System.Net;
using Knotwork.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests.Accounts;

/// <summary>
/// Sessions end on the server (issue 7, ASVS 3.3): a copy of a cookie stops working when its session is signed out,
/// signed out everywhere, changed by a two-factor change, idle too long or past its absolute end.
/// </summary>
public sealed class SessionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignOutButton_OnTheAccountPage_EndsTheSession_AndACopiedCookieStopsWorking()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        var client = new Browser(app);
        var (copy, cookie) = await SignInWithCopy(app, client, driver, "sol@knotwork.test");
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(new Uri("/account", UriKind.Relative), Token)).StatusCode);

        // The button on /account, with the token its own form carries (it used to post without one and get a 400).
        var signOut = await client.Post("/account", new Dictionary<string, string>(), "/account/sign-out");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        Assert.True(await IsSignedOut(copy), $"a copy of the cookie ({cookie[..20]}...) still works after sign-out");
        Assert.True(await IsSignedOut(client.Http));
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEverySessionAtOnce()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        var (phone, _) = await driver.RegisterClient("Eve Everywhere", "eve@knotwork.test");
        var laptop = new Browser(app);
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.SignIn("eve@knotwork.test", PracticeDriver.Password)).StatusCode);

        var response = await phone.Post("/account/security", new Dictionary<string, string>());
        Assert.Equal("/account/sign-in", response.Headers.Location?.OriginalString);

        Assert.True(await IsSignedOut(laptop.Http), "the other device is still signed in");
        Assert.True(await IsSignedOut(phone.Http));
        Assert.Equal(0, await Sessions(app, "eve@knotwork.test"));
    }

    [Fact]
    public async Task TurningOnTwoFactor_EndsTheAccountsOtherSessions_ButKeepsThisOne()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        var (phone, _) = await driver.RegisterClient("Tia Two", "tia@knotwork.test");
        var laptop = new Browser(app);
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.SignIn("tia@knotwork.test", PracticeDriver.Password)).StatusCode);

        await phone.EnableTwoFactor();

        Assert.True(await IsSignedOut(laptop.Http), "another session survived a two-factor change");
        Assert.Equal(HttpStatusCode.OK, (await phone.Get("/account")).StatusCode);
    }

    [Fact]
    public async Task StaffSession_IdleForThirtyMinutes_Ends_WhileAClientsLasts()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        var owner = await driver.SetUpOwner();
        var (client, _) = await driver.RegisterClient("Ida Idle", "ida@knotwork.test");

        await Backdate(app, "owner@knotwork.test", lastSeen: TimeSpan.FromMinutes(31));
        await Backdate(app, "ida@knotwork.test", lastSeen: TimeSpan.FromMinutes(31));

        Assert.True(await IsSignedOut(owner.Http), "a staff session idle for 31 minutes still works");
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/account")).StatusCode);

        await Backdate(app, "ida@knotwork.test", lastSeen: TimeSpan.FromMinutes(61));
        Assert.True(await IsSignedOut(client.Http), "a client session idle for an hour still works");
    }

    [Fact]
    public async Task ActiveSession_EndsAtItsAbsoluteLifetime()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        var (client, _) = await driver.RegisterClient("Abe Absolute", "abe@knotwork.test");
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/account")).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
            var id = await db.Users.Where(u => u.Email == "abe@knotwork.test").Select(u => u.Id).SingleAsync(Token);
            var session = await db.Sessions.SingleAsync(s => s.UserId == id, Token);
            Assert.Equal(TimeSpan.FromHours(12), session.ExpiresAtUtc - session.CreatedAtUtc);
            await db.Sessions.Where(s => s.UserId == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAtUtc, DateTime.UtcNow.AddSeconds(-1)), Token);
        }

        Assert.True(await IsSignedOut(client.Http));
    }

    [Fact]
    public async Task SigningInOverAnotherAccountsSessionCookie_DoesNotHandThatSessionOver()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        await driver.RegisterClient("Vic Victim", "vic@knotwork.test");
        var attacker = new Browser(app);
        var (attackerCopy, cookie) = await SignInWithCopy(app, attacker, driver, "mal@knotwork.test");

        // The victim's browser carries the attacker's session cookie (planted), then the victim signs in.
        var victim = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        victim.DefaultRequestHeaders.Add("Cookie", cookie);
        var planted = new Browser(victim);
        await planted.SignIn("vic@knotwork.test", PracticeDriver.Password);

        var html = await (await attackerCopy.GetAsync(new Uri("/account", UriKind.Relative), Token)).Content.ReadAsStringAsync(Token);
        Assert.DoesNotContain("Vic Victim", html, StringComparison.Ordinal);
    }

    private static async Task<(HttpClient Copy, string Cookie)> SignInWithCopy(KnotworkApp app, Browser browser, PracticeDriver driver, string email)
    {
        var register = await browser.Post("/account/register", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Sol Session", ["Input.Email"] = email, ["Input.Password"] = PracticeDriver.Password,
            ["Input.AgreeTreatment"] = "true", ["Input.AgreePrivacy"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        await browser.Get(await driver.LinkFromHeldMail(email, "/account/confirm-email"));
        var signIn = await browser.SignIn(email, PracticeDriver.Password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("knotwork=", StringComparison.Ordinal));
        var copy = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        return (copy, cookie);
    }

    private static async Task<bool> IsSignedOut(HttpClient http)
    {
        var response = await http.GetAsync(new Uri("/account", UriKind.Relative), Token);
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/sign-in", StringComparison.Ordinal);
    }

    private static async Task Backdate(KnotworkApp app, string email, TimeSpan lastSeen)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Token);
        var when = DateTime.UtcNow - lastSeen;
        Assert.True(await db.Sessions.Where(s => s.UserId == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAtUtc, when), Token) > 0);
    }

    private static async Task<int> Sessions(KnotworkApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Token);
        return await db.Sessions.CountAsync(s => s.UserId == id, Token);
    }
}
