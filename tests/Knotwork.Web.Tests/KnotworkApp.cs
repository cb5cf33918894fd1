using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Knotwork.Web.Tests;

/// <summary>The real app, started in memory, fresh for each test.</summary>
public sealed class KnotworkApp(string? postgres = null) : WebApplicationFactory<Program>
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("knotwork-web-");

    /// <summary>The app's data folder: a fresh one per app, so every test starts from a first run.</summary>
    public string DataDirectory => _data.FullName;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Knotwork:DataDirectory", _data.FullName);
        if (postgres is not null)
        {
            builder.UseSetting("ConnectionStrings:Postgres", postgres);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
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
