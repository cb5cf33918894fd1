using Knotwork.Data.Protection;
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
    public const string Variable = "KNOTWORK_TEST_POSTGRES";
    private const string Default = "Host=127.0.0.1;Port=5432;Username=knotwork_test;Password=knotwork_test;Database=postgres";

    private readonly string _name = "knotwork_test_" + Guid.NewGuid().ToString("N")[..12];
    private string _connectionString = string.Empty;

    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public MasterKey Key { get; } = MasterKey.Generate();

    private static string Admin => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : Default;

    public KnotworkDbContext NewContext() => NewContext(Key);

    public KnotworkDbContext NewContext(MasterKey key) =>
        new PostgresKnotworkDbContext(new DbContextOptionsBuilder<PostgresKnotworkDbContext>().UseNpgsql(_connectionString).UseColumnEncryption(key).Options);

    public async ValueTask InitializeAsync()
    {
        try
        {
            await using var admin = new NpgsqlConnection(Admin);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable with {Variable} (or the default '{Default}'). ./test.sh starts it; to run these tests by hand, start a PostgreSQL 15 server and set {Variable}. ({e.Message})", e);
        }

        // A bounded pool, as the app runs: 200 concurrent saves queue for 40 connections instead of exhausting the server.
        _connectionString = new NpgsqlConnectionStringBuilder(Admin) { Database = _name, MaxPoolSize = 40 }.ToString();
        await using var db = NewContext();
        await KnotworkData.MigrateAsync(db);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();

        // Dropping a throwaway database can collide with another class creating or dropping its own at the same
        // moment (CI once failed a class's cleanup here after all its tests passed): try a few times, and leave the
        // database behind with a message rather than fail tests that passed.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var admin = new NpgsqlConnection(Admin);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (NpgsqlException e) when (attempt < 5)
            {
                await Console.Error.WriteLineAsync($"Dropping {_name} failed ({e.Message}); trying again.");
                await Task.Delay(200 * attempt);
            }
            catch (NpgsqlException e)
            {
                await Console.Error.WriteLineAsync($"Left the throwaway database {_name} behind: {e.Message}");
                return;
            }
        }
    }
}
