using System.Net;
using System.Text;
using System.Text.Json;
using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Data.Entities;
using Knotwork.Web.Tests.Reliability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests.Api;

/// <summary>
/// The booking API of issue 9 over the Antelope Valley sample a first run starts with, at a fixed "now": Monday
/// 1 March 2027, 09:00 in Lancaster (UTC-8 until the clocks change on 14 March).
/// </summary>
public class BookingEndpointsTests
{
    private static readonly DateTimeOffset Monday = new(2027, 3, 1, 17, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static KnotworkApp NewApp(string? postgres = null) => new(postgres, clock: new TestClock(Monday));

    [Fact]
    public async Task Services_ListsTheSampleSessions_SayingWhichIncludeTriggerPointWork()
    {
        await using var app = NewApp();

        var (response, body) = await app.GetJson("/api/services");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deep = body.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "deep-tissue-60");
        Assert.Equal("deep-tissue", deep.GetProperty("kind").GetString());
        Assert.Equal(60, deep.GetProperty("minutes").GetInt32());
        Assert.True(deep.GetProperty("includesTriggerPointWork").GetBoolean());
        var swedish = body.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "swedish-60");
        Assert.False(swedish.GetProperty("includesTriggerPointWork").GetBoolean());
    }

    [Fact]
    public async Task Areas_ListEachAreaWithItsZips()
    {
        await using var app = NewApp();

        var (response, body) = await app.GetJson("/api/areas");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lancaster = body.EnumerateArray().Single(a => a.GetProperty("id").GetString() == "lancaster");
        Assert.Equal("Lancaster", lancaster.GetProperty("name").GetString());
        Assert.Equal(["93534", "93535"], lancaster.GetProperty("zips").EnumerateArray().Select(z => z.GetString()));
    }

    [Fact]
    public async Task AreaOfZip_GivesTheAreaAndItsPrices()
    {
        await using var app = NewApp();

        var (response, body) = await app.GetJson("/api/areas/93560-1234");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Rosamond", body.GetProperty("name").GetString());
        var prices = body.GetProperty("prices").EnumerateArray().ToDictionary(p => p.GetProperty("service").GetString()!, p => p.GetProperty("price").GetDecimal());
        Assert.Equal(125.00m, prices["deep-tissue-60"]);
        Assert.Equal(120.00m, prices["prenatal-60"]);
        Assert.False(prices.ContainsKey("deep-tissue-90") && prices["deep-tissue-90"] != 170.00m);
    }

    [Fact]
    public async Task AreaOfZip_OutsideTheAreas_Is422NamingTheAreasServed()
    {
        await using var app = NewApp();

        var (response, body) = await app.GetJson("/api/areas/90210");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = body.GetProperty("detail").GetString();
        Assert.Contains("We do not visit ZIP 90210 yet", detail, StringComparison.Ordinal);
        Assert.Contains("Lancaster", detail, StringComparison.Ordinal);
        Assert.Contains("Tehachapi", body.GetProperty("areas").EnumerateArray().Select(a => a.GetString()));
    }

    [Theory]
    [InlineData("9353")]
    [InlineData("abcde")]
    [InlineData("93534-12")]
    public async Task AreaOfZip_Malformed_Is400(string zip)
    {
        await using var app = NewApp();

        var (response, body) = await app.GetJson("/api/areas/" + Uri.EscapeDataString(zip));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("five digits", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Availability_GivesTimesWithThePracticesOffset_AcrossTheClockChange()
    {
        await using var app = NewApp();

        var (response, before) = await app.GetJson("/api/availability?service=deep-tissue-60&zip=93534&from=2027-03-09&days=1");
        var (_, after) = await app.GetJson("/api/availability?service=deep-tissue-60&zip=93534&from=2027-03-16&days=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("America/Los_Angeles", before.GetProperty("timeZone").GetString());
        var winter = Starts(before);
        var summer = Starts(after);
        Assert.NotEmpty(winter);
        Assert.NotEmpty(summer);
        Assert.All(winter, s => Assert.Matches(@"^2027-03-09T\d\d:(00|15|30|45):00-08:00$", s));
        Assert.All(summer, s => Assert.Matches(@"^2027-03-16T\d\d:(00|15|30|45):00-07:00$", s));
        // The same local times either side of the change: a 09:30 slot stays 09:30.
        Assert.Equal(winter.Select(s => s[11..16]).Distinct(), summer.Select(s => s[11..16]).Distinct());
        var slot = before.GetProperty("slots")[0];
        Assert.Equal("110.00", slot.GetProperty("price").GetRawText());
        Assert.False(string.IsNullOrEmpty(slot.GetProperty("therapist").GetString()));
    }

    [Fact]
    public async Task Availability_NeverOffersTimesInsideTheMinimumNotice()
    {
        await using var app = NewApp();

        var (_, today) = await app.GetJson("/api/availability?service=swedish-60&zip=93534&days=1");

        // Now is 09:00 on 1 March and the notice is 12 hours: nothing today before 21:00, when no one works.
        Assert.Empty(Starts(today));
    }

    [Theory]
    [InlineData("/api/availability?zip=93534", "service")]
    [InlineData("/api/availability?service=deep-tissue-60&zip=9353", "zip")]
    [InlineData("/api/availability?service=deep-tissue-60&zip=93534&from=09/03/2027", "from")]
    [InlineData("/api/availability?service=deep-tissue-60&zip=93534&days=0", "days")]
    [InlineData("/api/availability?service=deep-tissue-60&zip=93534&days=1000", "days")]
    public async Task Availability_MalformedQuery_Is400NamingTheField(string url, string field)
    {
        await using var app = NewApp();

        var (response, body) = await app.GetJson(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Theory]
    [InlineData("/api/availability?service=deep-tissue-60&zip=90210", "out-of-area")]
    [InlineData("/api/availability?service=hot-stones&zip=93534", "unknown-service")]
    public async Task Availability_NeverOfferable_Is422WithTheReason(string url, string reason)
    {
        await using var app = NewApp();

        var (response, body) = await app.GetJson(url);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(reason, body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Availability_FarAheadOrLongPast_IsEmptyNotAnError()
    {
        await using var app = NewApp();

        var (ahead, aheadBody) = await app.GetJson("/api/availability?service=deep-tissue-60&zip=93534&from=9999-12-31&days=92");
        var (past, pastBody) = await app.GetJson("/api/availability?service=deep-tissue-60&zip=93534&from=0001-01-01&days=1");

        Assert.Equal(HttpStatusCode.OK, ahead.StatusCode);
        Assert.Empty(Starts(aheadBody));
        Assert.Equal(HttpStatusCode.OK, past.StatusCode);
        Assert.Empty(Starts(pastBody));
    }

    [Fact]
    public async Task Book_AnOfferedTime_Is201WithAManageUrl_AndTheTimeIsNoLongerOffered()
    {
        await using var app = NewApp();
        var slot = await FirstSlot(app, "2027-03-09");

        var (response, body) = await Book(app, slot);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("booked", body.GetProperty("status").GetString());
        Assert.Equal(slot.Start, body.GetProperty("start").GetString());
        Assert.Equal(slot.Therapist, body.GetProperty("therapist").GetString());
        Assert.Equal(110.00m, body.GetProperty("price").GetDecimal());
        var manage = new Uri(body.GetProperty("manageUrl").GetString()!);
        Assert.Equal($"/book/manage/{body.GetProperty("id").GetGuid()}", manage.AbsolutePath);
        Assert.StartsWith("?token=", manage.Query, StringComparison.Ordinal);
        var page = await app.CreateClient().GetAsync(new Uri(manage.PathAndQuery, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode); // the link in the answer opens the booking's page
        var (_, after) = await app.GetJson("/api/availability?service=deep-tissue-60&zip=93534&from=2027-03-09&days=1");
        Assert.DoesNotContain(after.GetProperty("slots").EnumerateArray(),
            s => s.GetProperty("start").GetString() == slot.Start && s.GetProperty("therapist").GetString() == slot.Therapist);
        Assert.Equal(1, await BookingCount(app));
        Assert.Contains(await AuditActions(app), a => a == "create booking");
    }

    [Fact]
    public async Task Book_TheSameTimeAgain_Is409WithTheNearestFreeTimes()
    {
        await using var app = NewApp();
        var slot = await FirstSlot(app, "2027-03-09");
        var (first, _) = await Book(app, slot);

        var (response, body) = await Book(app, slot, email: "second@example.com");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("taken", body.GetProperty("reason").GetString());
        var nearest = body.GetProperty("nearest").EnumerateArray().ToList();
        Assert.NotEmpty(nearest);
        Assert.All(nearest, n => Assert.Equal(slot.Therapist, n.GetProperty("therapist").GetString()));
        Assert.DoesNotContain(nearest, n => n.GetProperty("start").GetString() == slot.Start);
        Assert.Equal(1, await BookingCount(app));
    }

    [Fact]
    public async Task Book_WithTheSameIdempotencyKey_ReplaysThe201AndBooksOnce()
    {
        await using var app = NewApp();
        var slot = await FirstSlot(app, "2027-03-10");

        var (first, firstBody) = await Book(app, slot, key: "retry-7f3a");
        var (again, againBody) = await Book(app, slot, key: "retry-7f3a");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(firstBody.ToString(), againBody.ToString());
        Assert.True(again.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Single() == "true");
        Assert.Equal(1, await BookingCount(app));
        Assert.Single(await AuditActions(app), a => a == "create booking");
    }

    [Fact]
    public async Task Book_MailsTheConfirmationWithTheInvitationAndTheManageLink_OnceForAReplay()
    {
        await using var app = NewApp();
        var slot = await FirstSlot(app, "2027-03-10");

        var (first, body) = await Book(app, slot, key: "mail-5c1e", email: "mailme@example.com");
        var (again, _) = await Book(app, slot, key: "mail-5c1e", email: "mailme@example.com");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var held = Assert.Single(await db.HeldMail.Where(m => m.To == "mailme@example.com").ToListAsync(Token));
        Assert.StartsWith("Your massage visit on Wednesday, March 10, 2027", held.Subject, StringComparison.Ordinal);
        var manageUrl = body.GetProperty("manageUrl").GetString()!;
        Assert.Contains(System.Net.WebUtility.HtmlEncode(manageUrl), held.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("44 Cedar Ave", held.HtmlBody, StringComparison.Ordinal);
        var attachment = Assert.Single(JsonDocument.Parse(held.AttachmentsJson!).RootElement.EnumerateArray());
        Assert.Equal("visit.ics", attachment.GetProperty("fileName").GetString());
        var ics = attachment.GetProperty("content").GetString()!;
        Assert.Contains("METHOD:REQUEST", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=America/Los_Angeles:20270310T", ics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Book_AnIdempotencyKeyUsedForAnotherTime_Is422()
    {
        await using var app = NewApp();
        var slots = await Slots(app, "2027-03-10");
        var second = slots.First(s => s.Start != slots[0].Start);

        await Book(app, slots[0], key: "same-key");
        var (response, _) = await Book(app, second, key: "same-key");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(1, await BookingCount(app));
    }

    [Theory]
    [InlineData("2027-03-01T11:00:00-08:00", "too-soon")]          // inside the 12-hour notice
    [InlineData("2027-02-01T10:00:00-08:00", "too-soon")]          // in the past
    [InlineData("0001-01-01T00:00:00Z", "too-soon")]
    [InlineData("2027-03-09T03:00:00-08:00", "outside-working-hours")]
    [InlineData("2027-03-09T10:07:00-08:00", "not-a-start-time")]
    [InlineData("2029-01-01T10:00:00-08:00", "beyond-horizon")]
    [InlineData("9999-12-31T10:00:00-08:00", "beyond-horizon")]
    public async Task Book_ATimeNeverOffered_Is422WithTheReason(string start, string reason)
    {
        await using var app = NewApp();

        var (response, body) = await Book(app, new SlotRef(start, "maria"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(reason, body.GetProperty("reason").GetString());
        Assert.Equal(0, await BookingCount(app));
    }

    [Fact]
    public async Task Book_OutOfArea_Is422NamingTheAreas()
    {
        await using var app = NewApp();

        var (response, body) = await Book(app, new SlotRef("2027-03-09T10:00:00-08:00", null), zip: "90210");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("We do not visit ZIP 90210 yet", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"zip": "93534"}""", new[] { "service", "address", "start", "name", "email", "phone" })]
    [InlineData("""{"service": "deep-tissue-60", "zip": "9", "address": "1 Main St", "start": "tomorrow", "name": "A", "email": "not-an-address", "phone": "call me"}""", new[] { "zip", "start", "email", "phone" })]
    [InlineData("""{"service": "deep-tissue-60", "zip": "93534", "address": "1 Main St", "start": "2027-03-09T10:00:00", "name": "A", "email": "a@example.com", "phone": "661 555 0123"}""", new[] { "start" })]
    public async Task Book_MalformedFields_Is400NamingEachField(string json, string[] fields)
    {
        await using var app = NewApp();

        var (response, body) = await app.PostJson("/api/bookings", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = body.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToHashSet();
        Assert.Equal(fields.ToHashSet(), errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1, 2]")]
    [InlineData("""{"service": 5}""")]
    [InlineData("{")]
    public async Task Book_ABodyThatIsNotABookingRequest_Is400(string json)
    {
        await using var app = NewApp();

        var (response, body) = await app.PostJson("/api/bookings", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Book_HugeFieldsAndABadIdempotencyKey_Are400()
    {
        await using var app = NewApp();
        var slot = new SlotRef("2027-03-09T10:00:00-08:00", "maria");

        var (huge, hugeBody) = await Book(app, slot, name: new string('x', 100_000));
        var (badKey, keyBody) = await Book(app, slot, key: new string('k', 201));

        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.True(hugeBody.GetProperty("errors").TryGetProperty("name", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badKey.StatusCode);
        Assert.True(keyBody.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Fact]
    public async Task Cancel_WithTheManageToken_Is200AndFreesTheTime_OnceAudited()
    {
        await using var app = NewApp();
        var slot = await FirstSlot(app, "2027-03-09");
        var (_, booked) = await Book(app, slot);

        var (response, body) = await Cancel(app, booked);
        var (again, _) = await Cancel(app, booked);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cancelled", body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var (rebooked, _) = await Book(app, slot, email: "next@example.com");
        Assert.Equal(HttpStatusCode.Created, rebooked.StatusCode);
        Assert.Single(await AuditActions(app), a => a == "cancel booking");
    }

    [Fact]
    public async Task Cancel_WithAWrongTokenOrAnUnknownId_Is404Alike()
    {
        await using var app = NewApp();
        var slot = await FirstSlot(app, "2027-03-09");
        var (_, booked) = await Book(app, slot);
        var id = booked.GetProperty("id").GetGuid();

        var (wrongToken, wrongBody) = await app.PostJson($"/api/bookings/{id}/cancel", """{"token": "not-the-token"}""");
        var (unknownId, unknownBody) = await app.PostJson($"/api/bookings/{Guid.NewGuid()}/cancel", $$"""{"token": "{{TokenOf(booked)}}"}""");
        var (notAnId, _) = await app.PostJson("/api/bookings/42/cancel", """{"token": "x"}""");

        Assert.Equal(HttpStatusCode.NotFound, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownId.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
        Assert.Equal(wrongBody.GetProperty("detail").GetString(), unknownBody.GetProperty("detail").GetString());
        Assert.Equal(1, await BookingCount(app, status: BookingStatus.Booked));
    }

    [Fact]
    public async Task Cancel_InsideTheWindow_Is409AndKeepsTheBooking()
    {
        var clock = new TestClock(Monday);
        await using var app = new KnotworkApp(clock: clock);
        var slot = await FirstSlot(app, "2027-03-09");
        var (_, booked) = await Book(app, slot);
        clock.Now = DateTimeOffset.Parse(slot.Start, System.Globalization.CultureInfo.InvariantCulture).AddHours(-23);

        var (response, body) = await Cancel(app, booked);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("call or e-mail the practice", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(40.00m, body.GetProperty("lateCancellationFee").GetDecimal());
        Assert.Equal(1, await BookingCount(app, status: BookingStatus.Booked));
    }

    [Fact]
    public async Task Cancel_WithoutAToken_Is400()
    {
        await using var app = NewApp();

        var (response, body) = await app.PostJson($"/api/bookings/{Guid.NewGuid()}/cancel", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty("token", out _));
    }

    [Fact]
    public async Task WithoutASetup_EveryEndpointSaysBookingIsNotSetUp()
    {
        await using var app = NewApp();
        await using var bare = app.WithWebHostBuilder(b => b.UseSetting("Knotwork:Booking:SampleOnFirstRun", "false"));
        var client = bare.CreateClient();

        foreach (var url in new[] { "/api/services", "/api/areas", "/api/areas/93534", "/api/availability?service=deep-tissue-60&zip=93534" })
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative), Token);
            var body = await response.Content.ReadAsStringAsync(Token);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("has not set up booking yet", body, StringComparison.Ordinal);
        }

        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        var post = await client.PostAsync(new Uri("/api/bookings", UriKind.Relative), content, Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
    }

    [Fact]
    public async Task TheSample_IsSavedOnceOnAFirstRun_AndNeverGivenToAPracticeThatHasAccounts()
    {
        await using var database = await ThrowawayPostgres.CreateAsync();
        await using var first = NewApp(database.ConnectionString);
        await using var second = NewApp(database.ConnectionString);
        var (seeded, _) = await first.GetJson("/api/services");
        var (alsoSeeded, _) = await second.GetJson("/api/services"); // a second server on the same database starts after it

        await using var other = await ThrowawayPostgres.CreateAsync();
        await using var existing = new KnotworkApp(other.ConnectionString); // the real clock, which two-factor sign-in needs
        await using var withoutSample = existing.WithWebHostBuilder(b => b.UseSetting("Knotwork:Booking:SampleOnFirstRun", "false"));
        await new Accounts.PracticeDriver(withoutSample).SetUpOwner();
        await using var upgraded = new KnotworkApp(other.ConnectionString, clock: new TestClock(Monday)); // sample allowed, but accounts exist
        var (closed, body) = await upgraded.GetJson("/api/services");

        Assert.Equal(HttpStatusCode.OK, seeded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alsoSeeded.StatusCode);
        Assert.Equal(1, (await Setup(second))!.Version);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, closed.StatusCode);
        Assert.Contains("has not set up booking yet", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await Setup(upgraded));
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheBookingRoutesWithTheirErrors()
    {
        await using var app = NewApp();

        var (_, body) = await app.GetJson("/openapi/v1.json");

        var paths = body.GetProperty("paths");
        foreach (var path in new[] { "/api/services", "/api/areas", "/api/areas/{zip}", "/api/availability" })
        {
            Assert.True(paths.GetProperty(path).TryGetProperty("get", out _), path);
        }

        var book = paths.GetProperty("/api/bookings").GetProperty("post");
        foreach (var status in new[] { "201", "400", "409", "422" })
        {
            Assert.True(book.GetProperty("responses").TryGetProperty(status, out _), "POST /api/bookings " + status);
        }

        Assert.True(book.TryGetProperty("requestBody", out _));
        var cancel = paths.GetProperty("/api/bookings/{id}/cancel").GetProperty("post");
        foreach (var status in new[] { "200", "404", "409" })
        {
            Assert.True(cancel.GetProperty("responses").TryGetProperty(status, out _), "POST cancel " + status);
        }
    }

    [Fact]
    public async Task OnPostgres_BookTwiceIs409_AndAKeyReplays()
    {
        await using var database = await ThrowawayPostgres.CreateAsync();
        await using var app = NewApp(database.ConnectionString);
        var slot = await FirstSlot(app, "2027-03-11");

        var (first, firstBody) = await Book(app, slot, key: "pg-key");
        var (replay, replayBody) = await Book(app, slot, key: "pg-key");
        var (conflict, conflictBody) = await Book(app, slot, email: "other@example.com");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(firstBody.ToString(), replayBody.ToString());
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.NotEmpty(conflictBody.GetProperty("nearest").EnumerateArray());
        Assert.Equal(1, await BookingCount(app));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ConcurrentAttemptsAtOneSlot_BookItOnce_AndTheRestAre409(bool postgres)
    {
        await using var database = postgres ? await ThrowawayPostgres.CreateAsync() : null;
        await using var app = NewApp(database?.ConnectionString);
        var slot = await FirstSlot(app, "2027-03-09");

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Book(app, slot, email: $"client{i}@example.com")));

        var statuses = answers.Select(a => a.Response.StatusCode).ToList();
        Assert.Single(statuses, HttpStatusCode.Created);
        Assert.All(statuses.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
        Assert.Equal(1, await BookingCount(app));
    }

    private sealed record SlotRef(string Start, string? Therapist);

    private static List<string> Starts(JsonElement availability) =>
        [.. availability.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetString()!)];

    private static async Task<List<SlotRef>> Slots(KnotworkApp app, string day)
    {
        var (response, body) = await app.GetJson($"/api/availability?service=deep-tissue-60&zip=93534&from={day}&days=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. body.GetProperty("slots").EnumerateArray().Select(s => new SlotRef(s.GetProperty("start").GetString()!, s.GetProperty("therapist").GetString()))];
    }

    private static async Task<SlotRef> FirstSlot(KnotworkApp app, string day) => (await Slots(app, day))[0];

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> Book(
        KnotworkApp app, SlotRef slot, string? key = null, string email = "pat@example.com", string name = "Pat Doe", string zip = "93534")
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["service"] = "deep-tissue-60", ["zip"] = zip, ["address"] = "44 Cedar Ave", ["start"] = slot.Start,
            ["name"] = name, ["email"] = email, ["phone"] = "(661) 555-0123", ["therapist"] = slot.Therapist, ["notes"] = "Gate code 1234",
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/bookings", UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        var response = await app.CreateClient().SendAsync(request, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        return (response, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string TokenOf(JsonElement booking)
    {
        var query = new Uri(booking.GetProperty("manageUrl").GetString()!).Query;
        return Uri.UnescapeDataString(query["?token=".Length..]);
    }

    private static Task<(HttpResponseMessage Response, JsonElement Body)> Cancel(KnotworkApp app, JsonElement booking) =>
        app.PostJson($"/api/bookings/{booking.GetProperty("id").GetGuid()}/cancel", JsonSerializer.Serialize(new { token = TokenOf(booking) }));

    private static async Task<int> BookingCount(KnotworkApp app, BookingStatus? status = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        return await db.Bookings.CountAsync(b => status == null || b.Status == status, Token);
    }

    private static async Task<StoredPracticeSetup?> Setup(KnotworkApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await PracticeSetupStore.GetPracticeSetupAsync(scope.ServiceProvider.GetRequiredService<KnotworkDbContext>(), Token);
    }

    private static async Task<List<string>> AuditActions(KnotworkApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        return await db.AuditLog.Where(a => a.EntityType == "booking").Select(a => a.Action + " " + a.EntityType).ToListAsync(Token);
    }
}
