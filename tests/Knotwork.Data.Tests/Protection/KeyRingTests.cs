using System.Security.Cryptography;
using Knotwork.Data.Protection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Data.Tests.Protection;

/// <summary>The data-protection key ring (the keys that sign sign-in cookies) as the app keeps it in the database.</summary>
public sealed class KeyRingTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    private const string Purpose = "Knotwork key ring test";

    private ServiceProvider DataProtection(MasterKey key, bool sealKeys = true)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddKnotworkData(database.Settings, key);
        var builder = services.AddDataProtection().SetApplicationName("Knotwork").PersistKeysToDbContext<KnotworkDbContext>();
        if (sealKeys)
        {
            builder.ProtectKeysWithMasterKey();
        }

        return services.BuildServiceProvider();
    }

    private async Task<List<string>> StoredKeys()
    {
        await using var db = database.NewContext();
        return await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task NewKeys_AreStoredSealed_WithNoPlainMasterKey_AndOpenInAnotherProcessWithTheSameKey()
    {
        string payload;
        await using (var first = DataProtection(database.Key))
        {
            payload = first.GetDataProtector(Purpose).Protect("signed in");
        }

        var stored = await StoredKeys();
        Assert.NotEmpty(stored);
        Assert.All(stored, xml =>
        {
            Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("urn:knotwork:key-ring", xml, StringComparison.Ordinal);
        });

        await using var second = DataProtection(database.Key);
        Assert.Equal("signed in", second.GetDataProtector(Purpose).Unprotect(payload));
    }

    [Fact]
    public async Task AKeyRingWrittenBeforeSealing_StillOpens()
    {
        await using var plainDatabase = new SqliteTestDatabase();
        await plainDatabase.InitializeAsync();
        var test = new KeyRingTests(plainDatabase);
        string payload;
        await using (var before = test.DataProtection(plainDatabase.Key, sealKeys: false))
        {
            payload = before.GetDataProtector(Purpose).Protect("from before");
        }

        Assert.Contains(await test.StoredKeys(), xml => xml.Contains("<masterKey", StringComparison.Ordinal));
        await using var after = test.DataProtection(plainDatabase.Key);
        Assert.Equal("from before", after.GetDataProtector(Purpose).Unprotect(payload));
    }

    [Fact]
    public async Task ACopyOfTheDatabase_WithoutTheMasterKey_CannotOpenWhatItsKeysProtected()
    {
        // Its own database: the thief's app writes a key of its own into it.
        await using var copied = new SqliteTestDatabase();
        await copied.InitializeAsync();
        var test = new KeyRingTests(copied);
        string payload;
        await using (var app = test.DataProtection(copied.Key))
        {
            payload = app.GetDataProtector(Purpose).Protect("an owner's sign-in");
        }

        await using var thief = test.DataProtection(MasterKey.Generate());
        Assert.ThrowsAny<CryptographicException>(() => thief.GetDataProtector(Purpose).Unprotect(payload));

        await using var owner = test.DataProtection(copied.Key);
        Assert.Equal("an owner's sign-in", owner.GetDataProtector(Purpose).Unprotect(payload));
    }
}
