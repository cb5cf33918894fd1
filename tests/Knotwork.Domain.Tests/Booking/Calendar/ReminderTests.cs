using Knotwork.Domain.Booking.Calendar;
using NodaTime;
using static Knotwork.Domain.Tests.Booking.Practice;

namespace Knotwork.Domain.Tests.Booking.Calendar;

// The clocks in Los Angeles go forward on Sunday 14 March 2027, 02:00 -> 03:00.
public class ReminderTests
{
    private static Instant Local(int month, int day, int hour, int minute = 0) =>
        LosAngeles.AtStrictly(new LocalDateTime(2027, month, day, hour, minute)).ToInstant();

    private static readonly Instant TuesdayAtNine = Local(3, 9, 9);
    private static readonly Instant BookedLastWeek = Local(3, 1, 10);

    [Fact]
    public void TwoDaysBefore_TheReminderIsNotDueYet_AndSaysWhenItWillBe()
    {
        var decision = Reminders.Decide(TuesdayAtNine, BookedLastWeek, cancelled: false, now: Local(3, 7, 9));

        Assert.Equal(new ReminderDecision.NotYet(Local(3, 8, 9)), decision);
    }

    [Fact]
    public void From24HoursBefore_TheReminderIsDue()
    {
        Assert.Equal(new ReminderDecision.NotYet(Local(3, 8, 9)), Reminders.Decide(TuesdayAtNine, BookedLastWeek, false, Local(3, 8, 8, 59)));
        Assert.Equal(new ReminderDecision.Due(Local(3, 8, 9)), Reminders.Decide(TuesdayAtNine, BookedLastWeek, false, Local(3, 8, 9)));
        Assert.Equal(new ReminderDecision.Due(Local(3, 8, 9)), Reminders.Decide(TuesdayAtNine, BookedLastWeek, false, Local(3, 9, 8, 30)));
    }

    [Fact]
    public void ABookingMadeInsideTheLead_NeverGetsAReminder()
    {
        var bookedTheEveningBefore = Local(3, 8, 18);

        Assert.Equal(new ReminderDecision.Never(NoReminderReason.BookedInsideLead), Reminders.Decide(TuesdayAtNine, bookedTheEveningBefore, false, Local(3, 8, 18, 1)));
        Assert.Equal(new ReminderDecision.Never(NoReminderReason.BookedInsideLead), Reminders.Decide(TuesdayAtNine, Local(3, 8, 9), false, Local(3, 8, 9)));
    }

    [Fact]
    public void ACancelledBooking_NeverGetsAReminder()
    {
        Assert.Equal(new ReminderDecision.Never(NoReminderReason.Cancelled), Reminders.Decide(TuesdayAtNine, BookedLastWeek, cancelled: true, Local(3, 8, 12)));
        Assert.Equal(new ReminderDecision.Never(NoReminderReason.Cancelled), Reminders.Decide(TuesdayAtNine, BookedLastWeek, cancelled: true, Local(3, 2, 12)));
    }

    [Fact]
    public void OnceTheVisitHasStarted_ItIsTooLateToRemind()
    {
        Assert.Equal(new ReminderDecision.Never(NoReminderReason.Started), Reminders.Decide(TuesdayAtNine, BookedLastWeek, false, TuesdayAtNine));
        Assert.Equal(new ReminderDecision.Never(NoReminderReason.Started), Reminders.Decide(TuesdayAtNine, BookedLastWeek, false, Local(3, 10, 9)));
    }

    [Fact]
    public void AVisitTheMondayAfterTheClocksGoForward_IsRemindedAtNineOnTheSunday()
    {
        var mondayAtNine = Local(3, 15, 9);

        Assert.Equal(new ReminderDecision.NotYet(Local(3, 14, 9)), Reminders.Decide(mondayAtNine, BookedLastWeek, false, Local(3, 14, 8, 59)));
        Assert.Equal(new ReminderDecision.Due(Local(3, 14, 9)), Reminders.Decide(mondayAtNine, BookedLastWeek, false, Local(3, 14, 9)));
    }

    [Fact]
    public void AVisitOnTheSundayTheClocksGoForward_IsReminded24ElapsedHoursBefore_AtEightOnSaturday()
    {
        var sundayAtNine = Local(3, 14, 9);

        Assert.Equal(new ReminderDecision.Due(Local(3, 13, 8)), Reminders.Decide(sundayAtNine, BookedLastWeek, false, Local(3, 13, 8)));
        Assert.Equal(new ReminderDecision.NotYet(Local(3, 13, 8)), Reminders.Decide(sundayAtNine, BookedLastWeek, false, Local(3, 13, 7, 59)));
    }

    [Fact]
    public void TheLead_IsConfigurable()
    {
        var twoHours = Duration.FromHours(2);

        Assert.Equal(new ReminderDecision.NotYet(Local(3, 9, 7)), Reminders.Decide(TuesdayAtNine, Local(3, 8, 18), false, Local(3, 8, 20), twoHours));
        Assert.Equal(new ReminderDecision.Due(Local(3, 9, 7)), Reminders.Decide(TuesdayAtNine, Local(3, 8, 18), false, Local(3, 9, 7, 5), twoHours));
        Assert.Throws<ArgumentOutOfRangeException>(() => Reminders.Decide(TuesdayAtNine, BookedLastWeek, false, Local(3, 8, 9), Duration.Zero));
    }
}
