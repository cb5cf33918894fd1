using System.Net;
using System.Text.RegularExpressions;
using Knotwork.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Knotwork.Web.Tests.Security;

public class SecurityHeadersTests
{
    private static readonly (string Name, string Value)[] Expected =
    [
        ("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("X-Frame-Options", "DENY"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ];

    private static HttpClient Client(WebApplicationFactory<Program> app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        foreach (var (name, value) in Expected)
        {
            var found = response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values);
            Assert.True(found, $"{name} is missing from {response.RequestMessage?.RequestUri} ({(int)response.StatusCode})");
            Assert.Equal(value, Assert.Single(values!));
        }
    }

    public static TheoryData<string, HttpStatusCode> Responses() => new()
    {
        { "/", HttpStatusCode.OK },
        { "/finder?regions=temple.l", HttpStatusCode.OK },
        { "/finder?handler=panel&regions=temple.l", HttpStatusCode.OK },
        { "/api/finder?regions=temple.l,neck-back.l", HttpStatusCode.OK },
        { "/api/finder?regions=no-such-region", HttpStatusCode.BadRequest },
        { "/api/health", HttpStatusCode.OK },
        { "/openapi/v1.json", HttpStatusCode.OK },
        { "/favicon.svg", HttpStatusCode.OK },
        { "/no-such-page", HttpStatusCode.NotFound },
        { "/api/no-such-thing", HttpStatusCode.NotFound },
        { "/muscles/no-such-muscle", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task EveryKindOfResponse_CarriesTheSecurityHeaders(string url, HttpStatusCode status)
    {
        await using var app = new KnotworkApp();

        var response = await Client(app).GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task FingerprintedStylesheetAndScript_CarryTheSecurityHeaders()
    {
        await using var app = new KnotworkApp();
        var client = Client(app);
        var home = await client.GetStringAsync(new Uri("/finder", UriKind.Relative), TestContext.Current.CancellationToken);
        var assets = Regex.Matches(home, "(?:href|src)=\"(/(?:css|js)/[^\"]+)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Contains(assets, a => a.StartsWith("/css/site", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("/js/finder", StringComparison.Ordinal));

        foreach (var asset in assets)
        {
            var response = await client.GetAsync(new Uri(asset, UriKind.Relative), TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertSecurityHeaders(response);
        }
    }

    [Fact]
    public async Task NotModifiedStaticFile_CarriesTheSecurityHeaders()
    {
        await using var app = new KnotworkApp();
        var client = Client(app);
        var first = await client.GetAsync(new Uri("/favicon.svg", UriKind.Relative), TestContext.Current.CancellationToken);
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/favicon.svg", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var response = await client.SendAsync(again, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task UnhandledError_AnswersA500Problem_WithTheSecurityHeaders()
    {
        await using var app = new KnotworkApp();
        var client = Client(TestConnection.App(app));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/finder", UriKind.Relative))
        {
            Content = new StringContent("""{"regions": ["temple.l"]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(TestConnection.BrokenBodyHeader, "1");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task CompressedPage_CarriesTheSecurityHeaders()
    {
        await using var app = new KnotworkApp();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/finder", UriKind.Relative));
        request.Headers.AcceptEncoding.ParseAdd("br");

        var response = await Client(app).SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());
        AssertSecurityHeaders(response);
    }

    [Fact]
    public void ContentSecurityPolicy_AllowsNoInlineOrEvaluatedScriptOrStyle()
    {
        var directives = SecurityHeaders.ContentSecurityPolicy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d[1], StringComparer.Ordinal);

        Assert.Equal("'self'", directives["script-src"]);
        Assert.Equal("'self'", directives["style-src"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.DoesNotContain("unsafe-", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("*", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    public static TheoryData<string> Pages() => new(
        "/", "/finder", "/finder?regions=temple.l,neck-back.l&context=desk-work", "/finder?handler=panel&regions=chest.l",
        "/muscles", "/muscles?q=rotator", "/muscles/infraspinatus", "/groups/rotator-cuff", "/learn", "/no-such-page");

    /// <summary>What the policy would block: an inline script, a style element or attribute, an event-handler attribute, a javascript: URL.</summary>
    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Pages_HaveNothingInlineThatThePolicyWouldBlock(string url)
    {
        await using var app = new KnotworkApp();

        var response = await Client(app).GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)[^>]*>", html);
        Assert.DoesNotMatch("<style[\\s>]", html);
        Assert.DoesNotMatch("\\sstyle\\s*=", html);
        Assert.DoesNotMatch("\\son[a-z]+\\s*=", html);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }
}
