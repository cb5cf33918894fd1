using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Knotwork.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Data.Audit;

/// <summary>
/// The audit log as a hash chain: each entry carries an HMAC-SHA256 over its own fields and the previous entry's
/// hash, keyed with a key that is not in the database. Changing, removing or reordering an entry with plain SQL
/// breaks the link at that entry, and without the key the chain cannot be recomputed to hide it.
/// </summary>
/// <remarks>
/// Appends are serialised so that no two entries chain to the same predecessor: one writer at a time in this
/// process, and in the database an immediate (write-locking) transaction on SQLite or a transaction-scoped
/// advisory lock on PostgreSQL, so several app servers over one database also take turns.
/// </remarks>
public sealed class AuditChain
{
    /// <summary>The advisory lock id PostgreSQL appenders take (an arbitrary constant: "knotwork audit").</summary>
    private const long PostgresLockId = 0x6b6e6f7461756474;

    private static readonly SemaphoreSlim Writer = new(1, 1);

    private readonly byte[] _key;

    /// <param name="key">The HMAC key (at least 32 bytes), derived from the practice's master key.</param>
    public AuditChain(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("The audit chain key needs at least 32 bytes.", nameof(key));
        }

        _key = [.. key];
    }

    /// <summary>Stores <paramref name="entry"/> (its time truncated to microseconds, what both databases keep) chained to the last entry.</summary>
    public async Task AppendAsync(KnotworkDbContext db, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entry);
        entry.AtUtc = TruncateToMicroseconds(entry.AtUtc);
        await Writer.WaitAsync(cancellationToken);
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (db.Database.IsNpgsql())
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresLockId})", cancellationToken);
                }

                var previous = await db.AuditLog.AsNoTracking().OrderByDescending(a => a.Id).Select(a => a.Hash).FirstOrDefaultAsync(cancellationToken);
                entry.Hash = Seal(previous, entry);
                db.AuditLog.Add(entry);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
        }
        finally
        {
            Writer.Release();
        }
    }

    /// <summary>
    /// Walks the whole log in order and reports the first entry whose hash does not match its fields and the entry
    /// before it. Entries written before the log was chained (no hash, before the first chained entry) are counted,
    /// not judged; an entry without a hash after the chain began is a broken link.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(KnotworkDbContext db, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        long checkedCount = 0, unchained = 0;
        string? previous = null;
        var started = false;
        await foreach (var entry in db.AuditLog.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!started && entry.Hash is null)
            {
                unchained++;
                continue;
            }

            started = true;
            var expected = Seal(previous, entry);
            if (entry.Hash is null || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(expected), HexOrEmpty(entry.Hash)))
            {
                return new AuditVerification(checkedCount, unchained, entry.Id);
            }

            previous = entry.Hash;
            checkedCount++;
            if (checkedCount % 10_000 == 0)
            {
                progress?.Report(checkedCount);
            }
        }

        return new AuditVerification(checkedCount, unchained, null);
    }

    /// <summary>The entry's hash: HMAC-SHA256 over the previous hash and each field, every one length-prefixed.</summary>
    internal string Seal(string? previousHash, AuditEntry entry)
    {
        var text = new StringBuilder(256);
        Field(text, previousHash);
        Field(text, TruncateToMicroseconds(entry.AtUtc).ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture));
        Field(text, entry.UserId?.ToString("D"));
        Field(text, entry.UserName);
        Field(text, entry.Action);
        Field(text, entry.EntityType);
        Field(text, entry.EntityId);
        Field(text, entry.RemoteAddress);
        Field(text, entry.Detail);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void Field(StringBuilder text, string? value) =>
        text.Append(value is null ? "-1" : value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');

    private static byte[] HexOrEmpty(string hash)
    {
        try
        {
            return Convert.FromHexString(hash);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    private static DateTime TruncateToMicroseconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
}

/// <summary>What <see cref="AuditChain.VerifyAsync"/> found.</summary>
/// <param name="Checked">Chained entries whose links hold.</param>
/// <param name="Unchained">Entries written before the log was chained.</param>
/// <param name="FirstBrokenId">The id of the first entry whose link is broken, or null when the chain holds.</param>
public sealed record AuditVerification(long Checked, long Unchained, long? FirstBrokenId)
{
    /// <summary>Whether every chained link holds.</summary>
    public bool Intact => FirstBrokenId is null;
}
