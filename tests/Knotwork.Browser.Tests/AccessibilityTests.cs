using System.Text.Json;

namespace Knotwork.Browser.Tests;

/// <summary>axe-core (from npm) run inside Chromium on every page: no serious or critical violation.</summary>
public class AccessibilityTests(BrowserFixture fixture)
{
    private static readonly string AxeScript = Path.Combine(BrowserFixture.RepositoryRoot, "tests", "Knotwork.Browser.Tests", "node_modules", "axe-core", "axe.min.js");

    public static TheoryData<string> Pages() => new(
        "/", "/finder", "/finder?regions=chest.l,temple.l,neck-back.l&context=stress", "/muscles", "/muscles?q=IT+band",
        "/muscles/upper-trapezius", "/muscles/sternocleidomastoid", "/groups/it-band", "/learn", "/no-such-page",
        "/setup", "/account/sign-in", "/account/accept-invite", "/book", "/book?zip=93534", "/book?zip=93534&service=deep-tissue-60",
        "/book?zip=90210");

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_HasNoSeriousOrCriticalAxeViolations(string url)
    {
        var page = await fixture.NewPage();
        await page.GotoAsync(url);
        var violations = await SeriousViolations(page);

        Assert.True(violations.Count == 0, $"{url}:\n{string.Join("\n", violations)}");
    }

    /// <summary>The serious and critical axe-core violations on the page as it stands (for pages a journey reaches).</summary>
    public static async Task<List<string>> SeriousViolations(Microsoft.Playwright.IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        Assert.True(File.Exists(AxeScript), $"axe-core is missing at {AxeScript}: run 'npm ci --prefix tests/Knotwork.Browser.Tests' (test.sh does)");
        // Evaluated through the DevTools protocol: an injected <script> tag would be (rightly) blocked by the CSP.
        await page.EvaluateAsync(await File.ReadAllTextAsync(AxeScript, TestContext.Current.CancellationToken));
        var json = await page.EvaluateAsync<string>(
            "async () => JSON.stringify((await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })))");
        return [.. JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => v.ToString())];
    }
}

/// <summary>Every page fits a 360 px wide phone without horizontal scrolling.</summary>
public class PhoneLayoutTests(BrowserFixture fixture)
{
    [Theory]
    [MemberData(nameof(AccessibilityTests.Pages), MemberType = typeof(AccessibilityTests))]
    public async Task Page_FitsA360PixelPhone(string url)
    {
        var page = await fixture.NewPage(width: 360, height: 740);
        await page.GotoAsync(url);

        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");

        Assert.True(overflow <= 0, $"{url} is {overflow}px wider than the phone");
        if (url == "/muscles/sternocleidomastoid")
        {
            await BrowserFixture.Screenshot(page, "muscle-phone");
        }

        if (url == "/setup")
        {
            await BrowserFixture.Screenshot(page, "setup-phone");
        }
    }
}
