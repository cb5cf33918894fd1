using System.Text.Encodings.Web;

namespace Knotwork.Web.Mail;

/// <summary>An e-mail's subject and HTML body, every value from a person already encoded, and its attachments.</summary>
internal sealed record MailText(string Subject, string HtmlBody)
{
    /// <summary>Files sent with the message, such as a visit's calendar invitation.</summary>
    public IReadOnlyList<MailAttachment> Attachments { get; init; } = [];
}

/// <summary>A file sent with an e-mail.</summary>
/// <param name="FileName">The name a mail program shows and saves it under.</param>
/// <param name="ContentType">The MIME type with its parameters, such as <c>text/calendar; method=REQUEST; charset=utf-8</c>.</param>
/// <param name="Content">The file's text.</param>
internal sealed record MailAttachment(string FileName, string ContentType, string Content);

/// <summary>
/// The messages Knotwork sends, in one place: the pages say which message and to whom, never how it reads. Every
/// name and link is HTML-encoded here.
/// </summary>
internal static class MailTemplates
{
    /// <summary>To a client who registered: confirm the address.</summary>
    public static MailText ConfirmEmail(string name, string link) => new(
        "Confirm your Knotwork account",
        $"<p>Hello {E(name)},</p><p>Confirm your e-mail address to finish creating your account: {A(link)}</p>");

    /// <summary>To a therapist the owner invited: choose a password.</summary>
    public static MailText TherapistInvitation(string name, string link) => new(
        "You are invited to Knotwork",
        $"<p>Hello {E(name)},</p><p>You have been invited to join the practice as a therapist. Choose your password here: {A(link)}</p><p>You will then set up two-factor sign-in.</p>");

    /// <summary>To a client a therapist added: choose a password.</summary>
    public static MailText ClientInvitation(string name, string link) => new(
        "Your Knotwork account",
        $"<p>Hello {E(name)},</p><p>Your therapist has made you an account to share where it hurts before your visit. Choose a password here: {A(link)}</p>");

    /// <summary>To a person who asked to reset their password: a link that works once and expires.</summary>
    public static MailText PasswordReset(string name, string link, TimeSpan lifetime) => new(
        "Reset your Knotwork password",
        $"<p>Hello {E(name)},</p><p>Someone (we hope you) asked to reset the password of your Knotwork account. Choose a new password here: {A(link)}</p>" +
        $"<p>The link works once, for {(int)lifetime.TotalMinutes} minutes. If you did not ask, ignore this message: your password stays as it is.</p>");

    /// <summary>To a person whose password was changed or reset: so a change they did not make is noticed.</summary>
    public static MailText PasswordChanged(string name) => new(
        "Your Knotwork password was changed",
        $"<p>Hello {E(name)},</p><p>The password of your Knotwork account was just changed, and every other session of the account was signed out. If this was not you, reset your password now and tell the practice.</p>");

    /// <summary>
    /// To a client who booked a visit: when and where, the price, the private link to change or cancel it (the only way
    /// a guest can), the private link to the intake before the visit (<paramref name="intakeLink"/>), with the visit as a calendar invitation (<paramref name="calendar"/>, iCalendar text).
    /// </summary>
    public static MailText VisitBooked(VisitSummary visit, string manageLink, string intakeLink, string calendar) => new(
        $"Your massage visit on {visit.When}",
        $"<p>Hello {E(visit.ClientName)},</p><p>Your visit is booked.</p>" +
        $"<ul><li><strong>{E(visit.Service)}</strong></li><li>{E(visit.When)} ({E(visit.TimeZone)})</li><li>At {E(visit.Address)}</li>" +
        $"<li>With {E(visit.Therapist)}, who arrives a few minutes early to set up</li><li>Price: {E(visit.Price)}</li></ul>" +
        $"<p>The attached invitation (visit.ics) adds the visit to your calendar.</p>" +
        $"<p>Before the visit, tell your therapist where it hurts and how you are (a few minutes of taps): {A(intakeLink)}</p>" +
        $"<p>To see, change or cancel your visit, use this private link (keep it to yourself): {A(manageLink)}</p>" +
        $"<p>{E(visit.CancellationRule)}</p>")
    {
        Attachments = [new MailAttachment("visit.ics", "text/calendar; method=REQUEST; charset=utf-8", calendar)],
    };

    /// <summary>To a client two days after a visit: three quick questions, through a private link.</summary>
    public static MailText CheckIn(string name, string link) => new(
        "How are you feeling after your massage?",
        $"<p>Hello {E(name)},</p><p>It has been two days since your visit. Three quick questions (a minute, no typing) " +
        "tell your therapist how it went: soreness, the pain you came for, and how it has changed.</p>" +
        $"<p>Answer here (a private link, keep it to yourself): {A(link)}</p>");

