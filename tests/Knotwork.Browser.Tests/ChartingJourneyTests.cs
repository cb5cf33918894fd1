using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Data.Booking;
using Knotwork.Data.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Knotwork.Browser.Tests;

/// <summary>A practice of its own (an owner would close the first-run page the other browser tests open).</summary>
public sealed class PracticeBrowserFixture : IAsyncLifetime
{
    public BrowserFixture App { get; } = new();

    public ValueTask InitializeAsync() => App.InitializeAsync();

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>
/// A therapist charts trigger points on a phone in a client's home with no signal (issue 10): the page opens again
/// offline, points wait on the phone, and when the connection returns each is stored once.
/// </summary>
public class ChartingJourneyTests(PracticeBrowserFixture practice) : IClassFixture<PracticeBrowserFixture>
{
    private const string Password = "table-side charting 2027";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private BrowserFixture Fixture => practice.App;

    /// <summary>A staff account (role <c>therapist</c> or <c>owner</c>) with two-factor sign-in: its id, e-mail and authenticator key.</summary>
    private async Task<(Guid Id, string Email, string Key)> CreateStaff(string role, string name)
    {
        var (id, email, key) = await TestAccounts.CreateAsync(Fixture.Services, role, name, Password, twoFactor: true);
        return (id, email, key!);
    }

    /// <summary>A therapist with two-factor sign-in, their client with a pain map (left temple and neck), and an open visit.</summary>
    private async Task<(string Email, string Key, Guid Visit)> SetUpVisit()
    {
        var (theoId, email, key) = await CreateStaff("therapist", "Theo A");
        await using var scope = Fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var theo = new { Id = theoId };

        var client = new ClientRecord { Id = Guid.NewGuid(), FullName = "Zelda Quince", CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow };
        client.Assignments.Add(new TherapistAssignment { ClientId = client.Id, TherapistId = theo.Id, AssignedAtUtc = DateTime.UtcNow });
        client.PainMaps.Add(new PainMapRecord
        {
            Id = Guid.NewGuid(), ClientId = client.Id, RecordedById = theo.Id, RecordedAtUtc = DateTime.UtcNow,
            Marks = [new PainMapMark("temple.l", 6), new PainMapMark("neck-back.l", 4)], ResultJson = "{}",
        });
        db.Clients.Add(client);
        await db.SaveChangesAsync(Token);
        var visit = await db.StartVisitAsync(client.Id, theo.Id, bookingId: null, DateTime.UtcNow, Token);
        return (email, key, visit.Id);
    }

    private async Task<int> StoredEntries(Guid visit)
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        return await db.ChartEntries.CountAsync(c => c.VisitId == visit, Token);
    }

    private static Task SignIn(IPage page, string email, string key) => TestAccounts.SignInAsync(page, email, Password, key);

