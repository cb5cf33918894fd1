using Knotwork.Domain.Sessions;
using NodaTime;

namespace Knotwork.Domain.Tests.Sessions;

public class CheckInScheduleTests
{
    private static readonly DateTimeZone LosAngeles = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    private static ZonedDateTime At(int month, int day, int hour, int minute = 0) =>
        LosAngeles.AtStrictly(new LocalDateTime(2027, month, day, hour, minute));

    [Fact]
    public void DueAfter_AnAfternoonVisit_IsAskedAboutTwoDaysLaterAtTheSameTime() =>
        Assert.Equal(At(3, 4, 15), CheckInSchedule.DueAfter(At(3, 2, 15)));

    [Fact]
    public void DueAfter_AcrossTheSpringChange_KeepsTheLocalTime_So47HoursPass()
    {
        // Clocks go forward on Sunday 14 March 2027 in Los Angeles.
        var end = At(3, 13, 15);
        var due = CheckInSchedule.DueAfter(end);

        Assert.Equal(new LocalDateTime(2027, 3, 15, 15, 0), due.LocalDateTime);
        Assert.Equal(Duration.FromHours(47), due.ToInstant() - end.ToInstant());
    }

    [Fact]
    public void DueAfter_AcrossTheAutumnChange_KeepsTheLocalTime_So49HoursPass()
    {
        var end = At(11, 6, 10, 30); // clocks go back on Sunday 7 November 2027
        var due = CheckInSchedule.DueAfter(end);

        Assert.Equal(new LocalDateTime(2027, 11, 8, 10, 30), due.LocalDateTime);
        Assert.Equal(Duration.FromHours(49), due.ToInstant() - end.ToInstant());
    }

    [Fact]
    public void DueAfter_AnEveningVisit_IsAskedTheMorningAfter_AndAnEarlyOneWaitsForNine()
    {
        Assert.Equal(At(3, 5, 9), CheckInSchedule.DueAfter(At(3, 2, 20, 30)));
        Assert.Equal(At(3, 4, 9), CheckInSchedule.DueAfter(At(3, 2, 7, 15)));
    }
}
