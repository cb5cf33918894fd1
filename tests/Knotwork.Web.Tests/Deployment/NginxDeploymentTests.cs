using System.Net;
using System.Text.RegularExpressions;
using Knotwork.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Tests.Deployment;

/// <summary>
/// Issue 7, "a real deployment, tested": through Debian's nginx with TLS in front of the built app, the HTTPS
/// redirect and HSTS, <c>Secure</c> <c>__Host-</c> cookies, each client's own address in rate limits and the audit,
/// e-mail links on the public base URL, and a forged <c>Host</c> refused.
/// </summary>
public sealed partial class NginxDeploymentTests(NginxDeployment deployment) : IClassFixture<NginxDeployment>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string[] SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    private static string[] Attributes(string setCookie) =>
        [.. setCookie.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(a => a.ToLowerInvariant())];

    /// <summary>Registers a client from <paramref name="person"/>'s address and returns the mailed confirmation link.</summary>
    private async Task<string> Register(Browser person, string name, string email)
    {
        var response = await person.Post("/account/register", new Dictionary<string, string>
        {
            ["Input.FullName"] = name, ["Input.Email"] = email, ["Input.Password"] = PracticeDriver.Password,
            ["Input.AgreeTreatment"] = "true", ["Input.AgreePrivacy"] = "true",
        });
        Assert.Contains("Check your e-mail", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        await using var db = deployment.OpenDatabase();
        var body = await db.HeldMail.Where(m => m.To == email).Select(m => m.HtmlBody).SingleAsync(Token);
        return WebUtility.HtmlDecode(LinkRegex().Match(body).Groups[1].Value);
    }

    private static Task<HttpResponseMessage> SignIn(Browser person, string email, string password) =>
        person.Post("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    [Fact]
    public async Task PlainHttp_IsRedirectedToHttps()
    {
        using var http = deployment.Client(IPAddress.Loopback);

        var response = await http.GetAsync(new Uri($"http://{NginxDeployment.Host}:{deployment.HttpPort}/account/sign-in?ReturnUrl=%2Fclients"), Token);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(new Uri($"{deployment.PublicBaseUrl}/account/sign-in?ReturnUrl=%2Fclients"), response.Headers.Location);
    }

    [Fact]
    public async Task Https_SendsStrictTransportSecurity_AndTheAppDoesNotNameItsServer()
    {
        using var http = deployment.Client(IPAddress.Loopback);

        var page = await http.GetAsync(new Uri("/", UriKind.Relative), Token);
        var direct = await http.GetAsync(new Uri($"http://127.0.0.1:{deployment.AppPort}/api/health"), Token);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(page.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        Assert.Empty(direct.Headers.Server); // Kestrel itself, not nginx's own header
    }

    [Fact]
    public async Task SigningIn_SetsSecureCookies_TheSessionOneHostPrefixed_FromALinkOnThePublicBaseUrl()
    {
        var person = deployment.Person(IPAddress.Parse("127.0.0.4"));

        var form = await person.Get("/account/register");
        var link = await Register(person, "Cora Cookie", "cora@knotwork.test");
        var confirmed = await person.Http.GetAsync(new Uri(link), Token);
        var signedIn = await SignIn(person, "cora@knotwork.test", PracticeDriver.Password);

        Assert.StartsWith($"{deployment.PublicBaseUrl}/account/confirm-email?userId=", link, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("secure", Attributes(Assert.Single(SetCookies(form), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal))));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Assert.Single(SetCookies(signedIn), c => c.Contains("knotwork=", StringComparison.Ordinal));
        Assert.StartsWith("__Host-knotwork=", session, StringComparison.Ordinal);
        Assert.Contains("secure", Attributes(session));
        Assert.Contains("path=/", Attributes(session));
        Assert.DoesNotContain(Attributes(session), a => a.StartsWith("domain", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await person.Get("/account")).StatusCode);
    }

    [Fact]
    public async Task TwoClientsAtDifferentAddresses_AreRateLimitedApart_AndAuditedWithTheirOwnAddresses()
    {
        var ann = deployment.Person(IPAddress.Parse("127.0.0.2"));
        var ben = deployment.Person(IPAddress.Parse("127.0.0.3"));
        await ann.Http.GetAsync(new Uri(await Register(ann, "Ann Address", "ann@knotwork.test")), Token);
        await ben.Http.GetAsync(new Uri(await Register(ben, "Ben Address", "ben@knotwork.test")), Token);

        var annAttempts = new List<HttpStatusCode>();
        for (var i = 0; i <= NginxDeployment.SignInLimit; i++)
        {
            annAttempts.Add((await SignIn(ann, "ann@knotwork.test", "not the password at all")).StatusCode);
        }

        var benSignIn = await SignIn(ben, "ben@knotwork.test", PracticeDriver.Password);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, NginxDeployment.SignInLimit), HttpStatusCode.TooManyRequests], annAttempts);
        Assert.Equal(HttpStatusCode.Redirect, benSignIn.StatusCode);

        await using var db = deployment.OpenDatabase();
        var created = await db.AuditLog.Where(e => e.Action == "create" && e.EntityType == "client")
            .Select(e => new { e.Detail, e.RemoteAddress, e.EntityId }).ToListAsync(Token);
        var annId = (await db.Clients.SingleAsync(c => c.Email == "ann@knotwork.test", Token)).Id.ToString();
        var benId = (await db.Clients.SingleAsync(c => c.Email == "ben@knotwork.test", Token)).Id.ToString();
        Assert.Equal("127.0.0.2", created.Single(e => e.EntityId == annId).RemoteAddress);
        Assert.Equal("127.0.0.3", created.Single(e => e.EntityId == benId).RemoteAddress);
        var audit = await deployment.Owner.Html("/practice/audit");
        Assert.Contains("<td>127.0.0.2</td>", audit, StringComparison.Ordinal);
        Assert.Contains("<td>127.0.0.3</td>", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AForgedHost_IsRefused()
    {
        using var http = deployment.Client(IPAddress.Loopback);
        using var forged = new HttpRequestMessage(HttpMethod.Get, new Uri("/account/register", UriKind.Relative));
        forged.Headers.Host = "evil.example";

        var refused = await http.SendAsync(forged, Token);
        var real = await http.GetAsync(new Uri("/account/register", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex LinkRegex();
}
