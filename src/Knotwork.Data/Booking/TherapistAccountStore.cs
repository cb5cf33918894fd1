using Knotwork.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Data.Booking;

/// <summary>Which staff account works as which therapist of the practice setup.</summary>
public static class TherapistAccountStore
{
    /// <summary>The setup therapist account <paramref name="userId"/> works as, or null when it is linked to none.</summary>
    public static Task<string?> TherapistIdOfAsync(this KnotworkDbContext db, Guid userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.TherapistAccounts.AsNoTracking().Where(a => a.UserId == userId).Select(a => a.TherapistId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Links setup therapist <paramref name="therapistId"/> to account <paramref name="userId"/>, or unlinks it when
    /// <paramref name="userId"/> is null. The account's earlier link, if any, is removed: an account works as one therapist.
    /// </summary>
    public static async Task LinkTherapistAccountAsync(this KnotworkDbContext db, string therapistId, Guid? userId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(therapistId);
        var stale = await db.TherapistAccounts
            .Where(a => a.TherapistId == therapistId || (userId != null && a.UserId == userId))
            .ToListAsync(cancellationToken);
        db.TherapistAccounts.RemoveRange(stale);
        await db.SaveChangesAsync(cancellationToken);
        if (userId is { } id)
        {
            db.TherapistAccounts.Add(new TherapistAccountRecord { TherapistId = therapistId, UserId = id, LinkedAtUtc = nowUtc });
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
