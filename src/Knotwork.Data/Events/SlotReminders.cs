using Knotwork.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Data.Events;

/// <summary>A booked chair-massage slot whose reminder may be due: whom to tell, and what about.</summary>
/// <param name="BookingId">The slot booking.</param>
/// <param name="Name">The employee's name.</param>
/// <param name="Email">The employee's e-mail address.</param>
/// <param name="StartUtc">When the slot starts.</param>
/// <param name="CreatedAtUtc">When it was booked (a slot booked inside the lead gets no reminder).</param>
/// <param name="Company">The event's company.</param>
/// <param name="Address">The workplace address.</param>
/// <param name="TimeZone">The event's time zone id.</param>
public sealed record SlotReminderCandidate(Guid BookingId, string Name, string Email, DateTime StartUtc, DateTime CreatedAtUtc, string Company, string Address, string TimeZone);

/// <summary>The reminders before chair-massage slots: found, then claimed once (like visits' reminders).</summary>
public static class SlotReminders
{
    /// <summary>Booked slots of confirmed events starting within <paramref name="lead"/> of <paramref name="nowUtc"/>, not yet reminded.</summary>
    public static async Task<List<SlotReminderCandidate>> SlotReminderCandidatesAsync(this KnotworkDbContext db, DateTime nowUtc, TimeSpan lead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var until = nowUtc + lead;
        return await (from b in db.EventSlotBookings.AsNoTracking()
                      where b.Status == EventSlotStatus.Booked && b.ReminderSentAtUtc == null && b.StartUtc > nowUtc && b.StartUtc <= until
                      join e in db.ChairEvents on b.EventId equals e.Id
                      where e.Status == ChairEventStatus.Confirmed || e.Status == ChairEventStatus.Closed
                      select new SlotReminderCandidate(b.Id, b.Name, b.Email, b.StartUtc, b.CreatedAtUtc, e.Company, e.Address, e.TimeZone))
            .Take(200).ToListAsync(cancellationToken);
    }

    /// <summary>Claims the reminder of slot booking <paramref name="bookingId"/>: one conditional UPDATE, so it goes out once.</summary>
    public static async Task<bool> ClaimSlotReminderAsync(this KnotworkDbContext db, Guid bookingId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.EventSlotBookings.Where(b => b.Id == bookingId && b.ReminderSentAtUtc == null && b.Status == EventSlotStatus.Booked)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.ReminderSentAtUtc, nowUtc), cancellationToken) == 1;
    }
}
