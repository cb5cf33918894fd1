using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Data.Entities;
using Knotwork.Data.Protection;
using Knotwork.Data.Sessions;
using Knotwork.Domain.Clients;
using Knotwork.Web.Booking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;

namespace Knotwork.Browser.Tests;

/// <summary>
/// A whole treatment on phones (issue 10): the client sends the intake, the therapist reads the brief, charts three
/// points with the release timer and signs the note; the client reads the aftercare and answers the check-in, and
/// the therapist sees it on the client's progress.
/// </summary>
public class TreatmentJourneyTests(PracticeBrowserFixture practice) : IClassFixture<PracticeBrowserFixture>
{
    private const string Password = "a whole visit on phones 2027";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private BrowserFixture Fixture => practice.App;

    /// <summary>
    /// Jon's account (two-factor), a client with an account and current consents, and a visit booked for the client
    /// with Jon on the next weekday he works. Returns the accounts, the authenticator key, the client and the booking.
    /// </summary>
    private async Task<(string JonEmail, string JonKey, string ClientEmail, Guid ClientId, Guid Booking, LocalDate Day)> SetUp()
    {
        var (jonId, jonEmail, key) = await TestAccounts.CreateAsync(Fixture.Services, "therapist", "Jon P", Password, twoFactor: true);
        var (clientUser, clientEmail, _) = await TestAccounts.CreateAsync(Fixture.Services, "client", "Rosa Delgado", Password, twoFactor: false);
        await using var scope = Fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        await db.LinkTherapistAccountAsync("jon", jonId, DateTime.UtcNow, Token);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var client = new ClientRecord
        {
            Id = Guid.NewGuid(), UserId = clientUser, FullName = "Rosa Delgado", Email = clientEmail, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
            TreatmentConsentVersion = ConsentTexts.InForce(ConsentKind.Treatment, today).Version, TreatmentConsentAtUtc = DateTime.UtcNow,
            PrivacyConsentVersion = ConsentTexts.InForce(ConsentKind.Privacy, today).Version, PrivacyConsentAtUtc = DateTime.UtcNow,
        };
        db.Clients.Add(client);
        await db.SaveChangesAsync(Token);

        var (schedule, _) = await scope.ServiceProvider.GetRequiredService<PracticeSchedules>().CurrentAsync(db, Token);
        var store = scope.ServiceProvider.GetRequiredService<BookingStore>();
        var zone = schedule!.Setup.TimeZone;
        var now = SystemClock.Instance.GetCurrentInstant();
        for (var day = now.InZone(zone).Date.PlusDays(2); day < now.InZone(zone).Date.PlusDays(16); day = day.PlusDays(1))
        {
            foreach (var zip in new[] { "93534", "93535", "93550", "93536" })
            {
                var start = zone.AtStrictly(day + new LocalTime(11, 0)).ToInstant();
                var outcome = await store.BookAsync(schedule.Scheduler, new BookingRequest(
                    "deep-tissue-60", zip, start, "Rosa Delgado", clientEmail, "(661) 555-0188", "7 Juniper Ct", "jon", ClientId: client.Id), now, Token);
                if (outcome is BookingOutcome.Created created)
                    return (jonEmail, key!, clientEmail, client.Id, created.Booking.Id, day);
            }
        }

        throw new InvalidOperationException("Jon has no free 11:00 in the next two weeks in the sample practice.");
    }

    private static Task SignIn(IPage page, string email, string? key = null) => TestAccounts.SignInAsync(page, email, Password, key);

    private static async Task AssertFitsThePhone(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than the phone");
    }

