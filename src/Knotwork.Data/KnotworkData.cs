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
    /// <summary>Adds the provider's context, and <see cref="KnotworkDbContext"/> resolving to it.</summary>
    public static IServiceCollection AddKnotworkData(this IServiceCollection services, DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<PostgresKnotworkDbContext>(o => o.UseNpgsql(settings.ConnectionString));
            services.AddScoped<KnotworkDbContext>(sp => sp.GetRequiredService<PostgresKnotworkDbContext>());
        }
        else
        {
            services.AddDbContext<SqliteKnotworkDbContext>(o => o.UseSqlite(settings.ConnectionString));
            services.AddScoped<KnotworkDbContext>(sp => sp.GetRequiredService<SqliteKnotworkDbContext>());
        }

        return services;
    }

    /// <summary>
    /// Creates the database if needed and applies the provider's migrations. SQLite is switched to write-ahead
    /// logging (kept in the file), so readers do not block the writer.
    /// </summary>
    public static async Task MigrateAsync(KnotworkDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite() && db.Database.GetDbConnection().DataSource is { Length: > 0 } file)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
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
    /// keeps reading and writing).
    /// </summary>
    public static void BackupSqlite(string sourceFile, string destinationFile)
    {
        var destination = Path.GetFullPath(destinationFile);
        if (File.Exists(destination))
        {
            throw new IOException($"'{destination}' already exists; choose a new file name.");
        }

        using var source = new SqliteConnection(DatabaseSettings.ForSqliteFile(sourceFile).ConnectionString.Replace("Mode=ReadWriteCreate", "Mode=ReadOnly", StringComparison.Ordinal));
        using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Pooling = false }.ToString());
        source.Open();
        target.Open();
        source.BackupDatabase(target);
    }
}
