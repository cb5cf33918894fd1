using Knotwork.Data;
using Knotwork.Web.Booking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;

namespace Knotwork.Browser.Tests;

/// <summary>
/// A chair massage event on phones (issue 11): the employer asks for one and sees the price, the owner confirms it with
/// a therapist, an employee books a slot with the screening, the employer's roster shows who comes but not the answers,
/// and the owner sees the employee on the attendance page.
/// </summary>
public class ChairEventJourneyTests(PracticeBrowserFixture practice) : IClassFixture<PracticeBrowserFixture>
{
    private const string Password = "chairs at the office 2027";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private BrowserFixture Fixture => practice.App;

    /// <summary>
    /// Nothing wider than the phone. On a mobile viewport Chromium widens the layout viewport (and
    /// <c>window.innerWidth</c>) to fit what runs over, so the page is measured against the screen's width instead.
    /// </summary>
    private static async Task AssertFitsThePhone(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than the phone");
    }

    /// <summary>The first Wednesday at least eight days ahead in the practice's time zone: Maria (home ZIP 93534) works it 9 to 5.</summary>
    private async Task<LocalDate> AWednesdayAhead()
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var (schedule, _) = await scope.ServiceProvider.GetRequiredService<PracticeSchedules>().CurrentAsync(db, Token);
        var day = SystemClock.Instance.GetCurrentInstant().InZone(schedule!.Setup.TimeZone).Date.PlusDays(8);
        while (day.DayOfWeek != IsoDayOfWeek.Wednesday)
            day = day.PlusDays(1);
        return day;
    }

    /// <summary>The link to <paramref name="path"/> in the newest e-mail held for <paramref name="to"/> that has one, as a path and query.</summary>
    private async Task<string> LinkMailedTo(string to, string path)
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var bodies = await db.HeldMail.AsNoTracking().Where(m => m.To == to).OrderByDescending(m => m.CreatedAtUtc).Select(m => m.HtmlBody).ToListAsync(Token);
        var link = bodies
            .SelectMany(body => System.Text.RegularExpressions.Regex.Matches(body, "href=\"([^\"]+)\""))
            .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))
            .First(href => href.Contains(path, StringComparison.Ordinal));
        return Uri.TryCreate(link, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : link;
    }

    [Fact]
    public async Task Request_Quote_Confirm_EmployeeBooks_Roster_Attendance_CallOff_AllOnPhones()
    {
        var day = await AWednesdayAhead();
        var (_, ownerEmail, ownerKey) = await TestAccounts.CreateAsync(Fixture.Services, "owner", "Olivia Owner", Password, twoFactor: true);

        // The employer, on her phone, asks for one chair on a Wednesday morning in Lancaster and sees the price.
        var employer = await (await Fixture.NewContext(width: 360, height: 740)).NewPageAsync();
        await employer.GotoAsync("/events/request");
        await employer.FillAsync("#Input_company", "Mojave Aerospace Works");
        await employer.FillAsync("#Input_contactName", "Dana Whitfield");
        await employer.FillAsync("#Input_contactEmail", "dana@mojave-aero.test");
        await employer.FillAsync("#Input_address", "44500 Sierra Hwy");
        await employer.FillAsync("#Input_zip", "93534");
        await employer.FillAsync("#Input_date", day.ToString("uuuu-MM-dd", null));
        await employer.FillAsync("#Input_start", "10:00");
        await employer.FillAsync("#Input_end", "12:00");
        await employer.FillAsync("#Input_chairs", "1");
        await employer.ClickAsync("label[for='slot-20']");
        await AssertFitsThePhone(employer);
        Assert.Empty(await AccessibilityTests.SeriousViolations(employer));
        await BrowserFixture.Screenshot(employer, "event-request-phone");
        await employer.ClickAsync("button:has-text('See the price')");
        await employer.WaitForSelectorAsync("h2:has-text('Your quote')");
        var quote = await employer.InnerTextAsync("main");
        Assert.Contains("Mojave Aerospace Works", quote, StringComparison.Ordinal);
        Assert.Contains("Lancaster", quote, StringComparison.Ordinal);
        Assert.Contains("20-minute slots", quote, StringComparison.Ordinal);
        Assert.Contains("$", await employer.InnerTextAsync(".quote-total"), StringComparison.Ordinal);
        await AssertFitsThePhone(employer);
        await employer.ClickAsync("button:has-text('Send the request')");
        await employer.WaitForSelectorAsync("h2:has-text('Thank you, your request is sent')");
        Assert.Contains("dana@mojave-aero.test", await employer.InnerTextAsync("main"), StringComparison.Ordinal);

        // The owner, on her phone, opens the request, gives chair 1 to Maria and confirms; the page shows both links.
        var owner = await (await Fixture.NewContext(width: 360, height: 740)).NewPageAsync();
        await TestAccounts.SignInAsync(owner, ownerEmail, Password, ownerKey);
        await owner.GotoAsync("/practice/events");
        await owner.ClickAsync("a:has-text('Mojave Aerospace Works')");
        await owner.WaitForSelectorAsync("h1:has-text('Mojave Aerospace Works')");
        var eventPath = new Uri(owner.Url).AbsolutePath;
        await owner.SelectOptionAsync("#chair-1", "maria");
        await owner.ClickAsync("button:has-text('Confirm the event')");
        await owner.WaitForSelectorAsync("a.employee-link");
        Assert.Contains("Chair 1", await owner.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Contains("Maria Alvarez", await owner.InnerTextAsync("main"), StringComparison.Ordinal);
        var joinLink = new Uri(await owner.InnerTextAsync("a.employee-link")).PathAndQuery;
        var rosterLink = new Uri(await owner.InnerTextAsync("a.roster-link")).PathAndQuery;
        await AssertFitsThePhone(owner);
        await BrowserFixture.Screenshot(owner, "event-confirm-phone");

        // An employee with no account opens the employees' link and books the first free slot with the screening.
        var employee = await (await Fixture.NewContext(width: 360, height: 740)).NewPageAsync();
        await employee.GotoAsync(joinLink);
        var first = employee.Locator("input[name='Input.Slot']").First;
        var slotTime = await employee.InnerTextAsync($"label[for='{await first.GetAttributeAsync("id")}']");
        Assert.Equal("10:00 AM", slotTime.Trim());
        await employee.ClickAsync($"label[for='{await first.GetAttributeAsync("id")}']");
        await employee.FillAsync("#Input_Name", "Sam Ortega");
        await employee.FillAsync("#Input_Email", "sam.ortega@mojave-aero.test");
        await employee.ClickAsync("label[for='Injury-no']");
        await employee.ClickAsync("label[for='Condition-no']");
        await employee.ClickAsync("label[for='Avoid-yes']");
        await employee.FillAsync("#Input_Note", "Left shoulder is tender");
        await AssertFitsThePhone(employee);
        Assert.Empty(await AccessibilityTests.SeriousViolations(employee));
        await BrowserFixture.Screenshot(employee, "event-join-phone");
        await employee.ClickAsync("button:has-text('Book my slot')");
        await employee.WaitForSelectorAsync("h2:has-text('You are booked')");
        Assert.Contains("Chair 1", await employee.InnerTextAsync("main"), StringComparison.Ordinal);

        // Sam's e-mail carries the private link to his slot, where he can change his answers or cancel.
        await employee.GotoAsync(await LinkMailedTo("sam.ortega@mojave-aero.test", "/events/slots/cancel"));
        await employee.WaitForSelectorAsync("h1:has-text('Your chair massage slot')");
        Assert.Contains("Change your answers for the therapist", await employee.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.True(await employee.IsVisibleAsync("button:has-text('Cancel my slot')"));
        await AssertFitsThePhone(employee);
        Assert.Empty(await AccessibilityTests.SeriousViolations(employee));
        await BrowserFixture.Screenshot(employee, "event-slot-phone");

        // The employer's roster shows who comes and when, and nothing of the screening.
        await employer.GotoAsync(rosterLink);
        var roster = await employer.InnerTextAsync("main");
        Assert.Contains("Sam Ortega", roster, StringComparison.Ordinal);
        Assert.Contains(slotTime.Trim(), roster, StringComparison.Ordinal);
        Assert.Matches(@"1 of \d+ slots taken", roster);
        Assert.DoesNotContain("shoulder", roster, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("touched", roster, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("screening", roster, StringComparison.OrdinalIgnoreCase);
        await AssertFitsThePhone(employer);
        await BrowserFixture.Screenshot(employer, "event-roster-phone");

        // With no mail server, the owner forwards the held mail: its long private links wrap on the phone.
        await owner.GotoAsync("/practice/held-mail");
        await owner.WaitForSelectorAsync(".held-message");
        await AssertFitsThePhone(owner);

        // Maria's day shows the event as a stop with its drive, address and a way to the slots.
        await owner.GotoAsync($"/practice/day?date={day.ToString("uuuu-MM-dd", null)}&therapist=maria");
        await owner.WaitForSelectorAsync(".event-stop");
        Assert.Contains("Mojave Aerospace Works, chair 1", await owner.InnerTextAsync(".event-stop"), StringComparison.Ordinal);
        await AssertFitsThePhone(owner);
        Assert.Empty(await AccessibilityTests.SeriousViolations(owner));
        await BrowserFixture.Screenshot(owner, "event-day-phone");

        // The owner sees Sam, with the screening, on the attendance page; the slot is days away, so it cannot be marked yet.
        await owner.GotoAsync(eventPath + "/attendance");
        var attendance = await owner.InnerTextAsync("main");
        Assert.Contains("Sam Ortega", attendance, StringComparison.Ordinal);
        Assert.Contains("Prefers not to be touched somewhere", attendance, StringComparison.Ordinal);
        Assert.Contains("Left shoulder is tender", attendance, StringComparison.Ordinal);
        Assert.Contains("Not recorded", attendance, StringComparison.Ordinal);
        await AssertFitsThePhone(owner);
        await owner.ClickAsync("button[value='came']");
        await owner.WaitForSelectorAsync("[role=alert]:has-text('has not started yet')");
        Assert.Contains("Not recorded", await owner.InnerTextAsync(".attendance-status"), StringComparison.Ordinal);

        // The company cancels the day: the owner ticks the box that says who is told, calls the event off, and Sam's
        // slot page says so.
        await owner.GotoAsync(eventPath);
        await owner.CheckAsync("input[name='confirm']");
        await AssertFitsThePhone(owner);
        await owner.ClickAsync("button:has-text('Call off this event')");
        await owner.WaitForSelectorAsync("[role=status]:has-text('Called off')");
        Assert.Contains("We e-mailed 1 booked employee", await owner.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Empty(await AccessibilityTests.SeriousViolations(owner));
        await BrowserFixture.Screenshot(owner, "event-called-off-phone");
        await employee.GotoAsync(await LinkMailedTo("sam.ortega@mojave-aero.test", "/events/slots/cancel"));
        Assert.Contains("This event has been called off", await employee.InnerTextAsync("main"), StringComparison.Ordinal);
    }
}
