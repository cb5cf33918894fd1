using System.Globalization;
using NodaTime;
using NodaTime.TimeZones;

namespace Knotwork.Domain.Booking;

/// <summary>A visit on a therapist's day, as the day plan needs it.</summary>
/// <param name="Id">The booking's id.</param>
/// <param name="ServiceId">The service's id in the practice setup (an id no longer in it is shown as it is).</param>
/// <param name="Zip">The five-digit ZIP of the visit.</param>
/// <param name="Start">When the session starts.</param>
/// <param name="End">When the session ends; after <paramref name="Start"/>.</param>
public sealed record DayVisit(string Id, string ServiceId, string Zip, Instant Start, Instant End);

/// <summary>One drive of the day, door to door, parking included.</summary>
/// <param name="FromZip">Where the drive starts: home or the previous visit's ZIP.</param>
/// <param name="ToZip">Where it ends: the visit's ZIP or home.</param>
/// <param name="Minutes">The drive in whole minutes, or null when it is unknown (a ZIP not in the ZIP table).</param>
public sealed record DriveLeg(string FromZip, string ToZip, int? Minutes)
{
    /// <summary>The drive as a duration, or null when unknown.</summary>
    public Duration? Duration => Minutes is { } m ? NodaTime.Duration.FromMinutes(m) : null;
}

/// <summary>
/// A visit in the day's order: the drive there, then arrive by <see cref="ArriveBy"/> (the start less the therapist's
/// setup), the session from <see cref="Start"/> to <see cref="End"/>, and packed up by <see cref="PackedUp"/> (the end
/// plus the therapist's pack-up). All in the practice's time zone.
/// </summary>
/// <param name="Visit">The visit as given.</param>
/// <param name="Service">The service, or null when the setup no longer has it.</param>
/// <param name="DriveThere">The drive from home or the previous visit.</param>
/// <param name="ArriveBy">When the therapist must be at the door.</param>
/// <param name="Start">When the session starts.</param>
/// <param name="End">When the session ends.</param>
/// <param name="PackedUp">When the therapist is free to drive on.</param>
public sealed record PlannedVisit(DayVisit Visit, Service? Service, DriveLeg DriveThere, ZonedDateTime ArriveBy, ZonedDateTime Start, ZonedDateTime End, ZonedDateTime PackedUp)
{
    /// <summary>The session's length in minutes.</summary>
    public int SessionMinutes => (int)(Visit.End - Visit.Start).TotalMinutes;
}

/// <summary>A stretch of working hours on the day, in the practice's time zone (see <see cref="WorkingHours"/>).</summary>
/// <param name="Start">When the stretch starts.</param>
/// <param name="End">When it ends.</param>
public sealed record WorkingStretch(ZonedDateTime Start, ZonedDateTime End);

/// <summary>
/// A round trip from home: leave home, the visits in order, the drive home. Each working stretch is one trip, as the
/// scheduler plans it (the therapist starts and ends each stretch at home); visits outside every stretch make a trip
/// of their own.
/// </summary>
/// <param name="Stretch">The working stretch the visits lie in, or null for visits outside working hours.</param>
/// <param name="LeaveHome">When to leave home for the first visit, or null when that drive is unknown.</param>
/// <param name="Visits">The visits in order, at least one.</param>
/// <param name="DriveHome">The drive home after the last visit.</param>
/// <param name="HomeBy">When the therapist is home again, or null when that drive is unknown.</param>
public sealed record DayTrip(WorkingStretch? Stretch, ZonedDateTime? LeaveHome, IReadOnlyList<PlannedVisit> Visits, DriveLeg DriveHome, ZonedDateTime? HomeBy);

/// <summary>Something on the day the therapist (or the owner) should look at, such as a drive that does not fit.</summary>
/// <param name="VisitId">The visit it is about, or null for the day as a whole.</param>
/// <param name="Message">What is wrong, in words for the therapist.</param>
public sealed record DayWarning(string? VisitId, string Message);

