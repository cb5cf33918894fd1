using System.Net;
using System.Text.Json;
using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Data.Entities;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Knowledge;
using Knotwork.Web.Tests.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Knotwork.Web.Tests.Pages.Practice;

/// <summary>The sample practice with its owner, Maria's and Jon's accounts linked to them, and Tess unlinked.</summary>
internal sealed class PracticeWithStaff : IAsyncDisposable
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly IAsyncDisposable? _database;

    private PracticeWithStaff(KnotworkApp app, TestClock clock, IAsyncDisposable? database) => (App, Clock, _database) = (app, clock, database);

    public KnotworkApp App { get; }

    public TestClock Clock { get; }

    public Browser Owner { get; private set; } = null!;

    public Browser Maria { get; private set; } = null!;

    public Browser Jon { get; private set; } = null!;

    public Browser Tess { get; private set; } = null!;

    public PracticeDriver Driver => new(App);

    /// <summary>The first Tuesday at least two days after today: far enough for the minimum notice.</summary>
    public LocalDate NextTuesday =>
        Instant.FromDateTimeOffset(Clock.Now).InZone(TherapistDayTests.LosAngeles).Date.PlusDays(2).With(DateAdjusters.NextOrSame(IsoDayOfWeek.Tuesday));

    /// <summary>Starts the practice on SQLite, or on a throwaway PostgreSQL database when <paramref name="postgres"/> is set.</summary>
    public static async Task<PracticeWithStaff> StartAsync(bool postgres = false)
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        var database = postgres ? await Reliability.ThrowawayPostgres.CreateAsync() : null;
        var practice = new PracticeWithStaff(new KnotworkApp(database?.ConnectionString, clock: clock), clock, database);
        var driver = practice.Driver;
        practice.Owner = await practice.SignedIn(() => driver.SetUpOwner());
        practice.Maria = await practice.SignedIn(() => driver.InviteTherapist(practice.Owner, "Maria A", "maria@knotwork.test"));
        practice.Jon = await practice.SignedIn(() => driver.InviteTherapist(practice.Owner, "Jon P", "jon@knotwork.test"));
        practice.Tess = await practice.SignedIn(() => driver.InviteTherapist(practice.Owner, "Tess B", "tess@knotwork.test"));
        await practice.Link("maria", "maria@knotwork.test");
        await practice.Link("jon", "jon@knotwork.test");
        return practice;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }

    /// <summary>The starts offered with Maria for a 60-minute deep tissue session at <paramref name="zip"/> on <paramref name="day"/>.</summary>
    public async Task<List<string>> MariasSlots(string zip, LocalDate day)
    {
        var (response, body) = await App.GetJson($"/api/availability?service=deep-tissue-60&zip={zip}&from={TherapistDayTests.Date(day)}&days=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. body.GetProperty("slots").EnumerateArray().Where(s => s.GetProperty("therapist").GetString() == "maria").Select(s => s.GetProperty("start").GetString()!)];
    }

    /// <summary>Books Maria through the public API; returns the booking's id.</summary>
    public async Task<Guid> Book(string start, string zip, string name, string address, string? notes)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["service"] = "deep-tissue-60", ["zip"] = zip, ["address"] = address, ["start"] = start, ["therapist"] = "maria",
            ["name"] = name, ["email"] = "client@example.com", ["phone"] = "(661) 555-0123", ["notes"] = notes,
        });
        var (response, body) = await App.PostJson("/api/bookings", json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Guid.Parse(body.GetProperty("id").GetString()!);
    }

    /// <summary>
    /// Registers a client, has the owner save a pain map (right heel) to their record, and ties
    /// <paramref name="booking"/> to the record, as booking while signed in does. Returns the record and the region's label.
    /// </summary>
    public async Task<(Guid ClientId, string Region)> ClientWithPainMap(Guid booking)
    {
        var (_, clientId) = await Driver.RegisterClient("Blake Record", "blake@knotwork.test");
        var saved = await Owner.Post("/finder?regions=heel.r", new Dictionary<string, string>
        {
            ["clientId"] = clientId.ToString(), ["regions"] = "heel.r", ["saveId"] = Guid.NewGuid().ToString(),
        }, "/clients/pain-maps");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        await db.Bookings.Where(b => b.Id == booking).ExecuteUpdateAsync(u => u.SetProperty(b => b.ClientId, clientId), Token);
        Assert.True(scope.ServiceProvider.GetRequiredService<KnowledgeBase>().Regions.TryGet("heel.r", out var region));
        return (clientId, region.Label);
    }

    public async Task<Guid> ClientIdOfBooking(Guid booking)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        return (await db.Bookings.Where(b => b.Id == booking).Select(b => b.ClientId).SingleAsync(Token))!.Value;
    }

    /// <summary>The drive minutes of each leg, as the practice's travel settings estimate them.</summary>
    public async Task<int[]> Drives(params (string From, string To)[] legs)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<KnotworkDbContext>().GetPracticeSetupAsync(Token);
        var travel = StraightLineTravel.For(stored!.Read(ZipCodes.Default).Setup!);
        return [.. legs.Select(l => (int)Math.Ceiling(travel.Between(l.From, l.To).TotalMinutes))];
    }

    /// <summary>Posts the add form of the time off page; returns the page shown after (following the redirect on success).</summary>
    public static async Task<string> AddTimeOff(Browser who, LocalDate startDay, string startTime, LocalDate endDay, string endTime, string note, string? therapist = null)
    {
        var page = "/practice/time-off" + (therapist is null ? "" : "?therapist=" + therapist);
        var html = await who.Html(page);
        var response = await who.Post(page, new Dictionary<string, string>
        {
            ["Input.Version"] = TherapistDayTests.VersionIn(html), ["Input.StartDate"] = TherapistDayTests.Date(startDay), ["Input.StartTime"] = startTime,
            ["Input.EndDate"] = TherapistDayTests.Date(endDay), ["Input.EndTime"] = endTime, ["Input.Note"] = note,
        }, "/practice/time-off?handler=Add" + (therapist is null ? "" : "&therapist=" + therapist));
        return response.StatusCode == HttpStatusCode.Redirect
            ? await who.Html(response.Headers.Location!.OriginalString)
            : await response.Content.ReadAsStringAsync(Token);
    }

    /// <summary>The audit log as (action, subject, record, detail).</summary>
    public async Task<List<(string, string, string?, string?)>> Audit()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var entries = await db.AuditLog.AsNoTracking().Select(a => new { a.Action, a.EntityType, a.EntityId, a.Detail }).ToListAsync(Token);
        return [.. entries.Select(a => (a.Action, a.EntityType, a.EntityId, a.Detail))];
    }

    /// <summary>Runs a sign-in step with the app's clock at the real time, which authenticator codes follow.</summary>
    private async Task<Browser> SignedIn(Func<Task<Browser>> step)
    {
        Clock.Now = DateTimeOffset.UtcNow;
        return await step();
    }

    private async Task Link(string therapistId, string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<KnotworkUser>>();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var user = await users.FindByEmailAsync(email);
        await db.LinkTherapistAccountAsync(therapistId, user!.Id, DateTime.UtcNow, Token);
    }
}
