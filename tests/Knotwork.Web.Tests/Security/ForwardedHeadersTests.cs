using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Knotwork.Web.Tests.Security;

/// <summary>
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> count only from the proxies in <c>Knotwork:Proxy</c>: then rate
/// limits see the real client and HSTS sees HTTPS; from anyone else (and with no proxy configured, even from this
/// machine) they are ignored. Observed through a one-request finder limit per client and the HSTS header.
/// </summary>
public class ForwardedHeadersTests
{
    private const string Finder = "/api/finder?regions=temple.l";
    private const string Proxy = "10.0.0.1";
    private const string Client = "198.51.100.1";
    private const string OtherClient = "198.51.100.2";

    /// <summary>Production (for HSTS), one finder request per client an hour, loopback not exempt, and these settings.</summary>
    private static HttpClient Start(KnotworkApp app, params (string Key, string Value)[] settings)
    {
        (string, string)[] all =
        [
            ("Knotwork:PublicBaseUrl", "https://knotwork.example"),
            ("Knotwork:RateLimits:ExemptLoopback", "false"),
            ("Knotwork:RateLimits:Finder:TokenLimit", "1"),
            ("Knotwork:RateLimits:Finder:TokensPerPeriod", "1"),
            ("Knotwork:RateLimits:Finder:ReplenishmentPeriod", "01:00:00"),
            .. settings,
        ];
        return TestConnection.App(app, all)
            .WithWebHostBuilder(builder => builder.UseEnvironment("Production"))
            .CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://knotwork.example"), AllowAutoRedirect = false });
    }

    private static async Task<HttpResponseMessage> Get(HttpClient http, string from, string? forwardedFor, string? forwardedProto = null, string url = Finder)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Add(TestConnection.ClientAddressHeader, from);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("Knotwork:Proxy:KnownProxies", Proxy, Proxy)]
    [InlineData("Knotwork:Proxy:KnownProxies", "192.0.2.1, " + Proxy, Proxy)]
    [InlineData("Knotwork:Proxy:KnownProxies:0", Proxy, Proxy)]
    [InlineData("Knotwork:Proxy:KnownNetworks", "10.1.0.0/16", "10.1.2.3")]
    public async Task FromATrustedProxy_RateLimitsCountEachForwardedClient(string key, string value, string peer)
    {
        await using var app = new KnotworkApp();
        var http = Start(app, (key, value));

        Assert.Equal(HttpStatusCode.OK, (await Get(http, peer, Client)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get(http, peer, OtherClient)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Get(http, peer, Client)).StatusCode);
    }

    [Fact]
    public async Task FromATrustedProxy_OnlyTheAddressTheProxySawCounts_NotOnesTheClientMadeUp()
    {
        await using var app = new KnotworkApp();
        var http = Start(app, ("Knotwork:Proxy:KnownProxies", Proxy));

        // nginx appends the peer it saw to whatever X-Forwarded-For the client sent: only that last entry is believed.
        Assert.Equal(HttpStatusCode.OK, (await Get(http, Proxy, "203.0.113.50, " + Client)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Get(http, Proxy, "203.0.113.51, " + Client)).StatusCode);
    }

    [Fact]
    public async Task FromAnUntrustedPeer_ForwardedHeadersAreIgnored()
    {
        await using var app = new KnotworkApp();
        var http = Start(app, ("Knotwork:Proxy:KnownProxies", Proxy));

        var first = await Get(http, "203.0.113.7", Client, "https");
        var second = await Get(http, "203.0.113.7", OtherClient, "https");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode); // counted as the peer, whatever it claims
        Assert.False(first.Headers.Contains("Strict-Transport-Security"), "an untrusted X-Forwarded-Proto made the request HTTPS");
    }

    [Fact]
    public async Task WithoutConfiguredProxies_NothingIsTrusted_NotEvenThisMachine()
    {
        await using var app = new KnotworkApp();
        var http = Start(app);

        // ASP.NET Core's own defaults would trust loopback; Knotwork adds no forwarded-headers handling at all.
        var first = await Get(http, "127.0.0.1", Client, "https");
        var second = await Get(http, "127.0.0.1", OtherClient, "https");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.False(first.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task HttpsForwardedByATrustedProxy_GetsStrictTransportSecurity()
    {
        await using var app = new KnotworkApp();
        var http = Start(app, ("Knotwork:Proxy:KnownProxies", Proxy));

        var https = await Get(http, Proxy, Client, "https", "/api/health");
        var plain = await Get(http, Proxy, Client, "http", "/api/health");

        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(https.Headers.GetValues("Strict-Transport-Security")));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("Knotwork:Proxy:KnownProxies", "nginx.local", "Knotwork:Proxy:KnownProxies has 'nginx.local'")]
    [InlineData("Knotwork:Proxy:KnownNetworks", "10.0.0.0/33", "Knotwork:Proxy:KnownNetworks has '10.0.0.0/33'")]
    public async Task AWrongProxySetting_StopsTheAppAtStart_NamingTheKey(string key, string value, string message)
    {
        await using var app = new KnotworkApp();
        var broken = app.WithWebHostBuilder(builder => builder.UseSetting(key, value));

        var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient());

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }
}