/// <summary>
/// A therapist's day on the road, in order: the working stretches, when to leave home, each visit with the drive from
/// the previous place (home or the last visit's ZIP), arrive-by, start, end and packed-up times, the drive home and
/// home-by time, the total driving and session minutes, and warnings when something does not fit (a drive longer than
/// the gap, visits outside working hours or in time off, a ZIP with no known drive time). Pure: built by
/// <see cref="For"/> from the setup, the bookings and the travel times; never throws for a ZIP missing from the ZIP
/// table (its drives are "unknown" and left out of the totals, with a warning).
/// </summary>
/// <remarks>
/// Times are in the practice's time zone and follow the clocks on the days they change: a visit's times come from its
/// instants, drives are real elapsed minutes, and working hours that begin or end at a local time that does not exist
/// or occurs twice are read narrowly (later start, earlier end), as <see cref="Scheduler"/> reads them.
/// </remarks>
public sealed record DayPlan
{
    private static readonly ZoneLocalMappingResolver NarrowStart = Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnStartOfIntervalAfter);
    private static readonly ZoneLocalMappingResolver NarrowEnd = Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);
    private static readonly ZoneLocalMappingResolver WideStart = Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);
    private static readonly ZoneLocalMappingResolver WideEnd = Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnStartOfIntervalAfter);
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    private DayPlan()
    {
    }

    /// <summary>The day, in the practice's time zone.</summary>
    public required LocalDate Date { get; init; }

    /// <summary>The therapist whose day it is.</summary>
    public required Therapist Therapist { get; init; }

    /// <summary>The working stretches of the day, in order; empty on a day off.</summary>
    public required IReadOnlyList<WorkingStretch> Stretches { get; init; }

    /// <summary>The therapist's time off that overlaps the day, as set (local times).</summary>
    public required IReadOnlyList<TimeOff> TimeOff { get; init; }

    /// <summary>The round trips of the day in order; empty when nothing is booked.</summary>
    public required IReadOnlyList<DayTrip> Trips { get; init; }

    /// <summary>Every visit of the day in order.</summary>
    public IEnumerable<PlannedVisit> Visits => Trips.SelectMany(t => t.Visits);

    /// <summary>When to leave home for the first visit, or null when nothing is booked or that drive is unknown.</summary>
    public ZonedDateTime? LeaveHome => Trips.Count == 0 ? null : Trips[0].LeaveHome;

    /// <summary>When the therapist is home after the last visit, or null when nothing is booked or that drive is unknown.</summary>
    public ZonedDateTime? HomeBy => Trips.Count == 0 ? null : Trips[^1].HomeBy;

    /// <summary>The minutes of driving over the day's known drives, home to home.</summary>
    public required int DrivingMinutes { get; init; }

    /// <summary>How many drives are unknown (and so not in <see cref="DrivingMinutes"/>).</summary>
    public required int UnknownDrives { get; init; }

    /// <summary>The minutes of massage over the day's sessions (setup and pack-up not counted).</summary>
    public required int SessionMinutes { get; init; }

    /// <summary>What does not fit, in the day's order; empty when the day works as booked.</summary>
    public required IReadOnlyList<DayWarning> Warnings { get; init; }

    /// <summary>
    /// The day <paramref name="date"/> of <paramref name="therapist"/> with <paramref name="visits"/> (the visits
    /// starting on other days, in the practice's time zone, are left out), drives from <paramref name="travel"/> for
    /// ZIPs in <paramref name="zips"/>.
    /// </summary>
    public static DayPlan For(PracticeSetup setup, Therapist therapist, LocalDate date, IEnumerable<DayVisit> visits, ITravelTimes travel, ZipCodes zips)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(therapist);
        ArgumentNullException.ThrowIfNull(visits);
        ArgumentNullException.ThrowIfNull(travel);
        ArgumentNullException.ThrowIfNull(zips);
        var zone = setup.TimeZone;
        var dayStart = zone.AtStartOfDay(date).ToInstant();
        var dayEnd = zone.AtStartOfDay(date.PlusDays(1)).ToInstant();

        var stretches = therapist.WeeklyHours
            .Where(h => h.Day == date.DayOfWeek && h.End > h.Start)
            .Select(h => new WorkingStretch(zone.ResolveLocal(date + h.Start, NarrowStart), zone.ResolveLocal(date + h.End, NarrowEnd)))
            .Where(s => s.End.ToInstant() > s.Start.ToInstant())
            .OrderBy(s => s.Start.ToInstant())
            .ToList();
        var timeOff = therapist.TimeOff
            .Select(off => (Off: off, Start: zone.ResolveLocal(off.Start, WideStart).ToInstant(), End: zone.ResolveLocal(off.End, WideEnd).ToInstant()))
            .Where(o => o.Start < dayEnd && o.End > dayStart)
            .OrderBy(o => o.Start)
            .ToList();

        var todays = visits
            .Where(v => v.Start >= dayStart && v.Start < dayEnd)
            .OrderBy(v => v.Start).ThenBy(v => v.End).ThenBy(v => v.Id, StringComparer.Ordinal)
            .ToList();

        var warnings = new List<DayWarning>();
        var trips = new List<DayTrip>();
        var driving = 0;
        var unknown = 0;
        var home = therapist.HomeZip;

        DriveLeg Leg(string from, string to, string? visitId)
        {
            if (zips.Contains(from) && zips.Contains(to))
            {
                var minutes = (int)Math.Ceiling(travel.Between(from, to).TotalMinutes);
                driving += minutes;
                return new DriveLeg(from, to, minutes);
            }

            unknown++;
            var missing = zips.Contains(from) ? to : from;
            warnings.Add(new DayWarning(visitId, $"Drive time unknown from {from} to {to}: ZIP {missing} is not in the ZIP table. Check the address and allow time."));
            return new DriveLeg(from, to, null);
        }

        var index = 0;
        while (index < todays.Count)
        {
            var stretch = StretchOf(stretches, todays[index]);
            var planned = new List<PlannedVisit>();
            PlannedVisit? previous = null;
            while (index < todays.Count && StretchOf(stretches, todays[index]) == stretch)
            {
                var visit = todays[index++];
                var leg = Leg(previous?.Visit.Zip ?? home, visit.Zip, visit.Id);
                var current = new PlannedVisit(
                    visit,
                    setup.FindService(visit.ServiceId),
                    leg,
                    (visit.Start - therapist.Setup).InZone(zone),
                    visit.Start.InZone(zone),
                    visit.End.InZone(zone),
                    (visit.End + therapist.PackUp).InZone(zone));
                CheckVisit(current, previous, stretch, timeOff.Select(o => (o.Start, o.End)), warnings);
                planned.Add(current);
                previous = current;
            }

            var first = planned[0];
            var last = planned[^1];
            var leaveHome = first.DriveThere.Duration is { } there ? first.ArriveBy.ToInstant() - there : (Instant?)null;
            var driveHome = Leg(last.Visit.Zip, home, last.Visit.Id);
            var homeBy = driveHome.Duration is { } back ? last.PackedUp.ToInstant() + back : (Instant?)null;
            if (stretch is not null && leaveHome is { } leave && leave < stretch.Start.ToInstant())
                warnings.Add(new DayWarning(first.Visit.Id, $"Leave home at {Time(leave.InZone(zone))}, before working hours start at {Time(stretch.Start)}."));
            if (stretch is not null && homeBy is { } back2 && back2 > stretch.End.ToInstant())
                warnings.Add(new DayWarning(last.Visit.Id, $"Home at {Time(back2.InZone(zone))}, after working hours end at {Time(stretch.End)}."));
            trips.Add(new DayTrip(stretch, leaveHome?.InZone(zone), planned, driveHome, homeBy?.InZone(zone)));
        }

        return new DayPlan
        {
            Date = date,
            Therapist = therapist,
            Stretches = stretches,
            TimeOff = [.. timeOff.Select(o => o.Off)],
            Trips = trips,
            DrivingMinutes = driving,
            UnknownDrives = unknown,
            SessionMinutes = todays.Sum(v => (int)(v.End - v.Start).TotalMinutes),
            Warnings = warnings,
        };
    }

    /// <summary>"9:00 AM", as the booking pages show times.</summary>
    private static string Time(ZonedDateTime t) => t.ToString("h:mm tt", English);

    /// <summary>The stretch the visit's start lies in, or null when it lies in none.</summary>
    private static WorkingStretch? StretchOf(List<WorkingStretch> stretches, DayVisit visit) =>
        stretches.FirstOrDefault(s => visit.Start >= s.Start.ToInstant() && visit.Start < s.End.ToInstant());

    private static void CheckVisit(PlannedVisit visit, PlannedVisit? previous, WorkingStretch? stretch, IEnumerable<(Instant Start, Instant End)> timeOff, List<DayWarning> warnings)
    {
        var id = visit.Visit.Id;
        if (stretch is null)
            warnings.Add(new DayWarning(id, $"The visit at {Time(visit.Start)} is outside working hours."));
        else if (visit.ArriveBy.ToInstant() < stretch.Start.ToInstant() || visit.PackedUp.ToInstant() > stretch.End.ToInstant())
            warnings.Add(new DayWarning(id, $"With setup and pack-up, the visit at {Time(visit.Start)} runs outside working hours ({Time(stretch.Start)} to {Time(stretch.End)})."));

        if (timeOff.Any(o => o.Start < visit.PackedUp.ToInstant() && o.End > visit.ArriveBy.ToInstant()))
            warnings.Add(new DayWarning(id, $"The visit at {Time(visit.Start)} falls in time off."));

        if (previous is null)
            return;
        var free = previous.PackedUp.ToInstant();
        var arriveBy = visit.ArriveBy.ToInstant();
        if (free > arriveBy)
        {
            warnings.Add(new DayWarning(id, $"The visit at {Time(visit.Start)} overlaps the one before: setup starts at {Time(visit.ArriveBy)}, but packing up there ends at {Time(previous.PackedUp)}."));
        }
        else if (visit.DriveThere.Duration is { } drive && free + drive > arriveBy)
        {
            var late = (int)(free + drive - arriveBy).TotalMinutes;
            warnings.Add(new DayWarning(id, $"Tight: the {visit.DriveThere.Minutes}-minute drive to the visit at {Time(visit.Start)} leaves after packing up at {Time(previous.PackedUp)} and arrives {late} minutes after {Time(visit.ArriveBy)}, when setup should start."));
        }
    }
}
