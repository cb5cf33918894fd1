namespace Knotwork.Browser.Tests;

public class AtlasJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AMusclePage_ShowsItsReferralDiagram()
    {
        var page = await fixture.NewPage();
        await page.GotoAsync("/muscles/infraspinatus");

        Assert.True(await page.IsVisibleAsync("article.trigger-point svg.bodymap"));
        Assert.True(await page.Locator("article.trigger-point .zone-essential").CountAsync() > 0);
        Assert.True(await page.Locator("article.trigger-point .tp-marker").CountAsync() > 0);
        var label = await page.GetAttributeAsync("article.trigger-point svg.bodymap", "aria-label");
        Assert.Contains("refers pain mainly to", label, StringComparison.Ordinal);
        await BrowserFixture.Screenshot(page, "muscle-infraspinatus");
    }

    [Fact]
    public async Task AtlasSearch_FindsTheItBand()
    {
        var page = await fixture.NewPage();
        await page.GotoAsync("/muscles");

        await page.FillAsync("#q", "IT band");
        await page.PressAsync("#q", "Enter");
        await page.WaitForURLAsync("**/muscles?q=IT+band*");

        Assert.True(await page.IsVisibleAsync("a[href='/muscles/tensor-fasciae-latae']"));
        Assert.True(await page.IsVisibleAsync("a[href='/groups/it-band']"));
        await page.ClickAsync(".group-match a[href='/groups/it-band']");
        Assert.Contains("fascia", await page.InnerTextAsync("main"), StringComparison.Ordinal);
    }
}
