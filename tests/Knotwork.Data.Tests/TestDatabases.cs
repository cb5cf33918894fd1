using Knotwork.Data.Protection;
using Knotwork.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Knotwork.Data.Tests;

/// <summary>A real, migrated, throwaway database for one test class.</summary>
public interface ITestDatabase : IAsyncLifetime
{
    DatabaseProvider Provider { get; }

    /// <summary>The key the database's sensitive columns are sealed with.</summary>
    MasterKey Key { get; }

    KnotworkDbContext NewContext() => NewContext(Key);

    /// <summary>A context over the same database that seals with <paramref name="key"/>.</summary>
    KnotworkDbContext NewContext(MasterKey key);
}

/// <summary>An SQLite file in a fresh temporary folder, migrated as the app migrates it.</summary>
public sealed class SqliteTestDatabase : ITestDatabase
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("knotwork-db-");

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public MasterKey Key { get; } = MasterKey.Generate();

    public DatabaseSettings Settings => DatabaseSettings.ForSqliteFile(Path.Combine(_folder.FullName, DatabaseSettings.SqliteFileName));

    public KnotworkDbContext NewContext() => NewContext(Key);

    public KnotworkDbContext NewContext(MasterKey key) =>
        new SqliteKnotworkDbContext(new DbContextOptionsBuilder<SqliteKnotworkDbContext>().UseSqlite(Settings.ConnectionString).UseColumnEncryption(key).Options);

    public async ValueTask InitializeAsync()
    {
        await using var db = NewContext();
        await KnotworkData.MigrateAsync(db);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A new database on the PostgreSQL server the test command starts (KNOTWORK_TEST_POSTGRES, an account allowed to
/// create databases), dropped afterwards.
/// </summary>
public sealed class PostgresTestDatabase : ITestDatabase
{
    private readonly string _name = "knotwork_test_" + Guid.NewGuid().ToString("N")[..12];
    private string _connectionString = string.Empty;

    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public MasterKey Key { get; } = MasterKey.Generate();

    public KnotworkDbContext NewContext() => NewContext(Key);

    public KnotworkDbContext NewContext(MasterKey key) =>
        new PostgresKnotworkDbContext(new DbContextOptionsBuilder<PostgresKnotworkDbContext>().UseNpgsql(_connectionString).UseColumnEncryption(key).Options);

    public async ValueTask InitializeAsync()
    {
        try
        {
            await TestPostgres.CreateAsync(_name);
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable with {TestPostgres.Variable} (or the default '{TestPostgres.Default}'). ./test.sh starts it; to run these tests by hand, start a PostgreSQL 15 server and set {TestPostgres.Variable}. ({e.Message})", e);
        }

        _connectionString = TestPostgres.ConnectionString(_name);
        await using var db = NewContext();
        await KnotworkData.MigrateAsync(db);
    }

    public async ValueTask DisposeAsync() => await TestPostgres.DropAsync(_name);
}
