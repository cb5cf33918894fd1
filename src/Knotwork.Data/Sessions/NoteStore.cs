using Knotwork.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Data.Sessions;

/// <summary>What became of a change to a visit's note.</summary>
public enum NoteChange
{
    /// <summary>Done.</summary>
    Done,

    /// <summary>No such visit.</summary>
    NotFound,

    /// <summary>The note is signed: only an amendment can add to it.</summary>
    Locked,

    /// <summary>The note is not signed yet: edit it instead of amending it.</summary>
    NotSigned,
}

/// <summary>
/// A visit's note: a draft until the therapist signs it; then locked, and changed only by amendments that keep the
/// original with who and when.
/// </summary>
public static class NoteStore
{
    /// <summary>Saves the assessment and plan of an unsigned note.</summary>
    public static async Task<NoteChange> SaveDraftAsync(this KnotworkDbContext db, Guid visitId, string? assessment, string? plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var visit = await db.Visits.SingleOrDefaultAsync(v => v.Id == visitId, cancellationToken);
        if (visit is null)
            return NoteChange.NotFound;
        if (visit.Status == VisitStatus.Signed)
            return NoteChange.Locked;
        visit.Assessment = Clean(assessment);
        visit.Plan = Clean(plan);
        await db.SaveChangesAsync(cancellationToken);
        return NoteChange.Done;
    }

    /// <summary>
    /// Signs the note as <paramref name="by"/>: one conditional UPDATE, so two signatures at once sign it once and the
    /// second is told it is locked. From then on the chart and note are locked (<see cref="ChartStore.SyncChartAsync"/>).
    /// </summary>
    public static async Task<NoteChange> SignAsync(this KnotworkDbContext db, Guid visitId, Guid by, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var signed = await db.Visits
            .Where(v => v.Id == visitId && v.Status == VisitStatus.Open)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.Status, VisitStatus.Signed).SetProperty(v => v.SignedAtUtc, nowUtc).SetProperty(v => v.SignedById, by), cancellationToken);
        if (signed == 1)
            return NoteChange.Done;
        return await db.Visits.AnyAsync(v => v.Id == visitId, cancellationToken) ? NoteChange.Locked : NoteChange.NotFound;
    }

    /// <summary>Adds an amendment to a signed note.</summary>
    public static async Task<NoteChange> AmendAsync(this KnotworkDbContext db, Guid visitId, Guid by, string text, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var status = await db.Visits.Where(v => v.Id == visitId).Select(v => (VisitStatus?)v.Status).SingleOrDefaultAsync(cancellationToken);
        if (status is null)
            return NoteChange.NotFound;
        if (status != VisitStatus.Signed)
            return NoteChange.NotSigned;
        db.Set<NoteAmendmentRecord>().Add(new NoteAmendmentRecord { Id = Guid.NewGuid(), VisitId = visitId, AtUtc = nowUtc, ById = by, Text = text.Trim() });
        await db.SaveChangesAsync(cancellationToken);
        return NoteChange.Done;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
