using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Knotwork.Data;
using Knotwork.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests.Pages.Practice;

/// <summary>The Held mail page keeps a held message's attachments, for the owner only.</summary>
public partial class HeldMailPageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABookingsHeldConfirmation_ListsItsInvitation_WhichTheOwnerDownloads_Audited()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        var owner = await driver.SetUpOwner();
        var therapist = await driver.InviteTherapist(owner, "Theo A", "theo@knotwork.test");
        var (_, availability) = await app.GetJson("/api/availability?service=deep-tissue-60&zip=93534&days=14");
        var slot = availability.GetProperty("slots")[0];
        var (booked, _) = await app.PostJson("/api/bookings", JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["service"] = "deep-tissue-60", ["zip"] = "93534", ["address"] = "12 Juniper Way", ["start"] = slot.GetProperty("start").GetString(),
            ["name"] = "Ivy Calendar", ["email"] = "ivy@knotwork.test", ["phone"] = "(661) 555-0199",
        }));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);

        var page = await owner.Html("/practice/held-mail");
        var link = WebUtility.HtmlDecode(AttachmentLink().Match(page).Groups[1].Value);
        Assert.Contains("visit.ics", page, StringComparison.Ordinal);
        Assert.StartsWith("/practice/held-mail?handler=Attachment&id=", link, StringComparison.Ordinal);

        var download = await owner.Get(link);
        var ics = Encoding.UTF8.GetString(await download.Content.ReadAsByteArrayAsync(Token));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/calendar", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("visit.ics", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.StartsWith("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VTIMEZONE", ics, StringComparison.Ordinal);
        Assert.Contains("12 Juniper Way", ics, StringComparison.Ordinal);

        var refused = await therapist.Get(link);
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/account/denied", StringComparison.Ordinal) == true);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Get(link.Replace("&n=0", "&n=1", StringComparison.Ordinal))).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        Assert.Equal(1, await db.AuditLog.CountAsync(e => e.Action == "read" && e.EntityType == "held-message", Token));
    }

    [GeneratedRegex("href=\"(/practice/held-mail\\?handler=Attachment[^\"]+)\"")]
    private static partial Regex AttachmentLink();
}
