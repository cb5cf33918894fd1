using System.Net;
using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Data.Entities;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Booking.Setup;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests.Calendar;

/// <summary>A therapist's private calendar feed (issue 9): what it shows, what it hides, and that renewing revokes.</summary>
public class CalendarFeedTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Three days from now at 18:00 UTC (10:00 or 11:00 in Los Angeles): inside Maria's hours, and in the feed's window whatever the date.</summary>
    private static readonly DateTime Visit = DateTime.UtcNow.Date.AddDays(3).AddHours(18);

    [Fact]
    public async Task Feed_Parses_ShowsFirstNameAndTownOnly_AndLeavesOutCancelledVisits()
    {
        await using var app = new KnotworkApp();
        var token = await SetUp(app);
        await AddBooking(app, "Dana Reyes", "93534", Visit, BookingStatus.Booked);              // Lancaster
        await AddBooking(app, "Carl Cancelled", "93550", Visit.AddHours(3), BookingStatus.Cancelled); // Palmdale

        var response = await app.CreateClient().GetAsync(new Uri($"/calendar/maria/{token}.ics", UriKind.Relative), Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var calendar = Ical.Net.Calendar.Load(text)!;
        var summaries = calendar.Events.Select(e => e.Summary).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Drive to Dana (Lancaster)", "Massage: Dana (Lancaster)"], summaries);
        var visit = calendar.Events.Single(e => e.Summary!.StartsWith("Massage", StringComparison.Ordinal));
        Assert.Equal(Visit, visit.DtStart!.AsUtc);
        foreach (var secret in new[] { "Reyes", "Cedar", "555", "dana@", "Gate code", "Carl", "Palmdale" })
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RenewedToken_MakesTheOldUrl404_AndWrongTokensOrTherapists404()
    {
        await using var app = new KnotworkApp();
        var old = await SetUp(app);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/calendar/maria/{old}.ics", UriKind.Relative), Token)).StatusCode);

        string renewed;
        await using (var scope = app.Services.CreateAsyncScope())
            renewed = await scope.ServiceProvider.GetRequiredService<KnotworkDbContext>().RenewFeedTokenAsync("maria", DateTime.UtcNow, Token);

        Assert.NotEqual(old, renewed);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/calendar/maria/{old}.ics", UriKind.Relative), Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/calendar/maria/{renewed}.ics", UriKind.Relative), Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/calendar/maria/{renewed[..^1]}x.ics", UriKind.Relative), Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/calendar/nobody/{renewed}.ics", UriKind.Relative), Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/calendar/maria/.ics", UriKind.Relative), Token)).StatusCode);
    }

    [Fact]
    public async Task AVisitAtAZipTheTableNoLongerHas_BreaksNeitherTheFeedNorAvailability()
    {
        await using var app = new KnotworkApp();
        var token = await SetUp(app);
        await AddBooking(app, "Gail Gone", "93539", Visit, BookingStatus.Booked);             // a ZIP the bundled table does not have
        await AddBooking(app, "Dana Reyes", "93534", Visit.AddHours(3), BookingStatus.Booked); // the next visit drives from it

        var feed = await app.CreateClient().GetAsync(new Uri($"/calendar/maria/{token}.ics", UriKind.Relative), Token);
        var day = DateOnly.FromDateTime(Visit.AddHours(-8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (availability, body) = await app.GetJson($"/api/availability?service=deep-tissue-60&zip=93534&from={day}&days=7");

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Contains("Massage: Gail", await feed.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, availability.StatusCode);
        Assert.NotEmpty(body.GetProperty("slots").EnumerateArray());
    }

    /// <summary>Saves the sample practice and gives Maria a feed token.</summary>
    private static async Task<string> SetUp(KnotworkApp app)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "practice-antelope-valley.json"), Token);
        var setup = PracticeSetupFile.Read(json, ZipCodes.Default).Setup!;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        await db.SavePracticeSetupAsync(setup, expectedVersion: null, DateTime.UtcNow, Token);
        return await db.RenewFeedTokenAsync("maria", DateTime.UtcNow, Token);
    }

    private static async Task AddBooking(KnotworkApp app, string name, string zip, DateTime start, BookingStatus status)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        db.Bookings.Add(new BookingRecord
        {
            Id = Guid.NewGuid(), ServiceId = "deep-tissue-60", TherapistId = "maria", Status = status, StartUtc = start, EndUtc = start.AddHours(1),
            Zip = zip, Address = "44 Cedar Ave", Name = name, Email = "dana@example.test", Phone = "+1 661 555 0100", Notes = "Gate code 1234",
            Price = 120m, ManageTokenHash = new string('0', 64), CreatedAtUtc = DateTime.UtcNow.AddDays(-1),
        });
        await db.SaveChangesAsync(Token);
    }
}
