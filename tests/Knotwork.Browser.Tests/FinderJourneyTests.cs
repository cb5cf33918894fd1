using Microsoft.Playwright;

namespace Knotwork.Browser.Tests;

public class FinderJourneyTests(BrowserFixture fixture)
{
    private static async Task WaitForResults(IPage page, string regions)
    {
        await page.WaitForSelectorAsync($"#results[data-regions=\"{regions}\"]");
        await page.WaitForFunctionAsync("document.documentElement.getAttribute('data-finder') === 'ready'");
    }

    private static async Task<List<(string Muscle, string Side)>> Candidates(IPage page)
    {
        var items = await page.Locator("li.candidate").AllAsync();
        var result = new List<(string, string)>();
        foreach (var item in items)
        {
            result.Add((await item.GetAttributeAsync("data-muscle") ?? "", await item.GetAttributeAsync("data-side") ?? ""));
        }

        return result;
    }

    [Fact]
    public async Task ClickingTempleAndBackOfNeckOnTheLeft_PutsTheLeftUpperTrapeziusInTheTop3()
    {
        var page = await fixture.NewPage();
        await page.GotoAsync("/finder");

        await page.ClickAsync("a.region[data-region='temple.l']");
        await page.ClickAsync("a.region[data-region='neck-back.l']");
        await WaitForResults(page, "temple.l,neck-back.l");

        Assert.Contains(("upper-trapezius", "left"), (await Candidates(page)).Take(3));
        Assert.EndsWith("/finder?regions=temple.l,neck-back.l", page.Url, StringComparison.Ordinal);
        Assert.Equal("true", await page.GetAttributeAsync("a.region[data-region='temple.l']", "aria-checked"));
        Assert.True(await page.IsCheckedAsync("#r-temple-l"), "the list mirrors the map");
        await BrowserFixture.Screenshot(page, "finder-desktop");
    }

    [Fact]
    public async Task KeyboardOnly_MarksTheSameRegionsAndGetsTheSameAnswer()
    {
        var page = await fixture.NewPage();
        await page.GotoAsync("/finder");

        foreach (var region in new[] { "neck-back.l", "temple.l" })
        {
            var found = false;
            for (var presses = 0; presses < 400 && !found; presses++)
            {
                await page.Keyboard.PressAsync("Tab");
                found = await page.EvaluateAsync<bool>($"document.activeElement && document.activeElement.getAttribute('data-region') === '{region}'");
            }

            Assert.True(found, $"{region} is reachable with Tab");
            Assert.Equal(region == "temple.l" ? "Left temple" : "Left back of the neck",
                await page.EvaluateAsync<string>("document.activeElement.getAttribute('aria-label')"));
            await page.Keyboard.PressAsync("Space");
        }

        await WaitForResults(page, "temple.l,neck-back.l");
        Assert.Contains(("upper-trapezius", "left"), (await Candidates(page)).Take(3));
    }

    [Fact]
    public async Task MarkingTheChest_ShowsTheCardiacFlagBeforeAnyMuscle()
    {
        var page = await fixture.NewPage();
        await page.GotoAsync("/finder");

        await page.ClickAsync("a.region[data-region='chest.l']");
        await WaitForResults(page, "chest.l");

        var order = await page.EvaluateAsync<string[]>(
            "Array.from(document.querySelectorAll('#results .red-flag, #results li.candidate')).map(e => e.classList.contains('red-flag') ? 'flag:' + e.dataset.code : 'muscle')");
        Assert.Equal("flag:cardiac", order[0]);
        Assert.Contains("muscle", order);
        Assert.True(await page.IsVisibleAsync(".red-flag[data-code='cardiac']"));
    }

