using System.Text.Json;
using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Data.Entities;
using Knotwork.Web.Calendar;
using Knotwork.Web.Mail;
using Knotwork.Web.Security;
using Knotwork.Web.Tests.Reliability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Knotwork.Web.Tests.Calendar;

/// <summary>
/// Reminders (issue 9): due ones go out once, through the mailer (the held-mail table here), also when two app
/// servers sweep one database at the same moment; none for a booking made inside the lead or a cancelled one.
/// </summary>
public class ReminderTests
{
    /// <summary>Monday 1 March 2027, 16:00 UTC: the sweeps' "now".</summary>
    private static readonly DateTime Now = new(2027, 3, 1, 16, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnSqlite_TwoSweepersAtOnce_SendOneReminderPerBooking()
    {
        await using var app = new KnotworkApp();
        await RaceSweeps(app, app);
    }

    [Fact]
    public async Task OnPostgres_TwoAppServersAtOnce_SendOneReminderPerBooking()
    {
        await using var database = await ThrowawayPostgres.CreateAsync();
        await using var server1 = new KnotworkApp(database.ConnectionString);
        _ = server1.Services; // started (and the database migrated) before the second server starts
        await using var server2 = new KnotworkApp(database.ConnectionString);
        await RaceSweeps(server1, server2);
    }

    [Fact]
    public async Task BookedInsideTheLead_Cancelled_OrNotYetDue_GetNone_UntilDue()
    {
        await using var app = new KnotworkApp();
        var inside = await Add(app, "inside@knotwork.test", start: Now.AddHours(20), created: Now.AddHours(-1)); // booked 21 h ahead: inside the 24 h lead
        var cancelled = await Add(app, "cancelled@knotwork.test", start: Now.AddHours(20), therapist: "theo", created: Now.AddDays(-7), cancelled: true);
        var later = await Add(app, "later@knotwork.test", start: Now.AddHours(30), therapist: "tess", created: Now.AddDays(-7));

        Assert.Equal(0, await Sweep(app, Now));
        Assert.Equal(1, await Sweep(app, Now.AddHours(6)));      // "later" is now 24 h away
        Assert.Equal(0, await Sweep(app, Now.AddHours(7)));      // and is not sent again

        Assert.Equal(0, await HeldFor(app, inside));
        Assert.Equal(0, await HeldFor(app, cancelled));
        Assert.Equal(1, await HeldFor(app, later));
    }

    [Fact]
    public async Task TheBackgroundService_SweepsOnItsInterval_WithTheAppsClock()
    {
        await using var app = new KnotworkApp();
        await using var running = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Knotwork:Reminders:IntervalSeconds", "0.1");
            b.ConfigureServices(s => s.AddSingleton<TimeProvider>(new FixedClock(Now)));
        });
        _ = running.Services; // started: the service's first sweep finds nothing
        await using (var scope = running.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
            db.Bookings.Add(new BookingRecord
            {
                Id = Guid.NewGuid(), ServiceId = "deep-tissue-60", TherapistId = "maria", Status = BookingStatus.Booked, StartUtc = Now.AddHours(3),
                EndUtc = Now.AddHours(4), Zip = "93534", Address = "44 Cedar Ave", Name = "Dana Reyes", Email = "timer@knotwork.test",
                Phone = "+1 661 555 0100", Price = 120m, ManageTokenHash = new string('0', 64), CreatedAtUtc = Now.AddDays(-2),
            });
            await db.SaveChangesAsync(Token);
        }

        var held = 0;
        for (var i = 0; i < 100 && held == 0; i++)
        {
            await Task.Delay(100, Token);
            await using var scope = running.Services.CreateAsyncScope();
            held = await scope.ServiceProvider.GetRequiredService<KnotworkDbContext>().HeldMail.CountAsync(m => m.To == "timer@knotwork.test", Token);
        }

