using System.CommandLine;
using Knotwork.Data;
using Knotwork.Data.Audit;
using Knotwork.Data.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Knotwork.Cli;

/// <summary><c>knotwork audit verify</c>: checks the audit log's hash chain and reports the first broken link.</summary>
internal static class AuditCommands
{
    public static Command Audit(Io io)
    {
        var data = new Option<string?>("--data")
        {
            Description = "The app's data folder, for SQLite (default: $Knotwork__DataDirectory, else ./data).",
            HelpName = "DIR",
        };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "A PostgreSQL connection string (default: $ConnectionStrings__Postgres); without one, SQLite in --data.",
            HelpName = "CONNECTION",
        };
        var keyFile = new Option<string?>("--key-file")
        {
            Description = "The master key file (default: $Knotwork__EncryptionKey, else $Knotwork__KeyFile, else ./keys/knotwork.key).",
            HelpName = "FILE",
        };
        var verify = new Command("verify", "Walk the audit log in order and check every entry's link to the one before it (an HMAC keyed by the master key). Exit 0 when the chain holds, 1 at the first broken link.")
        {
            data, postgres, keyFile,
        };
        verify.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new Dictionary<string, string?>
            {
                [DatabaseSettings.DataDirectoryKey] = parse.GetValue(data),
                ["ConnectionStrings:" + DatabaseSettings.PostgresConnectionName] = parse.GetValue(postgres),
                [MasterKey.KeyFileKey] = parse.GetValue(keyFile),
            };
            var configuration = new ConfigurationBuilder()
                .AddEnvironmentVariables()
                .AddInMemoryCollection(settings.Where(s => s.Value is not null))
                .Build();
            var contentRoot = Directory.GetCurrentDirectory();
            var database = DatabaseSettings.From(configuration, contentRoot);
            if (database.SqliteFile is { } file && !File.Exists(file))
            {
                return io.UsageError($"No Knotwork database at '{file}'. Give the app's data folder with --data DIR, or --postgres CONNECTION.");
            }

            var keySource = configuration[MasterKey.ConfigurationKey] is { Length: > 0 } ? null : Path.GetFullPath(configuration[MasterKey.KeyFileKey] ?? MasterKey.DefaultKeyFile, contentRoot);
            if (keySource is not null && !File.Exists(keySource))
            {
                return io.UsageError($"No key file at '{keySource}'. Give the app's master key with --key-file FILE or Knotwork__EncryptionKey: the chain cannot be checked without it.");
            }

            MasterKey key;
            try
            {
                key = MasterKey.Load(configuration, contentRoot);
            }
            catch (EncryptionKeyException e)
            {
                return io.UsageError(e.Message);
            }

            await using var db = Open(database, key);
            var progress = new Progress<long>(n => io.Error.WriteLine($"knotwork: {n:N0} entries checked..."));
            var result = await new AuditChain(key.AuditChainKey()).VerifyAsync(db, progress, cancellationToken);
            var before = result.Unchained > 0 ? $" ({result.Unchained:N0} earlier entries were written before the log was chained)" : string.Empty;
            if (result.Intact)
            {
                io.Out.WriteLine($"The audit log is intact: {result.Checked:N0} chained entries checked{before}.");
                return KnotworkCommand.Ok;
            }

            var broken = await db.AuditLog.AsNoTracking().SingleAsync(a => a.Id == result.FirstBrokenId, cancellationToken);
            io.Out.WriteLine(
                $"The audit log is broken at entry {broken.Id} ({broken.AtUtc:yyyy-MM-dd HH:mm:ss} UTC, {broken.Action} {broken.EntityType} {broken.EntityId}, by {broken.UserName ?? "nobody signed in"}): " +
                $"it, or the entry before it, was changed or removed outside the app, or the key is not the one that wrote it. {result.Checked:N0} entries before it are intact{before}.");
            return KnotworkCommand.Failed;
        });
        return new Command("audit", "Check the audit log.") { verify };
    }

    private static KnotworkDbContext Open(DatabaseSettings settings, MasterKey key) => settings.Provider == DatabaseProvider.Postgres
        ? new PostgresKnotworkDbContext(new DbContextOptionsBuilder<PostgresKnotworkDbContext>().UseNpgsql(settings.ConnectionString).UseColumnEncryption(key).Options)
        : new SqliteKnotworkDbContext(new DbContextOptionsBuilder<SqliteKnotworkDbContext>().UseSqlite(settings.ConnectionString).UseColumnEncryption(key).Options);
}
