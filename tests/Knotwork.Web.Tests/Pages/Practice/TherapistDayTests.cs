using System.Globalization;
using System.Net;
using Knotwork.Web.Pages.Practice;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Knotwork.Web.Tests.Pages.Practice;

/// <summary>
/// The therapist's day, week and time off of issue 9, over the Antelope Valley sample practice. Maria (home in
/// Lancaster, 93534) works Tuesdays 09:00-17:00. "Now" is held still by a <see cref="TestClock"/>; it is set to the
/// real time while people sign in, because their authenticator apps use the real time.
/// </summary>
public class TherapistDayTests
{
    internal static readonly DateTimeZone LosAngeles = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Day_ListsTheVisitsInOrder_WithAddressesDrivesAndTotals_AndTheWeekCountsThem()
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        var day = practice.NextTuesday;
        // Booked out of order: the last visit of the day first.
        var lancaster = (await practice.MariasSlots("93534", day))[^1];
        await practice.Book(lancaster, "93534", "Casey Lane", "56 Cedar Ave", "Side gate");
        var quartzHill = (await practice.MariasSlots("93536", day))[0];
        await practice.Book(quartzHill, "93536", "Avery Hill", "12 Hill Rd", "Pain map from the finder: Left temple (7/10).");
        var palmdale = (await practice.MariasSlots("93550", day)).First(s => string.CompareOrdinal(s, quartzHill) > 0);
        var palmdaleBooking = await practice.Book(palmdale, "93550", "Blake Palm", "34 Palm Ave", null);
        var (_, region) = await practice.ClientWithPainMap(palmdaleBooking);

        var html = await practice.Maria.Html($"/practice/day?date={Date(day)}");

        var order = new[] { "Avery Hill", "Blake Palm", "Casey Lane" }.Select(n => html.IndexOf(n, StringComparison.Ordinal)).ToList();
        Assert.All(order, i => Assert.True(i > 0));
        Assert.Equal(order.Order(), order);
        Assert.Contains("12 Hill Rd, 93536 Quartz Hill", html, StringComparison.Ordinal);
        Assert.Contains("https://www.google.com/maps/search/?api=1&amp;query=12%20Hill%20Rd%2C%2093536", html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:6615550123\"", html, StringComparison.Ordinal);
        Assert.Contains("Pain map from the finder: Left temple (7/10).", html, StringComparison.Ordinal);
        Assert.Contains("Latest pain map", html, StringComparison.Ordinal);
        Assert.Contains(region, html, StringComparison.Ordinal);
        Assert.Contains(Time(quartzHill) + " to ", html, StringComparison.Ordinal);

        var legs = await practice.Drives(("93534", "93536"), ("93536", "93550"), ("93550", "93534"), ("93534", "93534"));
        Assert.Contains($"Drive {WhoseDay.Minutes(legs[0])} from home (93534)", html, StringComparison.Ordinal);
        Assert.Contains($"Drive {WhoseDay.Minutes(legs[1])} from Quartz Hill (93536)", html, StringComparison.Ordinal);
        Assert.Contains($"Drive {WhoseDay.Minutes(legs[2])} from Palmdale (93550)", html, StringComparison.Ordinal);
        Assert.Contains($"data-total=\"driving\">{WhoseDay.Minutes(legs.Sum())}<", html, StringComparison.Ordinal);
        Assert.Contains("data-total=\"sessions\">3 h 00 min<", html, StringComparison.Ordinal);
        Assert.Contains("Leave home", html, StringComparison.Ordinal);
        Assert.Contains("Home by", html, StringComparison.Ordinal);
        Assert.Contains(("read", "booking", "maria", Date(day)), await practice.Audit());

