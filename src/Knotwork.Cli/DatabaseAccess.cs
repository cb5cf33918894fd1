using System.CommandLine;
using Knotwork.Data;
using Knotwork.Data.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Knotwork.Cli;

/// <summary>
/// The options that find the app's database and master key (<c>--data</c>, <c>--postgres</c>, <c>--key-file</c>, with
/// the app's environment variables as defaults), and opening it as the app would, without creating anything.
/// </summary>
internal sealed class DatabaseAccess
{
    public Option<string?> Data { get; } = new("--data")
    {
        Description = "The app's data folder, for SQLite (default: $Knotwork__DataDirectory, else ./data).",
        HelpName = "DIR",
    };

    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = "A PostgreSQL connection string (default: $ConnectionStrings__Postgres); without one, SQLite in --data.",
        HelpName = "CONNECTION",
    };

    public Option<string?> KeyFile { get; } = new("--key-file")
    {
        Description = "The master key file (default: $Knotwork__EncryptionKey, else $Knotwork__KeyFile, else ./keys/knotwork.key).",
        HelpName = "FILE",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Postgres);
        command.Options.Add(KeyFile);
    }

    /// <summary>The migrated database; or null, with the exit code, after writing why not.</summary>
    public async Task<(KnotworkDbContext? Db, int ExitCode)> OpenAsync(ParseResult parse, Io io, CancellationToken cancellationToken)
    {
        var (db, _, exitCode) = await OpenWithKeyAsync(parse, io, requireCurrentSchema: true, cancellationToken);
        return (db, exitCode);
    }

    /// <summary>
    /// The database and the master key that opens it; or nulls, with the exit code, after writing why not. With
    /// <paramref name="requireCurrentSchema"/> false an older database opens too (for reading what it already has).
    /// </summary>
    public async Task<(KnotworkDbContext? Db, MasterKey? Key, int ExitCode)> OpenWithKeyAsync(
        ParseResult parse, Io io, bool requireCurrentSchema, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>
        {
            [DatabaseSettings.DataDirectoryKey] = parse.GetValue(Data),
            ["ConnectionStrings:" + DatabaseSettings.PostgresConnectionName] = parse.GetValue(Postgres),
            [MasterKey.KeyFileKey] = parse.GetValue(KeyFile),
        };
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(settings.Where(s => s.Value is not null))
            .Build();
        var contentRoot = Directory.GetCurrentDirectory();
        var database = DatabaseSettings.From(configuration, contentRoot);
        if (database.SqliteFile is { } file && !File.Exists(file))
            return (null, null, io.UsageError($"No Knotwork database at '{file}'. Give the app's data folder with --data DIR, or --postgres CONNECTION (start the app once to create the database)."));

        var keySource = configuration[MasterKey.ConfigurationKey] is { Length: > 0 } ? null : Path.GetFullPath(configuration[MasterKey.KeyFileKey] ?? MasterKey.DefaultKeyFile, contentRoot);
        if (keySource is not null && !File.Exists(keySource))
            return (null, null, io.UsageError($"No key file at '{keySource}'. Give the app's master key with --key-file FILE or Knotwork__EncryptionKey."));

        MasterKey key;
        try
        {
            key = MasterKey.Load(configuration, contentRoot);
        }
        catch (EncryptionKeyException e)
        {
            return (null, null, io.UsageError(e.Message));
        }

        KnotworkDbContext db = database.Provider == DatabaseProvider.Postgres
            ? new PostgresKnotworkDbContext(new DbContextOptionsBuilder<PostgresKnotworkDbContext>().UseNpgsql(database.ConnectionString).UseColumnEncryption(key).Options)
            : new SqliteKnotworkDbContext(new DbContextOptionsBuilder<SqliteKnotworkDbContext>().UseSqlite(database.ConnectionString).UseColumnEncryption(key).Options);
        if (requireCurrentSchema && (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.DisposeAsync();
            return (null, null, io.UsageError("The database is older than this knotwork command: start the app once (it brings the database up to date), then try again."));
        }

        return (db, key, KnotworkCommand.Ok);
    }
}