    [Fact]
    public async Task Intake_Brief_ChartThreePoints_Sign_Aftercare_CheckIn_Progress_AllOnPhones()
    {
        var (jonEmail, jonKey, clientEmail, clientId, booking, day) = await SetUp();

        // The client, on her phone, sends the intake: left temple and back of the neck, desk work and stress.
        var rosa = await (await Fixture.NewContext(width: 360, height: 740)).NewPageAsync();
        await SignIn(rosa, clientEmail);
        await rosa.GotoAsync($"/intake/{booking}");
        // (Each place is a link; Enter follows it, as a tap does, without aiming at a small shape's centre.)
        await rosa.Locator(".figures-main a[data-region='neck-back.l']").PressAsync("Enter");
        await rosa.WaitForSelectorAsync("label[for='i-neck-back.l-5']");
        await rosa.Locator(".figures-insets a[data-region='temple.l']").PressAsync("Enter");
        await rosa.WaitForSelectorAsync("label[for='i-temple.l-7']");
        await rosa.ClickAsync("label[for='i-temple.l-7']");
        await rosa.ClickAsync("label[for='i-neck-back.l-5']");
        await rosa.ClickAsync("label[for='duration-ThreeMonthsOrMore']");
        await rosa.ClickAsync("label[for='worse-ScreenWork']");
        foreach (var (cause, answer) in new[] { ("sustained-posture", "yes"), ("repetitive-motion", "no"), ("acute-overload", "no"), ("stress", "yes"), ("injury-compensation", "no") })
            await rosa.ClickAsync($"label[for='cause-{cause}-{answer}']");
        foreach (var group in await rosa.Locator("#safety-questions .question-group").AllAsync())
        {
            if (await group.Locator(".none-of-these").CountAsync() > 0)
                await group.Locator(".none-of-these").ClickAsync(); // one tap answers the group
            else
                await group.Locator("label:has-text('No')").ClickAsync();
        }

        Assert.Equal(0, await rosa.Locator("#safety-questions input[value=no]:not(:checked)").CountAsync());
        await AssertFitsThePhone(rosa);
        Assert.Empty(await AccessibilityTests.SeriousViolations(rosa));
        await BrowserFixture.Screenshot(rosa, "intake-phone");
        await rosa.ClickAsync("button:has-text('Send to my therapist')");
        await rosa.WaitForSelectorAsync("h1:has-text('your intake is sent')");
        Assert.Contains("Nothing in it needs a doctor first", await rosa.InnerTextAsync("main"), StringComparison.Ordinal);

        // Jon, on his phone, starts the visit from his day and reads the brief: the intake, then the muscles to examine.
        var jon = await (await Fixture.NewContext(width: 360, height: 740)).NewPageAsync();
        await SignIn(jon, jonEmail, jonKey);
        await jon.GotoAsync($"/practice/day?date={day.ToString("uuuu-MM-dd", null)}");
        Assert.Contains("Intake", await jon.InnerTextAsync("main"), StringComparison.Ordinal);
        await jon.ClickAsync("button:has-text('Start the visit and chart it')");
        await jon.WaitForURLAsync("**/chart");
        var visit = Guid.Parse(new Uri(jon.Url).AbsolutePath.Split('/')[2]);
        await jon.GotoAsync($"/visits/{visit}/brief");
        var brief = await jon.InnerTextAsync("main");
        Assert.Contains("Left temple 7/10", brief, StringComparison.Ordinal);
        Assert.Contains("3 months or more (persistent pain)", brief, StringComparison.Ordinal);
        Assert.Contains("Causes that apply: Sustained posture, Stress", brief, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Upper trapezius", brief, StringComparison.Ordinal);
        await AssertFitsThePhone(jon);
        Assert.Empty(await AccessibilityTests.SeriousViolations(jon));
        await BrowserFixture.Screenshot(jon, "brief-phone");

        // Three suggested points, each with the release timer.
        await jon.GotoAsync($"/visits/{visit}/chart");
        for (var i = 0; i < 3; i++)
        {
            await jon.ClickAsync($"label[for='cand-{i}']");
            await jon.ClickAsync("label[for='sign-taut-band']");
            await jon.ClickAsync("label[for='sign-tender-spot']");
            await jon.ClickAsync("label[for='sign-recognised-pain']");
            await jon.ClickAsync("label[for='tol-5']");
            await jon.ClickAsync("#timer-start");
            await jon.WaitForSelectorAsync("#timer-seconds:not(:text-is('0'))");
            await jon.ClickAsync("#timer-softened");
            await jon.ClickAsync("#save-point");
            await jon.WaitForSelectorAsync($"#charted li[data-state='synced'] >> nth={i}");
        }

        Assert.Equal(3, await jon.Locator("#charted li").CountAsync());

        // Sign the note: its S comes from the intake; signing sends the aftercare and schedules the check-in.
        await jon.GotoAsync($"/visits/{visit}/note");
        Assert.Contains("Intake: for 3 months or more", await jon.InnerTextAsync("main"), StringComparison.Ordinal);
        await jon.ClickAsync("button:has-text('Sign the note and send the aftercare')");
        await jon.WaitForSelectorAsync("text=Signed");

        // Rosa reads her aftercare.
        await rosa.GotoAsync($"/visits/{visit}/aftercare");
        var aftercare = await rosa.InnerTextAsync("main");
        Assert.Contains("24 to 48 hours", aftercare, StringComparison.Ordinal);
        Assert.Contains("When to seek care instead", aftercare, StringComparison.Ordinal);
        await AssertFitsThePhone(rosa);
        await BrowserFixture.Screenshot(rosa, "aftercare-phone");

        // Two days later she answers the check-in from its private link: a little sore, pain 3, much improved.
        string link;
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            var checkIn = await scope.ServiceProvider.GetRequiredService<KnotworkDbContext>().CheckIns.SingleAsync(c => c.VisitId == visit, Token);
            Assert.True(checkIn.DueAtUtc > DateTime.UtcNow.AddDays(1), "the check-in is due about two days after the visit");
            link = $"/check-in/{visit}?token={Uri.EscapeDataString(scope.ServiceProvider.GetRequiredService<MasterKey>().CheckInToken(visit))}";
        }

        var phone = await (await Fixture.NewContext(width: 360, height: 740)).NewPageAsync();
        await phone.GotoAsync(link);
        await phone.ClickAsync("label[for='sore-2']");
        await phone.ClickAsync("label[for='pain-3']");
        await phone.ClickAsync("label[for='pgic-2']");
        await phone.ClickAsync("button:has-text('Send my answers')");
        await phone.WaitForSelectorAsync("h1:has-text('Thank you')");

        // Jon sees it on her progress: the visit's pain (7, the worst place on the intake map) and the check-in's 3.
        await jon.GotoAsync($"/clients/{clientId}/progress");
        var progress = await jon.InnerTextAsync("main");
        Assert.Contains("7/10", progress, StringComparison.Ordinal);
        Assert.Contains("3/10", progress, StringComparison.Ordinal);
        Assert.Contains("check-in", progress, StringComparison.OrdinalIgnoreCase);
        await AssertFitsThePhone(jon);
        await BrowserFixture.Screenshot(jon, "progress-phone");
    }
}
