using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Knotwork.Browser.Tests.BrowserFixture))]

namespace Knotwork.Browser.Tests;

/// <summary>
/// The real app on Kestrel (127.0.0.1, a free port) and Debian's Chromium driven by Playwright, shared by the
/// browser tests. Chromium is never downloaded: the test command installs the distribution's package.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("knotwork-browser-");
    private readonly WebApplicationFactory<Program> _app;

    public BrowserFixture() =>
        _app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Knotwork:DataDirectory", _data.FullName)
            .UseSetting("Knotwork:EncryptionKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The app's services (to set up accounts and records a journey starts from).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The repository root (where screenshots and other artifacts go).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string ChromiumPath => Environment.GetEnvironmentVariable("KNOTWORK_CHROMIUM") ?? "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        _app.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        _app.StartServer();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = new Uri(addresses.Addresses.First());
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    /// <summary>A fresh page (its own context: no shared cookies or cache) at a desktop or phone size.</summary>
    public async Task<IPage> NewPage(int width = 1280, int height = 900, bool javaScript = true) =>
        await (await NewContext(width, height, javaScript)).NewPageAsync();

    /// <summary>A fresh context (no shared cookies or cache) at a desktop or phone size, for journeys that open several pages or go offline.</summary>
    public async Task<IBrowserContext> NewContext(int width = 1280, int height = 900, bool javaScript = true) =>
        await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            JavaScriptEnabled = javaScript,
            IsMobile = width < 500,
            HasTouch = width < 500,
        });

    public static async Task Screenshot(IPage page, string name)
    {
        var dir = Path.Combine(RepositoryRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Knotwork.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Knotwork.slnx) above " + AppContext.BaseDirectory);
    }
}