    /// <summary>To a client after their therapist signed the visit's note: the link to their aftercare.</summary>
    public static MailText Aftercare(string name, string link) => new(
        "Your aftercare after today's massage",
        $"<p>Hello {E(name)},</p><p>Thank you for your visit. Your aftercare is ready: which points we worked and where they sent " +
        "pain, what soreness to expect in the next day or two, self-care for those muscles, and when to seek care instead.</p>" +
        $"<p>Read it here (sign in to your account): {A(link)}</p>");

    /// <summary>
    /// To a client whose visit the practice changed (<paramref name="change"/>: "Your visit is now with Ana Reyes.") or
    /// cancelled: the visit as it stands and the updated calendar file, which replaces the one sent before.
    /// </summary>
    public static MailText VisitChanged(VisitSummary visit, string change, string manageLink, string calendar, bool cancelled) => new(
        (cancelled ? "Cancelled: your massage visit on " : "Changed: your massage visit on ") + visit.When,
        $"<p>Hello {E(visit.ClientName)},</p><p>{E(change)}</p>" +
        $"<ul><li><strong>{E(visit.Service)}</strong></li><li>{E(visit.When)} ({E(visit.TimeZone)})</li><li>At {E(visit.Address)}</li>" +
        (cancelled ? "" : $"<li>With {E(visit.Therapist)}</li>") + "</ul>" +
        $"<p>The attached file (visit.ics) updates the visit in your calendar.</p>" +
        $"<p>Your private link: {A(manageLink)}. Questions? Reply to this e-mail or call the practice.</p>")
    {
        Attachments = [new MailAttachment("visit.ics", $"text/calendar; method={(cancelled ? "CANCEL" : "REQUEST")}; charset=utf-8", calendar)],
    };

    /// <summary>
    /// To a client, the lead time (24 hours by default) before a visit: when, what and where, and the private link to
    /// see, change or cancel it (the same link as in the confirmation).
    /// </summary>
    public static MailText Reminder(string name, string service, string when, string address, string? therapist, string manageLink) => new(
        "Reminder: your massage " + when,
        $"<p>Hello {E(name)},</p><p>A reminder of your {E(service)} on {E(when)} at {E(address)}" +
        (therapist is null ? "." : $", with {E(therapist)}.") +
        "</p><p>Please have a space of about 7 by 10 feet clear for the table.</p>" +
        $"<p>To see, change or cancel your visit, use this private link (keep it to yourself), or contact the practice: {A(manageLink)}</p>");

    /// <summary>To an employer who asked for a chair massage event: what they asked for and the price quoted; the practice answers next.</summary>
    public static MailText EventRequested(string contactName, string company, string when, string address, int chairs, int slotMinutes, string price) => new(
        $"Your chair massage request for {company}",
        $"<p>Hello {E(contactName)},</p><p>Thank you: we have your request for a chair massage event at {E(company)}.</p>" +
        $"<ul><li>{E(when)}</li><li>At {E(address)}</li><li>{chairs} {(chairs == 1 ? "chair" : "chairs")}, {slotMinutes}-minute slots</li><li>Quoted price: {E(price)}</li></ul>" +
        "<p>We check that our therapists are free and write back to confirm. Nothing is booked until then.</p>");

    /// <summary>
    /// To an employer whose event the practice confirmed: the private link to pass to the employees (<paramref name="employeeLink"/>)
    /// and their own roster link (<paramref name="rosterLink"/>), which also closes the sign-up.
    /// </summary>
    public static MailText EventConfirmed(string contactName, string company, string when, string employeeLink, string rosterLink) => new(
        $"Confirmed: chair massage at {company}, {when}",
        $"<p>Hello {E(contactName)},</p><p>Your chair massage event at {E(company)} on {E(when)} is confirmed.</p>" +
        $"<p>Send this link to your employees; each books their own slot (keep it within the company): {A(employeeLink)}</p>" +
        $"<p>Your roster, with who comes when, and the button to close the sign-up (keep this one to yourself): {A(rosterLink)}</p>");

    /// <summary>
    /// To an employee who booked (or was given from the waiting list, <paramref name="fromWaitingList"/>) a slot at a
    /// chair massage event: when and where, the private cancel link, and the slot as a calendar invitation (slot.ics).
    /// </summary>
    public static MailText EventSlotBooked(string name, string company, string when, string address, string cancelLink, string calendar, bool fromWaitingList) => new(
        $"Your chair massage at {company}: {when}",
        $"<p>Hello {E(name)},</p><p>{(fromWaitingList ? "A slot came free and it is yours" : "Your slot is booked")}: chair massage at {E(company)}, {E(when)}, at {E(address)}.</p>" +
        "<p>The attached invitation (slot.ics) adds it to your calendar. Wear comfortable clothes; the massage is given through them.</p>" +
        (fromWaitingList
            ? $"<p>Before your slot, please answer three short questions for your therapist (your employer never sees them) on your slot's page: {A(cancelLink)}</p>" +
              "<p>Cannot come? Cancel on the same page, so the next colleague can take the slot (a private link, keep it to yourself).</p>"
            : $"<p>Cannot come? Cancel here, so a colleague can take the slot (a private link, keep it to yourself): {A(cancelLink)}</p>"))
    {
        Attachments = [new MailAttachment("slot.ics", "text/calendar; method=REQUEST; charset=utf-8", calendar)],
    };

