using System.Security.Cryptography;
using Knotwork.Data.Audit;
using Knotwork.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Data.Tests;

/// <summary>
/// The audit log cannot be rewritten unseen (issue 7): a plain SQL UPDATE or DELETE on the database breaks the
/// chain at that entry, on every provider, and concurrent writers never fork it. Each test has its own database.
/// </summary>
public abstract class AuditChainTests<TDatabase>
    where TDatabase : class, ITestDatabase, new()
{
    private static readonly AuditChain Chain = new(RandomNumberGenerator.GetBytes(32));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static AuditEntry Entry(int i) => new()
    {
        AtUtc = DateTime.UtcNow.AddTicks(i * 7),
        UserId = Guid.NewGuid(),
        UserName = $"therapist{i}@knotwork.test",
        Action = "read",
        EntityType = "client",
        EntityId = Guid.NewGuid().ToString(),
        RemoteAddress = "203.0.113.9",
        Detail = i % 3 == 0 ? null : $"{i} pain maps shown",
    };

    private static async Task<List<long>> Append(TDatabase database, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var db = database.NewContext();
            await Chain.AppendAsync(db, Entry(i), Token);
        }

        await using var read = database.NewContext();
        return await read.AuditLog.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(Token);
    }

    private static async Task<AuditVerification> Verify(TDatabase database, AuditChain? chain = null)
    {
        await using var db = database.NewContext();
        return await (chain ?? Chain).VerifyAsync(db, cancellationToken: Token);
    }

    [Fact]
    public async Task ConcurrentWriters_NeverForkTheChain()
    {
        await using var database = new TDatabase();
        await database.InitializeAsync();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            await using var db = database.NewContext();
            await Chain.AppendAsync(db, Entry(i), Token);
        }));

        var result = await Verify(database);
        Assert.True(result.Intact, $"broken at {result.FirstBrokenId}");
        Assert.Equal(40, result.Checked);
    }

    [Fact]
    public async Task PlainSqlUpdate_OfOneEntry_IsReportedAtThatEntry()
    {
        await using var database = new TDatabase();
        await database.InitializeAsync();
        var ids = await Append(database, 12);
        Assert.True((await Verify(database)).Intact);

        await using (var db = database.NewContext())
        {
            await db.Database.ExecuteSqlAsync($"""UPDATE "AuditLog" SET "UserName" = 'someone.else@knotwork.test' WHERE "Id" = {ids[6]}""", Token);
        }

        var result = await Verify(database);
        Assert.Equal(ids[6], result.FirstBrokenId);
        Assert.Equal(6, result.Checked);
    }

    [Fact]
    public async Task PlainSqlDelete_OfOneEntry_IsReportedAtTheEntryAfterIt()
    {
        await using var database = new TDatabase();
        await database.InitializeAsync();
        var ids = await Append(database, 8);

        await using (var db = database.NewContext())
        {
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "AuditLog" WHERE "Id" = {ids[3]}""", Token);
        }

        Assert.Equal(ids[4], (await Verify(database)).FirstBrokenId);
    }

    [Fact]
    public async Task RecomputingTheChain_WithoutTheKey_DoesNotVerify()
    {
        await using var database = new TDatabase();
        await database.InitializeAsync();
        var ids = await Append(database, 3);

        var other = new AuditChain(RandomNumberGenerator.GetBytes(32));
        Assert.Equal(ids[0], (await Verify(database, other)).FirstBrokenId);
        Assert.True((await Verify(database)).Intact);
    }

    [Fact]
    public async Task EntriesFromBeforeTheChain_AreCounted_NotJudged()
    {
        await using var database = new TDatabase();
        await database.InitializeAsync();
        await using (var db = database.NewContext())
        {
            db.AuditLog.Add(Entry(100));
            db.AuditLog.Add(Entry(101));
            await db.SaveChangesAsync(Token);
        }

        await Append(database, 2);
        var result = await Verify(database);
        Assert.True(result.Intact);
        Assert.Equal((2, 2), (result.Checked, result.Unchained));
    }
}

public sealed class SqliteAuditChainTests : AuditChainTests<SqliteTestDatabase>;

public sealed class PostgresAuditChainTests : AuditChainTests<PostgresTestDatabase>;
