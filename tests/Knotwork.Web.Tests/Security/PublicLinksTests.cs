using System.Net;
using Knotwork.Data;
using Knotwork.Web.Tests.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests.Security;

/// <summary>
/// E-mail links are built from <c>Knotwork:PublicBaseUrl</c>, never from a request's (forgeable) <c>Host</c>; outside
/// development the setting is required and only its host (and this machine's names) is answered.
/// </summary>
public class PublicLinksTests
{
    private const string PublicBaseUrl = "https://book.knotwork.test";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<string> MailedBody(WebApplicationFactory<Program> app, string to)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        return await db.HeldMail.Where(m => m.To == to).OrderByDescending(m => m.CreatedAtUtc).Select(m => m.HtmlBody).FirstAsync(Token);
    }

    private static Browser At(WebApplicationFactory<Program> app, string origin) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(origin), AllowAutoRedirect = false, HandleCookies = true }));

    private static Task<HttpResponseMessage> Register(Browser person, string email) =>
        person.Post("/account/register", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Fay Forged", ["Input.Email"] = email, ["Input.Password"] = PracticeDriver.Password,
            ["Input.AgreeTreatment"] = "true", ["Input.AgreePrivacy"] = "true",
        });

    [Fact]
    public async Task Registration_WithAForgedHost_MailsAConfirmationLinkOnThePublicBaseUrl()
    {
        await using var knotwork = new KnotworkApp();
        var app = knotwork.WithWebHostBuilder(builder => builder.UseSetting("Knotwork:PublicBaseUrl", PublicBaseUrl));
        await new PracticeDriver(app).SetUpOwner();

        await Register(At(app, "http://evil.example"), "fay@knotwork.test");

        var body = await MailedBody(app, "fay@knotwork.test");
        Assert.Contains($"href=\"{PublicBaseUrl}/account/confirm-email?userId=", body, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invitations_WithAForgedHost_LinkToThePublicBaseUrl()
    {
        await using var knotwork = new KnotworkApp();
        var app = knotwork.WithWebHostBuilder(builder => builder.UseSetting("Knotwork:PublicBaseUrl", PublicBaseUrl + "/"));
        var driver = new PracticeDriver(app);
        var owner = await driver.SetUpOwner();
        owner.Http.DefaultRequestHeaders.Host = "evil.example";

        var invited = await owner.Post("/practice/staff", new Dictionary<string, string> { ["Input.Name"] = "Theo", ["Input.Email"] = "theo@knotwork.test" });
        var added = await owner.Post("/clients/new", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Cleo Client", ["Input.Email"] = "cleo@knotwork.test", ["Input.Invite"] = "true",
        });

        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        foreach (var to in new[] { "theo@knotwork.test", "cleo@knotwork.test" })
        {
            var body = await MailedBody(app, to);
            Assert.Contains($"href=\"{PublicBaseUrl}/account/accept-invite?userId=", body, StringComparison.Ordinal);
            Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task InDevelopmentWithoutTheSetting_LinksUseTheRequestsOwnAddress()
    {
        await using var app = new KnotworkApp();
        await new PracticeDriver(app).SetUpOwner();

        await Register(At(app, "http://127.0.0.1:5080"), "dev@knotwork.test");

        Assert.Contains("href=\"http://127.0.0.1:5080/account/confirm-email?userId=", await MailedBody(app, "dev@knotwork.test"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("book.knotwork.test", HttpStatusCode.OK)]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("127.0.0.1:5080", HttpStatusCode.OK)]
    [InlineData("[::1]", HttpStatusCode.OK)]
    [InlineData("evil.example", HttpStatusCode.BadRequest)]
    [InlineData("book.knotwork.test.evil.example", HttpStatusCode.BadRequest)]
    public async Task OutsideDevelopment_OnlyThePublicHostAndThisMachineAreAnswered(string host, HttpStatusCode expected)
    {
        await using var knotwork = new KnotworkApp();
        var app = knotwork.WithWebHostBuilder(builder => builder.UseEnvironment("Production").UseSetting("Knotwork:PublicBaseUrl", PublicBaseUrl));
        var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/health", UriKind.Relative));
        request.Headers.Host = host;

        var response = await http.SendAsync(request, Token);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task OutsideDevelopment_AnAllowedHostsSettingIsKept()
    {
        await using var knotwork = new KnotworkApp();
        var app = knotwork.WithWebHostBuilder(builder => builder.UseEnvironment("Production")
            .UseSetting("Knotwork:PublicBaseUrl", PublicBaseUrl).UseSetting("AllowedHosts", "knotwork.example;book.knotwork.test"));
        var http = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await Get(http, "knotwork.example")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Get(http, "evil.example")).StatusCode);
    }

    private static async Task<HttpResponseMessage> Get(HttpClient http, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/health", UriKind.Relative));
        request.Headers.Host = host;
        return await http.SendAsync(request, Token);
    }

    [Fact]
    public async Task OutsideDevelopmentWithoutTheSetting_TheAppDoesNotStart_AndSaysWhatToSet()
    {
        await using var knotwork = new KnotworkApp();
        var app = knotwork.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Knotwork:PublicBaseUrl is not set", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Knotwork__PublicBaseUrl", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("book.knotwork.test")]
    [InlineData("https://book.knotwork.test/knotwork")]
    [InlineData("ftp://book.knotwork.test")]
    [InlineData("https://book.knotwork.test/?a=1")]
    public async Task AWrongPublicBaseUrl_StopsTheAppAtStart(string value)
    {
        await using var knotwork = new KnotworkApp();
        var app = knotwork.WithWebHostBuilder(builder => builder.UseSetting("Knotwork:PublicBaseUrl", value));

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains($"Knotwork:PublicBaseUrl is '{value}'", error.ToString(), StringComparison.Ordinal);
    }
}
