using System.Net;
using System.Security.Cryptography;
using System.Text;
using Knotwork.Data;
using Knotwork.Data.Protection;
using Knotwork.Web.Tests.Accounts;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests.Security;

/// <summary>
/// Health data and the keys that sign sign-ins, at rest: sealed in the database file, its WAL and its backups, with a
/// key that lives elsewhere; the files private to the app's account; a lost or changed key stops the app.
/// </summary>
public class EncryptionAtRestTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string DatabaseFile(KnotworkApp app) => Path.Combine(app.DataDirectory, DatabaseSettings.SqliteFileName);

    private static byte[] RawBytes(string file)
    {
        if (!File.Exists(file))
        {
            return [];
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Holds(byte[] bytes, string text) => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MasterKey.Length));

    [Fact]
    public async Task HealthDataAndAuthenticatorKeys_AreNowhereInTheDatabaseItsWalOrABackup_YetTheOwnerSeesThem()
    {
        await using var app = new KnotworkApp(keyFile: true);
        var driver = new PracticeDriver(app);
        var owner = await driver.SetUpOwner();
        var (client, clientId) = await driver.RegisterClient("Mara Marker", "mara@knotwork.test");
        var marker = "mk" + Guid.NewGuid().ToString("N")[..10];
        var phone = "+1 661 " + RandomNumberGenerator.GetInt32(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sensitive = new Dictionary<string, string>
        {
            ["phone"] = phone, ["address"] = marker + " Sierra Hwy", ["city"] = marker + "ville", ["postal code"] = "Z" + marker[2..10],
            ["date of birth"] = "1971-05-23", ["screening item"] = "DeepVeinThrombosis", ["medications"] = marker + " warfarin",
            ["screening notes"] = marker + " bruises easily", ["pain map note"] = marker + " worse after driving",
            ["pain map marks"] = "neck-back.l", ["pain map context"] = "jaw-clenching", ["pain map result"] = "upper-trapezius",
            ["authenticator key"] = owner.AuthenticatorKey!,
        };

        var edit = await owner.Post($"/clients/{clientId}/edit", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Mara Marker", ["Input.Email"] = "mara@knotwork.test", ["Input.Phone"] = phone,
            ["Input.AddressLine"] = sensitive["address"], ["Input.City"] = sensitive["city"], ["Input.PostalCode"] = sensitive["postal code"],
            ["Input.DateOfBirth"] = "1971-05-23", ["Input.Screening"] = "DeepVeinThrombosis", ["Input.Medications"] = sensitive["medications"],
            ["Input.ScreeningNotes"] = sensitive["screening notes"],
        });
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var finder = await client.Html("/finder?regions=temple.l,neck-back.l&intensity=temple.l:7&context=jaw-clenching");
        var saveId = System.Text.RegularExpressions.Regex.Match(finder, "name=\"saveId\" value=\"([^\"]+)\"").Groups[1].Value;
        var save = await client.Post("/finder?regions=temple.l,neck-back.l", new Dictionary<string, string>
        {
            ["clientId"] = clientId.ToString(), ["regions"] = "temple.l,neck-back.l", ["intensity"] = "temple.l:7",
            ["context"] = "jaw-clenching", ["saveId"] = saveId, ["note"] = sensitive["pain map note"],
        }, "/clients/pain-maps");
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);

        var backup = Path.Combine(Path.GetTempPath(), $"knotwork-backup-{Guid.NewGuid():N}.db");
        try
        {
            KnotworkData.BackupSqlite(DatabaseFile(app), backup);
            var files = new Dictionary<string, byte[]>
            {
                ["knotwork.db"] = RawBytes(DatabaseFile(app)),
                ["knotwork.db-wal"] = RawBytes(DatabaseFile(app) + "-wal"),
                ["the backup"] = RawBytes(backup),
            };

            // The search finds what is plain (names and e-mail addresses stay plain, to be searched and sorted) ...
            Assert.True(Holds([.. files["knotwork.db"], .. files["knotwork.db-wal"]], "mara@knotwork.test"), "the raw search does not see plain text");
            Assert.True(Holds(files["the backup"], "mara@knotwork.test"), "the backup is not a copy of the database");

            // ... and none of what is sealed.
            var found = from file in files from field in sensitive where Holds(file.Value, field.Value) select $"{field.Key} in {file.Key}";
            Assert.Empty(found);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(backup);
        }

        var record = WebUtility.HtmlDecode(await owner.Html($"/clients/{clientId}"));
        foreach (var shown in new[] { phone, sensitive["address"], sensitive["city"], sensitive["postal code"], "23 May 1971", sensitive["medications"], sensitive["screening notes"], sensitive["pain map note"], "Upper trapezius", "jaw-clenching" })
        {
            Assert.Contains(shown, record, StringComparison.Ordinal);
        }

        Assert.Matches("value=\"DeepVeinThrombosis\" checked", await owner.Html($"/clients/{clientId}/edit"));
        Assert.Equal(HttpStatusCode.Redirect, (await new Accounts.Browser(app) { AuthenticatorKey = owner.AuthenticatorKey }.SignIn("owner@knotwork.test", PracticeDriver.Password)).StatusCode);
    }

    [Fact]
    public async Task TheKeyRingInTheDatabase_HoldsNoPlainKey()
    {
        await using var app = new KnotworkApp();
        await new PracticeDriver(app).SetUpOwner();

        await using var scope = app.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<KnotworkDbContext>().DataProtectionKeys.Select(k => k.Xml!).ToListAsync(Token);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal); // neither the element nor its escaped text
            var sealedKey = System.Xml.Linq.XElement.Parse(xml).Descendants(System.Xml.Linq.XName.Get("sealed", "urn:knotwork:key-ring")).Single();
            Assert.StartsWith(FieldCipher.Prefix, sealedKey.Value, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task ASignInCookie_IsUselessWithACopyOfTheDatabase_UnderAnotherKey()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        var (client, clientId) = await driver.RegisterClient("Coco Cookie", "coco@knotwork.test");
        var cookie = (await client.Get("/account")).RequestMessage!.Headers.GetValues("Cookie").Single();

        async Task<HttpResponseMessage> SendCookieToACopy(string key, bool removeKeyCheck)
        {
            var copy = Directory.CreateTempSubdirectory("knotwork-stolen-");
            KnotworkData.BackupSqlite(DatabaseFile(app), Path.Combine(copy.FullName, DatabaseSettings.SqliteFileName));
            if (removeKeyCheck)
            {
                // What a thief would do first: the key check would otherwise stop their app.
                await using var connection = new SqliteConnection($"Data Source={Path.Combine(copy.FullName, DatabaseSettings.SqliteFileName)};Pooling=False");
                await connection.OpenAsync(Token);
                await using var delete = connection.CreateCommand();
                delete.CommandText = "DELETE FROM \"EncryptionKeyChecks\"";
                await delete.ExecuteNonQueryAsync(Token);
            }

            await using var other = new KnotworkApp();
            await using var thief = other.WithWebHostBuilder(b => b.UseSetting("Knotwork:DataDirectory", copy.FullName).UseSetting("Knotwork:EncryptionKey", key));
            try
            {
                var http = thief.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/clients/{clientId}");
                request.Headers.Add("Cookie", cookie);
                return await http.SendAsync(request, Token);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                copy.Delete(recursive: true);
            }
        }

        var withTheKey = await SendCookieToACopy(KnotworkApp.TestKey, removeKeyCheck: false);
        var withAnotherKey = await SendCookieToACopy(NewKey(), removeKeyCheck: true);

        Assert.Equal(HttpStatusCode.OK, withTheKey.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withAnotherKey.StatusCode);
        Assert.StartsWith("/account/sign-in", withAnotherKey.Headers.Location?.PathAndQuery ?? withAnotherKey.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAppRefusesToStart_WhenItsKeyWasLostOrChanged_AndMakesNoNewKeyOverTheData()
    {
        await using var first = new KnotworkApp(keyFile: true);
        await new PracticeDriver(first).SetUpOwner();
        var original = await File.ReadAllBytesAsync(first.KeyFile, Token);

        // Another key given by configuration.
        var changed = await StartFailure(first, b => b.UseSetting("Knotwork:EncryptionKey", NewKey()));
        Assert.Contains("lost or changed", changed, StringComparison.Ordinal);

        // The key file lost: a new one is made, found not to open the database, and removed again.
        File.Delete(first.KeyFile);
        var lost = await StartFailure(first, b => { });
        Assert.Contains("lost or changed", lost, StringComparison.Ordinal);
        Assert.False(File.Exists(first.KeyFile), "a new key file was left beside data it cannot open");

        // The key restored: the app starts and the owner is still there.
        await File.WriteAllBytesAsync(first.KeyFile, original, Token);
        await using var restored = first.WithWebHostBuilder(b => { });
        Assert.DoesNotContain("href=\"/setup\"", await new Accounts.Browser(restored).Html("/"), StringComparison.Ordinal);
    }

    private static async Task<string> StartFailure(KnotworkApp app, Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder> configure)
    {
        var factory = app.WithWebHostBuilder(configure);
        try
        {
            var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
            return failure.ToString();
        }
        finally
        {
            try
            {
                await factory.DisposeAsync();
            }
            catch (Exception e) when (e is InvalidOperationException or AggregateException or EncryptionKeyException)
            {
                // A host that never started may complain while it is torn down.
            }

            SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task TheDataAndKeyFolders_AreTheAppsAlone_AndSoAreTheDatabaseItsWalAndItsBackups()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        await using var app = new KnotworkApp(keyFile: true);
        _ = app.CreateClient();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
            db.AuditLog.Add(new Data.Entities.AuditEntry { AtUtc = DateTime.UtcNow, Action = "read", EntityType = "test" });
            await db.SaveChangesAsync(Token);
        }

        var backup = Path.Combine(Directory.CreateTempSubdirectory("knotwork-modes-").FullName, "copy.db");
        KnotworkData.BackupSqlite(DatabaseFile(app), backup);
        try
        {
            Assert.Equal(PrivateFiles.FolderMode, Mode(app.DataDirectory));
            Assert.Equal(PrivateFiles.FileMode, Mode(DatabaseFile(app)));
            Assert.True(File.Exists(DatabaseFile(app) + "-wal"));
            Assert.Equal(PrivateFiles.FileMode, Mode(DatabaseFile(app) + "-wal"));
            Assert.Equal(PrivateFiles.FileMode, Mode(DatabaseFile(app) + "-shm"));
            Assert.Equal(PrivateFiles.FolderMode, Mode(Path.GetDirectoryName(app.KeyFile)!));
            Assert.Equal(PrivateFiles.FileMode, Mode(app.KeyFile));
            Assert.Equal(PrivateFiles.FileMode, Mode(backup));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(backup)!, recursive: true);
        }
    }

    [Fact]
    public async Task ADataFolderAndDatabaseOpenToOthers_AreTightenedAtStartUp()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        await using var app = new KnotworkApp();
        Directory.CreateDirectory(app.DataDirectory);
        SetMode(app.DataDirectory, PrivateFiles.FolderMode | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        await File.WriteAllBytesAsync(DatabaseFile(app), [], Token);
        SetMode(DatabaseFile(app), PrivateFiles.FileMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        _ = app.CreateClient();

        Assert.Equal(PrivateFiles.FolderMode, Mode(app.DataDirectory));
        Assert.Equal(PrivateFiles.FileMode, Mode(DatabaseFile(app)));
    }

#pragma warning disable CA1416 // only called after the tests skip on Windows
    private static UnixFileMode Mode(string path) => File.GetUnixFileMode(path);

    private static void SetMode(string path, UnixFileMode mode) => File.SetUnixFileMode(path, mode);
#pragma warning restore CA1416
}
