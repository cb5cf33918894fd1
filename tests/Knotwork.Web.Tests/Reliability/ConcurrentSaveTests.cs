using System.Net;
using Knotwork.Data;
using Knotwork.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests.Reliability;

/// <summary>
/// 200 concurrent requests saving pain maps for one client, each sent twice (a double submit): every acknowledged
/// save is there afterwards, once. Run on both database providers.
/// </summary>
public class ConcurrentSaveTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnSqlite_200ConcurrentSavesForOneClient_AreAllStoredOnce()
    {
        await using var app = new KnotworkApp();
        await Run(app);
    }

    [Fact]
    public async Task OnPostgres_200ConcurrentSavesForOneClient_AreAllStoredOnce()
    {
        await using var database = await ThrowawayPostgres.CreateAsync();
        await using var app = new KnotworkApp(database.ConnectionString);
        await Run(app);
    }

    private static async Task Run(KnotworkApp app)
    {
        var driver = new PracticeDriver(app);
        await driver.SetUpOwner();
        var (client, clientId) = await driver.RegisterClient("Connie Current", "connie@knotwork.test");
        var finder = await client.Html("/finder?regions=temple.l");
        var token = Browser.AntiforgeryToken(finder);
        var ids = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToArray();

        var started = System.Diagnostics.Stopwatch.StartNew();
        var sends = ids.Concat(ids).Select(id => Task.Run(async () =>
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["clientId"] = clientId.ToString(), ["regions"] = "temple.l,neck-back.l",
                ["intensity"] = "temple.l:6", ["saveId"] = id.ToString(),
            });
            var response = await client.Http.PostAsync(new Uri("/clients/pain-maps", UriKind.Relative), form, Token);
            return (Id: id, Acknowledged: response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.EndsWith("saved=1", StringComparison.Ordinal) == true, Status: response.StatusCode);
        }, Token)).ToArray();
        var results = await Task.WhenAll(sends);
        started.Stop();

        var acknowledged = results.Where(r => r.Acknowledged).Select(r => r.Id).Distinct().ToHashSet();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var stored = await db.PainMaps.Where(p => p.ClientId == clientId).Select(p => p.Id).ToListAsync(Token);

        Assert.All(results, r => Assert.True(r.Acknowledged, $"save {r.Id} answered {(int)r.Status}"));
        Assert.Equal(200, acknowledged.Count);
        Assert.Equal(stored.Count, stored.Distinct().Count());
        Assert.True(acknowledged.SetEquals(stored), "every acknowledged save is stored, and nothing else");
        TestContext.Current.TestOutputHelper?.WriteLine($"{db.Database.ProviderName}: 400 requests (200 maps, each sent twice) in {started.ElapsedMilliseconds} ms");
    }

}
