using Npgsql;

namespace Knotwork.Web.Tests.Reliability;

/// <summary>A new database on the PostgreSQL server the test command starts (KNOTWORK_TEST_POSTGRES), dropped afterwards.</summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string Default = "Host=127.0.0.1;Port=5432;Username=knotwork_test;Password=knotwork_test;Database=postgres";
    private readonly string _name = "knotwork_web_" + Guid.NewGuid().ToString("N")[..12];

    private ThrowawayPostgres()
    {
    }

    private static string Admin => Environment.GetEnvironmentVariable("KNOTWORK_TEST_POSTGRES") is { Length: > 0 } value ? value : Default;

    /// <summary>The app's connection string: a bounded pool, as production should run.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(Admin) { Database = _name, MaxPoolSize = 40 }.ToString();

    public static async Task<ThrowawayPostgres> CreateAsync()
    {
        var db = new ThrowawayPostgres();
        await using var admin = new NpgsqlConnection(Admin);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{db._name}\"", admin);
        await create.ExecuteNonQueryAsync();
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Admin);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