    /// <summary>To an employee, the reminder lead (24 hours by default) before their chair massage slot, with the cancel link.</summary>
    public static MailText EventSlotReminder(string name, string company, string when, string address, string cancelLink) => new(
        $"Reminder: your chair massage at {company}, {when}",
        $"<p>Hello {E(name)},</p><p>A reminder of your chair massage at {E(company)}, {E(when)}, at {E(address)}. " +
        "It takes place through your clothes; come a minute early.</p>" +
        $"<p>Cannot come? Cancel here, so a colleague can take the slot (a private link, keep it to yourself): {A(cancelLink)}</p>");

    /// <summary>
    /// To an employee whose chair massage event the practice called off: their slot is gone, and the attached
    /// cancellation (slot.ics, METHOD:CANCEL, the invitation's UID) takes it out of their calendar.
    /// </summary>
    public static MailText EventSlotCalledOff(string name, string company, string when, string calendar) => new(
        $"Called off: chair massage at {company}, {when}",
        $"<p>Hello {E(name)},</p><p>We are sorry: the chair massage event at {E(company)} is called off, so your slot on {E(when)} will not take place.</p>" +
        "<p>The attached file (slot.ics) removes it from your calendar. There is nothing for you to do.</p>")
    {
        Attachments = [new MailAttachment("slot.ics", "text/calendar; method=CANCEL; charset=utf-8", calendar)],
    };

    /// <summary>To an employer whose chair massage event the practice called off: that it will not take place, and how many employees were told.</summary>
    public static MailText EventCalledOff(string contactName, string company, string when, int employeesTold) => new(
        $"Called off: chair massage at {company}, {when}",
        $"<p>Hello {E(contactName)},</p><p>We are sorry: we have had to call off the chair massage event at {E(company)} on {E(when)}.</p>" +
        (employeesTold == 0
            ? "<p>No employee had booked a slot yet; the employees' link no longer offers slots.</p>"
            : $"<p>We e-mailed the {employeesTold} {(employeesTold == 1 ? "employee" : "employees")} who had booked a slot; the employees' link no longer offers slots.</p>") +
        "<p>Questions? Reply to this e-mail or call the practice.</p>");

    /// <summary>To someone on the waiting list of a chair massage event the practice called off: the list is closed.</summary>
    public static MailText EventWaitingListCalledOff(string name, string company, string when) => new(
        $"Called off: chair massage at {company}, {when}",
        $"<p>Hello {E(name)},</p><p>We are sorry: the chair massage event at {E(company)} on {E(when)} is called off, so its waiting list is closed. There is nothing for you to do.</p>");

    /// <summary>To an employee who cancelled their chair massage slot: it is freed, and the calendar file (slot.ics) takes it out of their calendar.</summary>
    public static MailText EventSlotCancelled(string name, string company, string when, string calendar) => new(
        $"Cancelled: your chair massage at {company}, {when}",
        $"<p>Hello {E(name)},</p><p>Your chair massage slot at {E(company)} on {E(when)} is cancelled, and free for a colleague. Thank you for letting us know.</p>" +
        "<p>The attached file (slot.ics) removes it from your calendar.</p>")
    {
        Attachments = [new MailAttachment("slot.ics", "text/calendar; method=CANCEL; charset=utf-8", calendar)],
    };

    /// <summary>To an employer whose chair massage event request the practice declined.</summary>
    public static MailText EventDeclined(string contactName, string company, string when) => new(
        $"Your chair massage request for {company}, {when}",
        $"<p>Hello {E(contactName)},</p><p>Thank you for asking us to bring chair massage to {E(company)} on {E(when)}. We are sorry: we cannot take it on.</p>" +
        "<p>Another day may well work: you are welcome to ask again, or reply to this e-mail to find a day together.</p>");

    private static string E(string text) => HtmlEncoder.Default.Encode(text);

    private static string A(string link) => $"<a href=\"{E(link)}\">{E(link)}</a>";
}

/// <summary>A booked visit as a client reads it, every value plain text (the template encodes it).</summary>
/// <param name="ClientName">Who booked.</param>
/// <param name="Service">The session, such as "Deep tissue, 60 minutes".</param>
/// <param name="When">The day and time in the practice's time zone, such as "Tuesday, March 9, 2027 at 9:00 AM".</param>
/// <param name="TimeZone">The practice's time zone, such as "Pacific time, America/Los_Angeles".</param>
/// <param name="Address">The street address and ZIP of the visit.</param>
/// <param name="Therapist">Who comes.</param>
/// <param name="Price">The price quoted, such as "$120.00".</param>
/// <param name="CancellationRule">Until when the visit can be cancelled online.</param>
internal sealed record VisitSummary(string ClientName, string Service, string When, string TimeZone, string Address, string Therapist, string Price, string CancellationRule);
