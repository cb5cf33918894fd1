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

    /// <summary>
    /// Random weekly hours (up to three stretches a day, some back to back), random slot steps and random runs of days
    /// across both clock changes of 2027: availability never offers one start with one therapist twice. (It cannot: the
    /// stretches of a valid setup do not overlap, days do not share local times, and a repeated local time is offered
    /// once; this keeps it so.)
    /// </summary>
    [Fact]
    public void Availability_NeverOffersTheSameStartWithTheSameTherapistTwice()
    {
        var cuts = Gen.Int[0, 1439].Array[0, 6];
        var week = Gen.Select(cuts, cuts, cuts, cuts, cuts, cuts, cuts);
        int[] stepChoices = [5, 10, 15, 20, 30, 60];
        LocalDate[] fromChoices = [new(2027, 3, 10), new(2027, 11, 4), new(2027, 6, 1), new(2027, 1, 2)]; // near both clock changes, and not
        var steps = Gen.Int[0, stepChoices.Length - 1].Select(i => stepChoices[i]);
        var firstDays = Gen.Int[0, fromChoices.Length - 1].Select(i => fromChoices[i]);

        Gen.Select(week, week, steps, firstDays, Gen.Int[1, 14]).Sample((mariaWeek, jonWeek, step, from, days) =>
        {
            var setup = Setup(Maria with { WeeklyHours = Hours(mariaWeek) }, Jon with { WeeklyHours = Hours(jonWeek) }) with
            {
                Policies = new BookingPolicies { HorizonDays = 366, MinimumNotice = Duration.Zero, SlotStepMinutes = step },
            };
            Assert.DoesNotContain(setup.Validate(ZipCodes.Default), p => p.Message.Contains("overlap", StringComparison.Ordinal));

            var slots = Scheduler(setup).Availability(new AvailabilityRequest("swedish-60", Lancaster, from, days), At(2027, 1, 1, 0), []).Slots;

            var seen = new HashSet<(Instant, string)>();
            foreach (var slot in slots)
                Assert.True(seen.Add((slot.Start.ToInstant(), slot.TherapistId)), $"{slot.TherapistId} at {slot.Start} is offered twice");
        }, iter: 150);

        // Each day's cut points, sorted and paired, give that day's non-overlapping stretches (09:00-12:00, 12:00-17:00...).
        static IReadOnlyList<WorkingHours> Hours((int[], int[], int[], int[], int[], int[], int[]) week)
        {
            int[][] byDay = [week.Item1, week.Item2, week.Item3, week.Item4, week.Item5, week.Item6, week.Item7];
            var hours = new List<WorkingHours>();
            for (var d = 0; d < 7; d++)
            {
                var points = byDay[d].Distinct().Order().ToArray();
                for (var i = 0; i + 1 < points.Length; i += 2)
                    hours.Add(new WorkingHours((IsoDayOfWeek)(d + 1), new LocalTime(points[i] / 60, points[i] % 60), new LocalTime(points[i + 1] / 60, points[i + 1] % 60)));
            }

            // Back-to-back stretches too: the end of one is the start of the next.
            var monday = hours.Where(h => h.Day == IsoDayOfWeek.Monday).OrderBy(h => h.Start).ToList();
            if (monday.Count > 0 && monday[^1].End < new LocalTime(23, 0))
                hours.Add(new WorkingHours(IsoDayOfWeek.Monday, monday[^1].End, new LocalTime(23, 0)));
            return hours;
        }
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