    [Fact]
    public async Task OnAPhone_AnsweringYesToASwollenCalf_ShowsTheClotFlagFirst_AndKeepsTheAnswerInTheUrl()
    {
        var page = await fixture.NewPage(width: 360, height: 740);
        await page.GotoAsync("/finder");

        await page.ClickAsync("a.region[data-region='calf.l']");
        await WaitForResults(page, "calf.l");
        Assert.Equal(0, await page.Locator("#results .red-flag").CountAsync());
        await page.ClickAsync("label[for='a-dvt-swelling-yes']");
        await page.WaitForFunctionAsync("location.search.includes('answers=dvt-swelling:yes')");
        await page.WaitForSelectorAsync("#results .red-flag[data-code='dvt']");

        var order = await page.EvaluateAsync<string[]>(
            "Array.from(document.querySelectorAll('#results .red-flag, #results .safety-questions, #results li.candidate')).map(e => e.classList.contains('red-flag') ? 'flag:' + e.dataset.code : e.classList.contains('candidate') ? 'muscle' : 'questions')");
        Assert.Equal(["flag:dvt", "questions"], order.Take(2));
        Assert.Contains("Get medical care today", await page.InnerTextAsync("#results .red-flag[data-code='dvt']"), StringComparison.Ordinal);
        Assert.True(await page.IsCheckedAsync("#a-dvt-swelling-yes"), "the answer stays chosen after the panel is swapped");
        await page.ClickAsync(".question-group[data-flag='warning-signs'] a.none-of-these");
        await page.WaitForFunctionAsync("location.search.includes('recent-trauma:no')");
        await page.WaitForSelectorAsync(".question[data-question='fever'][data-answer='no']");
        Assert.Equal(0, await page.Locator("#results .red-flag[data-code='warning-signs']").CountAsync());
        await BrowserFixture.Screenshot(page, "finder-dvt-phone");

        await page.ReloadAsync();
        Assert.True(await page.IsVisibleAsync("#results .red-flag[data-code='dvt']"), "the answer lives in the URL");
    }

    [Fact]
    public async Task ASharedUrl_RestoresTheSelectionAndResults_AndBackWorks()
    {
        var page = await fixture.NewPage();
        await page.GotoAsync("/finder?regions=temple.l,neck-back.l");

        Assert.Equal("true", await page.GetAttributeAsync("a.region[data-region='neck-back.l']", "aria-checked"));
        Assert.Equal("upper-trapezius", (await Candidates(page))[0].Muscle);

        await page.ClickAsync("a.region[data-region='jaw.l']");
        await WaitForResults(page, "temple.l,jaw.l,neck-back.l");
        await page.GoBackAsync();
        await WaitForResults(page, "temple.l,neck-back.l");

        Assert.Equal("false", await page.GetAttributeAsync("a.region[data-region='jaw.l']", "aria-checked"));
        Assert.EndsWith("/finder?regions=temple.l,neck-back.l", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IntensityAndContext_UpdateTheUrlAndResults()
    {
        var page = await fixture.NewPage();
        await page.GotoAsync("/finder?regions=calf.l,heel.l");

        await page.ClickAsync("label[for='ctx-running']");
        await page.WaitForFunctionAsync("location.search.includes('context=running')");
        await page.WaitForSelectorAsync("#results .context-note");
        await page.SelectOptionAsync("#i-heel-l", "heel.l:8");
        await page.WaitForFunctionAsync("location.search.includes('intensity=heel.l:8')");

        Assert.Contains("running", await page.InnerTextAsync("#results .context-note"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRegionList_IsSearchableAndMarksRegions()
    {
        var page = await fixture.NewPage();
        await page.GotoAsync("/finder");

        await page.ClickAsync("#region-list summary");
        await page.FillAsync("#region-search", "heel");
        Assert.False(await page.IsVisibleAsync("label[for='r-temple-l']"));
        await page.CheckAsync("#r-heel-r");
        await WaitForResults(page, "heel.r");

        Assert.Equal("true", await page.GetAttributeAsync("a.region[data-region='heel.r']", "aria-checked"));
        Assert.NotEmpty(await Candidates(page));
    }

    [Fact]
    public async Task OnAPhone_TheMapAndResultsFitWithoutHorizontalScrolling()
    {
        var page = await fixture.NewPage(width: 360, height: 740);
        await page.GotoAsync("/finder?regions=temple.l,neck-back.l,shoulder-top.l");

        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone");
        Assert.True(await page.IsVisibleAsync("figure.fig-front svg"));
        Assert.True(await page.IsVisibleAsync("#results li.candidate"));
        await BrowserFixture.Screenshot(page, "finder-phone");
    }

    [Fact]
    public async Task WithoutJavaScript_TheMapLinksAndTheListFormStillWork()
    {
        var page = await fixture.NewPage(javaScript: false);
        await page.GotoAsync("/finder");

        await page.ClickAsync("a.region[data-region='temple.l']");
        Assert.EndsWith("/finder?regions=temple.l", page.Url, StringComparison.Ordinal);

        await page.ClickAsync("#region-list summary");
        await page.CheckAsync("#r-neck-back-l");
        await page.ClickAsync("button[type=submit]");

        Assert.EndsWith("/finder?regions=temple.l,neck-back.l", page.Url, StringComparison.Ordinal);
        Assert.Contains(("upper-trapezius", "left"), (await Candidates(page)).Take(3));
    }
}
