using Knotwork.Data.Entities;
using Knotwork.Data.Protection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Data;

/// <summary>Which database Knotwork uses.</summary>
public enum DatabaseProvider
{
    /// <summary>An SQLite file in the data folder (the default).</summary>
    Sqlite,

    /// <summary>PostgreSQL, when a connection string is configured.</summary>
    Postgres,
}

/// <summary>
/// The database settings, from configuration: <c>ConnectionStrings:Postgres</c> (environment
/// <c>ConnectionStrings__Postgres</c>) selects PostgreSQL; otherwise SQLite at
/// <c>{Knotwork:DataDirectory}/knotwork.db</c> (environment <c>Knotwork__DataDirectory</c>; default <c>data</c>
/// under the app's content root).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string? SqliteFile)
{
    public const string PostgresConnectionName = "Postgres";
    public const string DataDirectoryKey = "Knotwork:DataDirectory";
    public const string SqliteFileName = "knotwork.db";

    public static DatabaseSettings From(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var postgres = configuration.GetConnectionString(PostgresConnectionName);
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            return new DatabaseSettings(DatabaseProvider.Postgres, postgres, null);
        }

        var folder = configuration[DataDirectoryKey];
        folder = string.IsNullOrWhiteSpace(folder) ? Path.Combine(contentRoot, "data") : Path.GetFullPath(folder, contentRoot);
        return ForSqliteFile(Path.Combine(folder, SqliteFileName));
    }

    /// <summary>SQLite at <paramref name="file"/>: foreign keys on, a 30-second busy timeout, pooled connections.</summary>
    public static DatabaseSettings ForSqliteFile(string file)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            ForeignKeys = true,
            DefaultTimeout = 30,
            Pooling = true,
            Mode = SqliteOpenMode.ReadWriteCreate,
        };
        return new DatabaseSettings(DatabaseProvider.Sqlite, builder.ToString(), file);
    }
}

/// <summary>Registers the database and brings it up to date.</summary>
public static class KnotworkData
{
    private const int KeyCheckId = 1;
    private const string KeyCheckText = "Knotwork encryption key check";

