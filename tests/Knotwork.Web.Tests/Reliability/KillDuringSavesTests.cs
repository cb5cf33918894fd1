using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Knotwork.Data;
using Knotwork.Data.Protection;
using Knotwork.Web.Tests.Accounts;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Tests.Reliability;

/// <summary>
/// The real app as its own process on SQLite, killed with SIGKILL while clients are saving pain maps: after a
/// restart every acknowledged save is there and the database passes SQLite's integrity check.
/// </summary>
public partial class KillDuringSavesTests
{
    /// <summary>The master key every start of the app (and the test's own reads) use, given as the environment gives it.</summary>
    private static readonly byte[] Key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(MasterKey.Length);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SigkillWhileSaving_LosesNoAcknowledgedSave_AndLeavesTheDatabaseIntact()
    {
        var data = Directory.CreateTempSubdirectory("knotwork-kill-");
        var port = FreePort();
        var server = Start(data.FullName, port);
        try
        {
            await WaitUntilUp(port);
            var owner = new Browser(NewClient(port));
            Assert.Equal(HttpStatusCode.Redirect, (await owner.Post("/setup", new Dictionary<string, string>
            {
                ["Input.PracticeName"] = "Kill test", ["Input.TimeZone"] = "UTC", ["Input.OwnerName"] = "Owner",
                ["Input.Email"] = "owner@knotwork.test", ["Input.Password"] = PracticeDriver.Password,
            })).StatusCode);
            var client = new Browser(NewClient(port));
            await client.Post("/account/register", new Dictionary<string, string>
            {
                ["Input.FullName"] = "Kit Kill", ["Input.Email"] = "kit@knotwork.test", ["Input.Password"] = PracticeDriver.Password,
                ["Input.AgreeTreatment"] = "true", ["Input.AgreePrivacy"] = "true",
            });
            await client.Get(await ConfirmationLink(data.FullName, "kit@knotwork.test"));
            Assert.Equal(HttpStatusCode.Redirect, (await client.SignIn("kit@knotwork.test", PracticeDriver.Password)).StatusCode);
            var clientId = await ClientId(data.FullName, "kit@knotwork.test");
            var token = Browser.AntiforgeryToken(await client.Html("/finder?regions=temple.l"));

            // Eight clients' worth of saves in flight; kill the server once a good number have been acknowledged.
            var acknowledged = new System.Collections.Concurrent.ConcurrentBag<Guid>();
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var id = Guid.NewGuid();
                    try
                    {
                        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
                        {
                            ["__RequestVerificationToken"] = token, ["clientId"] = clientId.ToString(), ["regions"] = "calf.r,heel.r", ["saveId"] = id.ToString(),
                        });
                        var response = await client.Http.PostAsync(new Uri("/clients/pain-maps", UriKind.Relative), form, CancellationToken.None);
                        if (response.StatusCode == HttpStatusCode.Redirect)
                        {
                            acknowledged.Add(id);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the server is gone
                    }
                }
            })).ToArray();
            var deadline = Stopwatch.StartNew();
            while (acknowledged.Count < 150 && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(5, Token);
            }

            server.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush
            await server.WaitForExitAsync(Token);
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            Assert.True(acknowledged.Count >= 100, $"only {acknowledged.Count} saves were acknowledged before the kill");

            server = Start(data.FullName, port);
            await WaitUntilUp(port);
            await using var db = Open(data.FullName);
            var stored = await db.PainMaps.Where(p => p.ClientId == clientId).Select(p => p.Id).ToListAsync(Token);

            Assert.True(await KnotworkData.IntegrityCheckAsync(db, Token));
            Assert.Empty(acknowledged.Except(stored));
            Assert.Equal(stored.Count, stored.Distinct().Count());
            TestContext.Current.TestOutputHelper?.WriteLine($"SIGKILL test: {acknowledged.Count} acknowledged before the kill, {stored.Count} stored after the restart, integrity ok");
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync(CancellationToken.None);
            }

            server.Dispose();
            SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    private static Process Start(string dataDirectory, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Knotwork.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["Knotwork__DataDirectory"] = dataDirectory;
        start.Environment["Knotwork__EncryptionKey"] = Convert.ToBase64String(Key);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Knotwork__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static HttpClient NewClient(int port) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        };

    private static async Task WaitUntilUp(int port)
    {
        using var http = NewClient(port);
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri("/api/health", UriKind.Relative), Token)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250, Token);
        }

        throw new TimeoutException("the app did not start in 30 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static SqliteKnotworkDbContext Open(string dataDirectory) =>
        new(new DbContextOptionsBuilder<SqliteKnotworkDbContext>()
            .UseSqlite(DatabaseSettings.ForSqliteFile(Path.Combine(dataDirectory, DatabaseSettings.SqliteFileName)).ConnectionString).UseColumnEncryption(MasterKey.FromBytes(Key)).Options);

    private static async Task<string> ConfirmationLink(string dataDirectory, string email)
    {
        await using var db = Open(dataDirectory);
        var body = await db.HeldMail.Where(m => m.To == email).Select(m => m.HtmlBody).FirstAsync(Token);
        return new Uri(WebUtility.HtmlDecode(LinkRegex().Match(body).Groups[1].Value)).PathAndQuery;
    }

    private static async Task<Guid> ClientId(string dataDirectory, string email)
    {
        await using var db = Open(dataDirectory);
        return await db.Clients.Where(c => c.Email == email).Select(c => c.Id).SingleAsync(Token);
    }


    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex LinkRegex();
}
