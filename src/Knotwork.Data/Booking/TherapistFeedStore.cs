using Knotwork.Data.Entities;
using Knotwork.Domain.Booking.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Data.Booking;

/// <summary>Therapists' calendar feed tokens (hashes only) and the visits a feed shows.</summary>
public static class TherapistFeedStore
{
    /// <summary>
    /// Makes a new feed token for <paramref name="therapistId"/>, stores its hash in place of any earlier one (so the
    /// old URL stops working at once) and returns the token: the only time it exists outside the URL.
    /// </summary>
    public static async Task<string> RenewFeedTokenAsync(this KnotworkDbContext db, string therapistId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(therapistId);
        var token = FeedToken.Create();
        var hash = FeedToken.Hash(token);
        var changed = await db.TherapistFeeds.Where(f => f.TherapistId == therapistId)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.TokenHash, hash).SetProperty(f => f.RenewedAtUtc, nowUtc), cancellationToken);
        if (changed == 0)
        {
            db.TherapistFeeds.Add(new TherapistFeedRecord { TherapistId = therapistId, TokenHash = hash, RenewedAtUtc = nowUtc });
            await db.SaveChangesAsync(cancellationToken);
        }

        return token;
    }

    /// <summary>Whether <paramref name="token"/> is <paramref name="therapistId"/>'s current feed token (compared in constant time).</summary>
    public static async Task<bool> FeedTokenMatchesAsync(this KnotworkDbContext db, string therapistId, string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = await db.TherapistFeeds.AsNoTracking().Where(f => f.TherapistId == therapistId).Select(f => f.TokenHash).SingleOrDefaultAsync(cancellationToken);
        return FeedToken.Matches(stored, token);
    }

    /// <summary><paramref name="therapistId"/>'s booked (not cancelled) visits ending after <paramref name="fromUtc"/>, by start. Read without tracking.</summary>
    public static Task<List<BookingRecord>> FeedBookingsAsync(this KnotworkDbContext db, string therapistId, DateTime fromUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Bookings.AsNoTracking()
            .Where(b => b.TherapistId == therapistId && b.Status == BookingStatus.Booked && b.EndUtc > fromUtc)
            .OrderBy(b => b.StartUtc)
            .ToListAsync(cancellationToken);
    }
}
