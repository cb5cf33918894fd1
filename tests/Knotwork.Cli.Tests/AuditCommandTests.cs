using Knotwork.Data;
using Knotwork.Data.Audit;
using Knotwork.Data.Entities;
using Knotwork.Data.Protection;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Cli.Tests;

/// <summary><c>knotwork audit verify</c> (issue 7): reports an intact chain, and the first entry a plain SQL edit broke.</summary>
public sealed class AuditCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AuditVerify_ReportsTheFirstBrokenLink_AfterAPlainSqlUpdate()
    {
        var folder = Directory.CreateTempSubdirectory("knotwork-cli-audit-");
        try
        {
            var keyFile = Path.Combine(folder.FullName, "keys", "knotwork.key");
            var key = MasterKey.LoadOrCreateFile(keyFile);
            var settings = DatabaseSettings.ForSqliteFile(Path.Combine(folder.FullName, DatabaseSettings.SqliteFileName));
            var ids = new List<long>();
            await using (var db = new SqliteKnotworkDbContext(new DbContextOptionsBuilder<SqliteKnotworkDbContext>().UseSqlite(settings.ConnectionString).UseColumnEncryption(key).Options))
            {
                await KnotworkData.MigrateAsync(db, Token);
                var chain = new AuditChain(key.AuditChainKey());
                for (var i = 0; i < 5; i++)
                {
                    var entry = new AuditEntry { AtUtc = DateTime.UtcNow, UserName = "owner@knotwork.test", Action = "read", EntityType = "client", EntityId = $"c{i}" };
                    await chain.AppendAsync(db, entry, Token);
                    ids.Add(entry.Id);
                }
            }

            var intact = CliRunner.InProcess("audit", "verify", "--data", folder.FullName, "--key-file", keyFile);
            Assert.Equal(0, intact.ExitCode);
            Assert.Contains("intact: 5 chained entries", intact.Out, StringComparison.Ordinal);

            await using (var db = new SqliteKnotworkDbContext(new DbContextOptionsBuilder<SqliteKnotworkDbContext>().UseSqlite(settings.ConnectionString).UseColumnEncryption(key).Options))
            {
                await db.Database.ExecuteSqlAsync($"""UPDATE "AuditLog" SET "EntityId" = 'someone-else' WHERE "Id" = {ids[2]}""", Token);
            }

            var broken = CliRunner.InProcess("audit", "verify", "--data", folder.FullName, "--key-file", keyFile);
            Assert.Equal(1, broken.ExitCode);
            Assert.Contains($"broken at entry {ids[2]}", broken.Out, StringComparison.Ordinal);
            Assert.Contains("2 entries before it are intact", broken.Out, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void AuditVerify_WithoutTheKey_ExitsWith2_AndSaysWhy()
    {
        var folder = Directory.CreateTempSubdirectory("knotwork-cli-audit-");
        try
        {
            File.WriteAllBytes(Path.Combine(folder.FullName, DatabaseSettings.SqliteFileName), []);
            var run = CliRunner.InProcess("audit", "verify", "--data", folder.FullName, "--key-file", Path.Combine(folder.FullName, "missing.key"));
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("No key file", run.Error, StringComparison.Ordinal);
            Assert.Empty(run.Out);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
