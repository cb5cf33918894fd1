using Knotwork.Domain.Booking;
using NodaTime;
using static Knotwork.Domain.Tests.Booking.Practice;

namespace Knotwork.Domain.Tests.Booking;

// Maria lives in Lancaster and works weekdays 09:00-17:00 (driving included), 15 minutes' setup and pack-up.
// Straight-line drive times with the defaults: Lancaster to Lancaster 5 min, to Santa Clarita (Saugus) 54, to Tehachapi 63.
public class AvailabilityTests
{
    private static readonly LocalDate Tuesday = new(2027, 3, 9);
    private static readonly Instant LastMonday = At(2027, 3, 1, 8);

    private static AvailabilityResult Ask(PracticeSetup setup, string zip, LocalDate from, int days = 1, Instant? now = null, string service = "deep-60", params ExistingBooking[] bookings) =>
        Scheduler(setup).Availability(new AvailabilityRequest(service, zip, from, days), now ?? LastMonday, bookings);

    private static string[] Range(string first, string last, int step = 15)
    {
        var times = new List<string>();
        for (var t = LocalTime.FromTimeOnly(TimeOnly.Parse(first, null)); t <= LocalTime.FromTimeOnly(TimeOnly.Parse(last, null)); t = t.PlusMinutes(step))
            times.Add(t.ToString("HH:mm", null));
        return [.. times];
    }

    [Fact]
    public void AClientNextDoor_GetsTheDayFromHalfPastNine_LeavingTimeToDriveSetUpPackUpAndGetHome()
    {
        // 09:00 + 5 min drive + 15 min setup = 09:20 -> 09:30; last: 15:30 + 60 + 15 pack-up + 5 home = 16:50.
        var result = Ask(Setup(), Lancaster, Tuesday);

        Assert.Null(result.Rejection);
        Assert.Equal(Range("09:30", "15:30"), result.TimesOn(Tuesday));
    }

    [Fact]
    public void AFarClient_GetsFewerTimes_BecauseTheDriveFromAndBackHomeMustFitTheDay()
    {
        // Tehachapi is 63 min from Lancaster: 09:00 + 63 + 15 = 10:18 -> 10:30; 15:30 + 75 + 63 = 17:48 is too late.
        var result = Ask(Setup(), Tehachapi, Tuesday);

        Assert.Equal(Range("10:30", "14:30"), result.TimesOn(Tuesday));
    }

    [Fact]
    public void AVisitEarlierInTheDay_BlocksTimesSheCannotReachFromIt()
    {
        var lancasterVisit = Visit(Maria, Lancaster, At(2027, 3, 9, 9, 30));

        var result = Ask(Setup(), Saugus, Tuesday, bookings: lancasterVisit);

        // 10:30 end + 15 pack-up + 54 drive + 15 setup = 11:54 -> 12:00; none before it (she could not be back for 09:30);
        // the last is 14:45: + 60 + 15 + 54 home = 16:54.
        Assert.Equal(Range("12:00", "14:45"), result.TimesOn(Tuesday));
    }

    [Fact]
    public void AVisitLaterInTheDay_BlocksTimesFromWhichSheCannotGetToIt()
    {
        var lancasterVisit = Visit(Maria, Lancaster, At(2027, 3, 9, 14, 0));

        var result = Ask(Setup(), Saugus, Tuesday, bookings: lancasterVisit);

        // Before: S + 60 + 15 pack-up + 54 drive <= 13:45 -> 11:30 at the latest. After: 15:15 + 54 + 15 = 16:24 -> 16:30, too late to get home.
        Assert.Equal(Range("10:15", "11:30"), result.TimesOn(Tuesday));
    }

    [Fact]
    public void ANeighboursVisit_LeavesOnlyTheTimeAroundIt()
    {
        var visit = Visit(Maria, Lancaster, At(2027, 3, 9, 12, 0));

        var times = Ask(Setup(), Lancaster, Tuesday, bookings: visit).TimesOn(Tuesday);

        // Before: S + 60 + 15 + 5 <= 11:45 -> 10:15. After: 13:00 + 15 + 5 + 15 = 13:35 -> 13:45.
        Assert.Equal([.. Range("09:30", "10:15"), .. Range("13:45", "15:30")], times);
    }

    [Fact]
    public void OtherTherapistsBookings_DoNotBlockMaria()
    {
        var jonsVisit = Visit(Jon, Lancaster, At(2027, 3, 9, 10, 0));

        Assert.Equal(Range("09:30", "15:30"), Ask(Setup(), Lancaster, Tuesday, bookings: jonsVisit).TimesOn(Tuesday));
    }

    [Fact]
    public void TimeOff_IsNeverOffered_AndSheMustBeHomeWhenItStarts()
    {
        var maria = Maria with { TimeOff = [new(new LocalDateTime(2027, 3, 9, 12, 0), new LocalDateTime(2027, 3, 10, 13, 0), "Dentist and a day off")] };

        var result = Ask(Setup(maria), Lancaster, Tuesday, days: 2);

        // 10:30 + 60 + 15 + 5 = 11:50, home by noon. On Wednesday she leaves home at 13:00: 13:20 -> 13:30.
        Assert.Equal(Range("09:30", "10:30"), result.TimesOn(Tuesday));
        Assert.Equal(Range("13:30", "15:30"), result.TimesOn(Tuesday.PlusDays(1)));
    }

    [Fact]
    public void WeekendsOutsideHerHours_HaveNoTimes()
    {
        var result = Ask(Setup(), Lancaster, new LocalDate(2027, 3, 13), days: 2);

        Assert.Empty(result.Slots);
    }

