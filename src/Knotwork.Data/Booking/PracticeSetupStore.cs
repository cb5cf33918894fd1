using Knotwork.Data.Entities;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Booking.Setup;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Data.Booking;

/// <summary>The stored practice setup: its file's JSON and its version.</summary>
/// <param name="Json">The setup file's text, as <see cref="PracticeSetupFile.Write"/> wrote it.</param>
/// <param name="Version">1 for the first setup saved, one more with each change.</param>
/// <param name="UpdatedAtUtc">When it was last saved.</param>
public sealed record StoredPracticeSetup(string Json, int Version, DateTime UpdatedAtUtc)
{
    /// <summary>The setup, read and checked against <paramref name="zips"/>.</summary>
    public PracticeSetupReadResult Read(ZipCodes zips) => PracticeSetupFile.Read(Json, zips);
}

/// <summary>Reads and saves the practice's booking setup: one row holding the whole setup file.</summary>
public static class PracticeSetupStore
{
    /// <summary>The current setup, or null before one is saved.</summary>
    public static async Task<StoredPracticeSetup?> GetPracticeSetupAsync(this KnotworkDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.PracticeSetups.AsNoTracking().SingleOrDefaultAsync(p => p.Id == PracticeSetupRecord.CurrentId, cancellationToken);
        return row is null ? null : new StoredPracticeSetup(row.Json, row.Version, row.UpdatedAtUtc);
    }

    /// <summary>
    /// Saves <paramref name="setup"/> as the current setup and returns its new version; or null when
    /// <paramref name="expectedVersion"/> is given and the stored setup is no longer that version (someone saved in
    /// between: reload and make the change again). Without an expected version the setup replaces whatever is stored
    /// (an import). The caller validates the setup first.
    /// </summary>
    public static async Task<int?> SavePracticeSetupAsync(this KnotworkDbContext db, PracticeSetup setup, int? expectedVersion, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(setup);
        var json = PracticeSetupFile.Write(setup);
        var current = await db.PracticeSetups.AsNoTracking().Where(p => p.Id == PracticeSetupRecord.CurrentId).Select(p => (int?)p.Version).SingleOrDefaultAsync(cancellationToken);
        if (expectedVersion is { } expected && expected != (current ?? 0))
            return null;

        if (current is null)
        {
            db.PracticeSetups.Add(new PracticeSetupRecord { Id = PracticeSetupRecord.CurrentId, Version = 1, Json = json, UpdatedAtUtc = nowUtc });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return 1;
            }
            catch (DbUpdateException) when (expectedVersion is not null)
            {
                db.ChangeTracker.Clear();
                return null; // saved by someone else just now
            }
        }

        var version = current.Value;
        var updated = await db.PracticeSetups
            .Where(p => p.Id == PracticeSetupRecord.CurrentId && p.Version == version)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Json, json).SetProperty(p => p.Version, version + 1).SetProperty(p => p.UpdatedAtUtc, nowUtc), cancellationToken);
        return updated == 1 ? version + 1 : null;
    }
}
