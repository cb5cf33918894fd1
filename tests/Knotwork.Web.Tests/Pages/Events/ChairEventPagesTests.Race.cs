using System.Net;
using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Web.Tests.Accounts;
using Knotwork.Web.Tests.Pages.Practice;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests.Pages.Events;

/// <summary>The last slot of an event, wanted by many employees at the same moment, through the page they use.</summary>
public sealed partial class ChairEventPagesTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LastSlot_TwentyEmployeesAtOnce_OneIsBooked_TheRestAreOfferedTheWaitingList(bool postgres)
    {
        await using var practice = await PracticeWithStaff.StartAsync(postgres);
        await new Browser(practice.App).Post("/events/request", Form(practice.NextTuesday, "13:00", "13:20", chairs: "1", slot: "20"), "/events/request?handler=Send");
        var join = await ConfirmWithJon(practice, $"/practice/events/{await EventId(practice)}");

        // Each employee has the page open (and its form token) before they all press "Book my slot" together.
        var employees = Enumerable.Range(0, 20).Select(_ => new Browser(practice.App)).ToList();
        var responses = await Task.WhenAll(employees.Select((e, i) => e.Post(join, Employee($"Employee {i}", $"employee{i}@example.com"), join + "&handler=Book")));

        var pages = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync(Token)));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(pages, p => p.Contains("You are booked", StringComparison.Ordinal));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.All(pages.Where(p => !p.Contains("You are booked", StringComparison.Ordinal)), p => Assert.Contains("waiting list", p, StringComparison.Ordinal));

        await using var scope = practice.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        Assert.Equal(1, await db.EventSlotBookings.CountAsync(b => b.Status == EventSlotStatus.Booked, Token));
        Assert.Equal(1, await db.HeldMail.CountAsync(m => m.To.StartsWith("employee"), Token)); // one confirmation, to the one booked
    }
}
