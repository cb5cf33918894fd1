using System.Net;
using System.Text.RegularExpressions;
using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Web.Booking;
using Knotwork.Web.Tests.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Knotwork.Web.Tests.Pages.Practice;

/// <summary>
/// The staff booking pages of issue 9, over the Antelope Valley sample practice a first run starts with (Maria in
/// Lancaster 9-17 on weekdays, Jon from Santa Clarita 10-18 Tuesday to Saturday, Ana from Palmdale 8-14). The app runs
/// on the real clock, which two-factor sign-in needs, so visits are booked on a Wednesday one to two weeks ahead.
/// </summary>
public sealed partial class BookingsPagesTests
{
    private static readonly DateTimeZone LosAngeles = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A Wednesday 8 to 14 days from today in Los Angeles: past the client's notice, inside the horizon.</summary>
    private static LocalDate Wednesday
    {
        get
        {
            var day = SystemClock.Instance.GetCurrentInstant().InZone(LosAngeles).Date.PlusDays(8);
            while (day.DayOfWeek != IsoDayOfWeek.Wednesday)
                day = day.PlusDays(1);
            return day;
        }
    }

    [Fact]
    public async Task TheOwnerSeesEveryBooking_ALinkedTherapistOnlyTheirs_AnUnlinkedOneNone_AndClientsAreDenied()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        var owner = await driver.SetUpOwner();
        var theo = await driver.InviteTherapist(owner, "Theo Linked", "theo@knotwork.test");
        var tess = await driver.InviteTherapist(owner, "Tess Unlinked", "tess@knotwork.test");
        var (client, _) = await driver.RegisterClient("Cleo Client", "cleo@knotwork.test");
        await Link(app, owner, "jon", "theo@knotwork.test");
        var marias = await Book(app, "Mara Lancaster", "maria", Wednesday, 13);
        var jons = await Book(app, "Jonah Lancaster", "jon", Wednesday, 13);

        var all = await owner.Html("/practice/bookings");
        var theirs = await theo.Html("/practice/bookings");
        var none = await tess.Html("/practice/bookings");

