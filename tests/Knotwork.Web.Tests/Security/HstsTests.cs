using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Knotwork.Web.Tests.Security;

public class HstsTests
{
    private static async Task<HttpResponseMessage> GetHealth(WebApplicationFactory<Program> app, string baseAddress)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress) });
        return await client.GetAsync(new Uri("/api/health", UriKind.Relative), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Options_AskForAtLeast180DaysAndSubdomains()
    {
        await using var app = new KnotworkApp();

        var options = app.Services.GetRequiredService<IOptions<HstsOptions>>().Value;

        Assert.True(options.MaxAge >= TimeSpan.FromDays(180), $"max-age is {options.MaxAge}");
        Assert.True(options.IncludeSubDomains);
    }

    [Fact]
    public async Task HttpsOutsideDevelopment_SendsStrictTransportSecurity()
    {
        await using var app = new KnotworkApp();
        var production = app.WithWebHostBuilder(builder => builder.UseEnvironment("Production").UseSetting("Knotwork:PublicBaseUrl", "https://knotwork.example"));

        var response = await GetHealth(production, "https://knotwork.example/");

        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task PlainHttpOutsideDevelopment_HasNoStrictTransportSecurity()
    {
        await using var app = new KnotworkApp();
        var production = app.WithWebHostBuilder(builder => builder.UseEnvironment("Production").UseSetting("Knotwork:PublicBaseUrl", "https://knotwork.example"));

        var response = await GetHealth(production, "http://knotwork.example/");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task HttpsInDevelopment_HasNoStrictTransportSecurity()
    {
        await using var app = new KnotworkApp();
        var development = app.WithWebHostBuilder(builder => builder.UseEnvironment("Development"));

        var response = await GetHealth(development, "https://knotwork.example/");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }
}
