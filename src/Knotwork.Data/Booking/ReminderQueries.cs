using Knotwork.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Data.Booking;

/// <summary>
/// The reminder sweep's queries: which bookings may be due, and the claim that makes sending once a database fact.
/// Whether a reminder is due is the domain's rule (<c>Reminders.Decide</c>); these only narrow and record.
/// </summary>
public static class ReminderQueries
{
    /// <summary>
    /// Bookings still booked, not yet reminded, that start after <paramref name="nowUtc"/> and no later than
    /// <paramref name="lead"/> after it: the only ones whose reminder can be due now. Read without tracking.
    /// </summary>
    public static Task<List<BookingRecord>> ReminderCandidatesAsync(this KnotworkDbContext db, DateTime nowUtc, TimeSpan lead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var until = nowUtc + lead;
        return db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Booked && b.ReminderSentAtUtc == null && b.StartUtc > nowUtc && b.StartUtc <= until)
            .OrderBy(b => b.StartUtc)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Claims booking <paramref name="id"/>'s reminder for this sender: one conditional UPDATE that sets
    /// <see cref="BookingRecord.ReminderSentAtUtc"/> only while it is still unset and the booking still booked. True
    /// when this call changed the row, so exactly one caller wins, whatever the number of app servers, sweeps or
    /// restarts; false when another claimed it first (or it was cancelled meanwhile).
    /// </summary>
    public static async Task<bool> ClaimReminderAsync(this KnotworkDbContext db, Guid id, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var changed = await db.Bookings
            .Where(b => b.Id == id && b.ReminderSentAtUtc == null && b.Status == BookingStatus.Booked)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.ReminderSentAtUtc, nowUtc), cancellationToken);
        return changed == 1;
    }
}
