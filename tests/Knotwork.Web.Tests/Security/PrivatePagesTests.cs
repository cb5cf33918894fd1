using System.Net;
using Knotwork.Web.Tests.Accounts;

namespace Knotwork.Web.Tests.Security;

/// <summary>
/// Pages with client data, accounts or secrets are never stored by a browser or proxy cache (issue 7), and a bad
/// return address after a correct password is refused, not a 500.
/// </summary>
public sealed class PrivatePagesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PagesWithClientData_AndAccountPages_AreSentWithNoStore()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        var owner = await driver.SetUpOwner();
        var (_, clientId) = await driver.RegisterClient("Nora Nostore", "nora@knotwork.test");

        foreach (var url in new[] { "/clients", $"/clients/{clientId}", $"/clients/{clientId}/edit", "/practice/audit", "/practice/held-mail", "/practice/staff", "/account", "/account/two-factor" })
        {
            var response = await owner.Get(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{url} has no Cache-Control: no-store");
        }

        var signIn = await new Browser(app).Get("/account/sign-in");
        Assert.True(signIn.Headers.CacheControl?.NoStore == true, "the sign-in page may be cached");
    }

    [Fact]
    public async Task PublicPages_StayCacheable()
    {
        await using var app = new KnotworkApp();
        var response = await app.CreateClient().GetAsync(new Uri("/muscles", UriKind.Relative), Token);
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
    }

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task ReturnUrlOffSite_AfterACorrectPassword_GoesToTheAccountPage(string returnUrl)
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        await driver.RegisterClient("Ron Return", "ron@knotwork.test");
        var visitor = new Browser(app);
        var response = await visitor.Post($"/account/sign-in?ReturnUrl={returnUrl}", new Dictionary<string, string>
        {
            ["Input.Email"] = "ron@knotwork.test", ["Input.Password"] = PracticeDriver.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account", response.Headers.Location?.OriginalString);
    }
}
