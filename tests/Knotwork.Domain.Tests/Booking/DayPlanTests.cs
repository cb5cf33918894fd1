using Knotwork.Domain.Booking;
using NodaTime;
using static Knotwork.Domain.Tests.Booking.Practice;

namespace Knotwork.Domain.Tests.Booking;

// Maria lives in Lancaster (93534), works weekdays 09:00-17:00, sets up for 15 minutes and packs up for 15.
public class DayPlanTests
{
    private static readonly LocalDate Tuesday = new(2027, 3, 9);

    private static DayPlan Plan(Therapist therapist, LocalDate date, params DayVisit[] visits)
    {
        var setup = Setup(therapist);
        return DayPlan.For(setup, therapist, date, visits, StraightLineTravel.For(setup), ZipCodes.Default);
    }

    private static DayVisit At(string id, string zip, Instant start, int minutes = 60) =>
        new(id, "deep-60", zip, start, start + Duration.FromMinutes(minutes));

    private static int Drive(string from, string to) =>
        (int)StraightLineTravel.For(Setup()).Between(from, to).TotalMinutes;

    [Fact]
    public void ThreeVisitsInThreeTowns_ComeInOrder_WithEachDriveAndTheTotals()
    {
        // Long days: the ZIPs' centres are far apart in the desert (Palmdale to Rosamond is over an hour).
        var plan = Plan(Maria with { WeeklyHours = Weekdays(8, 18) }, Tuesday,
            At("rosamond", Rosamond, Practice.At(2027, 3, 9, 15, 45)),
            At("quartz-hill", QuartzHill, Practice.At(2027, 3, 9, 10), 90),
            At("palmdale", Palmdale, Practice.At(2027, 3, 9, 13)));

        var visits = plan.Visits.ToList();
        Assert.Equal(["quartz-hill", "palmdale", "rosamond"], visits.Select(v => v.Visit.Id));
        Assert.Equal(new DriveLeg(Lancaster, QuartzHill, Drive(Lancaster, QuartzHill)), visits[0].DriveThere);
        Assert.Equal(new DriveLeg(QuartzHill, Palmdale, Drive(QuartzHill, Palmdale)), visits[1].DriveThere);
        Assert.Equal(new DriveLeg(Palmdale, Rosamond, Drive(Palmdale, Rosamond)), visits[2].DriveThere);
        var trip = Assert.Single(plan.Trips);
        Assert.Equal(new DriveLeg(Rosamond, Lancaster, Drive(Rosamond, Lancaster)), trip.DriveHome);
        Assert.All(visits.Select(v => v.DriveThere.Minutes!.Value), m => Assert.InRange(m, 6, 90));

        Assert.Equal(new LocalTime(9, 45), visits[0].ArriveBy.TimeOfDay);
        Assert.Equal(new LocalTime(11, 45), visits[0].PackedUp.TimeOfDay);
        Assert.Equal(new LocalTime(17, 0), visits[2].PackedUp.TimeOfDay);
        Assert.Equal(new LocalTime(9, 45).PlusMinutes(-Drive(Lancaster, QuartzHill)), plan.LeaveHome!.Value.TimeOfDay);
        Assert.Equal(new LocalTime(17, 0).PlusMinutes(Drive(Rosamond, Lancaster)), plan.HomeBy!.Value.TimeOfDay);
        Assert.Equal(Drive(Lancaster, QuartzHill) + Drive(QuartzHill, Palmdale) + Drive(Palmdale, Rosamond) + Drive(Rosamond, Lancaster), plan.DrivingMinutes);
        Assert.Equal(90 + 60 + 60, plan.SessionMinutes);
        Assert.Equal(0, plan.UnknownDrives);
        Assert.True(plan.Warnings.Count == 0, string.Join("\n", plan.Warnings));
    }

