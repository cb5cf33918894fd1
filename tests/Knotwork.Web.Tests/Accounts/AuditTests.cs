using System.Net;
using Knotwork.Data;
using Knotwork.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests.Accounts;

/// <summary>
/// What the audit log records (issue 7): refused reads, anonymous attempts without free text, a chain that holds,
/// and sign-in answers that do not tell whether an account exists.
/// </summary>
public sealed class AuditTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RefusedRead_OfAnotherClientsRecord_IsAudited_AndTheChainHolds()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        var (nosy, nosyId) = await driver.RegisterClient("Nia Nosy", "nia@knotwork.test");
        var (_, otherId) = await driver.RegisterClient("Oli Other", "oli@knotwork.test");

        Assert.Equal(HttpStatusCode.NotFound, (await nosy.Get($"/clients/{otherId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await nosy.Get($"/clients/{otherId}/edit")).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var refused = await db.AuditLog.Where(a => a.Action == "read-refused").ToListAsync(Token);
        Assert.Equal(2, refused.Count);
        Assert.All(refused, a => Assert.Equal((otherId.ToString(), "nia@knotwork.test"), (a.EntityId, a.UserName)));
        Assert.DoesNotContain(nosyId.ToString(), refused.Select(a => a.EntityId));

        var verification = await scope.ServiceProvider.GetRequiredService<AuditChain>().VerifyAsync(db, cancellationToken: Token);
        Assert.True(verification.Intact, $"broken at {verification.FirstBrokenId}");
        Assert.True(verification.Checked > 5);
    }

    [Fact]
    public async Task AnonymousSignInAttempts_LeaveNoFreeText_InTheLog()
    {
        await using var app = new KnotworkApp();
        await new PracticeDriver(app).SetUpOwner();
        var stranger = new Browser(app);
        var longAddress = new string('x', 180) + "@knotwork.test";
        foreach (var email in new[] { "nobody@knotwork.test", longAddress, "Robert'); DROP TABLE--@knotwork.test" })
        {
            await stranger.Post("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "any password at all" });
        }

        await using var scope = app.Services.CreateAsyncScope();
        var failed = await scope.ServiceProvider.GetRequiredService<KnotworkDbContext>().AuditLog
            .Where(a => a.Action == "sign-in-failed").OrderBy(a => a.Id).Select(a => a.Detail).ToListAsync(Token);
        Assert.Equal("no such account: nobody@knotwork.test", failed[0]);
        Assert.True(failed[1]!.Length <= "no such account: ".Length + 101, failed[1]);
        Assert.DoesNotContain(failed, d => d!.Contains("DROP", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SignIn_UnknownAddress_WrongPassword_AndLockedAccount_AnswerAlike()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        await driver.RegisterClient("Amy Alike", "amy@knotwork.test");

        async Task<string> Attempt(string email, string password)
        {
            var response = await new Browser(app).Post("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync(Token);
            var start = html.IndexOf("<div class=\"error", StringComparison.Ordinal);
            return html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
        }

        var unknown = await Attempt("nobody@knotwork.test", "wrong password one");
        var wrong = await Attempt("amy@knotwork.test", "wrong password one");
        for (var i = 0; i < 5; i++)
        {
            await Attempt("amy@knotwork.test", "wrong password again " + i);
        }

        var locked = await Attempt("amy@knotwork.test", PracticeDriver.Password);
        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, locked);
    }

    [Fact]
    public async Task InvitingAClient_WhoseAddressHasAnAccount_DoesNotSaySo()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        var owner = await driver.SetUpOwner();
        await driver.RegisterClient("Kit Known", "kit@knotwork.test");

        var response = await owner.Post("/clients/new", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Kit Known", ["Input.Email"] = "kit@knotwork.test", ["Input.Invite"] = "true",
        });

        var html = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains("This address cannot be invited", html, StringComparison.Ordinal);
        Assert.DoesNotContain("already", html, StringComparison.OrdinalIgnoreCase);
    }
}
