using Knotwork.Tests.Shared;

namespace Knotwork.Web.Tests.Reliability;

/// <summary>A new database on the PostgreSQL server the test command starts (KNOTWORK_TEST_POSTGRES), dropped afterwards.</summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _name = "knotwork_web_" + Guid.NewGuid().ToString("N")[..12];

    private ThrowawayPostgres()
    {
    }

    /// <summary>The app's connection string: a bounded pool, as production should run (see <see cref="TestPostgres.ConnectionString"/>).</summary>
    public string ConnectionString => TestPostgres.ConnectionString(_name);

    public static async Task<ThrowawayPostgres> CreateAsync()
    {
        var db = new ThrowawayPostgres();
        await TestPostgres.CreateAsync(db._name);
        return db;
    }

    /// <summary>Drops the database; a failure to clean up is reported, never a failed test.</summary>
    public async ValueTask DisposeAsync() => await TestPostgres.DropAsync(_name);
}