        Assert.Equal(1, held);
    }

    [Fact]
    public async Task TheReminder_HoldsTheBookingsManageLink_AndItOpensTheBooking()
    {
        var monday = new DateTimeOffset(2027, 3, 1, 17, 0, 0, TimeSpan.Zero);
        await using var app = new KnotworkApp(clock: new TestClock(monday));
        var (_, availability) = await app.GetJson("/api/availability?service=deep-tissue-60&zip=93534&from=2027-03-09&days=1");
        var slot = availability.GetProperty("slots")[0];
        var (booked, booking) = await app.PostJson("/api/bookings", JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["service"] = "deep-tissue-60", ["zip"] = "93534", ["address"] = "44 Cedar Ave", ["start"] = slot.GetProperty("start").GetString(),
            ["name"] = "Remi Nder", ["email"] = "remi@knotwork.test", ["phone"] = "(661) 555-0123", ["therapist"] = slot.GetProperty("therapist").GetString(),
        }));
        Assert.Equal(System.Net.HttpStatusCode.Created, booked.StatusCode);
        var id = booking.GetProperty("id").GetGuid();
        var start = booking.GetProperty("start").GetDateTimeOffset().UtcDateTime;

        Assert.Equal(1, await Sweep(app, start.AddHours(-23)));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var reminder = await db.HeldMail.SingleAsync(m => m.To == "remi@knotwork.test" && m.Subject.StartsWith("Reminder"), Token);
        var link = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(reminder.HtmlBody, "href=\"([^\"]+)\"").Groups[1].Value);
        Assert.StartsWith($"/book/manage/{id}?token=", link, StringComparison.Ordinal);
        Assert.Equal(booking.GetProperty("manageUrl").GetString()!, "http://localhost" + link); // the confirmation's link, made again from the id
        var page = await app.CreateClient().GetAsync(new Uri(link, UriKind.Relative), Token);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("44 Cedar Ave", await page.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    /// <summary>
    /// 30 due bookings; two servers each run eight sweeps at once (as overlapping timers and restarts would): every
    /// booking gets exactly one e-mail, and its reminder is recorded as sent.
    /// </summary>
    private static async Task RaceSweeps(KnotworkApp server1, KnotworkApp server2)
    {
        var emails = new List<string>();
        for (var i = 0; i < 30; i++)
            emails.Add(await Add(server1, $"client{i}@knotwork.test", start: Now.AddHours(2 + (i * 0.5)), created: Now.AddDays(-3), therapist: $"therapist{i % 3}"));

        var sweeps = Enumerable.Range(0, 16).Select(i => Task.Run(() => Sweep(i % 2 == 0 ? server1 : server2, Now), Token));
        var sent = await Task.WhenAll(sweeps);

        Assert.Equal(30, sent.Sum());
        foreach (var email in emails)
            Assert.Equal(1, await HeldFor(server2, email));
        await using var scope = server1.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        Assert.Equal(30, await db.Bookings.CountAsync(b => b.ReminderSentAtUtc == Now, Token));
    }

    /// <summary>One sweep as of <paramref name="now"/>, on its own scope (its own connection) of <paramref name="app"/>.</summary>
    private static async Task<int> Sweep(KnotworkApp app, DateTime now)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var sweep = new ReminderSweep(
            services.GetRequiredService<KnotworkDbContext>(), services.GetRequiredService<IMailer>(), services.GetRequiredService<BookingStore>(),
            services.GetRequiredService<PublicLinks>(), new FixedClock(now),
            Options.Create(new ReminderOptions()), NullLogger<ReminderSweep>.Instance);
        return await sweep.RunAsync(Token);
    }

    private static async Task<string> Add(KnotworkApp app, string email, DateTime start, DateTime created, bool cancelled = false, string therapist = "maria")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        db.Bookings.Add(new BookingRecord
        {
            Id = Guid.NewGuid(), ServiceId = "deep-tissue-60", TherapistId = therapist, Status = cancelled ? BookingStatus.Cancelled : BookingStatus.Booked,
            StartUtc = start, EndUtc = start.AddHours(1), Zip = "93534", Address = "44 Cedar Ave", Name = "Dana Reyes", Email = email,
            Phone = "+1 661 555 0100", Price = 120m, ManageTokenHash = new string('0', 64), CreatedAtUtc = created,
            CancelledAtUtc = cancelled ? created.AddHours(1) : null,
        });
        await db.SaveChangesAsync(Token);
        return email;
    }

    private static async Task<int> HeldFor(KnotworkApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        return await db.HeldMail.CountAsync(m => m.To == email && m.Subject.StartsWith("Reminder"), Token);
    }

    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc);
    }
}
