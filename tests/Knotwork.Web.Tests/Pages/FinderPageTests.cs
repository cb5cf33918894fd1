using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Knotwork.Web.Tests.Pages;

public partial class FinderPageTests
{
    private static HttpClient NoRedirects(KnotworkApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<(HttpStatusCode Status, string Html)> Get(KnotworkApp app, string url)
    {
        var response = await NoRedirects(app).GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SelectionInTheUrl_IsMarkedOnTheMapAndAnswered()
    {
        await using var app = new KnotworkApp();

        var (status, html) = await Get(app, "/finder?regions=temple.l,neck-back.l");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches("""data-region="temple.l" role="checkbox" aria-checked="true" """.TrimEnd(), html);
        Assert.Matches("""data-region="temple.r" role="checkbox" aria-checked="false""", html);
        var top3 = CandidateRegex().Matches(html).Take(3).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Contains(("upper-trapezius", "left"), top3);
        Assert.Contains("not a diagnosis", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryRegion_IsAToggleLinkOnTheMap_AndACheckboxInTheList()
    {
        await using var app = new KnotworkApp();

        var (_, html) = await Get(app, "/finder?regions=temple.l");

        Assert.Equal(163, Regex.Count(html, "<a class=\"region\""));
        Assert.Equal(163, Regex.Count(html, "name=\"r\""));
        // The temple link unmarks it; the jaw link adds the jaw to the selection.
        Assert.Contains("href=\"/finder\" data-region=\"temple.l\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/finder?regions=temple.l,jaw.l\" data-region=\"jaw.l\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListFormSubmission_RedirectsToTheShareableUrl()
    {
        await using var app = new KnotworkApp();

        var response = await NoRedirects(app).GetAsync(new Uri("/finder?r=neck-back.l&r=temple.l&context=desk-work&intensity=&intensity=temple.l:6", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/finder?regions=temple.l,neck-back.l&intensity=temple.l:6&context=desk-work", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task OneCalf_AsksTheClotQuestions_AsYesNoChoices_BeforeAnyMuscle()
    {
        await using var app = new KnotworkApp();

        var (_, html) = await Get(app, "/finder?handler=panel&regions=calf.l");

        var question = html.IndexOf("data-question=\"dvt-swelling\"", StringComparison.Ordinal);
        Assert.True(question >= 0 && question < html.IndexOf("class=\"candidate\"", StringComparison.Ordinal));
        Assert.Contains("name=\"a-dvt-swelling\" value=\"yes\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"a-dvt-swelling\" value=\"no\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"red-flag", html, StringComparison.Ordinal);
        // One tap answers "no" to a whole group, without script too.
        Assert.Contains("href=\"/finder?regions=calf.l&amp;answers=fever:no,weight-loss:no,cancer-history:no,night-pain:no,recent-trauma:no\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnsweringYes_WithoutScript_RedirectsToTheShareableUrl_AndRaisesTheFlagWithItsUrgency()
    {
        await using var app = new KnotworkApp();

        var response = await NoRedirects(app).GetAsync(new Uri("/finder?r=calf.l&a-dvt-swelling=yes&a-fever=no&a-night-pain=", UriKind.Relative), TestContext.Current.CancellationToken);
        var (status, html) = await Get(app, response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/finder?regions=calf.l&answers=dvt-swelling:yes,fever:no", response.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-code=\"dvt\" data-urgency=\"today\"", html, StringComparison.Ordinal);
        Assert.Contains("Get medical care today", html, StringComparison.Ordinal);
        Assert.Matches("""name="a-dvt-swelling" value="yes" id="a-dvt-swelling-yes" checked""", html);
        // Marking another region keeps the answers.
        Assert.Contains("href=\"/finder?regions=calf.l,heel.l&amp;answers=dvt-swelling:yes,fever:no\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadAnswer_Is400WithTheMessage()
    {
        await using var app = new KnotworkApp();

        var (status, html) = await Get(app, "/finder?regions=calf.l&answers=dvt-swelling:perhaps");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("it must be yes or no", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChestPain_ShowsTheRedFlagBeforeAnyMuscle()
    {
        await using var app = new KnotworkApp();

        var (_, html) = await Get(app, "/finder?handler=panel&regions=chest.l");

        var flag = html.IndexOf("class=\"red-flag ", StringComparison.Ordinal);
        var firstMuscle = html.IndexOf("class=\"candidate\"", StringComparison.Ordinal);
        Assert.True(flag >= 0 && firstMuscle > flag, "the cardiac flag must come before the candidates");
    }

    [Fact]
    public async Task UnknownRegion_Is400WithTheMessage_AndHostileTextIsEscaped()
    {
        await using var app = new KnotworkApp();

        var (status, html) = await Get(app, "/finder?regions=%3Cscript%3Ealert(1)%3C/script%3E");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Unknown region", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Context_IsKeptAndSaysSo()
    {
        await using var app = new KnotworkApp();

        var (_, html) = await Get(app, "/finder?regions=calf.l,heel.l&context=running");

        Assert.Matches("id=\"ctx-running\" checked=\"checked\"|checked=\"checked\" id=\"ctx-running\"|name=\"context\" value=\"running\" id=\"ctx-running\" checked", html);
        Assert.Contains("running often overloads this muscle", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("class=\"candidate\" data-muscle=\"([a-z-]+)\" data-side=\"([a-z]+)\"")]
    private static partial Regex CandidateRegex();
}
