using Knotwork.Domain.Booking;
using NodaTime;
using static Knotwork.Domain.Tests.Booking.Practice;

namespace Knotwork.Domain.Tests.Booking;

// In America/Los_Angeles in 2027 the clocks go forward at 02:00 on Sunday 14 March and back at 02:00 on Sunday 7 November.
public class DaylightSavingTests
{
    private static readonly LocalDate SpringForward = new(2027, 3, 14);
    private static readonly LocalDate FallBack = new(2027, 11, 7);

    private static AvailabilityResult Ask(Therapist therapist, LocalDate day, int days = 1)
    {
        var setup = Setup(therapist) with { Policies = new BookingPolicies { HorizonDays = 366, MinimumNotice = Duration.FromHours(12) } };
        return Scheduler(setup).Availability(new AvailabilityRequest("deep-60", Lancaster, day, days), At(2027, 3, 1, 8), []);
    }

    [Theory]
    [InlineData(2027, 3, 13, -8)]
    [InlineData(2027, 3, 14, -7)]
    [InlineData(2027, 3, 15, -7)]
    [InlineData(2027, 11, 6, -7)]
    [InlineData(2027, 11, 7, -8)]
    [InlineData(2027, 11, 8, -8)]
    public void TheFirstTime_StaysHalfPastNineLocal_AcrossTheClockChanges(int year, int month, int day, int offsetHours)
    {
        var date = new LocalDate(year, month, day);

        var first = Ask(Maria with { WeeklyHours = EveryDay() }, date).Slots[0];

        Assert.Equal(date + new LocalTime(9, 30), first.Start.LocalDateTime);
        Assert.Equal(Offset.FromHours(offsetHours), first.Start.Offset);
        Assert.Equal(new LocalTime(15, 30), Ask(Maria with { WeeklyHours = EveryDay() }, date).Slots[^1].Start.TimeOfDay);
    }

    [Fact]
    public void SpringForward_NightHours_SkipTheHourThatDoesNotExist()
    {
        var night = Maria with { WeeklyHours = EveryDay(0, 6), SetupMinutes = 0, PackUpMinutes = 0 };

        var times = Ask(night, SpringForward).TimesOn(SpringForward);

        // 00:05 after a 5-minute drive -> 00:15 first; 02:00-02:59 never happens that night; home by 06:00 after 60 + 5.
        Assert.DoesNotContain(times, t => t.StartsWith("02:", StringComparison.Ordinal));
        Assert.Equal("00:15", times[0]);
        Assert.Equal("04:45", times[^1]);
        Assert.Equal(15, times.Length); // 00:15..04:45 is 19 quarter hours, less the four of 02:xx
    }

    [Fact]
    public void FallBack_NightHours_OfferTheRepeatedHourOnce_AtItsFirstOccurrence()
    {
        var night = Maria with { WeeklyHours = EveryDay(0, 6), SetupMinutes = 0, PackUpMinutes = 0 };

        var slots = Ask(night, FallBack).Slots;

        var times = slots.Select(s => s.Start.TimeOfDay).ToList();
        Assert.Equal(times.Distinct().Count(), times.Count);
        Assert.Equal(19, times.Count); // 00:15..04:45, each once
        var half1 = Assert.Single(slots, s => s.Start.TimeOfDay == new LocalTime(1, 30));
        Assert.Equal(Offset.FromHours(-7), half1.Start.Offset);
    }

    [Fact]
    public void FallBack_AnHourLongerDay_DoesNotShiftTheSlots()
    {
        var days = Ask(Maria with { WeeklyHours = EveryDay() }, FallBack.PlusDays(-1), days: 3);

        foreach (var date in new[] { FallBack.PlusDays(-1), FallBack, FallBack.PlusDays(1) })
            Assert.Equal(25, days.TimesOn(date).Length); // 09:30..15:30
    }
}
