using CsCheck;
using Knotwork.Domain.Booking;
using NodaTime;
using static Knotwork.Domain.Tests.Booking.Practice;

namespace Knotwork.Domain.Tests.Booking;

/// <summary>
/// Clients in random towns book random offered times one after another; whatever they pick, each therapist's day
/// stays drivable, and booking a time never makes another time appear.
/// </summary>
public class AvailabilityPropertyTests
{
    private static readonly string[] Towns = [Lancaster, LancasterEast, QuartzHill, Palmdale, "93551", Rosamond, Tehachapi, Saugus, Valencia, "91387"];
    private static readonly string[] ServiceIds = ["deep-60", "sports-90", "swedish-60", "chair-120"];
    private static readonly LocalDate Day = new(2027, 3, 9);
    private static readonly Instant Now = At(2027, 3, 1, 8);

    private static readonly Gen<(int Zip, int Service, int Pick)[]> Clients =
        Gen.Select(Gen.Int[0, Towns.Length - 1], Gen.Int[0, ServiceIds.Length - 1], Gen.Int[0, 1000]).Array[1, 12];

    [Fact]
    public void RandomClientsBookingOfferedTimes_LeaveEveryDayDrivable_AndNeverAddTimes()
    {
        var setup = Setup(Maria, Jon);
        var scheduler = Scheduler(setup);
        var travel = StraightLineTravel.For(setup);

        Clients.Sample(clients =>
        {
            var bookings = new List<ExistingBooking>();
            foreach (var (zip, service, pick) in clients)
            {
                var request = new AvailabilityRequest(ServiceIds[service], Towns[zip], Day, 1);
                var before = scheduler.Availability(request, Now, bookings).Slots;
                if (before.Count == 0)
                    continue;
                var chosen = before[pick % before.Count];
                bookings.Add(new ExistingBooking($"b{bookings.Count}", chosen.TherapistId, Towns[zip], chosen.Start.ToInstant(), chosen.End.ToInstant()));

                var after = scheduler.Availability(request, Now, bookings).Slots;
                Assert.Subset(before.ToHashSet(), after.ToHashSet());
                Assert.DoesNotContain(chosen, after);
                Assert.IsType<SlotCheck.Rejected>(scheduler.Check(new(request.ServiceId, request.Zip, chosen.Start.ToInstant(), chosen.TherapistId), Now, bookings));
            }

            foreach (var therapist in setup.Therapists)
                AssertDrivable(therapist, [.. bookings.Where(b => b.TherapistId == therapist.Id).OrderBy(b => b.Start)], travel);
        }, iter: 60);
    }

    /// <summary>An independent reading of the rules: home -> visits in order -> home inside 09:00-17:00, with setup, pack-up and drives.</summary>
    private static void AssertDrivable(Therapist therapist, ExistingBooking[] day, StraightLineTravel travel)
    {
        var at = therapist.HomeZip;
        var free = At(2027, 3, 9, 9);
        foreach (var visit in day)
        {
            Assert.True(free + travel.Between(at, visit.Zip) + therapist.Setup <= visit.Start,
                $"{therapist.Name} cannot reach {visit.Zip} for {visit.Start.InZone(LosAngeles):HH:mm} from {at}");
            at = visit.Zip;
            free = visit.End + therapist.PackUp;
        }

        Assert.True(free + travel.Between(at, therapist.HomeZip) <= At(2027, 3, 9, 17), $"{therapist.Name} is not home by 17:00");
    }
}
