using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Knotwork.Data;
using Knotwork.Web.Accounts;
using Knotwork.Web.Pages.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Knotwork.Web.Tests.Accounts;

/// <summary>Issue 7: password length limits, changing a password, and resetting a forgotten one by an e-mailed link.</summary>
public partial class PasswordTests
{
    private const string NewPassword = "seven herons over the marsh";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PasswordOf201Characters_GetsAtMost128_AndOneOf12IsLongEnough()
    {
        await using var app = new KnotworkApp();
        await new PracticeDriver(app).SetUpOwner();
        var visitor = new Browser(app);

        var tooLong = await Register(visitor, "long@knotwork.test", string.Concat(Enumerable.Repeat("river stone ", 17))[..201]);
        Assert.Contains("at most 128 characters", tooLong, StringComparison.Ordinal);
        Assert.DoesNotContain("Check your e-mail", tooLong, StringComparison.Ordinal);

        var twelve = await Register(new Browser(app), "twelve@knotwork.test", "quiet amber7");
        Assert.Equal(12, "quiet amber7".Length);
        Assert.DoesNotContain("12 characters", twelve, StringComparison.Ordinal);
        Assert.DoesNotContain("at most 128 characters", twelve, StringComparison.Ordinal);
        Assert.Contains("Check your e-mail", twelve, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_NeedsTheCurrentOne_EndsOtherSessions_KeepsThisOne_AndTellsByMail()
    {
        await using var baseApp = new KnotworkApp();
        await using var app = StampCheckedOnEveryRequest(baseApp);
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        var (phone, clientId) = await driver.RegisterClient("Cleo Change", "cleo@knotwork.test");
        var laptop = new Browser(app);
        await laptop.SignIn("cleo@knotwork.test", PracticeDriver.Password);

        var wrong = await Html(await phone.Post("/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "not the password at all", ["Input.NewPassword"] = NewPassword,
        }));
        Assert.Contains("That is not your current password; nothing was changed.", wrong, StringComparison.Ordinal);
        var tooLong = await Html(await phone.Post("/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = PracticeDriver.Password, ["Input.NewPassword"] = new string('x', 100) + new string('y', 101),
        }));
        Assert.Contains("at most 128 characters", tooLong, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await laptop.Get($"/clients/{clientId}")).StatusCode);

