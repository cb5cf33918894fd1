using Knotwork.Domain.Booking;
using NodaTime;
using static Knotwork.Domain.Tests.Booking.Practice;

namespace Knotwork.Domain.Tests.Booking;

/// <summary>
/// A stored visit whose ZIP the ZIP table no longer has (the table changed after it was booked): availability and
/// booking go on without throwing, and nothing is placed next to the visit on its day, since no one can say how far
/// it is (<see cref="StraightLineTravel.Unreachable"/>).
/// </summary>
public class UnknownZipTests
{
    private const string Gone = "93539"; // not in the bundled table
    private static readonly Instant Now = At(2027, 3, 1, 8);
    private static readonly LocalDate Tuesday = new(2027, 3, 9);

    [Fact]
    public void AVisitAtAZipNotInTheTable_BlocksItsStretch_AndLeavesOtherDaysAlone()
    {
        var scheduler = Scheduler(Setup(Maria));
        var booked = new[] { Visit(Maria, Gone, At(2027, 3, 9, 12)) };

        var result = scheduler.Availability(new AvailabilityRequest("deep-60", Lancaster, Tuesday, 2), Now, booked);

        Assert.Null(result.Rejection);
        Assert.Empty(result.TimesOn(Tuesday, "maria"));
        Assert.NotEmpty(result.TimesOn(Tuesday.PlusDays(1), "maria"));
        Assert.NotEmpty(scheduler.Availability(new AvailabilityRequest("deep-60", Lancaster, Tuesday, 1), Now, []).TimesOn(Tuesday, "maria"));
    }

    [Fact]
    public void BookingNextToIt_IsRefusedAsUnreachable_NotAnError()
    {
        var scheduler = Scheduler(Setup(Maria));
        var booked = new[] { Visit(Maria, Gone, At(2027, 3, 9, 12)) };

        foreach (var hour in new[] { 10, 14, 15 })
        {
            var check = scheduler.Check(new BookingProposal("deep-60", Lancaster, At(2027, 3, 9, hour), "maria"), Now, booked);

            var rejected = Assert.IsType<SlotCheck.Rejected>(check);
            Assert.Equal(BookingProblem.Unreachable, rejected.Rejection.Problem);
        }
    }

    [Fact]
    public void ATherapistWhoseHomeZipLeftTheTable_IsOfferedNothing_AndNothingThrows()
    {
        var stranded = Maria with { Id = "stranded", HomeZip = Gone };
        var scheduler = Scheduler(Setup(stranded, Jon));

        var result = scheduler.Availability(new AvailabilityRequest("deep-60", Lancaster, Tuesday, 1), Now, []);

        Assert.Empty(result.TimesOn(Tuesday, "stranded"));
        Assert.NotEmpty(result.TimesOn(Tuesday, "jon"));
    }
}
