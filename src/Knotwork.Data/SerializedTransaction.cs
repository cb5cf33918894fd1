using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Knotwork.Data;

/// <summary>
/// A transaction whose reads and writes no other writer of the same thing runs beside: SQLite takes the database's
/// write lock before the first read (BEGIN IMMEDIATE); PostgreSQL runs the caller's lock statement first (an advisory
/// lock, or SELECT ... FOR UPDATE on the row being changed). Rolled back unless committed.
/// </summary>
internal sealed class SerializedTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;
    private readonly SqliteTransaction? _owned;

    private SerializedTransaction(IDbContextTransaction transaction, SqliteTransaction? owned)
    {
        _transaction = transaction;
        _owned = owned;
    }

    /// <summary>Begins the transaction on <paramref name="db"/>; <paramref name="postgresLock"/> runs first on PostgreSQL.</summary>
    public static async Task<SerializedTransaction> BeginAsync(KnotworkDbContext db, FormattableString postgresLock, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync(postgresLock, cancellationToken);
            return new SerializedTransaction(transaction, null);
        }

        // BEGIN IMMEDIATE: the write lock is taken before the first read, so no other writer can change what was read
        // (SQLite waits for it up to the connection's busy timeout).
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var sqlite = connection.BeginTransaction(deferred: false);
        var used = await db.Database.UseTransactionAsync(sqlite, cancellationToken)
            ?? throw new InvalidOperationException("EF did not take the SQLite transaction.");
        return new SerializedTransaction(used, sqlite);
    }

    public Task CommitAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        if (_owned is not null)
            await _owned.DisposeAsync(); // rolls back unless committed
    }
}