    [Fact]
    public void MinimumNotice_HidesTimesTooSoon()
    {
        // Twelve hours' notice from 22:00 the evening before: nothing before 10:00.
        var result = Ask(Setup(), Lancaster, Tuesday, now: At(2027, 3, 8, 22, 0));

        Assert.Equal(Range("10:00", "15:30"), result.TimesOn(Tuesday));
    }

    [Fact]
    public void TheHorizon_EndsTheOffer_SixtyDaysFromToday()
    {
        // Today is Monday 1 March: the last bookable day is Friday 30 April.
        var result = Ask(Setup(), Lancaster, new LocalDate(2027, 4, 26), days: 14);

        Assert.Equal(new LocalDate(2027, 4, 30), result.Slots.Max(s => s.Start.Date));
        Assert.Equal(5, result.Slots.Select(s => s.Start.Date).Distinct().Count());
    }

    [Fact]
    public void DaysInThePast_AreLeftOut()
    {
        var result = Ask(Setup(), Lancaster, new LocalDate(2027, 2, 22), days: 9, now: At(2027, 3, 1, 8));

        Assert.All(result.Slots, s => Assert.True(s.Start.Date >= new LocalDate(2027, 3, 2)));
        Assert.NotEmpty(result.Slots);
    }

    [Fact]
    public void TwoTherapists_EachTimeNamesOnlyTheOneWhoCanGetThere()
    {
        var setup = Setup(Maria, Jon);

        var saugus = Ask(setup, Saugus, Tuesday);
        var lancaster = Ask(setup, Lancaster, Tuesday);

        // Jon lives 13 minutes from Saugus, Maria 54; in Lancaster it is the other way round.
        Assert.Equal(["jon"], saugus.Slots.Where(s => s.Start.TimeOfDay == new LocalTime(9, 30)).Select(s => s.TherapistId));
        Assert.Equal(["maria"], lancaster.Slots.Where(s => s.Start.TimeOfDay == new LocalTime(9, 30)).Select(s => s.TherapistId));
        Assert.Equal("10:30", lancaster.TimesOn(Tuesday, "jon")[0]);
    }

    [Fact]
    public void AnOwnersAreaOverride_MovesTheFirstTimeInThatArea()
    {
        var usual = Ask(Setup(), Saugus, Tuesday);
        var slowCanyon = Ask(Setup() with { Travel = new TravelSettings { Overrides = [new("lancaster", "santa-clarita", 120)] } }, Saugus, Tuesday);

        // 09:00 + 54 + 15 -> 10:15 usually; 09:00 + 120 + 15 -> 11:15 with the owner's two hours.
        Assert.Equal("10:15", usual.TimesOn(Tuesday)[0]);
        Assert.Equal("11:15", slowCanyon.TimesOn(Tuesday)[0]);
    }

    [Fact]
    public void AnUnknownZip_IsRejectedWithAMessage()
    {
        var result = Ask(Setup(), "93539", Tuesday);

        Assert.Equal(BookingProblem.UnknownZip, result.Rejection?.Problem);
        Assert.Contains("could not find ZIP code 93539", result.Rejection!.Message, StringComparison.Ordinal);
        Assert.Empty(result.Slots);
    }

    [Fact]
    public void AZipOutsideTheAreas_IsRejectedNamingTheAreasServed()
    {
        var result = Ask(Setup(), Mojave, Tuesday);

        Assert.Equal(BookingProblem.OutOfArea, result.Rejection?.Problem);
        Assert.Equal("We do not visit ZIP 93501 yet. We visit Lancaster, Quartz Hill, Palmdale, Rosamond, Tehachapi, Santa Clarita.", result.Rejection!.Message);
    }

    [Fact]
    public void Prices_WithBasePlusTripCharge_AddTheAreasCharge()
    {
        Assert.All(Ask(Setup(), Lancaster, Tuesday).Slots, s => Assert.Equal(110m, s.Price));
        Assert.All(Ask(Setup(), Tehachapi, Tuesday).Slots, s => Assert.Equal(145m, s.Price));
        Assert.Equal(145m, Ask(Setup(), Tehachapi, Tuesday).Price);
    }

    [Fact]
    public void Prices_PerArea_AreTheOwnersPrice_AndAServiceWithoutOneIsNotOfferedThere()
    {
        var setup = Setup() with { Pricing = new PricePerArea { Prices = [new("deep-60", "lancaster", 100m), new("deep-60", "tehachapi", 160m)] } };

        Assert.All(Ask(setup, Lancaster, Tuesday).Slots, s => Assert.Equal(100m, s.Price));
        Assert.All(Ask(setup, Tehachapi, Tuesday).Slots, s => Assert.Equal(160m, s.Price));
        var palmdale = Ask(setup, Palmdale, Tuesday);
        Assert.Equal(BookingProblem.ServiceNotInArea, palmdale.Rejection?.Problem);
        Assert.Equal("Deep tissue, 60 minutes is not offered in Palmdale.", palmdale.Rejection!.Message);
    }

    [Fact]
    public void Slots_CarryThePracticesOffsetAndTheSessionsEnd()
    {
        var first = Ask(Setup(), Lancaster, Tuesday, service: "sports-90").Slots[0];

        Assert.Equal("2027-03-09T09:30:00-08:00", first.Start.ToOffsetDateTime().ToString("uuuu-MM-dd'T'HH:mm:sso<m>", null));
        Assert.Equal(new LocalTime(11, 0), first.End.TimeOfDay);
        Assert.Equal("maria", first.TherapistId);
    }
}
