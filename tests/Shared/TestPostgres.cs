using Npgsql;

namespace Knotwork.Tests.Shared;

/// <summary>
/// The PostgreSQL server the tests run against (KNOTWORK_TEST_POSTGRES, an account allowed to create databases, or the
/// local default): creating and dropping throwaway databases and connecting to them. One copy, linked into the Data and
/// Web tests, so both clean up the same way.
/// </summary>
internal static class TestPostgres
{
    /// <summary>The variable ./test.sh sets to the server's admin connection string.</summary>
    public const string Variable = "KNOTWORK_TEST_POSTGRES";

    /// <summary>The server ./test.sh starts, when the variable is not set.</summary>
    public const string Default = "Host=127.0.0.1;Port=5432;Username=knotwork_test;Password=knotwork_test;Database=postgres";

    /// <summary>The connection string that creates and drops databases.</summary>
    public static string Admin => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : Default;

    /// <summary>
    /// A connection string to database <paramref name="name"/>: a bounded pool of 40, as the app runs, so many concurrent
    /// saves queue for connections instead of exhausting the server. The waits are longer than Npgsql's (15 s for a
    /// connection, 30 s for a command): bookings take one advisory lock in turn, and on a busy machine (the whole suite
    /// on two cores) the last of 200 attempts can wait longer than that, which would fail a test for the machine's speed.
    /// </summary>
    public static string ConnectionString(string name) =>
        new NpgsqlConnectionStringBuilder(Admin) { Database = name, MaxPoolSize = 40, Timeout = 60, CommandTimeout = 120 }.ToString();

    /// <summary>Creates database <paramref name="name"/>.</summary>
    public static async Task CreateAsync(string name)
    {
        await using var admin = new NpgsqlConnection(Admin);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Drops database <paramref name="name"/>, or leaves it behind with a message: cleaning up never fails a test that passed.
    /// </summary>
    /// <remarks>
    /// <c>WITH (FORCE)</c> ends the sessions still on the database, but only if this account may end every one of them:
    /// an autovacuum worker tidying the new tables (likelier on a busy machine), or another role's session, makes it
    /// fail with a permission error (42501). So the attempts alternate with ending only this account's sessions and a
    /// plain DROP, which asks autovacuum to stop and waits for it (up to 5 s). A drop can also collide with another
    /// class creating or dropping its own database at the same moment; the attempts are a little apart.
    /// </remarks>
    public static async Task DropAsync(string name)
    {
        using (var pooled = new NpgsqlConnection(ConnectionString(name)))
        {
            NpgsqlConnection.ClearPool(pooled); // this database's pool only: other tests' pools stay as they are
        }

        for (var attempt = 1; ; attempt++)
        {
            var force = attempt % 2 == 1;
            try
            {
                await using var admin = new NpgsqlConnection(Admin);
                await admin.OpenAsync();
                if (!force)
                {
                    await using var ours = new NpgsqlCommand(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND usename = current_user AND pid <> pg_backend_pid()", admin);
                    ours.Parameters.AddWithValue("name", name);
                    await ours.ExecuteNonQueryAsync();
                }

                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\"" + (force ? " WITH (FORCE)" : ""), admin);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (NpgsqlException e) when (attempt < 6)
            {
                await Console.Error.WriteLineAsync($"Dropping {name}{(force ? " WITH (FORCE)" : "")} failed ({e.Message}); trying again.");
                await Task.Delay(250 * attempt);
            }
            catch (NpgsqlException e)
            {
                await Console.Error.WriteLineAsync($"Left the throwaway database {name} behind: {e.Message}");
                return;
            }
        }
    }
}