    [Fact]
    public void AnEmptyDay_HasItsHoursAndNothingElse()
    {
        var plan = Plan(Maria, Tuesday);

        var stretch = Assert.Single(plan.Stretches);
        Assert.Equal(new LocalTime(9, 0), stretch.Start.TimeOfDay);
        Assert.Equal(new LocalTime(17, 0), stretch.End.TimeOfDay);
        Assert.Empty(plan.Trips);
        Assert.Null(plan.LeaveHome);
        Assert.Null(plan.HomeBy);
        Assert.Equal(0, plan.DrivingMinutes);
        Assert.Equal(0, plan.SessionMinutes);
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void ADayOff_HasNoStretches_AndShowsTheTimeOffThatCoversIt()
    {
        var away = Maria with { TimeOff = [new TimeOff(new LocalDateTime(2027, 3, 8, 12, 0), new LocalDateTime(2027, 3, 10, 0, 0), "Conference")] };

        Assert.Empty(Plan(Maria, new LocalDate(2027, 3, 13)).Stretches); // a Saturday
        Assert.Equal("Conference", Assert.Single(Plan(away, Tuesday).TimeOff).Note);
        Assert.Empty(Plan(away, new LocalDate(2027, 3, 10)).TimeOff);
    }

    [Fact]
    public void VisitsOfOtherDays_AreLeftOut()
    {
        var plan = Plan(Maria, Tuesday, At("monday", Lancaster, Practice.At(2027, 3, 8, 10)), At("tuesday", Lancaster, Practice.At(2027, 3, 9, 10)));

        Assert.Equal("tuesday", Assert.Single(plan.Visits).Visit.Id);
    }

    [Fact]
    public void ADriveLongerThanTheGap_IsWarnedAbout_NamingTheVisit()
    {
        // Booked by the owner: Tehachapi until 12:00, then Santa Clarita at 12:45; over an hour's drive between.
        var plan = Plan(Maria, Tuesday,
            At("tehachapi", Tehachapi, Practice.At(2027, 3, 9, 11)),
            At("saugus", Saugus, Practice.At(2027, 3, 9, 12, 45)));

        var warning = Assert.Single(plan.Warnings, w => w.Message.StartsWith("Tight", StringComparison.Ordinal));
        Assert.Equal("saugus", warning.VisitId);
        Assert.Contains("12:30 PM", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OverlappingVisits_AndVisitsOutsideHours_AreWarnedAbout()
    {
        var plan = Plan(Maria, Tuesday,
            At("first", Lancaster, Practice.At(2027, 3, 9, 10)),
            At("second", Lancaster, Practice.At(2027, 3, 9, 10, 30)),
            At("evening", Lancaster, Practice.At(2027, 3, 9, 19)));

        Assert.Contains(plan.Warnings, w => w.VisitId == "second" && w.Message.Contains("overlaps the one before", StringComparison.Ordinal));
        Assert.Contains(plan.Warnings, w => w.VisitId == "evening" && w.Message.Contains("outside working hours", StringComparison.Ordinal));
        Assert.Equal(2, plan.Trips.Count); // the evening visit is a trip from home of its own
    }

    [Fact]
    public void AZipNotInTheTable_GivesUnknownDrives_AndAWarning_NotAnError()
    {
        const string Nowhere = "00001";
        Assert.False(ZipCodes.Default.Contains(Nowhere));

        var plan = Plan(Maria, Tuesday,
            At("known", Palmdale, Practice.At(2027, 3, 9, 10)),
            At("unknown", Nowhere, Practice.At(2027, 3, 9, 13)));

        var unknown = plan.Visits.Single(v => v.Visit.Id == "unknown");
        Assert.Null(unknown.DriveThere.Minutes);
        Assert.Null(plan.Trips[0].DriveHome.Minutes);
        Assert.Null(plan.HomeBy);
        Assert.NotNull(plan.LeaveHome);
        Assert.Equal(2, plan.UnknownDrives);
        Assert.Equal(Drive(Lancaster, Palmdale), plan.DrivingMinutes);
        Assert.Contains(plan.Warnings, w => w.VisitId == "unknown" && w.Message.Contains("Drive time unknown", StringComparison.Ordinal) && w.Message.Contains(Nowhere, StringComparison.Ordinal));
    }

    [Fact]
    public void SpringForward_TimesStayLocal_AtTheNewOffset()
    {
        var day = new LocalDate(2027, 3, 14); // a Sunday: the clocks go forward at 02:00
        var plan = Plan(Maria with { WeeklyHours = EveryDay() }, day, At("a", Lancaster, Practice.At(2027, 3, 14, 10)));

        var stretch = Assert.Single(plan.Stretches);
        Assert.Equal(day + new LocalTime(9, 0), stretch.Start.LocalDateTime);
        Assert.Equal(Offset.FromHours(-7), stretch.Start.Offset);
        var visit = Assert.Single(plan.Visits);
        Assert.Equal(new LocalTime(10, 0), visit.Start.TimeOfDay);
        Assert.Equal(new LocalTime(9, 40), plan.LeaveHome!.Value.TimeOfDay); // 09:45 less the 5-minute drive within Lancaster
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void FallBack_TheRepeatedHour_KeepsRealElapsedTimeBetweenVisits()
    {
        var day = new LocalDate(2027, 11, 7); // the clocks go back from 02:00 PDT to 01:00 PST
        var night = Maria with { WeeklyHours = EveryDay(0, 6), SetupMinutes = 0, PackUpMinutes = 0 };
        var firstHalfPastOne = LosAngeles.AtStrictly(new LocalDateTime(2027, 11, 7, 0, 30)).ToInstant() + Duration.FromHours(1);
        var secondHalfPastOne = firstHalfPastOne + Duration.FromHours(1);

        var plan = Plan(night, day,
            At("early", Lancaster, firstHalfPastOne - Duration.FromHours(1)),
            At("late", Lancaster, secondHalfPastOne, 30));

        var visits = plan.Visits.ToList();
        Assert.Equal(new LocalTime(1, 30), visits[0].End.TimeOfDay);
        Assert.Equal(Offset.FromHours(-7), visits[0].End.Offset);
        Assert.Equal(new LocalTime(1, 30), visits[1].Start.TimeOfDay);
        Assert.Equal(Offset.FromHours(-8), visits[1].Start.Offset);
        Assert.Equal(new LocalTime(2, 0), visits[1].End.TimeOfDay);
        Assert.Equal(90, plan.SessionMinutes);
        Assert.Equal(6 * 60 + 60, (int)(plan.Stretches[0].End.ToInstant() - plan.Stretches[0].Start.ToInstant()).TotalMinutes); // a 7-hour night
        Assert.Empty(plan.Warnings); // a same-place 5-minute drive in a real hour's gap fits
    }
}
