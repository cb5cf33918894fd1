using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

// Measures the finder page in Debian's Chromium, as a person would load and use it:
//   1. the first load's bytes transferred (compressed, headers included), cold cache, and a second load warm;
//   2. how long a selection change takes to show new results (click -> results swapped in), 30 times.
// Usage: dotnet run -c Release --project bench/Knotwork.PageBench -- http://127.0.0.1:5098
var baseUrl = args.Length > 0 ? args[0] : "http://127.0.0.1:5080";
var chromium = Environment.GetEnvironmentVariable("KNOTWORK_CHROMIUM") ?? "/usr/bin/chromium";

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = chromium,
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

const string TransferScript = """
    () => {
      const nav = performance.getEntriesByType('navigation')[0];
      const resources = performance.getEntriesByType('resource');
      return JSON.stringify({
        document: nav.transferSize,
        resources: resources.map(r => ({ name: r.name, size: r.transferSize })),
        total: nav.transferSize + resources.reduce((s, r) => s + r.transferSize, 0)
      });
    }
    """;

var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
var page = await context.NewPageAsync();
await page.GotoAsync("/finder", new() { WaitUntil = WaitUntilState.NetworkIdle });
Console.WriteLine("First load of /finder (cold cache):");
Console.WriteLine("  " + await page.EvaluateAsync<string>(TransferScript));
await page.GotoAsync("/finder?regions=temple.l", new() { WaitUntil = WaitUntilState.NetworkIdle });
Console.WriteLine("Second load (warm cache, fingerprinted assets served from cache):");
Console.WriteLine("  " + await page.EvaluateAsync<string>(TransferScript));

// Selection changes: alternate marking and unmarking regions across the figures.
string[] regions = ["neck-back.l", "shoulder-top.l", "jaw.l", "scapula-medial.l", "occiput.l", "eye.l"];
var inPage = new List<double>();
var endToEnd = new List<double>();
for (var i = 0; i < 30; i++)
{
    var region = regions[i % regions.Length];
    var before = await page.GetAttributeAsync("#results", "data-regions");
    var clock = Stopwatch.StartNew();
    await page.ClickAsync($"a.region[data-region='{region}']");
    try
    {
        await page.WaitForFunctionAsync(
            "prev => document.documentElement.getAttribute('data-finder') === 'ready' && document.querySelector('#results').getAttribute('data-regions') !== prev",
            before, new() { Timeout = 5000 });
    }
    catch (TimeoutException)
    {
        Console.WriteLine($"debug: before={before} now={await page.GetAttributeAsync("#results", "data-regions")} state={await page.GetAttributeAsync("html", "data-finder")} url={page.Url}");
        throw;
    }
    clock.Stop();
    endToEnd.Add(clock.Elapsed.TotalMilliseconds);
    inPage.Add(double.Parse(await page.GetAttributeAsync("html", "data-finder-ms") ?? "0", CultureInfo.InvariantCulture));
}

static string Stats(List<double> values)
{
    var sorted = values.Order().ToArray();
    return string.Create(CultureInfo.InvariantCulture,
        $"median {sorted[sorted.Length / 2]:0.0} ms, p95 {sorted[(int)Math.Ceiling(sorted.Length * 0.95) - 1]:0.0} ms, max {sorted[^1]:0.0} ms");
}

Console.WriteLine($"Selection change -> new results, measured in the page (toggle to results in the DOM), 30 changes: {Stats(inPage)}");
Console.WriteLine($"Selection change -> new results, measured from Playwright (click to results seen, includes driver round trips): {Stats(endToEnd)}");
