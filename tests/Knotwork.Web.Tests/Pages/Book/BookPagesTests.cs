using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Knotwork.Data;
using Knotwork.Web.Tests.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests.Pages.Book;

/// <summary>
/// The booking pages of issue 9, driven as a client's phone would (plain forms, no JavaScript) against the Antelope
/// Valley sample practice a first run starts with, at a fixed time: Monday 1 March 2027, 08:00 in Lancaster.
/// </summary>
public sealed partial class BookPagesTests
{
    private const string Zip = "93534"; // Lancaster
    private const string Service = "deep-tissue-60";

    /// <summary>Monday 2027-03-01 08:00 PST.</summary>
    private static readonly DateTimeOffset Monday8 = new(2027, 3, 1, 16, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ZipThenServiceThenTimeThenDetails_Confirm_BooksOnce_MailsAnInvitation_AndKeepsThePainMap()
    {
        using var sink = new SmtpSink();
        await using var baseApp = new KnotworkApp();
        var clock = new FixedClock(Monday8);
        await using var app = WithClock(baseApp, clock, b =>
        {
            b.UseSetting("Knotwork:Smtp:Host", "127.0.0.1");
            b.UseSetting("Knotwork:Smtp:Port", sink.Port.ToString(CultureInfo.InvariantCulture));
            b.UseSetting("Knotwork:Smtp:EnableSsl", "false");
            b.UseSetting("Knotwork:Smtp:From", "practice@knotwork.test");
        });
        var client = new Browser(app);

        // The finder's results offer the booking with the pain map attached.
        var finder = await client.Html("/finder?regions=temple.l&intensity=temple.l:7");
        var bookLink = Href(finder, "book-from-finder");
        Assert.StartsWith("/book?regions=temple.l&intensity=temple.l", bookLink, StringComparison.Ordinal);

        var zipStep = await client.Html(bookLink);
        Assert.Contains("Your ZIP code", zipStep, StringComparison.Ordinal);
        Assert.Contains("goes with the booking", zipStep, StringComparison.Ordinal);

        var services = await client.Html($"/book?zip={Zip}&regions=temple.l&intensity=temple.l:7");
        Assert.Contains("Trigger point work", services, StringComparison.Ordinal);
        Assert.Matches(@"\$\d+\.\d\d", services);
        var times = await client.Html(Links(services).First(l => l.Contains($"service={Service}", StringComparison.Ordinal)));
        Assert.Contains("America/Los_Angeles", times, StringComparison.Ordinal);

        var details = Links(times).First(l => l.Contains("start=", StringComparison.Ordinal));
        var form = await DetailsForm(client, details);
        Assert.Equal("temple.l", form["Input.Regions"]);

        var review = await client.Post(details, form, "/book?handler=Review");
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.Contains("Confirm booking", await review.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        var booked = await client.Post(details, form, "/book?handler=Confirm");
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        var manage = booked.Headers.Location!.OriginalString;
        Assert.Matches("^/book/manage/[0-9a-f-]{36}\\?token=[^&]+&booked=1$", manage);

        // The same form submitted again (a double tap, a retry after a dropped connection) books nothing new.
        var again = await client.Post(details, form, "/book?handler=Confirm");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(manage, again.Headers.Location!.OriginalString);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
            var booking = Assert.Single(await db.Bookings.ToListAsync(Token));
            Assert.Equal("Pat Guest", booking.Name);
            Assert.Equal(Service, booking.ServiceId);
            Assert.Contains("Pain map from the finder: ", booking.Notes, StringComparison.Ordinal);
            Assert.Contains("(7/10)", booking.Notes, StringComparison.Ordinal);
            Assert.EndsWith("Gate code 1234", booking.Notes, StringComparison.Ordinal);
        }

        var page = await client.Html(manage);
        Assert.Contains("You are booked", page, StringComparison.Ordinal);
        Assert.Contains("Cancel this visit", page, StringComparison.Ordinal);

        // One e-mail, to the client, with the manage link and the visit as a calendar invitation in the practice's zone.
        var message = await sink.Received.Task.WaitAsync(TimeSpan.FromSeconds(20), Token);
        Assert.Contains("RCPT TO:<pat@knotwork.test>", message, StringComparison.Ordinal);
        Assert.Matches(@"Content-Type: text/calendar;[^\n]*(\n\s[^\n]*)*method=REQUEST", message); // parameters in any order, maybe folded
        Assert.Contains("visit.ics", message, StringComparison.Ordinal);
        var ics = CalendarAttachment(message);
        Assert.Contains("METHOD:REQUEST", ics, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VTIMEZONE", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=America/Los_Angeles:20270302T", ics, StringComparison.Ordinal);
        Assert.Contains("/book/manage/", ics.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATimeTakenMeanwhile_SaysSo_AndOffersTheNearestFreeTimes()
    {
        await using var baseApp = new KnotworkApp();
        await using var app = WithClock(baseApp, new FixedClock(Monday8));
        var client = new Browser(app);
        var details = await FirstTime(client);

        // Every therapist who could come is booked at that time by other clients; then this client confirms it.
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10 && refused is null; i++)
        {
            var response = await client.Post(details, await DetailsForm(client, details), "/book?handler=Confirm");
            if (response.StatusCode != HttpStatusCode.Redirect)
                refused = response;
        }

        Assert.NotNull(refused);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(Token);
        Assert.Contains("nearest free times", html, StringComparison.Ordinal);
        var nearest = StartButton().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToArray();
        Assert.NotEmpty(nearest);
        Assert.DoesNotContain(StartOf(details), nearest);
        Assert.Contains("value=\"Pat Guest\"", html, StringComparison.Ordinal); // the details typed are kept
    }

    [Fact]
    public async Task Manage_CancelsOutsideTheWindow_FreeingTheTime_AndInsideItSaysToContactThePractice()
    {
        await using var baseApp = new KnotworkApp();
        var clock = new FixedClock(Monday8);
        await using var app = WithClock(baseApp, clock);
        var client = new Browser(app);
        var details = await FirstTime(client);
        var start = StartOf(details);
        var manage = await Book(client, details);
        var plain = manage.Replace("&booked=1", "", StringComparison.Ordinal);

        // Two hours before the visit: inside the 24-hour window.
        clock.Now = DateTimeOffset.Parse(start + ":00", CultureInfo.InvariantCulture).AddHours(-2);
        Assert.Contains("please call or e-mail the practice", await client.Html(plain), StringComparison.Ordinal);
        var tooLate = await client.Post(details, new Dictionary<string, string>(), plain.Replace("?token", "?handler=Cancel&token", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
        Assert.Contains("no longer be cancelled online", await tooLate.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        clock.Now = Monday8;
        var cancelled = await client.Post(details, new Dictionary<string, string>(), plain.Replace("?token", "?handler=Cancel&token", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Contains("This visit is cancelled", await client.Html(plain), StringComparison.Ordinal);

        // The time is offered again at once.
        var again = await client.Html($"/book?zip={Zip}&service={Service}&day={start[..10]}");
        Assert.Contains(Uri.EscapeDataString(start), again.Replace("&amp;", "&", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manage_WithAWrongToken_OrNoBooking_Is404()
    {
        await using var baseApp = new KnotworkApp();
        await using var app = WithClock(baseApp, new FixedClock(Monday8));
        var client = new Browser(app);
        var manage = await Book(client, await FirstTime(client));
        var id = manage.Split('/', '?')[3];

        Assert.Equal(HttpStatusCode.OK, (await client.Get(manage)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Get($"/book/manage/{id}?token=AAAAwrongAAAA")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Get($"/book/manage/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Get($"/book/manage/{Guid.NewGuid()}?{manage.Split('?')[1]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Get($"/book/manage/not-a-guid?token=x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Get($"/book/manage/{id}?handler=Calendar&token=wrong")).StatusCode);
        var calendar = await client.Get(manage.Replace("?token", "?handler=Calendar&token", StringComparison.Ordinal).Replace("&booked=1", "", StringComparison.Ordinal));
        Assert.Equal("text/calendar", calendar.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnUnvisitedZip_SaysWeDoNotVisitItYet_AndNamesTheAreasServed()
    {
        await using var app = new KnotworkApp();
        var html = await new Browser(app).Html("/book?zip=10001");
        Assert.Contains("We do not visit ZIP 10001 yet", html, StringComparison.Ordinal);
        Assert.Contains("Lancaster", html, StringComparison.Ordinal);
        Assert.Contains("Santa Clarita", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostileInput_GetsA4xx_NeverA5xx()
    {
        await using var baseApp = new KnotworkApp();
        await using var app = WithClock(baseApp, new FixedClock(Monday8));
        var client = new Browser(app);
        var details = await FirstTime(client);
        var longText = new string('x', 100_000);
        string[] gets =
        [
            "/book?zip=%3Cscript%3E", $"/book?zip={longText[..5000]}", $"/book?zip={Zip}&service=..%2F..%2Fetc", $"/book?zip={Zip}&service={longText[..3000]}",
            $"/book?zip={Zip}&service={Service}&start=yesterday", $"/book?zip={Zip}&service={Service}&day=9999-99-99", $"/book?zip={Zip}&service={Service}&from=-0001-01-01",
            $"/book?zip={Zip}&service={Service}&start=9999-12-31T23:59:59-08", $"/book?zip={Zip}&service={Service}&start=0001-01-01T00:00:00%2B14",
        ];
        foreach (var url in gets)
        {
            var status = (int)(await client.Get(url)).StatusCode;
            Assert.True(status is >= 400 and < 500, $"GET {url[..Math.Min(url.Length, 80)]}: {status}");
        }

        var form = await DetailsForm(client, details);
        var hostile = new Dictionary<string, Dictionary<string, string>>
        {
            ["huge name"] = new(form) { ["Input.Name"] = longText },
            ["huge notes"] = new(form) { ["Input.Notes"] = longText },
            ["line break in the name"] = new(form) { ["Input.Name"] = "Pat\r\nBcc: x@example.com" },
            ["not an e-mail"] = new(form) { ["Input.Email"] = "pat@@example" },
            ["bad key"] = new(form) { ["Input.Key"] = "'; drop table bookings; --" },
            ["past start"] = new(form) { ["Input.Start"] = "2020-01-01T09:00:00-08" },
            ["far start"] = new(form) { ["Input.Start"] = "9999-12-31T09:00:00-08" },
            ["odd start"] = new(form) { ["Input.Start"] = "2027-03-02T09:07:00-08" },
            ["unknown service"] = new(form) { ["Input.Service"] = "trigger-point-60" },
            ["unknown zip"] = new(form) { ["Input.Zip"] = "00000" },
            ["garbage regions"] = new(form) { ["Input.Regions"] = "<b>" + longText[..500] },
        };
        foreach (var (what, fields) in hostile)
        {
            var response = await client.Post(details, fields, "/book?handler=Confirm");
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500 || (what == "garbage regions" && status == 302), $"{what}: {status}");
        }

        // Without the antiforgery token, nothing is booked.
        using var forged = new FormUrlEncodedContent(form);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.Http.PostAsync(new Uri("/book?handler=Confirm", UriKind.Relative), forged, Token)).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<KnotworkDbContext>().Bookings.CountAsync(Token) <= 1);
    }

    private static WebApplicationFactory<Program> WithClock(KnotworkApp app, FixedClock clock, Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? more = null) =>
        app.WithWebHostBuilder(b =>
        {
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
            more?.Invoke(b);
        });

    /// <summary>The details step of the first time offered for a deep tissue session in Lancaster.</summary>
    private static async Task<string> FirstTime(Browser client)
    {
        var times = await client.Html($"/book?zip={Zip}&service={Service}");
        return Links(times).First(l => l.Contains("start=", StringComparison.Ordinal));
    }

    /// <summary>Books the time of <paramref name="details"/>; the manage page's path.</summary>
    private static async Task<string> Book(Browser client, string details)
    {
        var response = await client.Post(details, await DetailsForm(client, details), "/book?handler=Confirm");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>The details form's hidden fields, filled in as a guest would.</summary>
    private static async Task<Dictionary<string, string>> DetailsForm(Browser client, string details)
    {
        var html = await client.Html(details);
        var form = HiddenInput().Matches(html)
            .Where(m => m.Groups[1].Value.StartsWith("Input.", StringComparison.Ordinal))
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value), StringComparer.Ordinal);
        Assert.True(form.ContainsKey("Input.Key"), "the details form carries an idempotency id");
        form["Input.Name"] = "Pat Guest";
        form["Input.Email"] = "pat@knotwork.test";
        form["Input.Phone"] = "(661) 555-0123";
        form["Input.Address"] = "44 Cedar Ave";
        form["Input.Notes"] = "Gate code 1234";
        return form;
    }

    private static string StartOf(string link) => Uri.UnescapeDataString(Regex.Match(link, "start=([^&]+)").Groups[1].Value);

    private static IEnumerable<string> Links(string html) =>
        HrefAttribute().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(l => l.StartsWith("/book", StringComparison.Ordinal));

    private static string Href(string html, string id) => WebUtility.HtmlDecode(Regex.Match(html, $"id=\"{id}\" href=\"([^\"]+)\"").Groups[1].Value);

    /// <summary>The calendar attachment of an SMTP conversation, decoded.</summary>
    private static string CalendarAttachment(string message)
    {
        var part = Regex.Match(message, @"Content-Type: text/calendar[^\n]*\n(?:[^\n]+\n)*?\n(?<body>(?:[A-Za-z0-9+/=]+\n)+)");
        Assert.True(part.Success, "no text/calendar part");
        return Encoding.UTF8.GetString(Convert.FromBase64String(part.Groups["body"].Value.Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal)));
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex HrefAttribute();

    [GeneratedRegex("<input type=\"hidden\" [^>]*?name=\"([^\"]+)\"[^>]*? value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("name=\"Input.Start\" value=\"([^\"]+)\"")]
    private static partial Regex StartButton();

    /// <summary>A clock that says what the test says.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