        Assert.Contains("Mara Lancaster", all, StringComparison.Ordinal);
        Assert.Contains("Jonah Lancaster", all, StringComparison.Ordinal);
        Assert.Contains("Lancaster 93534", all, StringComparison.Ordinal);
        Assert.Contains("Jonah Lancaster", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain("Mara Lancaster", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain("Lancaster 93534", none, StringComparison.Ordinal);
        Assert.Contains("Ask the owner to link your account", none, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await theo.Get($"/practice/bookings/{jons}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await theo.Get($"/practice/bookings/{marias}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tess.Get($"/practice/bookings/{jons}")).StatusCode);
        var denied = await client.Get("/practice/bookings");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/denied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("Bookings</a>", all, StringComparison.Ordinal); // in the staff navigation
        Assert.DoesNotContain("/practice/bookings\"", await client.Html("/account"), StringComparison.Ordinal);

        // Linking and each read are audited; the refused read of another therapist's booking too.
        Assert.True(await Audited(app, "update", "therapist", "jon"));
        Assert.True(await Audited(app, "read", "booking", null, "bookings listed"));
        Assert.True(await Audited(app, "read", "booking", jons.ToString()));
        Assert.True(await Audited(app, "read-refused", "booking", marias.ToString()));
    }

    [Fact]
    public async Task TheOwnerMovesABooking_ToATherapistWhoCanReachIt_AndIsToldTheReasonWhenTheyCannot()
    {
        await using var app = new KnotworkApp();
        var owner = await new PracticeDriver(app).SetUpOwner();
        var morning = await Book(app, "Mona Morning", "maria", Wednesday, 11);
        var afternoon = await Book(app, "Abe Afternoon", "maria", Wednesday, 13);
        await Book(app, "Jon's Own Client", "jon", Wednesday, 13);

        var detailsPage = await owner.Html($"/practice/bookings/{afternoon}");
        var busy = await Move(owner, afternoon, "jon");
        var tooLate = await Move(owner, afternoon, "ana");
        var moved = await Move(owner, morning, "ana");

        Assert.Contains("<option value=\"jon\">Jon Park</option>", detailsPage, StringComparison.Ordinal);
        Assert.Contains("<option value=\"ana\">Ana Reyes</option>", detailsPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        Assert.Contains("Jon Park cannot take this visit: That time has just been booked.", await busy.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLate.StatusCode);
        Assert.Contains("outside our working hours", await tooLate.Content.ReadAsStringAsync(Token), StringComparison.Ordinal); // Ana stops at 14:00
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Contains("Moved to Ana Reyes", await owner.Html(moved.Headers.Location!.OriginalString), StringComparison.Ordinal);
        var list = await owner.Html("/practice/bookings?therapist=ana");
        Assert.Contains("Mona Morning", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Abe Afternoon", list, StringComparison.Ordinal);
        Assert.Equal("maria", await TherapistOf(app, afternoon));
        Assert.True(await Audited(app, "update", "booking", morning.ToString(), "moved from maria to ana"));
        Assert.False(await Audited(app, "update", "booking", afternoon.ToString()));
        // The client is told, with a calendar file that updates the first invitation (same UID, a later SEQUENCE).
        var (body, calendar) = await HeldMail(app, "Changed: your massage visit");
        Assert.Contains("is now with Ana Reyes", body, StringComparison.Ordinal);
        Assert.Contains("METHOD:REQUEST", calendar, StringComparison.Ordinal);
        Assert.Contains($"UID:{morning}@knotwork", calendar, StringComparison.Ordinal);
        Assert.Matches("SEQUENCE:[1-9]", calendar);
    }

    [Fact]
    public async Task AStaffCancel_FreesTheTime_AndSaysNoLateFeeOutsideTheWindow_WhileATherapistMayNotMove()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        var owner = await driver.SetUpOwner();
        var theo = await driver.InviteTherapist(owner, "Theo Linked", "theo@knotwork.test");
        await Link(app, owner, "maria", "theo@knotwork.test");
        var booking = await Book(app, "Cal Cancelled", "maria", Wednesday, 10);
        var day = Wednesday.ToString("uuuu-MM-dd", null);
        Assert.DoesNotContain("10:00 AM with Maria Alvarez", await Times(owner, day), StringComparison.Ordinal);

        var page = await theo.Html($"/practice/bookings/{booking}");
        Assert.Contains("outside the cancellation window", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Move to another therapist", page, StringComparison.Ordinal);
        var move = await theo.Post($"/practice/bookings/{booking}", new Dictionary<string, string> { ["therapist"] = "jon" }, $"/practice/bookings/{booking}?handler=Move");
        Assert.True(move.StatusCode == HttpStatusCode.Forbidden || move.Headers.Location?.OriginalString.Contains("/account/denied", StringComparison.Ordinal) == true, $"a therapist moved a booking: {move.StatusCode}");
        var cancelled = await theo.Post($"/practice/bookings/{booking}", new Dictionary<string, string>(), $"/practice/bookings/{booking}?handler=Cancel");

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Contains("the time is free again", await theo.Html(cancelled.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.Contains("10:00 AM with Maria Alvarez", await Times(owner, day), StringComparison.Ordinal);
        Assert.Contains("Cal Cancelled", await owner.Html("/practice/bookings?show=cancelled"), StringComparison.Ordinal);
        Assert.DoesNotContain("Cal Cancelled", await owner.Html("/practice/bookings"), StringComparison.Ordinal);
        Assert.Equal("maria", await TherapistOf(app, booking));
        Assert.True(await Audited(app, "cancel", "booking", booking.ToString(), "cancelled by staff, outside the cancellation window"));
        var (body, calendar) = await HeldMail(app, "Cancelled: your massage visit");
        Assert.Contains("The practice has cancelled your visit", body, StringComparison.Ordinal);
        Assert.Contains("METHOD:CANCEL", calendar, StringComparison.Ordinal);
        Assert.Contains("STATUS:CANCELLED", calendar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOwnerBooksForAClientRecord_TheClientIsMailed_AndTheBookingIsListedWithTheirName()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        var owner = await driver.SetUpOwner();
        var (_, record) = await driver.RegisterClient("Zoe Recorded", "zoe@knotwork.test");
        var fields = new Dictionary<string, string>
        {
            ["Input.ClientId"] = record.ToString(), ["Input.Phone"] = "(661) 555-0199", ["Input.Service"] = "deep-tissue-60",
            ["Input.Zip"] = "93534", ["Input.Address"] = "9 Poppy Lane", ["Input.Day"] = Wednesday.ToString("uuuu-MM-dd", null),
        };

        var times = await owner.Post("/practice/bookings/new", fields, "/practice/bookings/new?handler=Times");
        var html = await times.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.OK, times.StatusCode);
        var form = HiddenInput().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value), StringComparer.Ordinal);
        Assert.Equal("Zoe Recorded", form["Input.Name"]); // filled in from the record
        form["Input.Slot"] = WebUtility.HtmlDecode(SlotRadio().Match(html).Groups[1].Value);
        var booked = await owner.Post("/practice/bookings/new", form, "/practice/bookings/new?handler=Book");
        var again = await owner.Post("/practice/bookings/new", form, "/practice/bookings/new?handler=Book");

        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.Equal(booked.Headers.Location, again.Headers.Location); // the same form twice books once
        Assert.Contains("The confirmation has been e-mailed to zoe@knotwork.test", await owner.Html(booked.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.Contains("Zoe Recorded", await owner.Html("/practice/bookings"), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var booking = Assert.Single(await db.Bookings.AsNoTracking().ToListAsync(Token));
        Assert.Equal((record, "9 Poppy Lane", "(661) 555-0199"), (booking.ClientId!.Value, booking.Address, booking.Phone));
        var mail = Assert.Single(await db.HeldMail.AsNoTracking().Where(m => m.To == "zoe@knotwork.test").ToListAsync(Token), m => m.Subject.StartsWith("Your massage visit", StringComparison.Ordinal));
        Assert.Contains("9 Poppy Lane", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"/book/manage/{booking.Id}", mail.HtmlBody, StringComparison.Ordinal);
        Assert.True(await Audited(app, "create", "booking", booking.Id.ToString(), $"on behalf of client {record}"));
    }

    /// <summary>Links setup therapist <paramref name="therapistId"/> to the account of <paramref name="email"/> on the Staff page.</summary>
    private static async Task Link(KnotworkApp app, Browser owner, string therapistId, string email)
    {
        Guid userId;
        await using (var scope = app.Services.CreateAsyncScope())
            userId = (await scope.ServiceProvider.GetRequiredService<UserManager<Knotwork.Data.Entities.KnotworkUser>>().FindByEmailAsync(email))!.Id;
        var response = await owner.Post("/practice/staff", new Dictionary<string, string> { ["therapistId"] = therapistId, ["userId"] = userId.ToString() }, "/practice/staff?handler=Link");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("now works as", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    /// <summary>Books a deep tissue visit in Lancaster through the booking store, as the API or /book would.</summary>
    private static async Task<Guid> Book(KnotworkApp app, string name, string therapist, LocalDate day, int hour)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var (schedule, _) = await scope.ServiceProvider.GetRequiredService<PracticeSchedules>().CurrentAsync(db, Token);
        var start = LosAngeles.AtStrictly(day + new LocalTime(hour, 0)).ToInstant();
        var request = new BookingRequest("deep-tissue-60", "93534", start, name, "guest@knotwork.test", "(661) 555-0100", "44 Cedar Ave", therapist);
        var outcome = await scope.ServiceProvider.GetRequiredService<BookingStore>().BookAsync(schedule!.Scheduler, request, SystemClock.Instance.GetCurrentInstant(), Token);
        return Assert.IsType<BookingOutcome.Created>(outcome).Booking.Id;
    }

    private static Task<HttpResponseMessage> Move(Browser owner, Guid booking, string therapist) =>
        owner.Post($"/practice/bookings/{booking}", new Dictionary<string, string> { ["therapist"] = therapist }, $"/practice/bookings/{booking}?handler=Move");

    /// <summary>The times the owner's booking page offers for a deep tissue visit in Lancaster on <paramref name="day"/>.</summary>
    private static async Task<string> Times(Browser owner, string day)
    {
        var response = await owner.Post("/practice/bookings/new", new Dictionary<string, string>
        {
            ["Input.Name"] = "Nora Next", ["Input.Email"] = "nora@knotwork.test", ["Input.Phone"] = "(661) 555-0111",
            ["Input.Service"] = "deep-tissue-60", ["Input.Zip"] = "93534", ["Input.Address"] = "1 Elm St", ["Input.Day"] = day,
        }, "/practice/bookings/new?handler=Times");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Token);
    }

    private static async Task<string> TherapistOf(KnotworkApp app, Guid booking)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KnotworkDbContext>().Bookings.Where(b => b.Id == booking).Select(b => b.TherapistId).SingleAsync(Token);
    }

    /// <summary>The one held e-mail to the guests booked here whose subject starts with <paramref name="subject"/>: its body and its attachments' text.</summary>
    private static async Task<(string Body, string Attachments)> HeldMail(KnotworkApp app, string subject)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var held = await scope.ServiceProvider.GetRequiredService<KnotworkDbContext>().HeldMail.AsNoTracking()
            .Where(m => m.To == "guest@knotwork.test").ToListAsync(Token);
        var mail = Assert.Single(held, m => m.Subject.StartsWith(subject, StringComparison.Ordinal));
        return (mail.HtmlBody, System.Text.RegularExpressions.Regex.Unescape(mail.AttachmentsJson ?? ""));
    }

    private static async Task<bool> Audited(KnotworkApp app, string action, string subject, string? entityId, string? detail = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<KnotworkDbContext>().AuditLog.AsNoTracking()
            .Where(e => e.Action == action && e.EntityType == subject && e.EntityId == entityId).ToListAsync(Token);
        return entries.Any(e => detail is null || (e.Detail ?? "").Contains(detail, StringComparison.Ordinal));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("name=\"Input.Slot\" value=\"([^\"]+)\"")]
    private static partial Regex SlotRadio();
}
