using Knotwork.Domain.Booking.Calendar;
using NodaTime;
using static Knotwork.Domain.Tests.Booking.Practice;

namespace Knotwork.Domain.Tests.Booking.Calendar;

public class TherapistFeedTests
{
    private static readonly Instant Now = Instant.FromUtc(2027, 3, 10, 12, 0);

    private static Instant At(int month, int day, int hour, int minute = 0) =>
        LosAngeles.AtStrictly(new LocalDateTime(2027, month, day, hour, minute)).ToInstant();

    /// <summary>A booking as the practice stores it, with everything a feed must not show.</summary>
    private sealed record StoredBooking(string Id, string Name, string Street, string Town, string Email, string Phone, string Notes, Instant Start, Instant End);

    private static readonly StoredBooking AnnaInLancaster = new(
        "42", "Anna Lopez", "1234 W Avenue J-8", "Lancaster", "anna.lopez@example.com", "661-555-0142",
        "Gate code 4411, dog in the yard", At(3, 14, 9), At(3, 14, 10));

    private static readonly StoredBooking BenInTehachapi = new(
        "43", "Ben", "20 Oak Ridge Dr", "Tehachapi", "ben@example.com", "661-555-0199",
        "Prefers firm pressure", At(3, 14, 12), At(3, 14, 13, 30));

    private static FeedVisit ForFeed(StoredBooking b, int travel) => new(b.Id, b.Name, b.Town, b.Start, b.End, travel);

    private static string Feed(params FeedVisit[] visits) => TherapistFeed.Write("Maria", LosAngeles, visits, Now);

    [Fact]
    public void TheFeed_IsAPublishedCalendarNamedForTheTherapist_WithEachVisitAndTheDriveBeforeIt()
    {
        var ics = Feed(ForFeed(AnnaInLancaster, 20), ForFeed(BenInTehachapi, 75));

        var calendar = Ics.Parse(ics);

        Assert.Equal("PUBLISH", calendar.Method);
        Assert.Contains("X-WR-CALNAME:Knotwork: Maria", Ics.Unfolded(ics));
        var summaries = calendar.Events.OrderBy(e => e.DtStart!.AsUtc).Select(e => (e.Summary, e.DtStart!.Value.ToString("HH:mm", null), e.DtEnd!.Value.ToString("HH:mm", null)));
        Assert.Equal(
            [("Drive to Anna (Lancaster)", "08:40", "09:00"), ("Massage: Anna (Lancaster)", "09:00", "10:00"),
             ("Drive to Ben (Tehachapi)", "10:45", "12:00"), ("Massage: Ben (Tehachapi)", "12:00", "13:30")],
            summaries);
        Assert.All(calendar.Events, e => Assert.Equal("OPAQUE", e.Transparency));
        Assert.All(calendar.Events, e => Assert.Equal("America/Los_Angeles", e.DtStart!.TzId));
    }

    [Fact]
    public void TheFeed_NeverShowsTheStreetEmailPhoneNotesOrSurname()
    {
        var ics = Feed(ForFeed(AnnaInLancaster, 20), ForFeed(BenInTehachapi, 75));
        var unfolded = string.Join("\n", Ics.Unfolded(ics));

        foreach (var b in new[] { AnnaInLancaster, BenInTehachapi })
        {
            Assert.DoesNotContain(b.Street, unfolded, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(b.Email, unfolded, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(b.Phone, unfolded, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(b.Notes, unfolded, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("Lopez", unfolded, StringComparison.OrdinalIgnoreCase);
        Assert.All(Ics.Parse(ics).Events, e =>
        {
            Assert.Null(e.Description);
            Assert.Null(e.Organizer);
            Assert.Empty(e.Attendees);
        });
    }

    [Fact]
    public void AVisitWithoutTravel_HasNoDriveBlock()
    {
        var calendar = Ics.Parse(Feed(ForFeed(AnnaInLancaster, 0)));

        Assert.Equal("Massage: Anna (Lancaster)", Assert.Single(calendar.Events).Summary);
    }

    [Fact]
    public void EventsKeepTheirUidsBetweenFetches_SoAMovedVisitMovesInsteadOfDuplicating()
    {
        var before = Ics.Parse(Feed(ForFeed(AnnaInLancaster, 20)));
        var moved = AnnaInLancaster with { Start = At(3, 15, 11), End = At(3, 15, 12) };
        var after = Ics.Parse(Feed(ForFeed(moved, 20)));

        Assert.Equal(before.Events.Select(e => e.Uid).Order(), after.Events.Select(e => e.Uid).Order());
        Assert.Equal(2, after.Events.Select(e => e.Uid).Distinct().Count());
    }

    [Fact]
    public void AnEmptyDay_IsAValidEmptyCalendar()
    {
        var calendar = Ics.Parse(Feed());

        Assert.Empty(calendar.Events);
        Assert.Equal("PUBLISH", calendar.Method);
    }
}
