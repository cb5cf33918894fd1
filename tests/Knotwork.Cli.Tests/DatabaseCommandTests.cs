using Knotwork.Data;
using Knotwork.Data.Protection;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Cli.Tests;

public class DatabaseCommandTests
{
    [Fact]
    public async Task DbBackup_CopiesThePracticeDatabase()
    {
        var folder = Directory.CreateTempSubdirectory("knotwork-cli-db-");
        try
        {
            var settings = DatabaseSettings.ForSqliteFile(Path.Combine(folder.FullName, DatabaseSettings.SqliteFileName));
            await using (var db = new SqliteKnotworkDbContext(new DbContextOptionsBuilder<SqliteKnotworkDbContext>().UseSqlite(settings.ConnectionString).UseColumnEncryption(MasterKey.Generate()).Options))
            {
                await KnotworkData.MigrateAsync(db, TestContext.Current.CancellationToken);
            }

            var copy = Path.Combine(folder.FullName, "backup.db");
            var run = CliRunner.InProcess("db", "backup", copy, "--data", folder.FullName);

            Assert.Equal(0, run.ExitCode);
            Assert.True(File.Exists(copy));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(copy)); // health data: the owner's alone
            }
            Assert.Contains("Backed up", run.Out, StringComparison.Ordinal);

            var again = CliRunner.InProcess("db", "backup", copy, "--data", folder.FullName);
            Assert.Equal(2, again.ExitCode);
            Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void DbBackup_WithoutADatabase_ExitsWith2()
    {
        var run = CliRunner.InProcess("db", "backup", "/tmp/never.db", "--data", "/nonexistent/knotwork");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains("No Knotwork database", run.Error, StringComparison.Ordinal);
    }
}