        // From the day, Maria starts the visit with the booked client and charts it; starting it again opens the same visit.
        var (blake, _) = (await practice.ClientIdOfBooking(palmdaleBooking), 0);
        Assert.Contains("Start the visit and chart it", html, StringComparison.Ordinal);
        var start = new Dictionary<string, string> { ["client"] = blake.ToString(), ["booking"] = palmdaleBooking.ToString() };
        var started = await practice.Maria.Post($"/practice/day?date={Date(day)}", start, "/visits/start");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var chart = started.Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.OK, (await practice.Maria.Get(chart)).StatusCode);
        Assert.Equal(chart, (await practice.Maria.Post($"/practice/day?date={Date(day)}", start, "/visits/start")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await practice.Jon.Post("/practice/time-off", start, "/visits/start")).StatusCode); // not his booking (any page of his gives a form token)

        // The owner sees the same day, Maria's being the first therapist of the setup, and may choose another.
        var owners = await practice.Owner.Html($"/practice/day?date={Date(day)}");
        Assert.Contains("Avery Hill", owners, StringComparison.Ordinal);
        Assert.Contains("Maria Alvarez's day", owners, StringComparison.Ordinal);
        var ownerOnJon = await practice.Owner.Html($"/practice/day?date={Date(day)}&therapist=jon");
        Assert.Contains("Jon Park's day", ownerOnJon, StringComparison.Ordinal);
        Assert.DoesNotContain("Avery Hill", ownerOnJon, StringComparison.Ordinal);

        var monday = day.PlusDays(-1);
        var week = await practice.Maria.Html($"/practice/week?start={Date(monday)}");
        var tuesday = Slice(week, $"data-day=\"{Date(day)}\"");
        Assert.Contains("3 visits", tuesday, StringComparison.Ordinal);
        Assert.Contains("Avery", tuesday, StringComparison.Ordinal);
        Assert.DoesNotContain("Avery Hill", tuesday, StringComparison.Ordinal); // first names only
        Assert.Contains($"driving {WhoseDay.Minutes(legs.Sum())}", tuesday, StringComparison.Ordinal);
        Assert.Contains("0 visits", Slice(week, $"data-day=\"{Date(day.PlusDays(1))}\""), StringComparison.Ordinal);
        Assert.Contains("Not a working day", Slice(week, $"data-day=\"{Date(day.PlusDays(5))}\""), StringComparison.Ordinal); // Sunday
        Assert.Contains(("read", "booking", "maria", "week of " + Date(monday)), await practice.Audit());
    }

    [Fact]
    public async Task AnotherTherapist_SeesOnlyTheirOwnDay_AndAnUnlinkedOneIsToldToAsk()
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        var day = practice.NextTuesday;
        var booking = await practice.Book((await practice.MariasSlots("93534", day))[0], "93534", "Avery Hill", "12 Hill Rd", "Gate code 1234");
        await practice.ClientWithPainMap(booking);

        var jons = await practice.Jon.Html($"/practice/day?date={Date(day)}");
        var jonsWeek = await practice.Jon.Html($"/practice/week?start={Date(day.PlusDays(-1))}");
        var asksForMaria = await practice.Jon.Get($"/practice/day?date={Date(day)}&therapist=maria");
        var asksForMariasTimeOff = await practice.Jon.Get("/practice/time-off?therapist=maria");
        var unlinked = await practice.Tess.Html($"/practice/day?date={Date(day)}");

        Assert.Contains("Jon Park's day", jons, StringComparison.Ordinal);
        foreach (var page in new[] { jons, jonsWeek, unlinked })
        {
            Assert.DoesNotContain("Avery", page, StringComparison.Ordinal);
            Assert.DoesNotContain("12 Hill Rd", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Gate code", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Latest pain map", page, StringComparison.Ordinal);
        }

        foreach (var refused in new[] { asksForMaria, asksForMariasTimeOff })
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/account/denied", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.Contains("Ask the owner to link your account on the Staff page", unlinked, StringComparison.Ordinal);
        Assert.Contains(("read-refused", "booking", "maria", "day"), await practice.Audit());
    }

    [Fact]
    public async Task TimeOff_IsAddedAndRemoved_RefusingOverlapsAndEndsBeforeStarts_AndClosesAvailability()
    {
        await using var practice = await PracticeWithStaff.StartAsync();
        var day = practice.NextTuesday;
        var visit = (await practice.MariasSlots("93534", day))[0];
        await practice.Book(visit, "93534", "Pat Doe", "44 Cedar Ave", null);
        var wednesday = day.PlusDays(1);
        Assert.NotEmpty(await practice.MariasSlots("93534", wednesday));

        var overlapping = await PracticeWithStaff.AddTimeOff(practice.Maria, day, "08:00", day, "18:00", "Dentist");
        var backwards = await PracticeWithStaff.AddTimeOff(practice.Maria, wednesday, "12:00", wednesday, "09:00", "");
        Assert.Contains("This time off covers booked visits: " + ShortDay(day) + " at " + Time(visit) + " (Pat)", overlapping, StringComparison.Ordinal);
        Assert.Contains("The time off must end after it starts.", backwards, StringComparison.Ordinal);
        Assert.DoesNotContain("Dentist", await practice.Maria.Html("/practice/time-off"), StringComparison.Ordinal);

        var added = await PracticeWithStaff.AddTimeOff(practice.Maria, wednesday, "00:00", wednesday.PlusDays(1), "00:00", "Conference");
        Assert.Contains("Time off added", added, StringComparison.Ordinal);
        Assert.Contains("Conference", added, StringComparison.Ordinal);
        Assert.Empty(await practice.MariasSlots("93534", wednesday));
        Assert.NotEmpty(await practice.MariasSlots("93534", day)); // the day before is untouched
        Assert.Contains("Time off", Slice(await practice.Maria.Html($"/practice/week?start={Date(day.PlusDays(-1))}"), $"data-day=\"{Date(wednesday)}\""), StringComparison.Ordinal);
        var detail = $"time off added: {Date(wednesday)}T00:00 to {Date(wednesday.PlusDays(1))}T00:00";
        Assert.Contains(("update", "therapist", "maria", detail), await practice.Audit());

        // The owner changes Maria's time off too; a form opened before that change is refused, not lost.
        var stale = await practice.Maria.Html("/practice/time-off");
        var ownerAdded = await PracticeWithStaff.AddTimeOff(practice.Owner, wednesday.PlusDays(7), "09:00", wednesday.PlusDays(7), "12:00", "Training", "maria");
        Assert.Contains("Training", ownerAdded, StringComparison.Ordinal);
        var late = await practice.Maria.Post("/practice/time-off", new Dictionary<string, string>
        {
            ["Input.Version"] = VersionIn(stale), ["start"] = $"{Date(wednesday)}T00:00", ["end"] = $"{Date(wednesday.PlusDays(1))}T00:00",
        }, "/practice/time-off?handler=Remove");
        Assert.Contains("changed by someone else", await late.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Empty(await practice.MariasSlots("93534", wednesday));

        var fresh = await practice.Maria.Html("/practice/time-off");
        var removed = await practice.Maria.Post("/practice/time-off", new Dictionary<string, string>
        {
            ["Input.Version"] = VersionIn(fresh), ["start"] = $"{Date(wednesday)}T00:00", ["end"] = $"{Date(wednesday.PlusDays(1))}T00:00",
        }, "/practice/time-off?handler=Remove");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var after = await practice.Maria.Html(removed.Headers.Location!.OriginalString);
        Assert.Contains("Time off removed", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Conference", after, StringComparison.Ordinal);
        Assert.Contains("Training", after, StringComparison.Ordinal);
        Assert.NotEmpty(await practice.MariasSlots("93534", wednesday));
        Assert.Contains(("update", "therapist", "maria", detail.Replace("added", "removed", StringComparison.Ordinal)), await practice.Audit());
    }

    internal static string Date(LocalDate d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string ShortDay(LocalDate d) => d.ToString("ddd, MMM d", CultureInfo.InvariantCulture);

    /// <summary>"9:30 AM" of a slot's start as the API gives it ("2027-03-09T09:30:00-08:00").</summary>
    private static string Time(string start) => DateTimeOffset.Parse(start, CultureInfo.InvariantCulture).ToString("h:mm tt", CultureInfo.InvariantCulture);

    internal static string VersionIn(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"Input.Version\" value=\"(\\d+)\"");
        Assert.True(match.Success, "no version on the page");
        return match.Groups[1].Value;
    }

    /// <summary>The part of <paramref name="html"/> from <paramref name="marker"/> to the next day of the week.</summary>
    private static string Slice(string html, string marker)
    {
        var start = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{marker}' is not on the page");
        var end = html.IndexOf("data-day=", start + marker.Length, StringComparison.Ordinal);
        return end < 0 ? html[start..] : html[start..end];
    }
}
