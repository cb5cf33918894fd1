using Knotwork.Domain.Booking;
using NodaTime;
using static Knotwork.Domain.Tests.Booking.Practice;

namespace Knotwork.Domain.Tests.Booking;

public class SlotCheckTests
{
    private static readonly Instant Now = At(2027, 3, 1, 8);

    private static SlotCheck Check(string zip, Instant start, string? therapist = null, PracticeSetup? setup = null, params ExistingBooking[] bookings) =>
        Scheduler(setup ?? Setup(Maria, Jon)).Check(new BookingProposal("deep-60", zip, start, therapist), Now, bookings);

    private static BookingRejection Rejection(SlotCheck check) => Assert.IsType<SlotCheck.Rejected>(check).Rejection;

    [Fact]
    public void AFreeTime_IsFree_WithTheTherapistWhoCanGetThere()
    {
        var free = Assert.IsType<SlotCheck.Free>(Check(Saugus, At(2027, 3, 9, 9, 30)));

        Assert.Equal("jon", free.Slot.TherapistId);
        Assert.Equal(140m, free.Slot.Price);
    }

    [Fact]
    public void ATakenTime_IsAConflict()
    {
        var taken = Visit(Maria, Lancaster, At(2027, 3, 9, 10, 0));

        var rejection = Rejection(Check(LancasterEast, At(2027, 3, 9, 10, 30), "maria", bookings: taken));

        Assert.Equal(BookingProblem.Taken, rejection.Problem);
        Assert.True(rejection.IsConflict);
    }

    [Fact]
    public void ATimeSheCanNoLongerReachFromAnotherVisit_IsAConflict()
    {
        var tehachapi = Visit(Maria, Tehachapi, At(2027, 3, 9, 11, 0));

        // Free at 12:30 by the clock (12:15 pack-up done), but Tehachapi to Saugus is well over an hour.
        var rejection = Rejection(Check(Saugus, At(2027, 3, 9, 12, 45), "maria", bookings: tehachapi));

        Assert.Equal(BookingProblem.Unreachable, rejection.Problem);
        Assert.True(rejection.IsConflict);
    }

    [Fact]
    public void TimeOff_IsAConflict()
    {
        var setup = Setup(Maria with { TimeOff = [new(new LocalDateTime(2027, 3, 9, 0, 0), new LocalDateTime(2027, 3, 10, 0, 0))] });

        Assert.Equal(BookingProblem.TimeOff, Rejection(Check(Lancaster, At(2027, 3, 9, 11), setup: setup)).Problem);
    }

    [Theory]
    [InlineData(2027, 3, 13, 10, 0, BookingProblem.OutsideWorkingHours)] // a Saturday
    [InlineData(2027, 3, 9, 16, 0, BookingProblem.OutsideWorkingHours)]  // 16:00 + 60 + 15 runs past 17:00
    [InlineData(2027, 3, 9, 9, 7, BookingProblem.NotAStartTime)]
    [InlineData(2027, 3, 1, 12, 0, BookingProblem.TooSoon)]             // four hours from now
    [InlineData(2027, 5, 3, 10, 0, BookingProblem.BeyondHorizon)]
    public void ATimeNeverOffered_IsNotAConflict(int year, int month, int day, int hour, int minute, BookingProblem expected)
    {
        var rejection = Rejection(Check(Lancaster, At(year, month, day, hour, minute), "maria"));

        Assert.Equal(expected, rejection.Problem);
        Assert.False(rejection.IsConflict);
    }

    [Fact]
    public void ATimeTooEarlyToDriveToFromHome_IsOutOfReach_NotAConflict()
    {
        var rejection = Rejection(Check(Tehachapi, At(2027, 3, 9, 9, 30), "maria"));

        Assert.Equal(BookingProblem.OutOfReachFromHome, rejection.Problem);
        Assert.False(rejection.IsConflict);
    }

    [Fact]
    public void OutOfArea_AndUnknownZip_AreNotConflicts()
    {
        Assert.Equal(BookingProblem.OutOfArea, Rejection(Check(Mojave, At(2027, 3, 9, 10))).Problem);
        Assert.Equal(BookingProblem.UnknownZip, Rejection(Check("00000", At(2027, 3, 9, 10))).Problem);
        Assert.Equal(BookingProblem.UnknownTherapist, Rejection(Check(Lancaster, At(2027, 3, 9, 10), "sam")).Problem);
    }

    [Fact]
    public void WithNoTherapistNamed_ATimeOneOfThemHasLost_IsReportedAsAConflict()
    {
        // Only Maria can reach Lancaster for 09:30, and she is booked then; Jon cannot get there from Valencia.
        var mariasVisit = Visit(Maria, LancasterEast, At(2027, 3, 9, 9, 30));

        var rejection = Rejection(Check(Lancaster, At(2027, 3, 9, 9, 30), bookings: mariasVisit));

        Assert.Equal(BookingProblem.Taken, rejection.Problem);
    }

    [Fact]
    public void Check_AgreesWithAvailability_ForEveryStartOfABusyDay()
    {
        var setup = Setup(Maria, Jon);
        var bookings = new[]
        {
            Visit(Maria, Palmdale, At(2027, 3, 9, 10, 0)),
            Visit(Maria, Lancaster, At(2027, 3, 9, 15, 30), 60),
            Visit(Jon, Saugus, At(2027, 3, 9, 11, 0)),
        };
        var scheduler = Scheduler(setup);
        var offered = scheduler.Availability(new("deep-60", QuartzHill, new LocalDate(2027, 3, 9), 1), Now, bookings).Slots
            .Select(s => (s.Start.ToInstant(), s.TherapistId)).ToHashSet();

        var refused = 0;
        foreach (var therapist in new[] { "maria", "jon" })
        {
            for (var start = At(2027, 3, 9, 8); start < At(2027, 3, 9, 18); start += Duration.FromMinutes(15))
            {
                var check = scheduler.Check(new BookingProposal("deep-60", QuartzHill, start, therapist), Now, bookings);
                Assert.Equal(offered.Contains((start, therapist)), check is SlotCheck.Free);
                refused += check is SlotCheck.Rejected ? 1 : 0;
            }
        }

        Assert.True(offered.Count >= 5, $"only {offered.Count} offered");
        Assert.True(refused >= 10, $"only {refused} refused");
    }

    [Fact]
    public void Check_ATherapistWhoDoesNotVisitTheArea_IsNeverOfferable()
    {
        var setup = Setup(Maria, Jon with { AreaIds = ["santa-clarita"] });

        var check = Check(Tehachapi, At(2027, 3, 9, 12), "jon", setup);

        var rejection = Assert.IsType<SlotCheck.Rejected>(check).Rejection;
        Assert.Equal(BookingProblem.TherapistDoesNotOffer, rejection.Problem);
        Assert.Equal("Jon does not give Deep tissue, 60 minutes in Tehachapi.", rejection.Message);
    }
}
