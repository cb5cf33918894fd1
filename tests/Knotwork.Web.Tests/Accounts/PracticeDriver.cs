using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Knotwork.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests.Accounts;

/// <summary>A person using the app through its forms: their own cookies, antiforgery tokens, and an authenticator app.</summary>
public sealed partial class Browser
{
    public Browser(WebApplicationFactory<Program> app) =>
        Http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A person talking to a real server (the client must keep cookies and not follow redirects).</summary>
    public Browser(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    /// <summary>The key of this person's authenticator app (copy it to another browser of the same person).</summary>
    public string? AuthenticatorKey { get; set; }

    /// <summary>The last code <see cref="Totp()"/> gave.</summary>
    public string? LastTotp { get; private set; }

    /// <summary>The last time step a code was taken for, per key: the server accepts each step once.</summary>
    private static readonly ConcurrentDictionary<string, long> LastStepByKey = new(StringComparer.Ordinal);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async Task<HttpResponseMessage> Get(string url) => await Http.GetAsync(new Uri(url, UriKind.Relative), Token);

    public async Task<string> Html(string url) => await (await Get(url)).Content.ReadAsStringAsync(Token);

    /// <summary>The antiforgery token of the first form in <paramref name="html"/>.</summary>
    public static string AntiforgeryToken(string html) => WebUtility.HtmlDecode(AntiforgeryRegex().Match(html).Groups[1].Value);

    /// <summary>Opens the page (for its antiforgery token) and posts the form fields to it, or to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> Post(string page, IDictionary<string, string> fields, string? action = null)
    {
        var html = await Html(page);
        var token = AntiforgeryRegex().Match(html);
        Assert.True(token.Success, $"no antiforgery token on {page}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        using var content = new FormUrlEncodedContent(form);
        return await Http.PostAsync(new Uri(action ?? page, UriKind.Relative), content, Token);
    }

    /// <summary>
    /// A code not given before for this key: the current step's, or a later one when that was used (the server accepts
    /// codes up to two steps ahead and each step once; past that, this waits for time to catch up, as a person would).
    /// </summary>
    public string Totp()
    {
        var key = AuthenticatorKey ?? throw new InvalidOperationException("No authenticator set up.");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var step = LastStepByKey.AddOrUpdate(key, now, (_, last) => Math.Max(now, last + 1));
        while (step > (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30) + 1)
        {
            Thread.Sleep(TimeSpan.FromSeconds(1));
        }

        LastTotp = Totp((int)(step - (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30)));
        return LastTotp;
    }

    /// <summary>The code of this person's authenticator app <paramref name="stepOffset"/> 30-second steps from now (RFC 6238: SHA-1, 6 digits).</summary>
    public string Totp(int stepOffset)
    {
        var key = Base32(AuthenticatorKey ?? throw new InvalidOperationException("No authenticator set up."));
        var counter = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30) + stepOffset;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(message);
        }

#pragma warning disable CA5350 // RFC 6238 authenticator codes are HMAC-SHA1, as every authenticator app computes them.
        var hash = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Reads the key from the two-factor page and turns two-factor sign-in on; returns the recovery codes.</summary>
    public async Task<IReadOnlyList<string>> EnableTwoFactor()
    {
        var html = await Html("/account/two-factor");
        AuthenticatorKey = SharedKeyRegex().Match(html).Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var response = await Post("/account/two-factor", new Dictionary<string, string> { ["Code"] = Totp() }, "/account/two-factor?handler=Enable");
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains("Your recovery codes", body, StringComparison.Ordinal);
        return [.. RecoveryCodeRegex().Matches(body).Select(m => m.Groups[1].Value)];
    }

    public async Task<HttpResponseMessage> SignIn(string email, string password)
    {
        var response = await Post("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.Headers.Location?.OriginalString.StartsWith("/account/sign-in/two-factor", StringComparison.Ordinal) == true)
        {
            response = await Post(response.Headers.Location.OriginalString, new Dictionary<string, string> { ["Code"] = Totp() });
        }

        return response;
    }

    private static byte[] Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in text.TrimEnd('='))
        {
            value = (value << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. output];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryRegex();

    [GeneratedRegex("id=\"shared-key\">([a-z0-9 ]+)<")]
    private static partial Regex SharedKeyRegex();

    [GeneratedRegex("<li><code>([a-zA-Z0-9-]+)</code></li>")]
    private static partial Regex RecoveryCodeRegex();
}

/// <summary>Sets up a practice with its people through the app's own pages.</summary>
public sealed partial class PracticeDriver(WebApplicationFactory<Program> app)
{
    public const string Password = "a calm river of stones";

    public WebApplicationFactory<Program> App { get; } = app;

    public async Task<Browser> SetUpOwner(string email = "owner@knotwork.test")
    {
        var owner = new Browser(App);
        var response = await owner.Post("/setup", new Dictionary<string, string>
        {
            ["Input.PracticeName"] = "Antelope Valley Trigger Point",
            ["Input.TimeZone"] = "America/Los_Angeles",
            ["Input.OwnerName"] = "Olivia Owner",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await owner.EnableTwoFactor();
        return owner;
    }

    public async Task<Browser> InviteTherapist(Browser owner, string name, string email)
    {
        var response = await owner.Post("/practice/staff", new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var therapist = new Browser(App);
        var link = await LinkFromHeldMail(email, "/account/accept-invite");
        var accepted = await therapist.Post(link, new Dictionary<string, string> { ["Password"] = Password });
        Assert.Contains("Your password is set", await accepted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var signIn = await therapist.SignIn(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        await therapist.EnableTwoFactor();
        return therapist;
    }

    public async Task<(Browser Client, Guid ClientId)> RegisterClient(string name, string email)
    {
        var client = new Browser(App);
        var response = await client.Post("/account/register", new Dictionary<string, string>
        {
            ["Input.FullName"] = name,
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.AgreeTreatment"] = "true",
            ["Input.AgreePrivacy"] = "true",
        });
        Assert.Contains("Check your e-mail", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var confirm = await client.Get(await LinkFromHeldMail(email, "/account/confirm-email"));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignIn(email, Password)).StatusCode);
        return (client, await ClientIdOf(email));
    }

    public async Task<Guid> ClientIdOf(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        return await db.Clients.Where(c => c.Email == email).Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken);
    }

    public async Task<string> LinkFromHeldMail(string to, string path)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var bodies = await db.HeldMail.Where(m => m.To == to).OrderByDescending(m => m.CreatedAtUtc).Select(m => m.HtmlBody).ToListAsync(TestContext.Current.CancellationToken);
        var match = bodies.SelectMany(b => LinkRegex().Matches(b)).First(m => m.Groups[1].Value.Contains(path, StringComparison.Ordinal));
        // Links are absolute with a public base URL and relative without one (as in these tests' sweeps); on Unix a
        // relative "/path?query" would parse as a file URI, so it is returned as it stands.
        var link = WebUtility.HtmlDecode(match.Groups[1].Value);
        return link.StartsWith('/') ? link : new Uri(link).PathAndQuery;
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex LinkRegex();
}
