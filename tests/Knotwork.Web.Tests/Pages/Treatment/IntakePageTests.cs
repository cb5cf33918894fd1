using System.Net;
using Knotwork.Data;
using Knotwork.Web.Tests.Accounts;
using Knotwork.Web.Tests.Pages.Practice;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests.Pages.Treatment;

/// <summary>
/// The intake before a booked visit (issue 10), over the sample practice: a guest opens it from the confirmation
/// e-mail, marks a calf with a clot's sign, and sees the advice first; the visit is marked for Maria on her day and in
/// the brief. Only the booking's link or its own signed-in client opens it.
/// </summary>
public class IntakePageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A guest booking with Maria next Tuesday; returns the booking and the intake link from its confirmation.</summary>
    private static async Task<(Guid Booking, string Link)> GuestBooking(PracticeWithStaff practice)
    {
        var day = practice.NextTuesday;
        var booking = await practice.Book((await practice.MariasSlots("93536", day))[0], "93536", "Gwen Guest", "12 Hill Rd", null);
        var link = await practice.Driver.LinkFromHeldMail("client@example.com", "/intake/");
        Assert.StartsWith($"/intake/{booking}?token=", link, StringComparison.Ordinal);
        return (booking, link);
    }

    /// <summary>A complete intake for the left calf, answering the swelling question <paramref name="swollen"/>.</summary>
    private static Dictionary<string, string> CalfIntake(bool swollen, bool consent = true, string? skip = null)
    {
        var form = new Dictionary<string, string>
        {
            ["submissionId"] = Guid.NewGuid().ToString(), ["regions"] = "calf.l", ["i-calf.l"] = "7", ["duration"] = "UnderSixWeeks",
            ["worse"] = "Walking", ["worseNote"] = "stairs at work",
            ["cause-sustained-posture"] = "no", ["cause-repetitive-motion"] = "yes", ["cause-acute-overload"] = "no",
            ["cause-stress"] = "no", ["cause-injury-compensation"] = "no",
            ["q-dvt-breathless"] = "no", ["q-dvt-swelling"] = swollen ? "yes" : "no", ["q-dvt-surgery"] = "no", ["q-dvt-immobile"] = "no",
            ["screening"] = "BloodThinners", ["medications"] = "warfarin",
        };
        if (consent)
            form["consentTreatment"] = "yes";
        if (skip is not null)
            form.Remove(skip);
        return form;
    }

    [Fact]
    public async Task AGuest_SendsAnIntakeWithAClotSign_SeesTheAdviceFirst_AndTheVisitIsMarkedForTheTherapist()
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        var (booking, link) = await GuestBooking(practice);
        var guest = new Browser(practice.App);

        var form = await guest.Html(link + "&regions=calf.l");
        Assert.Contains("Before your visit", form, StringComparison.Ordinal);
        Assert.Contains("name=\"q-dvt-swelling\"", form, StringComparison.Ordinal); // the calf brings up the clot questions
        Assert.Contains("name=\"cause-stress\"", form, StringComparison.Ordinal);
        Assert.Contains("name=\"consentTreatment\"", form, StringComparison.Ordinal);

        var sent = await guest.Post(link + "&regions=calf.l", CalfIntake(swollen: true), link);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var thanks = await sent.Content.ReadAsStringAsync(Token);
        var flag = thanks.IndexOf("No deep massage of the leg", StringComparison.Ordinal);
        Assert.True(flag > 0, "the clot's advice is shown");
        Assert.True(flag < thanks.IndexOf("Your therapist will read this before your visit and may contact you first", StringComparison.Ordinal));
        Assert.Contains("Blood thinners", thanks, StringComparison.OrdinalIgnoreCase);

        // Maria's day marks the visit, with the flag and what the client said; the guest now has a record she may see.
        var day = await practice.Maria.Html($"/practice/day?date={TherapistDayTests.Date(practice.NextTuesday)}");
        Assert.Contains("Intake: needs your attention", day, StringComparison.Ordinal);
        Assert.Contains("Leg pain with a sign of a blood clot", day, StringComparison.Ordinal);
        Assert.Contains("Worse with: Walking, stairs at work.", day, StringComparison.Ordinal);
        Assert.Contains("Causes that apply: Repetitive motion", day, StringComparison.OrdinalIgnoreCase);
        var client = await practice.ClientIdOfBooking(booking);
        Assert.Equal(HttpStatusCode.OK, (await practice.Maria.Get($"/clients/{client}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await practice.Jon.Get($"/clients/{client}")).StatusCode);

        // Starting the visit, the brief opens with the intake's flags.
        var started = await practice.Maria.Post($"/practice/day?date={TherapistDayTests.Date(practice.NextTuesday)}",
            new Dictionary<string, string> { ["client"] = client.ToString(), ["booking"] = booking.ToString() }, "/visits/start");
        var visit = started.Headers.Location!.OriginalString.Split('/')[2];
        var brief = await practice.Maria.Html($"/visits/{visit}/brief");
        var intakeAt = brief.IndexOf("Intake: needs your attention", StringComparison.Ordinal);
        Assert.True(intakeAt > 0);
        Assert.True(intakeAt < brief.IndexOf("Muscles to examine", StringComparison.Ordinal));
        Assert.Contains("Left calf 7/10", brief, StringComparison.Ordinal);

        // Once the visit has started, the intake no longer changes.
        Assert.Contains("Your visit has started", await guest.Html(link), StringComparison.Ordinal);

        var audit = await practice.Audit();
        Assert.Contains(("read", "intake", booking.ToString(), "intake opened"), audit);
        Assert.Contains(audit, a => a is ("create", "intake", _, _) && a.Item3 == booking.ToString());
        Assert.DoesNotContain(audit, a => a.Item4 is { } detail && (detail.Contains("calf", StringComparison.OrdinalIgnoreCase) || detail.Contains("warfarin", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AClearIntake_NeedsNoAttention_AndSendingItAgainReplacesIt()
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        var (booking, link) = await GuestBooking(practice);
        var guest = new Browser(practice.App);
        var clear = CalfIntake(swollen: false);
        clear.Remove("screening");
        clear.Remove("medications");

        var sent = await guest.Post(link + "&regions=calf.l", clear, link);
        Assert.Contains("Nothing in it needs a doctor first", await sent.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var again = await guest.Post(link + "&regions=calf.l", clear, link); // a double tap of the same form
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        // Opened again, the form says it was sent and keeps the answers; a new send replaces them.
        var reopened = await guest.Html(link);
        Assert.Contains("You sent this intake already", reopened, StringComparison.Ordinal);
        Assert.Contains("value=\"7\" required checked=\"checked\"", reopened, StringComparison.Ordinal);
        var changed = CalfIntake(swollen: false);
        changed["i-calf.l"] = "3";
        await guest.Post(link, changed, link);

        await using var scope = practice.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var intake = await db.Intakes.SingleAsync(i => i.BookingId == booking, Token);
        Assert.True(intake.NeedsAttention); // the second one reported blood thinners
        var map = Assert.Single(await db.PainMaps.Where(m => m.ClientId == intake.ClientId).ToListAsync(Token));
        Assert.Equal(3, Assert.Single(map.Marks).Intensity);
    }

    [Theory]
    [InlineData("cause-stress", "Answer yes or no to: Have you been under stress lately?")]
    [InlineData("i-calf.l", "Say how much it hurts at left calf")]
    [InlineData("consentTreatment", "agree to the consent to treatment")]
    [InlineData("duration", "Say how long it has hurt.")]
    public async Task AnIncompleteIntake_IsRefusedWithWhatIsMissing_AndNothingIsStored(string missing, string message)
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        var (booking, link) = await GuestBooking(practice);
        var guest = new Browser(practice.App);

        var sent = await guest.Post(link + "&regions=calf.l", CalfIntake(swollen: false, skip: missing), link);

        Assert.Equal(HttpStatusCode.BadRequest, sent.StatusCode);
        Assert.Contains(message, await sent.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        await using var scope = practice.App.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<KnotworkDbContext>().Intakes.AnyAsync(i => i.BookingId == booking, Token));
    }

    [Fact]
    public async Task OnlyTheLinkOrTheBookingsOwnClient_OpensTheIntake()
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        var (booking, link) = await GuestBooking(practice);
        var (owner, ownerId) = await practice.Driver.RegisterClient("Blake Record", "blake@knotwork.test");
        var (stranger, _) = await practice.Driver.RegisterClient("Sam Stranger", "sam@knotwork.test");

        Assert.Equal(HttpStatusCode.NotFound, (await new Browser(practice.App).Get($"/intake/{booking}?token=guess")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await new Browser(practice.App).Get($"/intake/{booking}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Get($"/intake/{booking}")).StatusCode); // not tied to the booking yet
        await using (var scope = practice.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
            await db.Bookings.Where(b => b.Id == booking).ExecuteUpdateAsync(u => u.SetProperty(b => b.ClientId, ownerId), Token);
        }

        Assert.Equal(HttpStatusCode.OK, (await owner.Get($"/intake/{booking}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Get($"/intake/{booking}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await new Browser(practice.App).Get(link)).StatusCode);
        Assert.Contains("You have agreed to the current consent to treatment", await owner.Html($"/intake/{booking}"), StringComparison.Ordinal);
        Assert.Contains(("read-refused", "intake", booking.ToString(), "intake"), await practice.Audit());
    }
}