    [Fact]
    public async Task ChartingOffline_OnAPhone_KeepsEveryPoint_AndSyncsEachOnceWhenTheSignalReturns()
    {
        var (email, key, visit) = await SetUpVisit();
        var context = await Fixture.NewContext(width: 360, height: 740);
        var page = await context.NewPageAsync();
        await SignIn(page, email, key);
        await page.GotoAsync($"/visits/{visit}/chart");
        await page.WaitForSelectorAsync("#chart[data-offline='ready']");

        // No signal from here on.
        await context.SetOfflineAsync(true);

        // A suggested point, charted with taps only: point, three signs, tolerance, timer start and stop, follow-up, save.
        await page.ClickAsync("label[for^='cand-']:has-text('Upper trapezius, left')");
        await page.ClickAsync("label[for='sign-taut-band']");
        await page.ClickAsync("label[for='sign-tender-spot']");
        await page.ClickAsync("label[for='sign-recognised-pain']");
        await page.ClickAsync("label[for='tol-6']");
        await page.ClickAsync("#timer-start");
        await page.WaitForSelectorAsync("#timer-seconds:not(:text-is('0'))"); // the timer runs (the CSP forbids WaitForFunction's eval)
        await page.ClickAsync("#timer-softened");
        Assert.False(await page.IsVisibleAsync("#timer-softened"), "once tapped, the timer's stop buttons go away");
        await page.ClickAsync("label[for='fu-stroking']");
        await page.ClickAsync("#save-point");

        await page.WaitForSelectorAsync("#charted li[data-state='waiting']");
        Assert.Contains("waiting on this phone", await page.InnerTextAsync("#sync-status"), StringComparison.Ordinal);
        await BrowserFixture.Screenshot(page, "chart-offline-phone");

        // The page opens again with no signal, and the waiting point is still there.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#charted li[data-state='waiting']");

        // A second point, picked from the full list.
        await page.SelectOptionAsync("#any-point", "soleus/1");
        await page.ClickAsync("label[for='side-right']");
        await page.ClickAsync("label[for='sign-taut-band']");
        await page.ClickAsync("label[for='sign-tender-spot']");
        await page.ClickAsync("#save-point");
        Assert.Equal(2, await page.Locator("#charted li[data-state='waiting']").CountAsync());
        Assert.Equal(0, await StoredEntries(visit));

        // The signal returns: both are stored, once.
        await context.SetOfflineAsync(false);
        await page.EvaluateAsync("window.dispatchEvent(new Event('online'))");
        await page.WaitForSelectorAsync("#charted li[data-state='waiting']", new() { State = WaitForSelectorState.Detached });
        await page.EvaluateAsync("window.dispatchEvent(new Event('online'))"); // a second flush sends nothing twice
        Assert.Equal(2, await StoredEntries(visit));

        await page.GotoAsync($"/visits/{visit}/chart");
        var charted = await page.InnerTextAsync("#charted");
        Assert.Contains("active (reproduces the client's familiar pain)", charted, StringComparison.Ordinal);
        Assert.Contains("Soleus", charted, StringComparison.Ordinal);
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the chart is {overflow}px wider than the phone");
        await BrowserFixture.Screenshot(page, "chart-synced-phone");

        // The aftercare built from those points prints to PDF without the site's menus.
        await page.GotoAsync($"/visits/{visit}/aftercare");
        Assert.Contains("When to seek care instead", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.IsVisibleAsync("header nav"), "the menus are not printed");
        var pdf = await page.PdfAsync(new() { Format = "Letter", PrintBackground = false });
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        var dir = Path.Combine(BrowserFixture.RepositoryRoot, "artifacts", "screenshots");
        await File.WriteAllBytesAsync(Path.Combine(dir, "aftercare.pdf"), pdf, Token);
    }

    [Fact]
    public async Task EditingAChartedPoint_OnAPhone_ChangesItInPlace_OfflineToo_AndTheServerKeepsOneEntry()
    {
        var (email, key, visit) = await SetUpVisit();
        var context = await Fixture.NewContext(width: 360, height: 740);
        var page = await context.NewPageAsync();
        await SignIn(page, email, key);
        await page.GotoAsync($"/visits/{visit}/chart");

        // A point charted and stored: active, pressure 6, released.
        await page.ClickAsync("label[for^='cand-']:has-text('Upper trapezius, left')");
        await page.ClickAsync("label[for='sign-taut-band']");
        await page.ClickAsync("label[for='sign-tender-spot']");
        await page.ClickAsync("label[for='sign-recognised-pain']");
        await page.ClickAsync("label[for='tol-6']");
        await page.ClickAsync("#timer-start");
        await page.WaitForSelectorAsync("#timer-seconds:not(:text-is('0'))");
        await page.ClickAsync("#timer-softened");
        await page.ClickAsync("#save-point");
        await page.WaitForSelectorAsync("#charted li[data-state='synced']");
        var id = await page.GetAttributeAsync("#charted li", "data-entry");

        // The Edit control is a thumb-sized target; tapped with no signal, it loads the point into the form, same id.
        await context.SetOfflineAsync(true);
        var edit = await page.Locator("#charted li .edit-entry").BoundingBoxAsync();
        Assert.True(edit is { Width: >= 44, Height: >= 44 }, $"the Edit control is {edit?.Width}x{edit?.Height}px");
        await page.ClickAsync("#charted li .edit-entry");
        await page.WaitForSelectorAsync("#editing-bar:visible");
        Assert.Equal(id, await page.InputValueAsync("#chart-form input[name='Input.Id']"));
        Assert.True(await page.IsCheckedAsync("#tol-6"), "the form shows the charted pressure");
        Assert.True(await page.IsCheckedAsync("#sign-recognised-pain"), "the form shows the charted signs");
        Assert.True(await page.IsCheckedAsync("#out-released"), "the form shows how the release ended");
        Assert.Equal("Save changes", await page.InnerTextAsync("#save-point"));

        // On reflection: not the familiar pain, pressure 3, held 95 s without release.
        await page.ClickAsync("label[for='sign-recognised-pain']");
        await page.ClickAsync("label[for='tol-3']");
        await page.FillAsync("#held", "95");
        await page.ClickAsync("label[for='out-not']");
        await BrowserFixture.Screenshot(page, "chart-edit-phone");
        await page.ClickAsync("#save-point");

        await page.WaitForSelectorAsync("#charted li[data-state='waiting']");
        Assert.Equal(1, await page.Locator("#charted li").CountAsync());
        var waiting = await page.InnerTextAsync("#charted li");
        Assert.Contains("did not release after 1 min 35 s; pressure 3/10", waiting, StringComparison.Ordinal);
        Assert.False(await page.IsVisibleAsync("#editing-bar"), "after saving, the form charts a new point");
        Assert.NotEqual(id, await page.InputValueAsync("#chart-form input[name='Input.Id']"));

        // The signal returns: the edit replaces the stored point.
        await context.SetOfflineAsync(false);
        await page.EvaluateAsync("window.dispatchEvent(new Event('online'))");
        await page.WaitForSelectorAsync("#charted li[data-state='waiting']", new() { State = WaitForSelectorState.Detached });
        await page.ReloadAsync();
        Assert.Equal(1, await page.Locator("#charted li").CountAsync());
        var stored = await page.InnerTextAsync("#charted li");
        Assert.Contains("did not release after 1 min 35 s; pressure 3/10", stored, StringComparison.Ordinal);
        Assert.Contains("latent", stored, StringComparison.Ordinal); // no longer the client's familiar pain
        Assert.Equal(id, await page.GetAttributeAsync("#charted li", "data-entry"));
        await using var scope = Fixture.Services.CreateAsyncScope();
        var chart = await scope.ServiceProvider.GetRequiredService<KnotworkDbContext>().ChartOfAsync(visit, Token);
        var entry = Assert.Single(chart);
        Assert.Equal((Guid.Parse(id!), 3, false), (entry.Id, entry.PressureTolerance, entry.Release is Knotwork.Domain.Sessions.ReleaseOutcome.Released));
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the chart is {overflow}px wider than the phone");
    }

