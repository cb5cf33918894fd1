using System.Net;
using Knotwork.Web.Tests.Accounts;
using Knotwork.Web.Tests.Pages.Practice;

namespace Knotwork.Web.Tests.Pages.Events;

/// <summary>An employee's own slot page, under hostile or wrong input.</summary>
public sealed partial class ChairEventPagesTests
{
    [Fact]
    public async Task SlotPage_HostileScreeningAnswersOrTokens_GetA4xx_NeverA5xx_AndChangeNothing()
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        await new Browser(practice.App).Post("/events/request", Form(practice.NextTuesday, "13:00", "14:00", chairs: "1", slot: "20"), "/events/request?handler=Send");
        var page = $"/practice/events/{await EventId(practice)}";
        Assert.Equal(HttpStatusCode.OK, (await practice.Owner.Post(page, new Dictionary<string, string> { ["Chairs[0]"] = "jon" }, page + "?handler=Confirm")).StatusCode);
        var join = await practice.Driver.LinkFromHeldMail(Contact, "/join");
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
