using Knotwork.Data.Entities;
using Knotwork.Domain.Practice;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Data.Tests;

/// <summary>The persistence behaviour Knotwork relies on, written once and run on every provider.</summary>
public abstract class PersistenceTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : class, ITestDatabase
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected TDatabase Database { get; } = database;

    private async Task<(Guid UserId, Guid ClientId)> NewClient(string name = "Dana Reyes")
    {
        await using var db = Database.NewContext();
        var user = new KnotworkUser { Id = Guid.NewGuid(), UserName = $"u{Guid.NewGuid():N}", DisplayName = "Therapist", CreatedAtUtc = DateTime.UtcNow };
        var client = new ClientRecord { Id = Guid.NewGuid(), FullName = name, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow };
        db.Users.Add(user);
        db.Clients.Add(client);
        await db.SaveChangesAsync(Token);
        return (user.Id, client.Id);
    }

    private static PainMapRecord Map(Guid clientId, Guid userId, DateTime at, params string[] regions) => new()
    {
        Id = Guid.NewGuid(),
        ClientId = clientId,
        RecordedById = userId,
        RecordedAtUtc = at,
        Marks = regions.Select((r, i) => new PainMapMark(r, i == 0 ? 7 : null)).ToList(),
        Context = ["desk-work"],
        ResultJson = """{"candidates":[]}""",
    };

    [Fact]
    public async Task Migrations_CoverTheWholeModel()
    {
        await using var db = Database.NewContext();

        Assert.False(db.Database.HasPendingModelChanges(), $"The model has changes without a {Database.Provider} migration: run dotnet ef migrations add.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Token));
    }

    [Fact]
    public async Task ClientRecord_RoundTripsScreeningConsentAndUtcTimes()
    {
        var consentAt = new DateTime(2026, 11, 2, 17, 30, 5, DateTimeKind.Utc);
        var id = Guid.NewGuid();
        await using (var db = Database.NewContext())
        {
            db.Clients.Add(new ClientRecord
            {
                Id = id,
                FullName = "Ana López",
                Email = "ana@example.test",
                DateOfBirth = new DateOnly(1984, 3, 9),
                AddressLine = "12 Sierra Hwy",
                City = "Palmdale",
                ScreeningItems = [ScreeningItem.BloodThinners, ScreeningItem.Pregnancy],
                Medications = "warfarin",
                TreatmentConsentVersion = Consent.CurrentTreatmentVersion,
                TreatmentConsentAtUtc = consentAt,
                CreatedAtUtc = consentAt,
                UpdatedAtUtc = consentAt,
            });
            await db.SaveChangesAsync(Token);
        }

        await using (var db = Database.NewContext())
        {
            var client = await db.Clients.SingleAsync(c => c.Id == id, Token);
            Assert.Equal("Ana López", client.FullName);
            Assert.Equal(new DateOnly(1984, 3, 9), client.DateOfBirth);
            Assert.Equal([ScreeningItem.BloodThinners, ScreeningItem.Pregnancy], client.ScreeningItems);
            Assert.Equal(consentAt, client.TreatmentConsentAtUtc);
            Assert.Equal(DateTimeKind.Utc, client.TreatmentConsentAtUtc!.Value.Kind);
        }
    }

    [Fact]
    public async Task LocalTimes_AreStoredAsUtc()
    {
        var (userId, clientId) = await NewClient();
        var local = new DateTime(2026, 7, 1, 9, 0, 0, DateTimeKind.Local);
        var map = Map(clientId, userId, local, "temple.l");
        await using (var db = Database.NewContext())
        {
            db.PainMaps.Add(map);
            await db.SaveChangesAsync(Token);
        }

        await using (var db = Database.NewContext())
        {
            var stored = await db.PainMaps.SingleAsync(p => p.Id == map.Id, Token);
            Assert.Equal(local.ToUniversalTime(), stored.RecordedAtUtc);
            Assert.Equal(DateTimeKind.Utc, stored.RecordedAtUtc.Kind);
        }
    }

    [Fact]
    public async Task PainMaps_RoundTripAndComeBackNewestFirst()
    {
        var (userId, clientId) = await NewClient();
        var t0 = new DateTime(2026, 10, 1, 8, 0, 0, DateTimeKind.Utc);
        await using (var db = Database.NewContext())
        {
            db.PainMaps.Add(Map(clientId, userId, t0, "temple.l", "neck-back.l"));
            db.PainMaps.Add(Map(clientId, userId, t0.AddDays(14), "temple.l"));
            db.PainMaps.Add(Map(clientId, userId, t0.AddDays(7), "neck-back.l"));
            await db.SaveChangesAsync(Token);
        }

        await using (var db = Database.NewContext())
        {
            var maps = await db.PainMaps.Where(p => p.ClientId == clientId).OrderByDescending(p => p.RecordedAtUtc).ToListAsync(Token);
            Assert.Equal([t0.AddDays(14), t0.AddDays(7), t0], maps.Select(m => m.RecordedAtUtc));
            var first = maps[2];
            Assert.Equal([new PainMapMark("temple.l", 7), new PainMapMark("neck-back.l", null)], first.Marks);
            Assert.Equal(["desk-work"], first.Context);
            Assert.Contains("candidates", first.ResultJson, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PainMap_ForAnUnknownClient_IsRejected()
    {
        var (userId, _) = await NewClient();
        await using var db = Database.NewContext();
        db.PainMaps.Add(Map(Guid.NewGuid(), userId, DateTime.UtcNow, "temple.l"));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Token));
    }

    [Fact]
    public async Task SavingTheSamePainMapTwice_StoresItOnce()
    {
        var (userId, clientId) = await NewClient();
        var map = Map(clientId, userId, DateTime.UtcNow, "heel.r");
        await using (var db = Database.NewContext())
        {
            db.PainMaps.Add(map);
            await db.SaveChangesAsync(Token);
        }

        await using (var db = Database.NewContext())
        {
            var again = Map(clientId, userId, DateTime.UtcNow, "heel.r");
            again.Id = map.Id;
            db.PainMaps.Add(again);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Token));
        }

        await using (var db = Database.NewContext())
        {
            Assert.Equal(1, await db.PainMaps.CountAsync(p => p.ClientId == clientId, Token));
        }
    }

    [Fact]
    public async Task AuditEntries_CanBeAddedButNeverChangedOrDeleted()
    {
        long id;
        await using (var db = Database.NewContext())
        {
            var entry = new AuditEntry { AtUtc = DateTime.UtcNow, Action = "read", EntityType = "client", EntityId = "x", UserName = "owner" };
            db.AuditLog.Add(entry);
            await db.SaveChangesAsync(Token);
            id = entry.Id;
        }

        await using (var db = Database.NewContext())
        {
            var entry = await db.AuditLog.SingleAsync(a => a.Id == id, Token);
            entry.Detail = "tampered";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Token));
        }

        await using (var db = Database.NewContext())
        {
            db.AuditLog.Remove(await db.AuditLog.SingleAsync(a => a.Id == id, Token));
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Token));
            Assert.Null((await db.AuditLog.AsNoTracking().SingleAsync(a => a.Id == id, Token)).Detail);
        }
    }

    [Fact]
    public async Task TwoHundredConcurrentSaves_ForOneClient_AreAllStoredOnce()
    {
        var (userId, clientId) = await NewClient();
        var maps = Enumerable.Range(0, 200).Select(i => Map(clientId, userId, DateTime.UtcNow.AddSeconds(i), "temple.l", "jaw.l")).ToList();

        var saves = maps.Select(map => Task.Run(async () =>
        {
            await using var db = Database.NewContext();
            db.PainMaps.Add(map);
            await db.SaveChangesAsync(Token);
            return map.Id;
        }, Token));
        var acknowledged = await Task.WhenAll(saves);

        await using var check = Database.NewContext();
        var stored = await check.PainMaps.Where(p => p.ClientId == clientId).Select(p => p.Id).ToListAsync(Token);
        Assert.Equal(200, acknowledged.Length);
        Assert.Equal(acknowledged.Order(), stored.Order());
    }
}

public sealed class SqlitePersistenceTests(SqliteTestDatabase database) : PersistenceTests<SqliteTestDatabase>(database);

public sealed class PostgresPersistenceTests(PostgresTestDatabase database) : PersistenceTests<PostgresTestDatabase>(database);