    [Fact]
    public async Task TheOwnersPractice_Pages_ReadOnAPhone()
    {
        var (ownerId, email, key) = await CreateStaff("owner", "Olive Owner");
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
            await db.LinkTherapistAccountAsync("maria", ownerId, DateTime.UtcNow, Token);
            var (schedule, _) = await scope.ServiceProvider.GetRequiredService<Knotwork.Web.Booking.PracticeSchedules>().CurrentAsync(db, Token);
            var store = scope.ServiceProvider.GetRequiredService<Knotwork.Data.Booking.BookingStore>();
            var zone = schedule!.Setup.TimeZone;
            var now = NodaTime.SystemClock.Instance.GetCurrentInstant();
            var day = now.InZone(zone).Date.PlusDays(2);
            while (day.DayOfWeek is NodaTime.IsoDayOfWeek.Friday or NodaTime.IsoDayOfWeek.Saturday or NodaTime.IsoDayOfWeek.Sunday)
                day = day.PlusDays(1);
            foreach (var (hour, zip, name) in new[] { (10, "93534", "Rosa Delgado"), (13, "93535", "Sam Ortiz") })
            {
                var start = zone.AtStrictly(day + new NodaTime.LocalTime(hour, 0)).ToInstant();
                var outcome = await store.BookAsync(schedule.Scheduler, new Knotwork.Data.Booking.BookingRequest(
                    "deep-tissue-60", zip, start, name, "guest@knotwork.test", "(661) 555-0100", "44 Cedar Ave", "maria", "Side gate"), now, Token);
                Assert.True(outcome is BookingOutcome.Created, $"{name} at {hour}:00 was not booked: {outcome}");
            }

            var page = await (await Fixture.NewContext(width: 360, height: 740)).NewPageAsync();
            await SignIn(page, email, key);
            var dayText = day.ToString("uuuu-MM-dd", null);
            foreach (var (url, shot, expect) in new[]
            {
                ($"/practice/day?date={dayText}", "practice-day-phone", "Sam Ortiz"),
                ($"/practice/week?start={dayText}", "practice-week-phone", "Rosa"),
                ("/practice/bookings", "practice-bookings-phone", "Rosa Delgado"),
                ("/practice/setup", "practice-setup-phone", "Antelope Valley"),
                ("/practice/time-off", "practice-time-off-phone", "time off"),
            })
            {
                var response = await page.GotoAsync(url);
                Assert.Equal(200, response!.Status);
                var text = await page.InnerTextAsync("main");
                Assert.True(text.Contains(expect, StringComparison.Ordinal), $"{url} does not show '{expect}':\n{text}");
                var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{url} is {overflow}px wider than the phone");
                await BrowserFixture.Screenshot(page, shot);
            }
        }
    }
}
