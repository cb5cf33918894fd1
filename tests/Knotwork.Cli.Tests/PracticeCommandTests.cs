using Knotwork.Data;
using Knotwork.Data.Protection;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Cli.Tests;

/// <summary><c>knotwork practice export|import</c> (issue 9): the booking setup as one file, with problems named by field.</summary>
public sealed class PracticeCommandTests : IDisposable
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "samples", "practice-antelope-valley.json");

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("knotwork-cli-practice-");

    private string KeyFile => Path.Combine(_folder.FullName, "keys", "knotwork.key");

    private string[] Where => ["--data", _folder.FullName, "--key-file", KeyFile];

    private async Task CreateDatabase()
    {
        var key = MasterKey.LoadOrCreateFile(KeyFile);
        var settings = DatabaseSettings.ForSqliteFile(Path.Combine(_folder.FullName, DatabaseSettings.SqliteFileName));
        await using var db = new SqliteKnotworkDbContext(new DbContextOptionsBuilder<SqliteKnotworkDbContext>().UseSqlite(settings.ConnectionString).UseColumnEncryption(key).Options);
        await KnotworkData.MigrateAsync(db, TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task ImportThenExport_GivesBackTheSampleSetup()
    {
        await CreateDatabase();

        var empty = CliRunner.InProcess(["practice", "export", .. Where]);
        var import = CliRunner.InProcess(["practice", "import", Sample, .. Where]);
        var toStdout = CliRunner.InProcess(["practice", "export", .. Where]);
        var file = Path.Combine(_folder.FullName, "setup.json");
        var toFile = CliRunner.InProcess(["practice", "export", file, .. Where]);
        var again = CliRunner.InProcess(["practice", "import", file, .. Where]);

        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("no practice setup has been saved yet", empty.Error, StringComparison.Ordinal);
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("Imported the practice setup (version 1): 5 services, 6 areas", import.Out, StringComparison.Ordinal);
        Assert.Contains("3 therapists, time zone America/Los_Angeles", import.Out, StringComparison.Ordinal);
        Assert.Equal(0, toStdout.ExitCode);
        Assert.Contains("\"timeZone\": \"America/Los_Angeles\"", toStdout.Out, StringComparison.Ordinal);
        Assert.Contains("\"homeZip\": \"91355\"", toStdout.Out, StringComparison.Ordinal);
        Assert.Equal(0, toFile.ExitCode);
        Assert.Equal(toStdout.Out, await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("(version 2)", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedToken_PrintsTheUrlOnce_StoresOnlyItsHash_AndRenewingRevokesTheOldOne()
    {
        await CreateDatabase();
        Assert.Equal(0, CliRunner.InProcess(["practice", "import", Sample, .. Where]).ExitCode);

        var first = CliRunner.InProcess(["practice", "feed-token", "maria", "--base-url", "https://book.example.com/", .. Where]);
        var second = CliRunner.InProcess(["practice", "feed-token", "maria", .. Where]);
        var unknown = CliRunner.InProcess(["practice", "feed-token", "nobody", .. Where]);

        Assert.Equal(0, first.ExitCode);
        var firstUrl = first.Out.Trim();
        Assert.Matches(@"^https://book\.example\.com/calendar/maria/[A-Za-z0-9_-]{43}\.ics$", firstUrl);
        Assert.Equal(0, second.ExitCode);
        Assert.Matches(@"^/calendar/maria/[A-Za-z0-9_-]{43}\.ics$", second.Out.Trim());
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no therapist 'nobody'", unknown.Error, StringComparison.Ordinal);

        var oldToken = firstUrl[(firstUrl.LastIndexOf('/') + 1)..^4];
        var newToken = second.Out.Trim()[(second.Out.Trim().LastIndexOf('/') + 1)..^4];
        var key = MasterKey.LoadOrCreateFile(KeyFile);
        var settings = DatabaseSettings.ForSqliteFile(Path.Combine(_folder.FullName, DatabaseSettings.SqliteFileName));
        await using var db = new SqliteKnotworkDbContext(new DbContextOptionsBuilder<SqliteKnotworkDbContext>().UseSqlite(settings.ConnectionString).UseColumnEncryption(key).Options);
        var stored = await db.TherapistFeeds.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Knotwork.Domain.Booking.Calendar.FeedToken.Hash(newToken), stored.TokenHash);
        Assert.False(await Knotwork.Data.Booking.TherapistFeedStore.FeedTokenMatchesAsync(db, "maria", oldToken, TestContext.Current.CancellationToken));
        Assert.True(await Knotwork.Data.Booking.TherapistFeedStore.FeedTokenMatchesAsync(db, "maria", newToken, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Import_AFileWithProblems_ListsThemByField_ExitsWith1_AndChangesNothing()
    {
        await CreateDatabase();
        var bad = Path.Combine(_folder.FullName, "bad.json");
        var text = (await File.ReadAllTextAsync(Sample, TestContext.Current.CancellationToken))
            .Replace("\"America/Los_Angeles\"", "\"Pacific\"", StringComparison.Ordinal)
            .Replace("\"serviceIds\": [ \"deep-tissue-60\", \"swedish-60\"", "\"serviceIds\": [ \"deep-tissue-60\", \"hot-stone\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(bad, text, TestContext.Current.CancellationToken);

        var run = CliRunner.InProcess(["practice", "import", bad, .. Where]);
        var export = CliRunner.InProcess(["practice", "export", .. Where]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nothing was imported", run.Out, StringComparison.Ordinal);
        Assert.Contains("  - timeZone: 'Pacific' is not a time zone", run.Out, StringComparison.Ordinal);
        Assert.Equal(1, export.ExitCode); // still nothing saved
    }

    [Fact]
    public void Import_AnInvalidSetup_IsReportedBeforeTheDatabaseIsNeeded()
    {
        var run = CliRunner.WithStdin("""{ "timeZone": "America/Los_Angeles", "services": [], "areas": [], "therapists": [], "pricing": { "mode": "per-area", "prices": {} }, "policies": { "slotStepMinutes": 7 } }""", ["practice", "import", "-", .. Where]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("  - policies.slotStepMinutes: ", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_WithoutADatabaseOrAFile_ExitsWith2_AndSaysWhy()
    {
        var noDatabase = CliRunner.InProcess(["practice", "import", Sample, .. Where]);
        var noFile = CliRunner.InProcess(["practice", "import", Path.Combine(_folder.FullName, "missing.json"), .. Where]);
        var noArgument = CliRunner.InProcess("practice", "import");

        Assert.Equal(2, noDatabase.ExitCode);
        Assert.Contains("No Knotwork database", noDatabase.Error, StringComparison.Ordinal);
        Assert.Empty(noDatabase.Out);
        Assert.Equal(2, noFile.ExitCode);
        Assert.Contains("No file at", noFile.Error, StringComparison.Ordinal);
        Assert.Equal(2, noArgument.ExitCode);
    }

    [Fact]
    public async Task Export_ToAnExistingFile_ExitsWith2()
    {
        await CreateDatabase();
        var existing = Path.Combine(_folder.FullName, "taken.json");
        await File.WriteAllTextAsync(existing, "{}", TestContext.Current.CancellationToken);

        var run = CliRunner.InProcess(["practice", "export", existing, .. Where]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("already exists", run.Error, StringComparison.Ordinal);
    }
}