        var changed = await Html(await phone.Post("/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = PracticeDriver.Password, ["Input.NewPassword"] = NewPassword,
        }));
        Assert.Contains("Your password is changed", changed, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await phone.Get($"/clients/{clientId}")).StatusCode);
        var other = await laptop.Get($"/clients/{clientId}");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.StartsWith("/account/sign-in", other.Headers.Location?.PathAndQuery ?? other.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains(SignInModel.Failure, await Html(await new Browser(app).SignIn("cleo@knotwork.test", PracticeDriver.Password)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await new Browser(app).SignIn("cleo@knotwork.test", NewPassword)).StatusCode);

        Assert.Equal(1, await Audit(app, "password-changed"));
        Assert.Equal(1, await Audit(app, "reauthentication-failed"));
        Assert.Contains("Your Knotwork password was changed", await Subjects(app, "cleo@knotwork.test"));
    }

    [Fact]
    public async Task ForgotPassword_AnswersTheSame_ForAnAccountAndForNoAccount_AndAuditsBoth()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        await driver.RegisterClient("Fay Forgot", "fay@knotwork.test");

        var (known, knownTime) = await AskForReset(app, "fay@knotwork.test");
        var (unknown, unknownTime) = await AskForReset(app, "nobody@knotwork.test");

        Assert.Equal(Normalised(known), Normalised(unknown));
        Assert.Contains(ForgotPasswordModel.Answer, known, StringComparison.Ordinal);
        // Both answers are padded to the same floor (timers may fire a millisecond early, hence the small margin);
        // without the padding the unknown address answers in a few milliseconds.
        var floor = ForgotPasswordModel.AnswerTime - TimeSpan.FromMilliseconds(25);
        Assert.True(knownTime >= floor && unknownTime >= floor, $"{knownTime} / {unknownTime}");
        Assert.Equal(2, await Audit(app, "password-reset-requested"));
        Assert.Contains("Reset your Knotwork password", await Subjects(app, "fay@knotwork.test"));
        Assert.Empty(await Subjects(app, "nobody@knotwork.test"));
        Assert.Contains("href=\"/account/forgot-password\"", await new Browser(app).Html("/account/sign-in"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetLink_WorksOnce_EndsEverySession_ConfirmsTheAddress_AndTellsByMail()
    {
        await using var baseApp = new KnotworkApp();
        await using var app = StampCheckedOnEveryRequest(baseApp);
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        var (session, clientId) = await driver.RegisterClient("Rex Reset", "rex@knotwork.test");

        await AskForReset(app, "rex@knotwork.test");
        var link = await driver.LinkFromHeldMail("rex@knotwork.test", "/account/reset-password");
        var person = new Browser(app);
        var done = await Html(await person.Post(link, new Dictionary<string, string> { ["Password"] = NewPassword }));
        Assert.Contains("Your new password is set", done, StringComparison.Ordinal);

        var again = await person.Get(link);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains(ResetPasswordModel.LinkNotValid, WebUtility.HtmlDecode(await Html(again)), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await session.Get($"/clients/{clientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await new Browser(app).SignIn("rex@knotwork.test", NewPassword)).StatusCode);
        Assert.Equal(1, await Audit(app, "password-reset"));
        Assert.Contains("Your Knotwork password was changed", await Subjects(app, "rex@knotwork.test"));
    }

    [Fact]
    public async Task ResetLink_ConfirmsAnUnconfirmedAddress()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        await new Browser(app).Post("/account/register", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Una Unconfirmed", ["Input.Email"] = "una@knotwork.test", ["Input.Password"] = PracticeDriver.Password,
            ["Input.AgreeTreatment"] = "true", ["Input.AgreePrivacy"] = "true",
        });

        await AskForReset(app, "una@knotwork.test");
        var link = await driver.LinkFromHeldMail("una@knotwork.test", "/account/reset-password");
        await new Browser(app).Post(link, new Dictionary<string, string> { ["Password"] = NewPassword });

        Assert.Equal(HttpStatusCode.Redirect, (await new Browser(app).SignIn("una@knotwork.test", NewPassword)).StatusCode);
    }

    [Fact]
    public async Task ResetLink_Expires_AndSaysSo_WhileInvitationsKeepTheirLongerLifetime()
    {
        await using var baseApp = new KnotworkApp();
        await using var app = baseApp.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.Configure<PasswordResetTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.Zero)));
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        await driver.RegisterClient("Eve Expired", "eve@knotwork.test");

        await AskForReset(app, "eve@knotwork.test");
        var link = await driver.LinkFromHeldMail("eve@knotwork.test", "/account/reset-password");
        var expired = await new Browser(app).Get(link);

        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        var html = WebUtility.HtmlDecode(await Html(expired));
        Assert.Contains(ResetPasswordModel.LinkNotValid, html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Password\"", html, StringComparison.Ordinal);

        // Unless configured otherwise (as here), reset links work 30 minutes; invitations keep the default provider's day.
        Assert.Equal(TimeSpan.FromMinutes(30), new PasswordResetTokenProviderOptions().TokenLifespan);
        await using var scope = app.Services.CreateAsyncScope();
        var identity = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value;
        Assert.Equal(TokenOptions.DefaultProvider, identity.Tokens.PasswordResetTokenProvider);
        Assert.Equal(TimeSpan.FromDays(1), scope.ServiceProvider.GetRequiredService<IOptions<DataProtectionTokenProviderOptions>>().Value.TokenLifespan);
    }

    [Fact]
    public async Task TheAccountPage_LinksToChangeAndForgotPassword()
    {
        await using var app = new KnotworkApp();
        var owner = await new PracticeDriver(app).SetUpOwner();

        var html = await owner.Html("/account");

        Assert.Contains("href=\"/account/password\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/forgot-password\"", html, StringComparison.Ordinal);
    }

    /// <summary>The app with security stamps checked on every request, so an ended session shows at once.</summary>
    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> StampCheckedOnEveryRequest(KnotworkApp baseApp) =>
        baseApp.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero)));

    private static async Task<(string Html, TimeSpan Took)> AskForReset(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string email)
    {
        var browser = new Browser(app);
        var page = await browser.Html("/account/forgot-password");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = email, ["__RequestVerificationToken"] = Browser.AntiforgeryToken(page) });
        var started = Stopwatch.GetTimestamp();
        var response = await browser.Http.PostAsync(new Uri("/account/forgot-password", UriKind.Relative), form, Token);
        var took = Stopwatch.GetElapsedTime(started);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Html(response), took);
    }

    private static async Task<string> Register(Browser browser, string email, string password) => await Html(await browser.Post("/account/register", new Dictionary<string, string>
    {
        ["Input.FullName"] = "Len Length", ["Input.Email"] = email, ["Input.Password"] = password,
        ["Input.AgreeTreatment"] = "true", ["Input.AgreePrivacy"] = "true",
    }));

    private static async Task<string> Html(HttpResponseMessage response) => await response.Content.ReadAsStringAsync(Token);

    private static string Normalised(string html) => AntiforgeryValueRegex().Replace(html, "value=\"\"");

    private static async Task<int> Audit(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        return await db.AuditLog.CountAsync(a => a.Action == action, Token);
    }

    private static async Task<List<string>> Subjects(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string to)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        return await db.HeldMail.Where(m => m.To == to).Select(m => m.Subject).ToListAsync(Token);
    }

    [GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
    private static partial Regex AntiforgeryValueRegex();
}
