using Microsoft.Playwright;

namespace Knotwork.Browser.Tests;

/// <summary>
/// A client books a visit on a phone (360 x 740), from the finder's suggestion to the confirmation, then cancels it
/// from the private link: every step fits the screen and carries the pain map along.
/// </summary>
public class BookingJourneyTests(BrowserFixture fixture)
{
    private static async Task AssertFitsThePhone(IPage page, string step)
    {
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{step}: the page is {overflow}px wider than the phone");
    }

    [Fact]
    public async Task FromTheFinder_AClientBooksOnAPhone_AndCancelsFromTheirLink()
    {
        var page = await fixture.NewPage(width: 360, height: 740);
        await page.GotoAsync("/finder?regions=low-back.l");
        await page.ClickAsync("#book-from-finder");

        // 1. ZIP first: the prices for that area come before anything else.
        await page.FillAsync("#zip", "93534");
        await page.ClickAsync("button:has-text('Show sessions and prices')");
        await AssertFitsThePhone(page, "sessions");
        var sessions = await page.Locator("a.choice").AllInnerTextsAsync();
        Assert.Contains(sessions, s => s.Contains("Deep tissue", StringComparison.Ordinal) && s.Contains('$', StringComparison.Ordinal));
        Assert.Contains("Trigger point work", await page.InnerTextAsync("main"), StringComparison.OrdinalIgnoreCase);
        await BrowserFixture.Screenshot(page, "book-1-sessions-phone");

        // 2. A deep tissue session, then a day two or more days ahead (outside the 24-hour cancellation window) and its first time.
        await page.Locator("a.choice", new() { HasText = "Deep tissue" }).First.ClickAsync();
        await AssertFitsThePhone(page, "days");
        var days = page.Locator("a.day");
        Assert.True(await days.CountAsync() >= 3, "several days are offered");
        await days.Nth(2).ClickAsync();
        await BrowserFixture.Screenshot(page, "book-2-times-phone");
        var time = page.Locator("a.time").First;
        var chosen = (await time.InnerTextAsync()).Trim();
        await time.ClickAsync();

        // 3. Details: a missing phone number is named next to its field, and nothing typed is lost.
        await page.FillAsync("#Input_Name", "Rosa Delgado");
        await page.FillAsync("#Input_Email", "rosa@example.test");
        await page.FillAsync("#Input_Address", "4410 W Avenue L");
        await page.ClickAsync("button:has-text('Review booking')");
        Assert.True(await page.IsVisibleAsync("#err-Phone"), "the missing phone number is pointed out");
        Assert.Equal("Rosa Delgado", await page.InputValueAsync("#Input_Name"));
        await page.FillAsync("#Input_Phone", "661-555-0148");
        await page.ClickAsync("button:has-text('Review booking')");

        // 4. Review, then confirm.
        var review = await page.InnerTextAsync("dl.review");
        Assert.Contains("4410 W Avenue L, 93534", review, StringComparison.Ordinal);
        Assert.Contains("America/Los_Angeles", review, StringComparison.Ordinal);
        await AssertFitsThePhone(page, "review");
        await page.ClickAsync("button:has-text('Confirm booking')");

        await page.WaitForSelectorAsync("h1:has-text('You are booked')");
        var booked = await page.InnerTextAsync("main");
        Assert.Contains(chosen, booked, StringComparison.Ordinal);
        Assert.Contains("4410 W Avenue L", booked, StringComparison.Ordinal);
        Assert.Contains("Pain map from the finder", booked, StringComparison.Ordinal);
        await AssertFitsThePhone(page, "confirmation");
        await BrowserFixture.Screenshot(page, "book-3-booked-phone");

        // 5. The private link cancels it, and the time is offered again.
        var manage = page.Url;
        Assert.Contains("/book/manage/", manage, StringComparison.Ordinal);
        await page.ClickAsync("button:has-text('Cancel this visit')");
        await page.WaitForSelectorAsync("h1:has-text('Your cancelled visit')");
        await BrowserFixture.Screenshot(page, "book-4-cancelled-phone");
    }
}
