using System.Net;
using Knotwork.Data;
using Knotwork.Web.Tests.Accounts;
using Knotwork.Web.Tests.Pages.Practice;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Knotwork.Web.Tests.Pages.Events;

/// <summary>
/// Chair massage events on the web (issue 11): an employer asks and sees the price, the owner confirms over the
/// therapists' time, employees book their own slots with the e-mailed link, cancel, and wait; the employer's roster.
/// </summary>
public sealed partial class ChairEventPagesTests
{
    private const string Contact = "casey@acme.test";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Request_SeeThePriceThenSend_StoresTheRequest_AndMailsTheContactASummary()
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        var employer = new Browser(practice.App);
        Assert.Contains("See the price", await employer.Html("/events/request"), StringComparison.Ordinal);

        var quote = await employer.Post("/events/request", Form(practice.NextTuesday, "13:00", "15:00", chairs: "2", slot: "15"), "/events/request?handler=Quote");
        var quoted = await quote.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.OK, quote.StatusCode);
        Assert.Contains("$360.00", quoted, StringComparison.Ordinal); // 2 chairs x 2 hours x $90 in Lancaster
        Assert.Contains("Send the request", quoted, StringComparison.Ordinal);
        Assert.Equal(0, await CountEvents(practice));

        var sent = await employer.Post("/events/request", Form(practice.NextTuesday, "13:00", "15:00", chairs: "2", slot: "15"), "/events/request?handler=Send");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("your request is sent", await sent.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(1, await CountEvents(practice));
        var mail = await LatestMail(practice, Contact);
        Assert.Contains("$360.00", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Acme Widgets", mail.Body, StringComparison.Ordinal);
        Assert.Contains(await practice.Audit(), a => a.Item1 == "create" && a.Item2 == "chair-event");

        var list = await practice.Owner.Html("/practice/events");
        Assert.Contains("Acme Widgets", list, StringComparison.Ordinal);
        Assert.Contains("Requested", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_HostileOrWrongInput_GetsThePageAgainWithAMessagePerField_NeverA5xx()
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        var employer = new Browser(practice.App);
        var huge = new string('x', 200_000);
        var form = new Dictionary<string, string>
        {
            ["Input.Company"] = huge, ["Input.ContactName"] = "Casey\u0001", ["Input.ContactEmail"] = "not-an-address", ["Input.ContactPhone"] = huge,
            ["Input.Address"] = "", ["Input.Zip"] = huge, ["Input.Date"] = "2027-13-45", ["Input.Start"] = "25:99", ["Input.End"] = "<script>",
            ["Input.Chairs"] = "99999999999", ["Input.SlotMinutes"] = "abc", ["Input.Notes"] = huge,
        };
        foreach (var handler in new[] { "Quote", "Send" })
        {
            var response = await employer.Post("/events/request", form, "/events/request?handler=" + handler);
            var html = await response.Content.ReadAsStringAsync(Token);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            foreach (var field in new[] { "company", "contactName", "contactEmail", "contactPhone", "address", "zip", "date", "start", "end", "chairs", "slotMinutes", "notes" })
                Assert.Contains($"id=\"err-{field}\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        }

        var past = await employer.Post("/events/request", Form(practice.NextTuesday.PlusDays(-14), "13:00", "15:00", chairs: "7", slot: "25"), "/events/request?handler=Quote");
        var pastHtml = await past.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("has passed", pastHtml, StringComparison.Ordinal);
        Assert.Contains("at most 6 chairs", pastHtml, StringComparison.Ordinal);
        Assert.Equal(0, await CountEvents(practice));
    }

    [Fact]
    public async Task Confirm_OverMariasVisit_IsRefusedInWords_WithJon_GivesTheLinks_ThenEmployeesBookCancelAndWait()
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        var day = practice.NextTuesday;
        var one = (await practice.MariasSlots("93534", day)).First(s => s.Contains("T13:00", StringComparison.Ordinal));
        await practice.Book(one, "93534", "Visit Client", "9 Elm St", null);

        // One chair, one 20-minute slot: the event is full after one employee.
        var employer = new Browser(practice.App);
        var sent = await employer.Post("/events/request", Form(day, "13:00", "13:20", chairs: "1", slot: "20"), "/events/request?handler=Send");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var id = await EventId(practice);
        var page = $"/practice/events/{id}";
        Assert.Equal(HttpStatusCode.NotFound, (await practice.Owner.Get($"/practice/events/{Guid.NewGuid()}")).StatusCode);

        var refused = await practice.Owner.Post(page, new Dictionary<string, string> { ["Chairs[0]"] = "maria" }, page + "?handler=Confirm");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Maria Alvarez is already booked", await refused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        var confirmed = await practice.Owner.Post(page, new Dictionary<string, string> { ["Chairs[0]"] = "jon" }, page + "?handler=Confirm");
        var confirmedHtml = await confirmed.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("employee-link", confirmedHtml, StringComparison.Ordinal);
        Assert.Contains("roster-link", confirmedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("employee-link", await practice.Owner.Html(page), StringComparison.Ordinal); // shown once
        Assert.Contains(await practice.Audit(), a => a.Item2 == "chair-event" && a.Item4 == "confirmed with jon");

        var join = await practice.Driver.LinkFromHeldMail(Contact, "/join");
        var roster = await practice.Driver.LinkFromHeldMail(Contact, "/roster");
        Assert.Contains(id.ToString(), join, StringComparison.Ordinal);

        // Erin books the only slot with the e-mailed link and gets the calendar file and a cancel link.
        var erin = new Browser(practice.App);
        Assert.Contains("1:00 PM", await erin.Html(join), StringComparison.Ordinal);
        var booked = await erin.Post(join, Employee("Erin Employee", "erin@example.com", injury: "yes", note: "left shoulder surgery in May"), join + "&handler=Book");
        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        Assert.Contains("You are booked", await booked.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var erinsMail = await LatestMail(practice, "erin@example.com");
        Assert.Contains("slot.ics", erinsMail.Attachments, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VCALENDAR", erinsMail.Attachments, StringComparison.Ordinal);
        Assert.Contains("Chair massage at Acme Widgets", erinsMail.Attachments, StringComparison.Ordinal);

        // Finn asks for the same slot: it is gone, so he joins the waiting list.
        var finn = new Browser(practice.App);
        var second = await finn.Post(join, Employee("Finn Second", "finn@example.com"), join + "&handler=Book");
        var secondHtml = await second.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("waiting list", secondHtml, StringComparison.Ordinal);
        var waiting = await finn.Post(join, new Dictionary<string, string> { ["Input.Name"] = "Finn Second", ["Input.Email"] = "finn@example.com" }, join + "&handler=Wait");
        Assert.Equal(HttpStatusCode.OK, waiting.StatusCode);
        Assert.Contains("You are number 1", await waiting.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        // The roster: names and times, never the screening answers or e-mail addresses.
        var rosterHtml = await employer.Html(roster);
        Assert.Contains("Erin Employee", rosterHtml, StringComparison.Ordinal);
        Assert.Contains("1:00 PM", rosterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("shoulder", rosterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("erin@example.com", rosterHtml, StringComparison.Ordinal);

        // Erin cancels from her e-mail: the slot goes to Finn, who is told.
        var cancel = await practice.Driver.LinkFromHeldMail("erin@example.com", "/events/slots/cancel");
        Assert.Contains("Cancel my slot", await erin.Html(cancel), StringComparison.Ordinal);
        var cancelled = await erin.Post(cancel, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Contains("This slot is cancelled", await erin.Html(cancel), StringComparison.Ordinal);
        var erinsCancellation = Assert.Single(await Mails(practice, "erin@example.com"), m => m.Attachments.Contains("METHOD:CANCEL", StringComparison.Ordinal));
        Assert.Contains("is cancelled, and free for a colleague", erinsCancellation.Body, StringComparison.Ordinal);
        var finnsMail = await LatestMail(practice, "finn@example.com");
        Assert.Contains("A slot came free and it is yours", finnsMail.Body, StringComparison.Ordinal);
        Assert.Contains("slot.ics", finnsMail.Attachments, StringComparison.Ordinal);
        Assert.Contains("answer three short questions", finnsMail.Body, StringComparison.Ordinal);

        // Finn never answered the screening: his slot page asks, refuses half an answer, and passes his answers to Jon only.
        var finnsSlot = await practice.Driver.LinkFromHeldMail("finn@example.com", "/events/slots/cancel");
        Assert.Contains("Three questions before your slot", await finn.Html(finnsSlot), StringComparison.Ordinal);
        Assert.Contains("Screening not answered yet", await practice.Jon.Html(page + "/attendance"), StringComparison.Ordinal);
        var half = await finn.Post(finnsSlot, new Dictionary<string, string> { ["Input.Injury"] = "no", ["Input.Condition"] = "maybe" }, finnsSlot + "&handler=Screening");
        Assert.Equal(HttpStatusCode.BadRequest, half.StatusCode);
        Assert.Contains("Answer the three questions", await half.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var answers = new Dictionary<string, string> { ["Input.Injury"] = "no", ["Input.Condition"] = "no", ["Input.Avoid"] = "yes", ["Input.Note"] = "not the neck please" };
        var answered = await finn.Post(finnsSlot, answers, finnsSlot + "&handler=Screening");
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("Your therapist will read your answers", await answered.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.DoesNotContain("Three questions before your slot", await finn.Html(finnsSlot), StringComparison.Ordinal);
        var jonsList = await practice.Jon.Html(page + "/attendance");
        Assert.Contains("Prefers not to be touched somewhere", jonsList, StringComparison.Ordinal);
        Assert.Contains("not the neck please", jonsList, StringComparison.Ordinal);
        Assert.Contains(await practice.Audit(), a => a.Item2 == "chair-event" && a.Item4?.StartsWith("screening of slot", StringComparison.Ordinal) == true);
        rosterHtml = await employer.Html(roster);
        Assert.Contains("Finn Second", rosterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Erin Employee", rosterHtml, StringComparison.Ordinal);

        // Wrong tokens, or one link's token on another page, are 404s.
        var wrong = join.Replace("token=", "token=x", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.Get(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.Get(roster.Replace("token=", "token=x", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.Get(cancel.Replace("token=", "token=x", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.Get(join.Split('?')[0] + "?" + roster.Split('?')[1])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.Get($"/events/{Guid.NewGuid()}/join?" + join.Split('?')[1])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.Get("/events/slots/cancel?token=" + new string('a', 5000))).StatusCode);

        // The employer closes the sign-up: employees can no longer book.
        var closed = await employer.Post(roster, new Dictionary<string, string>(), roster + "&handler=Close");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Contains("The sign-up is closed", await employer.Html(roster), StringComparison.Ordinal);
        Assert.Contains("The sign-up for this event is closed", await erin.Html(join), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_HostileInput_GetsA4xx_NeverA5xx()
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        var page = await RequestAnHourWithOneChair(practice, new Browser(practice.App));
        var huge = new string('y', 100_000);
        foreach (var chairs in new[] { huge, "nobody", "" })
        {
            var badConfirm = await practice.Owner.Post(page, new Dictionary<string, string> { ["Chairs[0]"] = chairs }, page + "?handler=Confirm");
            Assert.True((int)badConfirm.StatusCode is >= 400 and < 500, $"got {(int)badConfirm.StatusCode}");
        }

        var join = await ConfirmWithJon(practice, page);

        // Ann takes the 1:00 PM slot; Bob asking for it too is told it is gone and shown the others.
        Assert.Equal(HttpStatusCode.OK, (await new Browser(practice.App).Post(join, Employee("Ann First", "ann@example.com"), join + "&handler=Book")).StatusCode);
        var taken = await new Browser(practice.App).Post(join, Employee("Bob Second", "bob@example.com"), join + "&handler=Book");
        var takenHtml = await taken.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("Someone took that slot", takenHtml, StringComparison.Ordinal);
        Assert.Contains("1:20 PM", takenHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"1-1300\"", takenHtml, StringComparison.Ordinal);

        var attempts = new[]
        {
            Employee(huge, "a@example.com"),
            Employee("Ann", huge),
            Employee("Ann", "a@example.com", slot: huge),
            Employee("Ann", "a@example.com", slot: "9-9999"),
            Employee("Ann", "a@example.com", injury: "maybe"),
            Employee("Ann", "a@example.com", note: huge),
        };
        foreach (var form in attempts)
        {
            var response = await new Browser(practice.App).Post(join, form, join + "&handler=Book");
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"got {(int)response.StatusCode}");
        }

    }

    [Fact]
    public async Task Attendance_TheAssignedTherapistSeesTheScreening_RecordsCameOnceTheSlotStarted_AndTheSummaryCountsIt()
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        var employer = new Browser(practice.App);
        var page = await RequestAnHourWithOneChair(practice, employer);
        Assert.Equal(HttpStatusCode.NotFound, (await practice.Jon.Get(page + "/attendance")).StatusCode); // not confirmed yet
        var join = await ConfirmWithJon(practice, page);
        var booked = await new Browser(practice.App).Post(join, Employee("Erin Employee", "erin@example.com", injury: "yes", note: "left shoulder surgery in May"), join + "&handler=Book");
        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);

        var attendance = page + "/attendance";
        var html = await practice.Jon.Html(attendance);
        Assert.Contains("Erin Employee", html, StringComparison.Ordinal);
        Assert.Contains("Recent injury or surgery", html, StringComparison.Ordinal);
        Assert.Contains("left shoulder surgery in May", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await practice.Maria.Get(attendance)).StatusCode); // not at this event
        Assert.Contains("Drive time", await practice.Owner.Html(attendance), StringComparison.Ordinal);
        var slot = SlotRegex().Match(html).Groups[1].Value;
        var early = await practice.Jon.Post(attendance, new Dictionary<string, string> { ["slot"] = slot, ["attendance"] = "came" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("has not started yet", await early.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        // Half an hour into the event, Jon signs in on the day (the authenticator follows the moved clock) and records Erin.
        var jon = await SignInOnTheDayAt(practice, new LocalTime(13, 30), practice.Jon, "jon@knotwork.test");
        var came = await jon.Post(attendance, new Dictionary<string, string> { ["slot"] = slot, ["attendance"] = "came" });
        Assert.Equal(HttpStatusCode.Redirect, came.StatusCode);
        html = await jon.Html(attendance);
        Assert.Contains("<span class=\"attendance-status\">Came</span>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Attended</dt><dd>1</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Slots offered</dt><dd>3</dd>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Drive time", html, StringComparison.Ordinal); // the owner's figure
        var roster = await practice.Driver.LinkFromHeldMail(Contact, "/roster");
        Assert.Contains("3 slots offered, 1 taken, 1 attended", await employer.Html(roster), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await jon.Post(attendance, new Dictionary<string, string> { ["slot"] = Guid.NewGuid().ToString(), ["attendance"] = "came" })).StatusCode);
    }

    [Fact]
    public async Task Reminder_GoesToEachEmployeeOnceADayBefore_WithTheCancelLink_AndNotToACancelledSlot()
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        var join = await ConfirmWithJon(practice, await RequestAnHourWithOneChair(practice, new Browser(practice.App)));
        await new Browser(practice.App).Post(join, Employee("Erin Employee", "erin@example.com", slot: "1-1300"), join + "&handler=Book");
        await new Browser(practice.App).Post(join, Employee("Finn Employee", "finn@example.com", slot: "1-1320"), join + "&handler=Book");
        var finnCancel = await practice.Driver.LinkFromHeldMail("finn@example.com", "/events/slots/cancel");
        var finn = new Browser(practice.App);
        Assert.True((int)(await finn.Post(finnCancel, new Dictionary<string, string>())).StatusCode < 400, "Finn cancels his slot");

        async Task<int> Sweep()
        {
            await using var scope = practice.App.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Knotwork.Web.Calendar.EventReminderSweep>().RunAsync(Token);
        }

        Assert.Equal(0, await Sweep()); // days ahead: not yet
        practice.Clock.Now = practice.NextTuesday.At(new LocalTime(14, 0)).InZoneLeniently(TherapistDayTests.LosAngeles).ToDateTimeOffset().AddDays(-1);
        Assert.Equal(1, await Sweep()); // Erin; Finn cancelled
        Assert.Equal(0, await Sweep()); // once, however often the sweep runs

        var (body, _) = await LatestMail(practice, "erin@example.com");
        Assert.Contains("A reminder of your chair massage", body, StringComparison.Ordinal);
        Assert.Contains("/events/slots/cancel?token=", body, StringComparison.Ordinal);
        var cancel = await practice.Driver.LinkFromHeldMail("erin@example.com", "/events/slots/cancel");
        Assert.Equal(HttpStatusCode.OK, (await new Browser(practice.App).Get(cancel)).StatusCode); // the reminder's link opens the slot
        Assert.DoesNotContain("A reminder", (await LatestMail(practice, "finn@example.com")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decline_ARequest_MarksItDeclined_AndItCanNoLongerBeConfirmed()
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        var page = await RequestAnHourWithOneChair(practice, new Browser(practice.App));
        Assert.Contains("/account/denied", (await practice.Jon.Get(page)).Headers.Location?.OriginalString ?? "", StringComparison.Ordinal); // owner only
        var declined = await practice.Owner.Post(page, new Dictionary<string, string>(), page + "?handler=Decline");
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        var html = await practice.Owner.Html(page);
        Assert.Contains("Declined", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Confirm the event", html, StringComparison.Ordinal);
        Assert.Contains(await practice.Audit(), a => a.Item2 == "chair-event" && a.Item4 == "declined");
        Assert.Contains(await Mails(practice, Contact), m => m.Body.Contains("we cannot take it on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CallOff_ByTheOwner_MailsEachBookedEmployeeACalendarCancellation_AndTheWaitingList_AndTheJoinLinkSaysSo_ButNotByATherapist()
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        var employer = new Browser(practice.App);
        await employer.Post("/events/request", Form(practice.NextTuesday, "13:00", "14:00", chairs: "1", slot: "20"), "/events/request?handler=Send");
        var id = await EventId(practice);
        var page = $"/practice/events/{id}";
        Assert.Equal(HttpStatusCode.OK, (await practice.Owner.Post(page, new Dictionary<string, string> { ["Chairs[0]"] = "jon" }, page + "?handler=Confirm")).StatusCode);
        var join = await practice.Driver.LinkFromHeldMail(Contact, "/join");
        var roster = await practice.Driver.LinkFromHeldMail(Contact, "/roster");
        Assert.Equal(HttpStatusCode.OK, (await new Browser(practice.App).Post(join, Employee("Erin Employee", "erin@example.com", slot: "1-1300"), join + "&handler=Book")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await new Browser(practice.App).Post(join, Employee("Finn Employee", "finn@example.com", slot: "1-1320"), join + "&handler=Book")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await new Browser(practice.App).Post(join, Employee("Hana Employee", "hana@example.com", slot: "1-1340"), join + "&handler=Book")).StatusCode);
        var ivan = new Browser(practice.App);
        Assert.Equal(HttpStatusCode.OK, (await ivan.Post(join, new Dictionary<string, string> { ["Input.Name"] = "Ivan Waiting", ["Input.Email"] = "ivan@example.com" }, join + "&handler=Wait")).StatusCode);
        var callOff = new Dictionary<string, string> { ["confirm"] = "yes" };
        var gail = new Browser(practice.App);
        var gailsForm = Browser.AntiforgeryToken(await gail.Html(join)); // Gail has the page open, and books after the call-off

        // Jon works the event but is not the owner: he cannot call it off (his form token from his attendance page).
        var byJon = await practice.Jon.Post(page + "/attendance", callOff, page + "?handler=CallOff");
        Assert.True(byJon.StatusCode == HttpStatusCode.Forbidden || (byJon.Headers.Location?.OriginalString ?? "").Contains("/account/denied", StringComparison.Ordinal), $"got {(int)byJon.StatusCode}");
        var before = await practice.Owner.Html(page);
        Assert.Contains("<dd>Confirmed</dd>", before, StringComparison.Ordinal);
        Assert.Contains("The 3 employees who booked are e-mailed a calendar cancellation", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await practice.Owner.Post(page, new Dictionary<string, string>(), page + "?handler=CallOff")).StatusCode); // the box not ticked
        Assert.Contains("<dd>Confirmed</dd>", await practice.Owner.Html(page), StringComparison.Ordinal);

        var calledOff = await practice.Owner.Post(page, callOff, page + "?handler=CallOff");
        var calledOffHtml = await calledOff.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.OK, calledOff.StatusCode);
        Assert.Contains("We e-mailed 3 booked employees, 1 on the waiting list", calledOffHtml, StringComparison.Ordinal);
        Assert.Contains("<dd>Called off</dd>", calledOffHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Call off this event", calledOffHtml, StringComparison.Ordinal);
        Assert.Contains(await practice.Audit(), a => a.Item1 == "cancel" && a.Item2 == "chair-event" && a.Item4 == "called off; 3 booked employees and 1 on the waiting list told");

        // Each employee's calendar drops the slot: a CANCEL of the invitation's UID, at a higher SEQUENCE.
        foreach (var email in new[] { "erin@example.com", "finn@example.com", "hana@example.com" })
        {
            var (body, attachments) = Assert.Single(await Mails(practice, email), m => m.Body.Contains("is called off", StringComparison.Ordinal));
            Assert.Contains("method=CANCEL", attachments, StringComparison.Ordinal);
            Assert.Contains("METHOD:CANCEL", attachments, StringComparison.Ordinal);
            Assert.Contains("STATUS:CANCELLED", attachments, StringComparison.Ordinal);
            Assert.Contains("SEQUENCE:1", attachments, StringComparison.Ordinal);
        }

        var erinsMail = await Mails(practice, "erin@example.com");
        var erinsInvitation = Assert.Single(erinsMail, m => m.Attachments.Contains("METHOD:REQUEST", StringComparison.Ordinal)).Attachments;
        var erinsCancellation = Assert.Single(erinsMail, m => m.Attachments.Contains("METHOD:CANCEL", StringComparison.Ordinal)).Attachments;
        Assert.Equal(UidRegex().Match(erinsInvitation).Groups[1].Value, UidRegex().Match(erinsCancellation).Groups[1].Value);
        Assert.Contains("SEQUENCE:0", erinsInvitation, StringComparison.Ordinal);
        Assert.Contains(await Mails(practice, Contact), m => m.Body.Contains("we have had to call off", StringComparison.Ordinal) && m.Body.Contains("the 3 employees", StringComparison.Ordinal));
        Assert.Contains(await Mails(practice, "ivan@example.com"), m => m.Body.Contains("its waiting list is closed", StringComparison.Ordinal));

        // The employees' link, the roster and the slot's own link say it is called off; nobody can book.
        var joinHtml = await new Browser(practice.App).Html(join);
        Assert.Contains("This event has been called off", joinHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Book my slot", joinHtml, StringComparison.Ordinal);
        using var gailsPost = new FormUrlEncodedContent(new Dictionary<string, string>(Employee("Gail Late", "gail@example.com", slot: "1-1340")) { ["__RequestVerificationToken"] = gailsForm });
        var late = await gail.Http.PostAsync(new Uri(join + "&handler=Book", UriKind.Relative), gailsPost, Token);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("This event has been called off", await late.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Contains("This event has been called off", await employer.Html(roster), StringComparison.Ordinal);
        var erinsLink = await practice.Driver.LinkFromHeldMail("erin@example.com", "/events/slots/cancel");
        var slotHtml = await new Browser(practice.App).Html(erinsLink);
        Assert.Contains("This event has been called off", slotHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Cancel my slot", slotHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_IsRefusedBeforeTheEventEnds_AndAfterItShowsTheFinalFigures()
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        await new Browser(practice.App).Post("/events/request", Form(practice.NextTuesday, "13:00", "14:00", chairs: "1", slot: "20"), "/events/request?handler=Send");
        var id = await EventId(practice);
        var page = $"/practice/events/{id}";
        Assert.Equal(HttpStatusCode.OK, (await practice.Owner.Post(page, new Dictionary<string, string> { ["Chairs[0]"] = "jon" }, page + "?handler=Confirm")).StatusCode);
        var join = await practice.Driver.LinkFromHeldMail(Contact, "/join");
        Assert.Equal(HttpStatusCode.OK, (await new Browser(practice.App).Post(join, Employee("Erin Employee", "erin@example.com"), join + "&handler=Book")).StatusCode);
        Assert.DoesNotContain("Close the event", await practice.Owner.Html(page), StringComparison.Ordinal);
        var early = await practice.Owner.Post(page, new Dictionary<string, string>(), page + "?handler=Close");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("has not ended yet", await early.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        // After the event the owner signs in on the day (the authenticator follows the moved clock) and closes it.
        var owner = await SignInOnTheDayAt(practice, new LocalTime(14, 30), practice.Owner, "owner@knotwork.test");
        Assert.DoesNotContain("Call off this event", await owner.Html(page), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.Post(page, new Dictionary<string, string>(), page + "?handler=Close")).StatusCode);

        var html = await owner.Html(page);
        Assert.Contains("<dd>Closed</dd>", html, StringComparison.Ordinal);
        Assert.Contains("Final figures", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Slots offered</dt><dd>3</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Taken</dt><dd>1</dd>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Close the event", html, StringComparison.Ordinal);
        Assert.Contains("its figures are final", await owner.Html(page + "/attendance"), StringComparison.Ordinal);
        Assert.Contains(await practice.Audit(), a => a.Item2 == "chair-event" && a.Item4 == "closed; figures final");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"UID:(\S+)")]
    private static partial System.Text.RegularExpressions.Regex UidRegex();

    [System.Text.RegularExpressions.GeneratedRegex("name=\"slot\" value=\"([0-9a-f-]{36})\"")]
    private static partial System.Text.RegularExpressions.Regex SlotRegex();

    private static Dictionary<string, string> Form(LocalDate day, string start, string end, string chairs, string slot) => new()
    {
        ["Input.Company"] = "Acme Widgets", ["Input.ContactName"] = "Casey Contact", ["Input.ContactEmail"] = Contact,
        ["Input.ContactPhone"] = "(661) 555-0100", ["Input.Address"] = "1 Industry Way", ["Input.Zip"] = "93534",
        ["Input.Date"] = TherapistDayTests.Date(day), ["Input.Start"] = start, ["Input.End"] = end, ["Input.Chairs"] = chairs,
        ["Input.SlotMinutes"] = slot, ["Input.Notes"] = "Room 4; park at the back",
    };

    private static Dictionary<string, string> Employee(string name, string email, string slot = "1-1300", string injury = "no", string note = "") => new()
    {
        ["Input.Slot"] = slot, ["Input.Name"] = name, ["Input.Email"] = email,
        ["Input.Injury"] = injury, ["Input.Condition"] = "no", ["Input.Avoid"] = "no", ["Input.Note"] = note,
    };

    /// <summary>The employer asks for one chair next Tuesday, 1:00 to 2:00 PM in 20-minute slots; returns the owner's page of the request.</summary>
    private static async Task<string> RequestAnHourWithOneChair(PracticeWithStaff practice, Browser employer)
    {
        var sent = await employer.Post("/events/request", Form(practice.NextTuesday, "13:00", "14:00", chairs: "1", slot: "20"), "/events/request?handler=Send");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        return $"/practice/events/{await EventId(practice)}";
    }

    /// <summary>
    /// Moves the practice's clock to <paramref name="time"/> on the event's Tuesday and signs <paramref name="staff"/>
    /// in again there, in a new browser (their authenticator follows the moved clock).
    /// </summary>
    private static async Task<Browser> SignInOnTheDayAt(PracticeWithStaff practice, LocalTime time, Browser staff, string email)
    {
        practice.Clock.Now = practice.NextTuesday.At(time).InZoneLeniently(TherapistDayTests.LosAngeles).ToDateTimeOffset();
        var browser = new Browser(practice.App) { AuthenticatorKey = staff.AuthenticatorKey };
        var signIn = await browser.Post("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = PracticeDriver.Password });
        var steps = (int)Math.Round((practice.Clock.Now - DateTimeOffset.UtcNow).TotalSeconds / 30);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Post(signIn.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Code"] = browser.Totp(steps) })).StatusCode);
        return browser;
    }

    /// <summary>The owner confirms the request on <paramref name="page"/> with Jon at its one chair; returns the employees' link mailed to the contact.</summary>
    private static async Task<string> ConfirmWithJon(PracticeWithStaff practice, string page)
    {
        var confirmed = await practice.Owner.Post(page, new Dictionary<string, string> { ["Chairs[0]"] = "jon" }, page + "?handler=Confirm");
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return await practice.Driver.LinkFromHeldMail(Contact, "/join");
    }

    private static async Task<int> CountEvents(PracticeWithStaff practice)
    {
        await using var scope = practice.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KnotworkDbContext>().ChairEvents.CountAsync(Token);
    }

    private static async Task<Guid> EventId(PracticeWithStaff practice)
    {
        await using var scope = practice.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KnotworkDbContext>().ChairEvents.Select(e => e.Id).SingleAsync(Token);
    }

    private static async Task<List<(string Body, string Attachments)>> Mails(PracticeWithStaff practice, string to)
    {
        await using var scope = practice.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var mails = await db.HeldMail.AsNoTracking().Where(m => m.To == to).ToListAsync(Token);
        return [.. mails.Select(m => (m.HtmlBody, System.Text.RegularExpressions.Regex.Unescape(m.AttachmentsJson ?? "")))];
    }

    private static async Task<(string Body, string Attachments)> LatestMail(PracticeWithStaff practice, string to)
    {
        await using var scope = practice.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var mail = await db.HeldMail.AsNoTracking().Where(m => m.To == to).OrderByDescending(m => m.CreatedAtUtc).FirstAsync(Token);
        return (mail.HtmlBody, System.Text.RegularExpressions.Regex.Unescape(mail.AttachmentsJson ?? ""));
    }
}
