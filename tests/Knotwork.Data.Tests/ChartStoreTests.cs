using Knotwork.Data.Entities;
using Knotwork.Data.Sessions;
using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Knotwork.Data.Tests;

/// <summary>Charting trigger points at a visit over a real database (issue 10): a retried sync stores once, many at once lose nothing.</summary>
public abstract class ChartStoreTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : class, ITestDatabase
{
    private static readonly Instant Charted = Instant.FromUtc(2027, 3, 9, 17, 30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected TDatabase Database { get; } = database;

    private async Task<(Guid Visit, Guid Therapist)> NewVisit()
    {
        await using var db = Database.NewContext();
        var therapist = new KnotworkUser { Id = Guid.NewGuid(), UserName = $"t{Guid.NewGuid():N}", DisplayName = "Theo", CreatedAtUtc = DateTime.UtcNow };
        var client = new ClientRecord { Id = Guid.NewGuid(), FullName = "Zelda Quince", CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow };
        db.Users.Add(therapist);
        db.Clients.Add(client);
        await db.SaveChangesAsync(Token);
        var visit = await db.StartVisitAsync(client.Id, therapist.Id, bookingId: null, DateTime.UtcNow, Token);
        return (visit.Id, therapist.Id);
    }

    private static ChartEntry Entry(Guid? id = null, int tolerance = 6, Instant? at = null, string point = "upper-trapezius/1") => new()
    {
        Id = id ?? Guid.NewGuid(),
        TriggerPointId = point,
        Side = Side.Left,
        Signs = Signs.TautBand | Signs.TenderSpot | Signs.RecognisedPain,
        PressureTolerance = tolerance,
        Release = new ReleaseOutcome.Released(Duration.FromSeconds(48)),
        FollowUp = [FollowUpWork.Stroking, FollowUpWork.Stretch],
        Minutes = 4,
        RecordedAt = at ?? Charted,
    };

    private async Task<ChartSyncOutcome> Sync(Guid visit, Guid by, params ChartEntry[] entries)
    {
        await using var db = Database.NewContext();
        return await db.SyncChartAsync(visit, entries, by, DateTime.UtcNow, Token);
    }

    private async Task<List<ChartEntry>> Chart(Guid visit)
    {
        await using var db = Database.NewContext();
        return await db.ChartOfAsync(visit, Token);
    }

    [Fact]
    public async Task Sync_TwiceWithTheSameEntry_StoresItOnce_AndReadsBackWhatWasCharted()
    {
        var (visit, by) = await NewVisit();
        var entry = Entry();

        var first = Assert.IsType<ChartSyncOutcome.Synced>(await Sync(visit, by, entry));
        var retry = Assert.IsType<ChartSyncOutcome.Synced>(await Sync(visit, by, entry));

        Assert.Equal(new ChartSyncCounts(1, 0, 0), first.Counts);
        Assert.Equal(new ChartSyncCounts(0, 0, 1), retry.Counts);
        var stored = Assert.Single(await Chart(visit));
        Assert.Equal(entry.Id, stored.Id);
        Assert.Equal(PointStatus.Active, stored.Status);
        Assert.Equal(Duration.FromSeconds(48), Assert.IsType<ReleaseOutcome.Released>(stored.Release).After);
        Assert.Equal([FollowUpWork.Stroking, FollowUpWork.Stretch], stored.FollowUp);
        Assert.Equal(entry.RecordedAt, stored.RecordedAt);
    }

    [Fact]
    public async Task Sync_ANewerEditReplacesTheEntry_AnOlderCopyChangesNothing()
    {
        var (visit, by) = await NewVisit();
        var id = Guid.NewGuid();
        await Sync(visit, by, Entry(id, tolerance: 6));

        await Sync(visit, by, Entry(id, tolerance: 8, at: Charted + Duration.FromMinutes(1)));
        var stale = Assert.IsType<ChartSyncOutcome.Synced>(await Sync(visit, by, Entry(id, tolerance: 3, at: Charted)));

        Assert.Equal(1, stale.Counts.Unchanged);
        Assert.Equal(8, Assert.Single(await Chart(visit)).PressureTolerance);
    }

    [Fact]
    public async Task FiftyConcurrentSyncs_ForOneVisit_LoseNothing_AndDuplicateNothing()
    {
        var (visit, by) = await NewVisit();
        // Each sync carries a queue: the entries charted so far (shared) plus one of its own.
        var shared = Enumerable.Range(0, 5).Select(i => Entry(at: Charted + Duration.FromSeconds(i))).ToArray();
        var own = Enumerable.Range(0, 50).Select(i => Entry(at: Charted + Duration.FromMinutes(1 + i))).ToArray();

        var outcomes = await Task.WhenAll(own.Select(mine => Task.Run(() => Sync(visit, by, [.. shared, mine]), Token)));

        Assert.All(outcomes, o => Assert.IsType<ChartSyncOutcome.Synced>(o));
        var chart = await Chart(visit);
        Assert.Equal(55, chart.Count);
        Assert.Equal(shared.Concat(own).Select(e => e.Id).Order(), chart.Select(e => e.Id).Order());
        Assert.Equal(55, outcomes.Cast<ChartSyncOutcome.Synced>().Sum(o => o.Counts.Added));
    }

    [Fact]
    public async Task Sync_OnASignedVisit_IsRefused_AndStoresNothing()
    {
        var (visit, by) = await NewVisit();
        await using (var db = Database.NewContext())
        {
            var row = await db.Visits.SingleAsync(v => v.Id == visit, Token);
            row.Status = VisitStatus.Signed;
            await db.SaveChangesAsync(Token);
        }

        Assert.IsType<ChartSyncOutcome.VisitSigned>(await Sync(visit, by, Entry()));
        Assert.Empty(await Chart(visit));
        Assert.IsType<ChartSyncOutcome.VisitNotFound>(await Sync(Guid.NewGuid(), by, Entry()));
    }

    [Fact]
    public async Task Sync_AnIdOfAnotherVisitsEntry_IsRefused()
    {
        var (visitA, by) = await NewVisit();
        var (visitB, _) = await NewVisit();
        var entry = Entry();
        await Sync(visitA, by, entry);

        var refused = Assert.IsType<ChartSyncOutcome.IdTaken>(await Sync(visitB, by, entry, Entry()));

        Assert.Equal(entry.Id, refused.EntryId);
        Assert.Empty(await Chart(visitB));
    }

    [Fact]
    public async Task SigningTwiceAtOnce_SignsOnce_ThenTheChartIsLocked_AndOnlyAmendmentsAddToTheNote()
    {
        var (visit, by) = await NewVisit();
        await using (var db = Database.NewContext())
            Assert.Equal(NoteChange.NotSigned, await db.AmendAsync(visit, by, "too early", DateTime.UtcNow, Token));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            await using var db = Database.NewContext();
            return await db.SignAsync(visit, by, DateTime.UtcNow, Token);
        }, Token)));

        Assert.Single(outcomes, o => o == NoteChange.Done);
        Assert.All(outcomes.Where(o => o != NoteChange.Done), o => Assert.Equal(NoteChange.Locked, o));
        Assert.IsType<ChartSyncOutcome.VisitSigned>(await Sync(visit, by, Entry()));
        await using (var db = Database.NewContext())
        {
            Assert.Equal(NoteChange.Locked, await db.SaveDraftAsync(visit, "changed", "changed", Token));
            Assert.Equal(NoteChange.Done, await db.AmendAsync(visit, by, "Headache gone the next day.", DateTime.UtcNow, Token));
            Assert.Equal("Headache gone the next day.", (await db.Visits.Include(v => v.Amendments).SingleAsync(v => v.Id == visit, Token)).Amendments.Single().Text);
        }
    }

    [Fact]
    public async Task ChartDetail_IsSealed_NotReadableInTheDatabase()
    {
        var (visit, by) = await NewVisit();
        await Sync(visit, by, Entry());

        await using var db = Database.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"DetailJson\" FROM \"ChartEntries\"";
        var raw = (string)(await command.ExecuteScalarAsync(Token))!;
        Assert.DoesNotContain("trapezius", raw, StringComparison.Ordinal);
    }
}

public sealed class SqliteChartStoreTests(SqliteTestDatabase database) : ChartStoreTests<SqliteTestDatabase>(database);

public sealed class PostgresChartStoreTests(PostgresTestDatabase database) : ChartStoreTests<PostgresTestDatabase>(database);
