using System.Net;
using Knotwork.Web.Tests.Accounts;
using Knotwork.Web.Tests.Pages.Practice;

namespace Knotwork.Web.Tests.Pages.Events;

/// <summary>
/// Around a confirmed event: the request waiting on the owner's dashboard, the event on the day and week of the
/// therapist who works it, and an employee's own slot page under hostile input.
/// </summary>
public sealed partial class ChairEventPagesTests
{
    [Fact]
    public async Task Requested_TheOwnersDashboardSaysItWaits_Confirmed_TheTherapistsDayShowsItWithItsDrive_AndTheWeekListsIt_NobodyElsesDoes()
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        var day = practice.NextTuesday;
        var page = await RequestAnHourWithOneChair(practice, new Browser(practice.App));
        var dayPage = $"/practice/day?date={TherapistDayTests.Date(day)}";
        Assert.DoesNotContain("Acme Widgets", await practice.Jon.Html(dayPage), StringComparison.Ordinal); // asked for, not confirmed
        Assert.Contains("1 chair massage event request waits for your answer", await practice.Owner.Html("/practice/dashboard"), StringComparison.Ordinal);
        Assert.DoesNotContain("event request", await practice.Jon.Html("/practice/dashboard"), StringComparison.Ordinal); // the owner answers
        var join = await ConfirmWithJon(practice, page);
        Assert.DoesNotContain("event request", await practice.Owner.Html("/practice/dashboard"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await new Browser(practice.App).Post(join, Employee("Erin Employee", "erin@example.com"), join + "&handler=Book")).StatusCode);

        var html = await practice.Jon.Html(dayPage);
        Assert.Contains("Acme Widgets, chair 1, 20-minute slots", html, StringComparison.Ordinal);
        Assert.Contains("1 employee at your chair", html, StringComparison.Ordinal);
        Assert.Contains("1 Industry Way, 93534", html, StringComparison.Ordinal);
        Assert.Contains("Room 4; park at the back", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{page}/attendance\"", html, StringComparison.Ordinal);
        Assert.Contains("tel:6615550100", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Visits</dt><dd>1</dd>", html, StringComparison.Ordinal);
        Assert.Matches("Drive (\\d+ h )?\\d+ min from home", html);
        Assert.DoesNotContain("Erin", html, StringComparison.Ordinal); // her screening is on the attendance page, not the day

        var week = await practice.Jon.Html($"/practice/week?start={TherapistDayTests.Date(day)}");
        Assert.Contains("chair massage, Lancaster: Acme Widgets", week, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme Widgets", await practice.Maria.Html(dayPage), StringComparison.Ordinal);
        Assert.Contains("Acme Widgets", await practice.Owner.Html(dayPage + "&therapist=jon"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlotPage_HostileScreeningAnswersOrTokens_GetA4xx_NeverA5xx_AndChangeNothing()
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        var page = await RequestAnHourWithOneChair(practice, new Browser(practice.App));
        var join = await ConfirmWithJon(practice, page);
        var erin = new Browser(practice.App);
        Assert.Equal(HttpStatusCode.OK, (await erin.Post(join, Employee("Erin Employee", "erin@example.com", injury: "yes", note: "knee surgery"), join + "&handler=Book")).StatusCode);
        var slot = await practice.Driver.LinkFromHeldMail("erin@example.com", "/events/slots/cancel");

        var huge = new string('z', 100_000);
        var attempts = new[]
        {
            new Dictionary<string, string> { ["Input.Injury"] = "no", ["Input.Condition"] = "no", ["Input.Avoid"] = "no", ["Input.Note"] = huge },
            new Dictionary<string, string> { ["Input.Injury"] = huge, ["Input.Condition"] = "no", ["Input.Avoid"] = "no" },
            new Dictionary<string, string> { ["Input.Injury"] = "YES", ["Input.Condition"] = "no", ["Input.Avoid"] = "no" },
            new Dictionary<string, string>(),
        };
        foreach (var form in attempts)
        {
            var response = await erin.Post(slot, form, slot + "&handler=Screening");
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"got {(int)response.StatusCode}");
        }

        Assert.Contains("knee surgery", await practice.Jon.Html(page + "/attendance"), StringComparison.Ordinal); // her first answers stand
        Assert.Equal(HttpStatusCode.NotFound, (await erin.Get(slot + "x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.Get("/events/slots/cancel")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.Get("/events/slots/cancel?token=" + Uri.EscapeDataString("' OR 1=1 --"))).StatusCode);
    }
}
