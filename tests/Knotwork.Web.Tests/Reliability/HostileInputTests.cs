using System.Net;
using System.Text;
using System.Text.Json;
using CsCheck;
using Knotwork.Web.Tests.Accounts;

namespace Knotwork.Web.Tests.Reliability;

/// <summary>Generated and hostile input on every endpoint and form: a 4xx with a clear message, never a 5xx, and text shown back escaped.</summary>
public class HostileInputTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly string[] Nasty =
    [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR 1=1 --", "../../etc/passwd", "\u0000", "temple.l\u0000",
        "%00", "😀", "ｔｅｍｐｌｅ.ｌ", new string('a', 5000), "temple.l,temple.l,temple.l", "group:", "group:head.x", "TEMPLE.L", " temple.l ",
        "null", "-1", "1e309", "NaN", "{", "[]", "temple.l:99", "temple.l:-5", "temple.l:7:8", ",,,", "sacrum.l", "left temple",
    ];

    private static Gen<string> Of(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static readonly Gen<string> Token_ = Gen.OneOf(
        Of(Nasty),
        Of("temple.l", "neck-back.l", "sacrum", "chest.r", "group:forearm.l", "heel.r"),
        Gen.String[Gen.Char.AlphaNumeric, 0, 30],
        Gen.String[0, 40]);

    [Fact]
    public async Task FinderGet_WithGeneratedQueries_NeverFailsOnTheServer()
    {
        await using var app = new KnotworkApp();
        var client = app.CreateClient();
        var gen = from regions in Token_.Array[0, 6]
                  from top in Gen.OneOf(Gen.Int[-5, 150].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Token_)
                  from context in Token_.Array[0, 3]
                  from intensity in Token_.Array[0, 3]
                  select $"/api/finder?regions={Uri.EscapeDataString(string.Join(',', regions))}&top={Uri.EscapeDataString(top)}&context={Uri.EscapeDataString(string.Join(',', context))}&intensity={Uri.EscapeDataString(string.Join(',', intensity))}";

        await gen.SampleAsync(async url =>
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative), Token);
            var body = await response.Content.ReadAsStringAsync(Token);
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {url}: {body}");
            using var json = JsonDocument.Parse(body);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("detail").GetString()));
            }
        }, iter: 300);
    }

    private static readonly Gen<string> JsonValue = Gen.OneOf(
        Of("null", "true", "1", "-1.5e3", "\"temple.l\"", "[]", "{}", "[\"temple.l\"]", "{\"temple.l\": 7}", "{\"temple.l\": \"x\"}", "[1,2]", "\"<script>\""),
        Token_.Select(s => JsonSerializer.Serialize(s)));

    [Fact]
    public async Task FinderPost_WithGeneratedBodies_NeverFailsOnTheServer()
    {
        await using var app = new KnotworkApp();
        var client = app.CreateClient();
        var gen = Gen.OneOf(
            from id in JsonValue
            from regions in JsonValue
            from intensity in JsonValue
            from context in JsonValue
            from top in JsonValue
            select $"{{\"id\": {id}, \"regions\": {regions}, \"intensity\": {intensity}, \"context\": {context}, \"top\": {top}}}",
            Gen.String[0, 200],
            JsonValue);

        await gen.SampleAsync(async body =>
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            var response = await client.PostAsync(new Uri("/api/finder", UriKind.Relative), content, Token);
            var text = await response.Content.ReadAsStringAsync(Token);
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {body}: {text}");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {body}");
        }, iter: 300);
    }

    [Fact]
    public async Task Forms_WithHostileAndOversizedFields_Answer4xxOrThePageAgain_AndEscapeWhatTheyShow()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        var owner = await driver.SetUpOwner();
        var (client, clientId) = await driver.RegisterClient("Hal Hostile", "hal@knotwork.test");
        var stranger = new Browser(app);
        var huge = new string('x', 100_000);
        const string Script = "<script>alert('k')</script>";

        var attempts = new List<(Browser Who, string Page, string? Action, Dictionary<string, string> Fields)>
        {
            (stranger, "/account/sign-in", null, new() { ["Input.Email"] = Script, ["Input.Password"] = huge }),
            (stranger, "/account/register", null, new() { ["Input.FullName"] = Script, ["Input.Email"] = "not-an-email", ["Input.Password"] = huge, ["Input.AgreeTreatment"] = "maybe" }),
            (stranger, "/account/register", null, new() { ["Input.FullName"] = huge, ["Input.Email"] = Script + "@x.test", ["Input.Password"] = PracticeDriver.Password, ["Input.AgreeTreatment"] = "true", ["Input.AgreePrivacy"] = "true" }),
            (stranger, "/account/accept-invite?userId=not-a-guid&code=" + Uri.EscapeDataString(Script), null, new() { ["Password"] = PracticeDriver.Password }),
            (client, $"/clients/{clientId}/edit", null, new() { ["Input.FullName"] = Script, ["Input.DateOfBirth"] = "31/31/31", ["Input.Screening"] = "Telepathy", ["Input.Phone"] = Script }),
            (client, $"/clients/{clientId}/edit", null, new() { ["Input.FullName"] = huge }),
            (client, "/finder", "/clients/pain-maps", new() { ["clientId"] = clientId.ToString(), ["regions"] = Script, ["saveId"] = Guid.NewGuid().ToString() }),
            (client, "/finder", "/clients/pain-maps", new() { ["clientId"] = "nope", ["regions"] = "temple.l", ["saveId"] = "nope" }),
            (client, "/finder", "/clients/pain-maps", new() { ["clientId"] = clientId.ToString(), ["regions"] = "temple.l", ["intensity"] = "temple.l:eleven", ["saveId"] = Guid.NewGuid().ToString() }),
            (client, "/finder", "/clients/pain-maps", new() { ["clientId"] = clientId.ToString(), ["regions"] = "temple.l", ["note"] = huge, ["saveId"] = Guid.NewGuid().ToString() }),
            (owner, "/practice/staff", null, new() { ["Input.Name"] = Script, ["Input.Email"] = Script }),
            (owner, "/clients/new", null, new() { ["Input.FullName"] = Script, ["Input.Email"] = "x", ["Input.Invite"] = "true" }),
            (owner, "/account/two-factor", "/account/two-factor?handler=Enable", new() { ["Code"] = Script }),
        };

        foreach (var (who, page, action, fields) in attempts)
        {
            var response = await who.Post(page, fields, action);
            var body = await response.Content.ReadAsStringAsync(Token);
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} from {action ?? page}: {body[..Math.Min(body.Length, 1500)]}");
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                Assert.DoesNotContain(Script, body, StringComparison.Ordinal);
            }
            else
            {
                // Non-HTML answers (ProblemDetails JSON) may quote the input; browsers never render them as HTML.
                Assert.Contains(response.Content.Headers.ContentType?.MediaType, new[] { "application/problem+json", "application/json" });
                Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            }
        }

        // The hostile name that was accepted as data is shown escaped.
        var edit = await client.Post($"/clients/{clientId}/edit", new Dictionary<string, string> { ["Input.FullName"] = Script });
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var shown = await client.Html($"/clients/{clientId}");
        Assert.Contains("&lt;script&gt;", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(Script, shown, StringComparison.Ordinal);
    }

    private static readonly Gen<string> BookingText = Gen.OneOf(
        Of(Nasty),
        Of("deep-tissue-60", "swedish-60", "maria", "93534", "93534-1234", "90210", "00000", "99999", "2027-03-09", "0001-01-01", "9999-12-31",
            "2027-03-09T10:00:00-08:00", "2027-03-14T02:30:00-08:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00", "2027-03-09T10:00",
            "-2147483648", "2147483648", "92", "0", "pat@example.com", "(661) 555-0123"),
        Gen.String[Gen.Char.AlphaNumeric, 0, 30],
        Gen.String[0, 40]);

    // A NUL in a path never reaches the app (Kestrel refuses it with 400; the in-memory test server throws on it).
    private static readonly Gen<string> BookingPathText = BookingText.Select(t => t.Replace("\0", "", StringComparison.Ordinal));

    [Fact]
    public async Task BookingGets_WithGeneratedQueries_NeverFailOnTheServer()
    {
        await using var app = new KnotworkApp();
        var client = app.CreateClient();
        var gen = Gen.OneOf(
            from service in BookingText
            from zip in BookingText
            from from_ in BookingText
            from days in BookingText
            select $"/api/availability?service={Uri.EscapeDataString(service)}&zip={Uri.EscapeDataString(zip)}&from={Uri.EscapeDataString(from_)}&days={Uri.EscapeDataString(days)}",
            BookingPathText.Select(zip => "/api/areas/" + Uri.EscapeDataString(zip)));

        await gen.SampleAsync(async url =>
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative), Token);
            var body = await response.Content.ReadAsStringAsync(Token);
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {url}: {body}");
            using var json = JsonDocument.Parse(body);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.UnprocessableEntity });
                Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("detail").GetString()), url);
            }
        }, iter: 300);
    }

    [Fact]
    public async Task BookingPosts_WithGeneratedBodies_NeverFailOnTheServer()
    {
        await using var app = new KnotworkApp();
        var client = app.CreateClient();
        var field = Gen.OneOf(BookingText.Select(t => JsonSerializer.Serialize(t)), Of("null", "1", "[]", "{}", "true"));
        var gen = Gen.OneOf(
            from service in field
            from zip in field
            from start in field
            from name in field
            from email in field
            from phone in field
            from therapist in field
            select ("/api/bookings", $"{{\"service\": {service}, \"zip\": {zip}, \"address\": \"1 Main St\", \"start\": {start}, \"name\": {name}, \"email\": {email}, \"phone\": {phone}, \"therapist\": {therapist}}}"),
            from id in BookingPathText
            from token in field
            select ($"/api/bookings/{Uri.EscapeDataString(id)}/cancel", $"{{\"token\": {token}}}"),
            Gen.String[0, 200].Select(body => ("/api/bookings", body)));

        await gen.SampleAsync(async request =>
        {
            using var content = new StringContent(request.Item2, Encoding.UTF8, "application/json");
            var response = await client.PostAsync(new Uri(request.Item1, UriKind.Relative), content, Token);
            var text = await response.Content.ReadAsStringAsync(Token);
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {request}: {text}");
            if (response.StatusCode != HttpStatusCode.Created)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }, iter: 300);
    }
}
