using Knotwork.Data.Entities;
using Knotwork.Data.Protection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Data.Tests;

public class BackupTests
{
    [Fact]
    public async Task Backup_OfALiveDatabaseWhileItIsWritten_IsConsistentAndComplete()
    {
        await using var database = new SqliteTestDatabase();
        await database.InitializeAsync();
        var token = TestContext.Current.CancellationToken;
        Guid clientId;
        await using (var db = database.NewContext())
        {
            var client = new ClientRecord { Id = Guid.NewGuid(), FullName = "Live client", CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow };
            db.Clients.Add(client);
            await db.SaveChangesAsync(token);
            clientId = client.Id;
        }

        // Keep writing while the backup runs.
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                await using var db = database.NewContext();
                db.AuditLog.Add(new AuditEntry { AtUtc = DateTime.UtcNow, Action = "read", EntityType = "client", EntityId = clientId.ToString(), Detail = $"write {n++}" });
                await db.SaveChangesAsync(CancellationToken.None);
            }

            return n;
        }, token);
        await Task.Delay(100, token);
        var copy = Path.Combine(Path.GetTempPath(), $"knotwork-backup-{Guid.NewGuid():N}.db");
        try
        {
            KnotworkData.BackupSqlite(database.Settings.SqliteFile!, copy);
            await stop.CancelAsync();
            var written = await writer;
            Assert.True(written > 0);

            await using var restored = new SqliteKnotworkDbContext(new DbContextOptionsBuilder<SqliteKnotworkDbContext>().UseSqlite($"Data Source={copy};Pooling=False").UseColumnEncryption(database.Key).Options);
            Assert.True(await KnotworkData.IntegrityCheckAsync(restored, token));
            Assert.Equal("Live client", (await restored.Clients.SingleAsync(token)).FullName);
            Assert.InRange(await restored.AuditLog.CountAsync(token), 0, written);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(copy);
        }
    }

    [Fact]
    public async Task Backup_NeverOverwritesAFile()
    {
        await using var database = new SqliteTestDatabase();
        await database.InitializeAsync();
        var existing = Path.GetTempFileName();
        try
        {
            Assert.Throws<IOException>(() => KnotworkData.BackupSqlite(database.Settings.SqliteFile!, existing));
        }
        finally
        {
            File.Delete(existing);
        }
    }
}
