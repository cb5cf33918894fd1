using System.Globalization;
using Knotwork.Data.Entities;
using Knotwork.Data.Protection;
using Knotwork.Domain.Clients;
using Microsoft.AspNetCore.Identity;
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
                TreatmentConsentVersion = ConsentTexts.InForce(ConsentKind.Treatment, new DateOnly(2026, 12, 1)).Version,
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

    [Fact]
    public async Task HealthDataAddressesAndAuthenticatorKeys_AreSealedInTheirColumns_AndReadBackAsWritten()
    {
        var marker = "mk" + Guid.NewGuid().ToString("N")[..12];
        var fullName = "Sealed " + marker[..6].ToUpperInvariant();
        var born = new DateOnly(1971, 5, 23);
        var (userId, _) = await NewClient();
        var client = new ClientRecord
        {
            Id = Guid.NewGuid(), FullName = fullName, Email = $"{marker[..6]}@example.test", Phone = marker + "-phone",
            AddressLine = marker + "-address", City = marker + "-city", PostalCode = marker[..8], DateOfBirth = born,
            ScreeningItems = [ScreeningItem.DeepVeinThrombosis], Medications = marker + "-medications", ScreeningNotes = marker + "-notes",
            CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        var map = new PainMapRecord
        {
            Id = Guid.NewGuid(), ClientId = client.Id, RecordedById = userId, RecordedAtUtc = DateTime.UtcNow,
            Marks = [new PainMapMark(marker + ".region", 4)], Context = [marker + "-context"],
            ResultJson = $$"""{"candidates":["{{marker}}-result"]}""", Note = marker + "-note",
        };
        await using (var db = Database.NewContext())
        {
            db.Clients.Add(client);
            db.PainMaps.Add(map);
            db.UserTokens.Add(new IdentityUserToken<Guid> { UserId = userId, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = marker + "-totp" });
            await db.SaveChangesAsync(Token);
        }

        var cells = (await RawCells("""SELECT * FROM "Clients" """)).Concat(await RawCells("""SELECT * FROM "PainMaps" """)).Concat(await RawCells("""SELECT * FROM "AspNetUserTokens" """)).ToList();
        Assert.Contains(fullName, cells); // the raw read sees plain text where it is plain
        Assert.DoesNotContain(cells, c => c.Contains(marker, StringComparison.Ordinal));
        Assert.DoesNotContain(cells, c => c.Contains("1971-05-23", StringComparison.Ordinal) || c.Contains(nameof(ScreeningItem.DeepVeinThrombosis), StringComparison.Ordinal));
        Assert.True(cells.Count(c => c.StartsWith(FieldCipher.Prefix, StringComparison.Ordinal)) >= 13);

        await using (var db = Database.NewContext())
        {
            var stored = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == client.Id, Token);
            Assert.Equal((client.Phone, client.AddressLine, client.City, client.PostalCode, client.DateOfBirth), (stored.Phone, stored.AddressLine, stored.City, stored.PostalCode, stored.DateOfBirth));
            Assert.Equal((client.Medications, client.ScreeningNotes, client.Email), (stored.Medications, stored.ScreeningNotes, stored.Email));
            Assert.Equal([ScreeningItem.DeepVeinThrombosis], stored.ScreeningItems);
            var storedMap = await db.PainMaps.AsNoTracking().SingleAsync(p => p.Id == map.Id, Token);
            Assert.Equal(map.Marks, storedMap.Marks);
            Assert.Equal(map.Context, storedMap.Context);
            Assert.Equal((map.ResultJson, map.Note), (storedMap.ResultJson, storedMap.Note));
            var token = await db.UserTokens.AsNoTracking().SingleAsync(t => t.UserId == userId, Token);
            Assert.Equal(marker + "-totp", token.Value);
        }
    }

    [Fact]
    public async Task ValuesWrittenBeforeEncryption_AreReadAsTheyAre()
    {
        var name = "Legacy " + Guid.NewGuid().ToString("N")[..8];
        await NewClient(name);
        await using (var db = Database.NewContext())
        {
            await db.Database.ExecuteSqlAsync(
                $"""UPDATE "Clients" SET "Medications" = {"ibuprofen, written in plain text"}, "DateOfBirth" = {"1980-01-02"}, "ScreeningItems" = {"Pregnancy,BloodThinners"} WHERE "FullName" = {name}""",
                Token);
        }

        await using (var db = Database.NewContext())
        {
            var client = await db.Clients.AsNoTracking().SingleAsync(c => c.FullName == name, Token);
            Assert.Equal("ibuprofen, written in plain text", client.Medications);
            Assert.Equal(new DateOnly(1980, 1, 2), client.DateOfBirth);
            Assert.Equal([ScreeningItem.Pregnancy, ScreeningItem.BloodThinners], client.ScreeningItems);
        }
    }

    [Fact]
    public async Task StartingWithAnotherKey_IsRefused_SayingTheKeyWasLostOrChanged()
    {
        await using (var db = Database.NewContext())
        {
            await KnotworkData.MigrateAsync(db, Token); // the right key: starts
        }

        await using var other = Database.NewContext(MasterKey.Generate());
        var refused = await Assert.ThrowsAsync<EncryptionKeyException>(() => KnotworkData.MigrateAsync(other, Token));
        Assert.Contains("lost or changed", refused.Message, StringComparison.Ordinal);
        Assert.Contains(Database.Key.Id, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContextsWithDifferentKeys_InOneProcess_EachSealAndOpenWithTheirOwnKey()
    {
        // EF caches the model (and so the column converters) per cache key: it must include the master key.
        var name = "Two keys " + Guid.NewGuid().ToString("N")[..8];
        await using (var db = Database.NewContext())
        {
            db.Clients.Add(new ClientRecord { Id = Guid.NewGuid(), FullName = name, Medications = "naproxen", CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(Token);
        }

        await using (var other = Database.NewContext(MasterKey.Generate()))
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => other.Clients.AsNoTracking().SingleAsync(c => c.FullName == name, Token));
            Assert.True(refused is EncryptionKeyException || refused.InnerException is EncryptionKeyException, refused.ToString());
        }

        await using (var db = Database.NewContext())
        {
            Assert.Equal("naproxen", (await db.Clients.AsNoTracking().SingleAsync(c => c.FullName == name, Token)).Medications);
        }
    }

    /// <summary>Every non-null cell of a query, as text, read with plain SQL (no EF converters).</summary>
    private async Task<List<string>> RawCells(string sql)
    {
        await using var db = Database.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // the SQL is a constant of the calling test
        command.CommandText = sql;
#pragma warning restore CA2100
        var cells = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!await reader.IsDBNullAsync(i, Token))
                {
                    cells.Add(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!);
                }
            }
        }

        return cells;
    }
}

public sealed class SqlitePersistenceTests(SqliteTestDatabase database) : PersistenceTests<SqliteTestDatabase>(database);

public sealed class PostgresPersistenceTests(PostgresTestDatabase database) : PersistenceTests<PostgresTestDatabase>(database);
