using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests;

/// <summary>
/// The real app, started in memory, fresh for each test. Its data folder and key folder are new (the app creates
/// them), side by side in one temporary folder. The master key is a fixed test key given as a setting, so the apps
/// of the whole test run share one EF model; with <paramref name="keyFile"/> the app makes and reads its own key
/// file instead, as on a first install. With <paramref name="clock"/> the app reads the time from it (a
/// <see cref="TestClock"/>), so what depends on "now", such as the times offered for booking, is the same every run.
/// </summary>
public sealed class KnotworkApp(string? postgres = null, bool keyFile = false, TimeProvider? clock = null) : WebApplicationFactory<Program>
{
    /// <summary>The master key (base64) apps use unless they use a key file.</summary>
    public static readonly string TestKey = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("Knotwork test key"u8));

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("knotwork-web-");

    /// <summary>The app's data folder: a fresh one per app, so every test starts from a first run.</summary>
    public string DataDirectory => Path.Combine(_root.FullName, "data");

    /// <summary>Where the app keeps its key file (used only when the app was made with a key file).</summary>
    public string KeyFile => Path.Combine(_root.FullName, "keys", "knotwork.key");

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Knotwork:DataDirectory", DataDirectory);
        builder.UseSetting("Knotwork:KeyFile", KeyFile);
        if (!keyFile)
        {
            builder.UseSetting("Knotwork:EncryptionKey", TestKey);
        }

        if (postgres is not null)
        {
            builder.UseSetting("ConnectionStrings:Postgres", postgres);
        }

        if (clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> GetJson(string url)
    {
        var response = await CreateClient().GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        return (response, await ReadJson(response));
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> PostJson(string url, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await CreateClient().PostAsync(new Uri(url, UriKind.Relative), content, TestContext.Current.CancellationToken);
        return (response, await ReadJson(response));
    }

    private static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
