using System.Net;
using Knotwork.Web.Tests.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Knotwork.Web.Tests.Security;

/// <summary>
/// The sign-in cookie is <c>__Host-knotwork</c> (<c>Secure</c>, <c>Path=/</c>, no <c>Domain</c>) on HTTPS, directly or
/// through a trusted proxy, and <c>knotwork</c> over plain HTTP; the anti-forgery cookie is <c>Secure</c> on HTTPS.
/// </summary>
public class SessionCookieTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Setup => new()
    {
        ["Input.PracticeName"] = "Cookie test", ["Input.TimeZone"] = "UTC", ["Input.OwnerName"] = "Owner",
        ["Input.Email"] = "owner@knotwork.test", ["Input.Password"] = PracticeDriver.Password,
    };

    private static string[] SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    private static string Cookie(HttpResponseMessage response, string namePrefix) =>
        Assert.Single(SetCookies(response), c => c.StartsWith(namePrefix, StringComparison.Ordinal));

    /// <summary>The Set-Cookie attributes after the value, lower-cased: "path=/", "secure", ...</summary>
    private static string[] Attributes(string setCookie) =>
        [.. setCookie.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(a => a.ToLowerInvariant())];

    /// <summary>Opens the setup form (its anti-forgery cookie) and sets up the practice, which signs the owner in.</summary>
    private static async Task<(HttpResponseMessage Form, HttpResponseMessage SignedIn)> SetUp(Browser owner)
    {
        var form = await owner.Get("/setup");
        var signedIn = await owner.Post("/setup", Setup);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (form, signedIn);
    }

    [Fact]
    public async Task OnHttps_TheSignInCookieIsHostPrefixedSecureForTheWholeSite()
    {
        await using var app = new KnotworkApp();
        var owner = new Browser(app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false }));

        var (form, signedIn) = await SetUp(owner);

        Assert.DoesNotContain(SetCookies(signedIn), c => c.StartsWith("knotwork=", StringComparison.Ordinal));
        var session = Attributes(Cookie(signedIn, "__Host-knotwork="));
        Assert.Contains("secure", session);
        Assert.Contains("path=/", session);
        Assert.Contains("httponly", session);
        Assert.DoesNotContain(session, a => a.StartsWith("domain", StringComparison.Ordinal));
        Assert.Contains("secure", Attributes(Cookie(form, ".AspNetCore.Antiforgery.")));
        Assert.Equal(HttpStatusCode.OK, (await owner.Get("/account/two-factor")).StatusCode); // read back under its prefixed name
    }

    [Fact]
    public async Task OverPlainHttp_TheSignInCookieKeepsItsBareName_AndIsNotSecure()
    {
        await using var app = new KnotworkApp();
        var owner = new Browser(app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://127.0.0.1:5080"), AllowAutoRedirect = false }));

        var (form, signedIn) = await SetUp(owner);

        Assert.DoesNotContain(SetCookies(signedIn), c => c.StartsWith("__Host-", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", Attributes(Cookie(signedIn, "knotwork=")));
        Assert.DoesNotContain("secure", Attributes(Cookie(form, ".AspNetCore.Antiforgery.")));
        Assert.Equal(HttpStatusCode.OK, (await owner.Get("/account/two-factor")).StatusCode);
    }

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("203.0.113.7", false)]
    public async Task BehindAProxy_TheCookiesAreSecureOnlyWhenATrustedProxySaysHttps(string peer, bool trusted)
    {
        await using var knotwork = new KnotworkApp();
        var app = TestConnection.App(knotwork, ("Knotwork:Proxy:KnownProxies", "10.0.0.1"));
        var owner = new Browser(app.CreateDefaultClient(new Uri("http://knotwork.example"), new CookieJar(), new ThroughProxy(peer)));

        var (form, signedIn) = await SetUp(owner);

        var session = Cookie(signedIn, trusted ? "__Host-knotwork=" : "knotwork=");
        Assert.Equal(trusted, Attributes(session).Contains("secure"));
        Assert.Equal(trusted, Attributes(Cookie(form, ".AspNetCore.Antiforgery.")).Contains("secure"));
        Assert.Equal(HttpStatusCode.OK, (await owner.Get("/account/two-factor")).StatusCode);
    }

    /// <summary>A request as a proxy at <paramref name="peer"/> forwards it: from a client, received over HTTPS.</summary>
    private sealed class ThroughProxy(string peer) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(TestConnection.ClientAddressHeader, peer);
            request.Headers.Add("X-Forwarded-For", "198.51.100.1");
            request.Headers.Add("X-Forwarded-Proto", "https");
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>
    /// Keeps every cookie and sends it back, <c>Secure</c> ones too: the test talks plain HTTP to the app, as the
    /// proxy does, while the browser behind the proxy uses HTTPS.
    /// </summary>
    private sealed class CookieJar : DelegatingHandler
    {
        private readonly Dictionary<string, string> _cookies = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var pair in values.Select(v => v.Split(';')[0].Split('=', 2)))
                {
                    _cookies[pair[0]] = pair[1];
                }
            }

            return response;
        }
    }
}
