using System.Text.Json;
using System.Text.Json.Serialization;
using Knotwork.Data.Entities;
using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Knotwork.Data.Sessions;

/// <summary>What a chart sync did with the entries it was sent.</summary>
/// <param name="Added">Entries stored for the first time.</param>
/// <param name="Updated">Entries replaced by a newer edit.</param>
/// <param name="Unchanged">Entries already stored as sent (a retried sync) or older than the stored copy.</param>
public sealed record ChartSyncCounts(int Added, int Updated, int Unchanged);

/// <summary>What became of a chart sync; each case maps to one HTTP answer.</summary>
public abstract record ChartSyncOutcome
{
    private ChartSyncOutcome()
    {
    }

    /// <summary>Every entry is stored (200).</summary>
    public sealed record Synced(ChartSyncCounts Counts) : ChartSyncOutcome;

    /// <summary>No such visit (404).</summary>
    public sealed record VisitNotFound : ChartSyncOutcome;

    /// <summary>The visit's note is signed: the chart is locked (409); nothing was stored.</summary>
    public sealed record VisitSigned : ChartSyncOutcome;

    /// <summary>An entry's id belongs to another visit's entry (409); nothing was stored.</summary>
    public sealed record IdTaken(Guid EntryId) : ChartSyncOutcome;
}

/// <summary>
/// Stores the trigger points charted at a visit, as the therapist's phone syncs them (maybe many times, maybe from a
/// queue filled offline). Each sync runs serialized per visit, so however many arrive at once, an entry is stored
/// once, an older copy never replaces a newer edit, and nothing is lost.
/// </summary>
public static class ChartStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Starts a visit with a client (from a booking, or without one) for the treating staff account.</summary>
    public static async Task<VisitRecord> StartVisitAsync(this KnotworkDbContext db, Guid clientId, Guid therapistUserId, Guid? bookingId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var visit = new VisitRecord
        {
            Id = Guid.NewGuid(), ClientId = clientId, TherapistUserId = therapistUserId, BookingId = bookingId,
            StartedAtUtc = nowUtc, Status = VisitStatus.Open,
        };
        db.Visits.Add(visit);
        await db.SaveChangesAsync(cancellationToken);
        return visit;
    }

    /// <summary>
    /// Stores <paramref name="entries"/> (already validated with <see cref="ChartEntry.Problems"/>) on visit
    /// <paramref name="visitId"/> as charted by <paramref name="by"/>: new ids are added, an entry with a newer
    /// <see cref="ChartEntry.RecordedAt"/> than the stored copy replaces it, anything else is left as stored.
    /// </summary>
    public static async Task<ChartSyncOutcome> SyncChartAsync(this KnotworkDbContext db, Guid visitId, IReadOnlyList<ChartEntry> entries, Guid by, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        await using var transaction = await SerializedTransaction.BeginAsync(db, $"SELECT 1 FROM \"Visits\" WHERE \"Id\" = {visitId} FOR UPDATE", cancellationToken);
        var visit = await db.Visits.AsNoTracking().SingleOrDefaultAsync(v => v.Id == visitId, cancellationToken);
        if (visit is null)
            return new ChartSyncOutcome.VisitNotFound();
        if (visit.Status == VisitStatus.Signed)
            return new ChartSyncOutcome.VisitSigned();

        // The last copy of each id in this sync wins, as if they had come one by one.
        var latest = entries.GroupBy(e => e.Id).Select(g => g.MaxBy(e => e.RecordedAt)!).ToList();
        var ids = latest.Select(e => e.Id).ToList();
        var stored = await db.ChartEntries.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        if (stored.Values.FirstOrDefault(c => c.VisitId != visitId) is { } foreign)
            return new ChartSyncOutcome.IdTaken(foreign.Id);

        int added = 0, updated = 0, unchanged = 0;
        foreach (var entry in latest)
        {
            var recordedUtc = entry.RecordedAt.ToDateTimeUtc();
            if (!stored.TryGetValue(entry.Id, out var row))
            {
                db.ChartEntries.Add(new ChartEntryRecord
                {
                    Id = entry.Id, VisitId = visitId, DetailJson = Serialize(entry), RecordedAtUtc = recordedUtc,
                    ReceivedAtUtc = nowUtc, RecordedById = by,
                });
                added++;
            }
            else if (recordedUtc > row.RecordedAtUtc)
            {
                row.DetailJson = Serialize(entry);
                row.RecordedAtUtc = recordedUtc;
                row.ReceivedAtUtc = nowUtc;
                row.RecordedById = by;
                updated++;
            }
            else
            {
                unchanged++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new ChartSyncOutcome.Synced(new ChartSyncCounts(added, updated, unchanged));
    }

    /// <summary>The entries charted at visit <paramref name="visitId"/>, in the order they were first recorded.</summary>
    public static async Task<List<ChartEntry>> ChartOfAsync(this KnotworkDbContext db, Guid visitId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.ChartEntries.AsNoTracking().Where(c => c.VisitId == visitId).ToListAsync(cancellationToken);
        return [.. rows.Select(r => Deserialize(r.Id, r.DetailJson, r.RecordedAtUtc)).OrderBy(e => e.RecordedAt).ThenBy(e => e.Id)];
    }

    private static string Serialize(ChartEntry entry) => JsonSerializer.Serialize(new Detail(
        entry.TriggerPointId, entry.Side, entry.Signs, entry.PressureTolerance,
        entry.Release?.Held.TotalSeconds, entry.Release is null ? null : entry.Release is ReleaseOutcome.Released,
        [.. entry.FollowUp], entry.Minutes), Json);

    private static ChartEntry Deserialize(Guid id, string json, DateTime recordedAtUtc)
    {
        var d = JsonSerializer.Deserialize<Detail>(json, Json) ?? throw new InvalidOperationException($"Chart entry {id} has no detail.");
        ReleaseOutcome? release = d.HeldSeconds is { } seconds
            ? d.Released == true ? new ReleaseOutcome.Released(Duration.FromSeconds(seconds)) : new ReleaseOutcome.DidNotRelease(Duration.FromSeconds(seconds))
            : null;
        return new ChartEntry
        {
            Id = id, TriggerPointId = d.Point, Side = d.Side, Signs = d.Signs, PressureTolerance = d.Tolerance,
            Release = release, FollowUp = d.FollowUp ?? [], Minutes = d.Minutes,
            RecordedAt = Instant.FromDateTimeUtc(DateTime.SpecifyKind(recordedAtUtc, DateTimeKind.Utc)),
        };
    }

    /// <summary>The stored shape of an entry's detail (sealed as a whole).</summary>
    private sealed record Detail(string Point, Side Side, Signs Signs, int? Tolerance, double? HeldSeconds, bool? Released, FollowUpWork[]? FollowUp, int? Minutes);
}
