using Knotwork.Data.Entities;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Booking.Calendar;
using Knotwork.Web.Mail;
using Knotwork.Web.Pages.Book;
using NodaTime;

namespace Knotwork.Web.Booking;

/// <summary>
/// The e-mail a client gets when a visit is booked for them, whoever booked it (the client on /book, or the practice
/// on their behalf): the visit in words and as an iCalendar invitation from the practice, with the link to change or
/// cancel it.
/// </summary>
internal static class BookingMail
{
    /// <summary>
    /// Mails the confirmation of <paramref name="booking"/> to the client's address, with <paramref name="manageLink"/>
    /// (the absolute address of its manage page) and an invitation stamped <paramref name="now"/>; the organizer is
    /// the practice's sending address (<c>Knotwork:Smtp:From</c>).
    /// </summary>
    public static Task SendConfirmationAsync(
        this IMailer mailer, BookingRecord booking, PracticeSetup setup, string manageLink, IConfiguration configuration, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailer);
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(configuration);
        var organizer = new CalendarPerson("Knotwork", configuration["Knotwork:Smtp:From"] ?? "knotwork@localhost");
        var calendar = Visits.Invitation(booking, setup, organizer, manageLink, now);
        return mailer.SendAsync(booking.Email, MailTemplates.VisitBooked(Visits.Summary(booking, setup), manageLink, calendar), cancellationToken);
    }
}
