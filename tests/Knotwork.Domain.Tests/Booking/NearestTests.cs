using Knotwork.Domain.Booking;
using NodaTime;
using static Knotwork.Domain.Tests.Booking.Practice;

namespace Knotwork.Domain.Tests.Booking;

public class NearestTests
{
    private static readonly Instant Now = At(2027, 3, 1, 8);

    [Fact]
    public void Nearest_AfterATimeIsTaken_OffersTheClosestFreeTimesThatDay()
    {
        var scheduler = Scheduler(Setup());
        var taken = Visit(Maria, Lancaster, At(2027, 3, 9, 12, 0));

        var nearest = scheduler.Nearest(new BookingProposal("deep-60", Lancaster, At(2027, 3, 9, 12, 0)), Now, [taken]);

        // Before the visit the last time is 10:15, after it the first is 13:45 (see AvailabilityTests); ties go to the earlier.
        Assert.Equal(["10:15", "13:45", "10:00"], nearest.Select(s => s.Start.TimeOfDay.ToString("HH:mm", null)));
    }
}
