using System.Net;
using Knotwork.Web.Tests.Accounts;
using Knotwork.Web.Tests.Pages.Practice;

namespace Knotwork.Web.Tests.Pages.Events;

/// <summary>A request waiting on the owner's dashboard; a confirmed event on the day and week of the therapist who works it.</summary>
public sealed partial class ChairEventPagesTests
{
    [Fact]
    public async Task Requested_TheOwnersDashboardSaysItWaits_Confirmed_TheTherapistsDayShowsItWithItsDrive_AndTheWeekListsIt_NobodyElsesDoes()
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        var day = practice.NextTuesday;
        await new Browser(practice.App).Post("/events/request", Form(day, "13:00", "14:00", chairs: "1", slot: "20"), "/events/request?handler=Send");
        var id = await EventId(practice);
        var page = $"/practice/events/{id}";
        var dayPage = $"/practice/day?date={TherapistDayTests.Date(day)}";
        Assert.DoesNotContain("Acme Widgets", await practice.Jon.Html(dayPage), StringComparison.Ordinal); // asked for, not confirmed
        Assert.Contains("1 chair massage event request waits for your answer", await practice.Owner.Html("/practice/dashboard"), StringComparison.Ordinal);
        Assert.DoesNotContain("event request", await practice.Jon.Html("/practice/dashboard"), StringComparison.Ordinal); // the owner answers
        Assert.Equal(HttpStatusCode.OK, (await practice.Owner.Post(page, new Dictionary<string, string> { ["Chairs[0]"] = "jon" }, page + "?handler=Confirm")).StatusCode);
        Assert.DoesNotContain("event request", await practice.Owner.Html("/practice/dashboard"), StringComparison.Ordinal);
        var join = await practice.Driver.LinkFromHeldMail(Contact, "/join");
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
}
