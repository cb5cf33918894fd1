using Knotwork.Data.Entities;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Booking.Calendar;
using Knotwork.Web.Mail;
using Knotwork.Web.Pages.Book;
using NodaTime;

namespace Knotwork.Web.Booking;

/// <summary>
/// The e-mail a client gets when they book a visit, on the booking pages or through the API alike: when and where,
/// the price, the private manage link, and the visit as a calendar invitation (visit.ics) from the practice.
/// </summary>
internal static class ConfirmationMail
{
    /// <summary>The name the invitation's organizer goes by.</summary>
    public const string OrganizerName = "Knotwork";

    /// <summary>
    /// Sends the confirmation of <paramref name="booking"/> to the client's address; <paramref name="manageLink"/> is the
    /// absolute link to its manage page, <paramref name="intakeLink"/> to its intake, <paramref name="now"/> the invitation's time stamp. The organizer's address is
    /// the mail sender's (<c>Knotwork:Smtp:From</c>), so a calendar's replies go where the practice reads them.
    /// </summary>
    public static Task SendAsync(IMailer mailer, IConfiguration configuration, BookingRecord booking, PracticeSetup setup, string manageLink, string intakeLink, Instant now)
    {
        ArgumentNullException.ThrowIfNull(mailer);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(booking);
        return mailer.SendAsync(booking.Email, Message(booking, setup, manageLink, intakeLink, OrganizerAddress(configuration), now), CancellationToken.None);
    }

    /// <summary>The confirmation of <paramref name="booking"/>, with its invitation organized by <paramref name="organizerEmail"/>.</summary>
    public static MailText Message(BookingRecord booking, PracticeSetup setup, string manageLink, string intakeLink, string organizerEmail, Instant now)
    {
        var calendar = Visits.Invitation(booking, setup, new CalendarPerson(OrganizerName, organizerEmail), manageLink, now);
        return MailTemplates.VisitBooked(Visits.Summary(booking, setup), manageLink, intakeLink, calendar);
    }

    /// <summary>
    /// Tells the client the practice changed <paramref name="booking"/> (as it now stands: moved, or cancelled), with
    /// <paramref name="change"/> as the first sentence and a calendar file that updates the first invitation.
    /// </summary>
    public static Task SendChangeAsync(IMailer mailer, IConfiguration configuration, BookingRecord booking, PracticeSetup setup, string manageLink, string change, Instant now)
    {
        ArgumentNullException.ThrowIfNull(mailer);
        ArgumentNullException.ThrowIfNull(booking);
        var calendar = Visits.Invitation(booking, setup, Organizer(configuration), manageLink, now, changed: true);
        var message = MailTemplates.VisitChanged(Visits.Summary(booking, setup), change, manageLink, calendar, booking.Status == BookingStatus.Cancelled);
        return mailer.SendAsync(booking.Email, message, CancellationToken.None);
    }

    /// <summary>The practice as the organizer of the invitations it sends (visits and chair massage slots).</summary>
    public static CalendarPerson Organizer(IConfiguration configuration) => new(OrganizerName, OrganizerAddress(configuration));

    /// <summary>The address invitations are organized by: the mail sender's (<c>Knotwork:Smtp:From</c>), or knotwork@localhost.</summary>
    public static string OrganizerAddress(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["Knotwork:Smtp:From"] ?? "knotwork@localhost";
    }
}
