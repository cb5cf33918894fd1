using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using Knotwork.Web.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Knotwork.Web.Tests.Security;

public class RateLimitTests
{
    private const string Finder = "/api/finder?regions=temple.l,neck-back.l";
    private const string Remote = "203.0.113.7";
    private const string OtherRemote = "198.51.100.9";

    /// <summary>Three finder requests per client, and no new ones for an hour.</summary>
    private static (string, string)[] ThreeFinderRequests(bool exemptLoopback) =>
    [
        ("Knotwork:RateLimits:ExemptLoopback", exemptLoopback ? "true" : "false"),
        ("Knotwork:RateLimits:Finder:TokenLimit", "3"),
        ("Knotwork:RateLimits:Finder:TokensPerPeriod", "1"),
        ("Knotwork:RateLimits:Finder:ReplenishmentPeriod", "01:00:00"),
    ];

    private static HttpClient Client(WebApplicationFactory<Program> app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<HttpResponseMessage> PostFinder(HttpClient client, string from)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/finder", UriKind.Relative))
        {
            Content = new StringContent("""{"regions": ["temple.l"]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(TestConnection.ClientAddressHeader, from);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<List<HttpStatusCode>> GetFinder(HttpClient client, int times, string? from)
    {
        var statuses = new List<HttpStatusCode>(times);
        for (var i = 0; i < times; i++)
        {
            statuses.Add((await TestConnection.Get(client, Finder, from)).StatusCode);
        }

        return statuses;
    }

    [Fact]
    public async Task Finder_WithTheDefaults_Lets300QuickRequestsFromThisMachineThrough()
    {
        await using var app = new KnotworkApp();
        var client = Client(TestConnection.App(app));

        var statuses = new List<HttpStatusCode>();
        foreach (var from in new[] { "127.0.0.1", "::1", "::ffff:127.0.0.1" })
        {
            statuses.AddRange(await GetFinder(client, 100, from));
        }

        statuses.AddRange(await GetFinder(client, 100, from: null)); // the test server's own requests carry no address
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task Finder_WithTheDefaults_LimitsAQuickRemoteClient()
    {
        await using var app = new KnotworkApp();
        var client = Client(TestConnection.App(app));

        var statuses = await GetFinder(client, 300, Remote);

        Assert.All(statuses.Take(100), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task Finder_OverALoweredLimitWithoutTheLoopbackExemption_Answers429ProblemWithRetryAfter()
    {
        await using var app = new KnotworkApp();
        var client = Client(TestConnection.App(app, ThreeFinderRequests(exemptLoopback: false)));

        // GET and POST share the client's bucket.
        Assert.Equal(HttpStatusCode.OK, (await TestConnection.Get(client, Finder, "127.0.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostFinder(client, "127.0.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestConnection.Get(client, Finder, "127.0.0.1")).StatusCode);
        var response = await TestConnection.Get(client, Finder, "127.0.0.1");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(429, body.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Too many requests", body.RootElement.GetProperty("title").GetString());
        Assert.Contains("Try again in 60 minutes", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostFinder(client, "127.0.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestConnection.Get(client, "/api/health", "127.0.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestConnection.Get(client, "/api/regions", "127.0.0.1")).StatusCode);
    }

    [Fact]
    public async Task Finder_WithTheLoopbackExemption_IgnoresEvenALowLimitForThisMachineOnly()
    {
        await using var app = new KnotworkApp();
        var client = Client(TestConnection.App(app, ThreeFinderRequests(exemptLoopback: true)));

        Assert.All(await GetFinder(client, 20, "127.0.0.1"), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(await GetFinder(client, 20, "::1"), s => Assert.Equal(HttpStatusCode.OK, s));

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests],
            await GetFinder(client, 4, Remote));
    }

    [Fact]
    public async Task Finder_CountsEachClientApart_IPv6ByItsSlash64()
    {
        await using var app = new KnotworkApp();
        var client = Client(TestConnection.App(app, ThreeFinderRequests(exemptLoopback: true)));
        await GetFinder(client, 3, Remote);
        await GetFinder(client, 3, "2001:db8::1");

        Assert.Equal(HttpStatusCode.TooManyRequests, (await TestConnection.Get(client, Finder, Remote)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TestConnection.Get(client, Finder, "::ffff:" + Remote)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestConnection.Get(client, Finder, OtherRemote)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TestConnection.Get(client, Finder, "2001:db8::2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestConnection.Get(client, Finder, "2001:db8:0:1::1")).StatusCode);
    }

    [Fact]
    public async Task BookingPosts_ShareAClientsBucket_AndAnswer429Problem_WhileTheBookingReadsStayOpen()
    {
        await using var app = new KnotworkApp();
        var client = Client(TestConnection.App(app,
            ("Knotwork:RateLimits:Booking:TokenLimit", "2"),
            ("Knotwork:RateLimits:Booking:TokensPerPeriod", "1"),
            ("Knotwork:RateLimits:Booking:ReplenishmentPeriod", "01:00:00")));

        async Task<HttpResponseMessage> Post(string url, string from)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative))
            {
                Content = new StringContent("""{"token": "x"}""", System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(TestConnection.ClientAddressHeader, from);
            return await client.SendAsync(request, TestContext.Current.CancellationToken);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await Post("/api/bookings", Remote)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Post($"/api/bookings/{Guid.NewGuid()}/cancel", Remote)).StatusCode);
        var refused = await Post("/api/bookings", Remote);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Post($"/api/bookings/{Guid.NewGuid()}/cancel", Remote)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("/api/bookings", OtherRemote)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestConnection.Get(client, "/api/services", Remote)).StatusCode);
    }

    [Fact]
    public async Task InvalidSetting_StopsTheAppAtStart_NamingTheKey()
    {
        await using var app = new KnotworkApp();
        var broken = app.WithWebHostBuilder(builder => builder.UseSetting("Knotwork:RateLimits:Finder:TokenLimit", "0"));

        var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient());

        Assert.Contains("Knotwork:RateLimits:Finder:TokenLimit is 0", error.ToString(), StringComparison.Ordinal);
    }

    private static ClientAddressPolicy Policy(string name) =>
        SecurityExtensions.Policies(new RateLimitSettings()).Single(p => p.Name == name).Policy;

    private static RateLimiter Limiter(ClientAddressPolicy policy, string method, string address)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        var partition = policy.GetPartition(context);
        return partition.Factory(partition.PartitionKey);
    }

    [Theory]
    [InlineData(RateLimitPolicies.SignIn, 10, 1)]
    [InlineData(RateLimitPolicies.Registration, 5, 10)]
    public void SignInAndRegistration_CountFormPostsPerClient_NotShowingTheForm_NorThisMachine(string name, int permits, int minutes)
    {
        var policy = Policy(name);

        using var posts = Limiter(policy, "POST", Remote);
        for (var i = 0; i < permits; i++)
        {
            using var allowed = posts.AttemptAcquire();
            Assert.True(allowed.IsAcquired, $"attempt {i + 1} of {permits} was refused");
        }

        using var refused = posts.AttemptAcquire();
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(minutes));

        foreach (var unlimited in new[] { Limiter(policy, "GET", Remote), Limiter(policy, "HEAD", Remote), Limiter(policy, "POST", "127.0.0.1") })
        {
            for (var i = 0; i < 100; i++)
            {
                using var lease = unlimited.AttemptAcquire();
                Assert.True(lease.IsAcquired);
            }

            unlimited.Dispose();
        }
    }

    [Fact]
    public async Task RejectionOnAPage_IsAShortPlainMessageWithRetryAfter()
    {
        using var limiter = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromMinutes(10) });
        using var first = limiter.AttemptAcquire();
        using var lease = limiter.AttemptAcquire();
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/account/register";
        context.Response.Body = new MemoryStream();

        await new RateLimitRejection(NullLogger<RateLimitRejection>.Instance)
            .WriteAsync(new OnRejectedContext { HttpContext = context, Lease = lease }, TestContext.Current.CancellationToken);

        Assert.Equal(StatusCodes.Status429TooManyRequests, context.Response.StatusCode);
        Assert.Equal("600", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("text/plain; charset=utf-8", context.Response.ContentType);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body);
        Assert.Equal("Too many attempts from this address. Please wait 10 minutes and try again.", await reader.ReadToEndAsync(TestContext.Current.CancellationToken));
    }
}
