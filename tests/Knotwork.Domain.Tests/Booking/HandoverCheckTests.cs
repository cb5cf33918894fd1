using Knotwork.Domain.Booking;
using NodaTime;
using static Knotwork.Domain.Tests.Booking.Practice;

namespace Knotwork.Domain.Tests.Booking;

/// <summary>Staff handing a booked visit to another therapist: the client's notice and horizon do not apply, everything else does.</summary>
public class HandoverCheckTests
{
    private static readonly Instant Visit13 = At(2027, 3, 9, 13, 0); // Tuesday, Lancaster

    private static SlotCheck Handover(Instant now, params ExistingBooking[] bookings) =>
        Scheduler(Setup(Maria, Jon)).CheckHandover(new BookingProposal("deep-60", Lancaster, Visit13, "jon"), now, bookings);

    [Fact]
    public void InsideTheClientsNotice_AndBeyondTheHorizon_TheVisitCanStillBeHandedOver()
    {
        var scheduler = Scheduler(Setup(Maria, Jon));
        var threeHoursBefore = Visit13 - Duration.FromHours(3);
        var client = scheduler.Check(new BookingProposal("deep-60", Lancaster, Visit13, "jon"), threeHoursBefore, []);

        Assert.Equal(BookingProblem.TooSoon, Assert.IsType<SlotCheck.Rejected>(client).Rejection.Problem);
        Assert.Equal("jon", Assert.IsType<SlotCheck.Free>(Handover(threeHoursBefore)).Slot.TherapistId);
        Assert.IsType<SlotCheck.Free>(Handover(Visit13 - Duration.FromDays(90)));
    }

    [Fact]
    public void AStartedVisit_OrABusyTherapist_IsRefused()
    {
        Assert.Equal(BookingProblem.TooSoon, Assert.IsType<SlotCheck.Rejected>(Handover(Visit13 + Duration.FromMinutes(1))).Rejection.Problem);
        var busy = Handover(Visit13 - Duration.FromDays(1), Visit(Jon, Lancaster, Visit13 - Duration.FromMinutes(30)));
        Assert.Equal(BookingProblem.Taken, Assert.IsType<SlotCheck.Rejected>(busy).Rejection.Problem);
    }
}
