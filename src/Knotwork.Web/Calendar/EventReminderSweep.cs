using Knotwork.Data;
using Knotwork.Data.Events;
using Knotwork.Domain.Booking.Calendar;
using Knotwork.Web.Mail;
using Knotwork.Web.Pages.Events;
using Knotwork.Web.Security;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace Knotwork.Web.Calendar;

/// <summary>
/// One pass over chair-massage slots whose reminder is due, with the same lead and the same rule as visits' reminders
/// (<see cref="Reminders.Decide"/>: a slot booked inside the lead gets none). Each is claimed in the database before its
/// e-mail goes out, so it is sent once across servers, overlapping sweeps and restarts.
/// </summary>
internal sealed partial class EventReminderSweep(
    KnotworkDbContext db, IMailer mailer, EventStore store, PublicLinks links, TimeProvider clock, IOptions<ReminderOptions> options, ILogger<EventReminderSweep> logger)
{
    private static readonly LocalDateTimePattern WhenPattern = LocalDateTimePattern.CreateWithInvariantCulture("dddd d MMMM uuuu 'at' h:mm tt");

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder for chair-massage slot {BookingId} was claimed but could not be sent; it will not be retried")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid bookingId);

    /// <summary>Sends every slot reminder due now that no one has sent; returns how many this pass sent.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var now = Instant.FromDateTimeUtc(nowUtc);
        var lead = options.Value.Lead;
        var sent = 0;
        foreach (var slot in await db.SlotReminderCandidatesAsync(nowUtc, lead.ToTimeSpan(), cancellationToken))
        {
            var decision = Reminders.Decide(Instant.FromDateTimeUtc(slot.StartUtc), Instant.FromDateTimeUtc(slot.CreatedAtUtc), cancelled: false, now, lead);
            if (decision is not ReminderDecision.Due || !await db.ClaimSlotReminderAsync(slot.BookingId, nowUtc, cancellationToken))
                continue;

            try
            {
                var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(slot.TimeZone) ?? DateTimeZone.Utc;
                var when = WhenPattern.Format(Instant.FromDateTimeUtc(slot.StartUtc).InZone(zone).LocalDateTime);
                var cancel = links.ToWithoutRequest(ChairEventText.CancelPath(store.CancelTokenFor(slot.BookingId)));
                await mailer.SendAsync(slot.Email, MailTemplates.EventSlotReminder(slot.Name, slot.Company, when, slot.Address, cancel), cancellationToken);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e, slot.BookingId);
            }
        }

        return sent;
    }
}