    /// <summary>
    /// Adds the provider's context, and <see cref="KnotworkDbContext"/> resolving to it, its sensitive columns sealed
    /// with <paramref name="key"/> (also registered, for the data-protection key ring and the audit chain).
    /// </summary>
    public static IServiceCollection AddKnotworkData(this IServiceCollection services, DatabaseSettings settings, MasterKey key)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddSingleton(key);
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<PostgresKnotworkDbContext>(o => o.UseNpgsql(settings.ConnectionString).UseColumnEncryption(key));
            services.AddScoped<KnotworkDbContext>(sp => sp.GetRequiredService<PostgresKnotworkDbContext>());
        }
        else
        {
            services.AddDbContext<SqliteKnotworkDbContext>(o => o.UseSqlite(settings.ConnectionString).UseColumnEncryption(key));
            services.AddScoped<KnotworkDbContext>(sp => sp.GetRequiredService<SqliteKnotworkDbContext>());
        }

        return services;
    }

    /// <summary>
    /// Creates the database if needed, applies the provider's migrations and checks that the context's encryption key
    /// is the one the database was encrypted with. SQLite's folder is made 0700 and its file 0600 before SQLite opens
    /// it (its -wal and -shm files take the same mode), and the database is switched to write-ahead logging (kept in
    /// the file), so readers do not block the writer.
    /// </summary>
    /// <exception cref="EncryptionKeyException">The key does not open the database's encrypted data.</exception>
    public static async Task MigrateAsync(KnotworkDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite() && db.Database.GetDbConnection().DataSource is { Length: > 0 } file && file != ":memory:")
        {
            PrepareSqliteFile(Path.GetFullPath(file));
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await CheckEncryptionKeyAsync(db, cancellationToken);
    }

    /// <summary>The data folder 0700 and the database file with its companions 0600, tightened if they were wider.</summary>
    private static void PrepareSqliteFile(string file)
    {
        if (Path.GetDirectoryName(file) is { Length: > 0 } folder)
        {
            PrivateFiles.EnsureFolder(folder);
        }

        PrivateFiles.EnsureFile(file);
        PrivateFiles.TightenIfPresent(file + "-wal", mustSucceed: true);
        PrivateFiles.TightenIfPresent(file + "-shm", mustSucceed: true);
    }

    /// <summary>
    /// Opens the database's key check with the context's key; the first start with a key writes it. A key that does
    /// not open it was lost or changed: Knotwork stops rather than mix data sealed with two keys (and would remove a
    /// key file it has just created, so the next start gives the same answer instead of a second wrong key).
    /// </summary>
    private static async Task CheckEncryptionKeyAsync(KnotworkDbContext db, CancellationToken cancellationToken)
    {
        var key = db.EncryptionKey;
        var check = await db.EncryptionKeyChecks.AsNoTracking().SingleOrDefaultAsync(k => k.Id == KeyCheckId, cancellationToken);
        if (check is null)
        {
            db.EncryptionKeyChecks.Add(new EncryptionKeyCheck { Id = KeyCheckId, KeyId = key.Id, Sealed = key.Columns.Encrypt(KeyCheckText), CreatedAtUtc = DateTime.UtcNow });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException)
            {
                // Another app server wrote it first: check against theirs.
                db.ChangeTracker.Clear();
                check = await db.EncryptionKeyChecks.AsNoTracking().SingleAsync(k => k.Id == KeyCheckId, cancellationToken);
            }
        }

        string opened;
        try
        {
            opened = key.Columns.Decrypt(check.Sealed);
        }
        catch (EncryptionKeyException)
        {
            opened = string.Empty;
        }

        if (opened == KeyCheckText)
        {
            return;
        }

        var removed = string.Empty;
        if (key.CreatedFile is { } created)
        {
            File.Delete(created);
            removed = $" No key file was found, so one was just created at {created}; it opened nothing and has been removed again.";
        }

        throw new EncryptionKeyException(
            $"Knotwork cannot start: the encryption key from {key.Source} (key id {key.Id}) does not open this database, which was encrypted " +
            $"on {check.CreatedAtUtc:yyyy-MM-dd} with the key whose id is {check.KeyId}. The key was lost or changed.{removed} Restore that key " +
            $"(the key file from its backup, or {MasterKey.ConfigurationKey}); without it the encrypted health data and sign-ins cannot be recovered, " +
            "and Knotwork will not write new data with another key beside them.");
    }

    /// <summary>Runs SQLite's integrity check; true when it answers "ok".</summary>
    public static async Task<bool> IntegrityCheckAsync(KnotworkDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            return true;
        }

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            return (string?)await command.ExecuteScalarAsync(cancellationToken) == "ok";
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// A consistent copy of a live SQLite database (SQLite's online backup: it copies a snapshot while the app
    /// keeps reading and writing), in a new file only its owner may read (0600). Sealed columns stay sealed in the
    /// copy; the key is not in it. Retried while the app holds a write lock, for up to ten seconds.
    /// </summary>
    public static void BackupSqlite(string sourceFile, string destinationFile)
    {
        var destination = Path.GetFullPath(destinationFile);
        try
        {
            // Made 0600 before SQLite writes into it (SQLite takes an empty file as an empty database).
            PrivateFiles.CreateNew(destination).Dispose();
        }
        catch (IOException e) when (File.Exists(destination))
        {
            throw new IOException($"'{destination}' already exists; choose a new file name.", e);
        }

        using var source = new SqliteConnection(DatabaseSettings.ForSqliteFile(sourceFile).ConnectionString.Replace("Mode=ReadWriteCreate", "Mode=ReadOnly", StringComparison.Ordinal));
        using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Pooling = false }.ToString());
        source.Open();
        target.Open();

        // The app may be writing at that moment (SQLITE_BUSY or SQLITE_LOCKED): the copy is retried, for up to
        // ten seconds, rather than failing a backup of a live database.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                source.BackupDatabase(target);
                return;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && attempt < 100)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(100));
            }
        }
    }
}
