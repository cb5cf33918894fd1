using System.Globalization;
using NodaTime;
using NodaTime.TimeZones;

namespace Knotwork.Domain.Booking;

/// <summary>
/// Travel-aware availability: offers a client at a ZIP only the start times a therapist can really reach, and checks
/// a proposed booking against the same rules. Pure: the setup, travel, <c>now</c> and the existing bookings are
/// passed in; nothing is read from a clock or a database. Thread-safe.
/// </summary>
/// <remarks>
/// <para>A visit at start S for a session of M minutes keeps the therapist busy from S - setup to S + M + pack-up.
/// It is offered with a therapist only when all of these hold:</para>
/// <list type="bullet">
/// <item>the therapist gives the service and visits the client's area, and the service has a price there;</item>
/// <item>S is on the slot grid (every <see cref="BookingPolicies.SlotStepMinutes"/> from local midnight), at least
/// the minimum notice after now, and on a day no later than today + <see cref="BookingPolicies.HorizonDays"/>
/// (in the practice's time zone);</item>
/// <item>the whole visit lies in one stretch of working hours, and the therapist can drive to the client from
/// where they were (home at the start of the stretch or at the end of time off, or the previous visit's ZIP
/// after its pack-up) and be there before setup starts;</item>
/// <item>after pack-up they can drive on to the next visit before its setup, or home by the end of the stretch or
/// the start of time off.</item>
/// </list>
/// <para>Local times and daylight saving: hours, time off and the slot grid are local times in
/// <see cref="PracticeSetup.TimeZone"/>, so a 9:00 slot is 9:00 on the days the clocks change. A start time that does
/// not exist (02:00-02:59 on the spring-forward day in America/Los_Angeles) is not offered; one that occurs twice
/// (01:00-01:59 on the fall-back day) is offered once, at its first occurrence. Working hours that begin or end at such
/// a time are read narrowly (later start, earlier end) and time off widely, so a change of clocks never adds work.</para>
/// </remarks>
public sealed class Scheduler
{
    private static readonly ZoneLocalMappingResolver NarrowStart = Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnStartOfIntervalAfter);
    private static readonly ZoneLocalMappingResolver NarrowEnd = Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);
    private static readonly ZoneLocalMappingResolver WideStart = Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);
    private static readonly ZoneLocalMappingResolver WideEnd = Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnStartOfIntervalAfter);

    private readonly PracticeSetup _setup;
    private readonly ZipCodes _zips;
    private readonly ITravelTimes _travel;
    private readonly DateTimeZone _zone;

    /// <summary>A scheduler for <paramref name="setup"/> (which should have passed <see cref="PracticeSetup.Validate"/>).</summary>
    public Scheduler(PracticeSetup setup, ZipCodes zips, ITravelTimes travel)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(zips);
        ArgumentNullException.ThrowIfNull(travel);
        _setup = setup;
        _zips = zips;
        _travel = travel;
        _zone = setup.TimeZone;
    }

    /// <summary>
    /// The start times offered for <paramref name="request"/> as of <paramref name="now"/>, given the
    /// <paramref name="bookings"/> already made (any therapist; other therapists' are ignored). Days outside
    /// today..today + horizon are left out rather than rejected.
    /// </summary>
    public AvailabilityResult Availability(AvailabilityRequest request, Instant now, IEnumerable<ExistingBooking> bookings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(bookings);
        if (request.Days is < 1 or > 366)
            return AvailabilityResult.Rejected(new(BookingProblem.InvalidRequest, "Ask for 1 to 366 days."));
        var offer = Resolve(request.ServiceId, request.Zip);
        if (offer.Rejection is { } rejection)
            return AvailabilityResult.Rejected(rejection, offer.Area);

        var policies = _setup.Policies;
        var today = now.InZone(_zone).Date;
        var first = LocalDate.Max(request.From, today);
        var last = LocalDate.Min(request.From.PlusDays(request.Days - 1), today.PlusDays(policies.HorizonDays));
        var earliest = now + policies.MinimumNotice;
        var byTherapist = GroupByTherapist(bookings, offer.Therapists);

        var found = new List<(Instant Start, Slot Slot)>();
        var travel = new TravelCache(_travel, offer.Zip);
        foreach (var therapist in offer.Therapists)
        {
            var plan = Plan(therapist, byTherapist.GetValueOrDefault(therapist.Id), offer, travel, Duration.FromMinutes(offer.Service!.Minutes));
            for (var day = first; day <= last; day = day.PlusDays(1))
            {
                foreach (var hours in therapist.WeeklyHours)
                {
                    if (hours.Day == day.DayOfWeek)
                        AddSlots(plan, day, hours, earliest, found);
                }
            }
        }

        // Sort on the instant kept beside each slot: cheaper than converting each ZonedDateTime at every comparison.
        found.Sort(static (a, b) =>
        {
            var c = a.Start.CompareTo(b.Start);
            return c != 0 ? c : string.CompareOrdinal(a.Slot.TherapistId, b.Slot.TherapistId);
        });
        var slots = new Slot[found.Count];
        for (var i = 0; i < slots.Length; i++)
            slots[i] = found[i].Slot;
        return AvailabilityResult.Offered(slots, offer.Area!, offer.Price);
    }

    /// <summary>
    /// Whether <paramref name="proposal"/> can be booked as of <paramref name="now"/>, given the
    /// <paramref name="bookings"/> already made: <see cref="SlotCheck.Free"/> exactly when <see cref="Availability"/>
    /// would offer that start with that therapist (or, with no therapist named, with the first who can come, in the
    /// setup's order). Otherwise the most useful reason: a conflict (<see cref="BookingProblems.IsConflict"/>) when any
    /// eligible therapist could have taken it but is now busy, else why it was never offerable.
    /// </summary>
    public SlotCheck Check(BookingProposal proposal, Instant now, IEnumerable<ExistingBooking> bookings)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(bookings);
        var offer = Resolve(proposal.ServiceId, proposal.Zip);
        if (offer.Rejection is { } rejection)
            return new SlotCheck.Rejected(rejection);

        var therapists = offer.Therapists;
        if (proposal.TherapistId is { } chosenId)
        {
            var chosen = _setup.FindTherapist(chosenId);
            if (chosen is null)
                return Reject(BookingProblem.UnknownTherapist, $"We have no therapist '{chosenId}'.");
            if (!therapists.Contains(chosen))
                return Reject(BookingProblem.TherapistDoesNotOffer, $"{chosen.Name} does not give {offer.Service!.Name} in {offer.Area!.Name}.");
            therapists = [chosen];
        }

        var policies = _setup.Policies;
        var start = proposal.Start;
        var local = start.InZone(_zone);
        if (start < now + policies.MinimumNotice)
            return Reject(BookingProblem.TooSoon, $"Sessions must be booked at least {Describe(policies.MinimumNotice)} ahead.");
        if (local.Date > now.InZone(_zone).Date.PlusDays(policies.HorizonDays))
            return Reject(BookingProblem.BeyondHorizon, $"Sessions can be booked up to {policies.HorizonDays} days ahead.");
        var minuteOfDay = local.TickOfDay / NodaConstants.TicksPerMinute;
        if (local.TickOfDay % NodaConstants.TicksPerMinute != 0 || minuteOfDay % policies.SlotStepMinutes != 0
            || _zone.MapLocal(local.LocalDateTime).First().ToInstant() != start)
        {
            return Reject(BookingProblem.NotAStartTime, $"{local.LocalDateTime.ToString("h:mm tt", CultureInfo.InvariantCulture)} is not one of our start times; sessions start every {policies.SlotStepMinutes} minutes.");
        }

        var byTherapist = GroupByTherapist(bookings, therapists);
        var travel = new TravelCache(_travel, offer.Zip);
        BookingProblem? best = null;
        foreach (var therapist in therapists)
        {
            var plan = Plan(therapist, byTherapist.GetValueOrDefault(therapist.Id), offer, travel, Duration.FromMinutes(offer.Service!.Minutes));
            var problem = Evaluate(plan, local.Date, local.TimeOfDay, start);
            if (problem is null)
                return new SlotCheck.Free(MakeSlot(plan, start));
            if (best is null || Preference(problem.Value) > Preference(best.Value))
                best = problem;
        }

        return Reject(best!.Value, best.Value switch
        {
            BookingProblem.Taken => "That time has just been booked.",
            BookingProblem.Unreachable => "That time is no longer free: the therapist cannot get there in time from another visit.",
            BookingProblem.TimeOff => "That time is no longer free.",
            BookingProblem.OutOfReachFromHome => $"A therapist cannot reach {offer.Area!.Name} at that time within working hours.",
            _ => "That time is outside our working hours.",
        });

        static SlotCheck Reject(BookingProblem problem, string message) => new SlotCheck.Rejected(new(problem, message));

        static int Preference(BookingProblem p) => p switch
        {
            BookingProblem.Taken => 5,
            BookingProblem.Unreachable => 4,
            BookingProblem.TimeOff => 3,
            BookingProblem.OutOfReachFromHome => 2,
            _ => 1,
        };
    }

    /// <summary>
    /// Whether staff can hand a booked visit (<paramref name="proposal"/>, naming the therapist it goes to) to that
    /// therapist as of <paramref name="now"/>: as <see cref="Check"/>, except that the client's minimum notice and
    /// booking horizon do not apply, since the visit is already booked and the practice may rearrange it at short
    /// notice. The therapist must still give the service in the area, work then, and reach the visit from their other
    /// visits and time off. <paramref name="bookings"/> must leave out the visit being handed over. A visit that has
    /// started is refused (<see cref="BookingProblem.TooSoon"/>).
    /// </summary>
    public SlotCheck CheckHandover(BookingProposal proposal, Instant now, IEnumerable<ExistingBooking> bookings)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        if (proposal.Start <= now)
            return new SlotCheck.Rejected(new(BookingProblem.TooSoon, "This visit has already started, so it can no longer be moved."));

        // Checked as if asked just as the notice allows, which is also inside the horizon ("now" counts for nothing
        // else): the grid, hours, travel and time off are checked as always.
        return Check(proposal, proposal.Start - _setup.Policies.MinimumNotice, bookings);
    }

    /// <summary>
    /// The <paramref name="count"/> offered times nearest to <paramref name="proposal"/>'s start (within three days
    /// either side), nearest first, one per start time, with the proposal's therapist when it names one: what a client
    /// is shown when the time they chose has just gone (the API's 409). Empty when nothing is offered near it.
    /// </summary>
    public IReadOnlyList<Slot> Nearest(BookingProposal proposal, Instant now, IEnumerable<ExistingBooking> bookings, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var day = proposal.Start.InZone(_zone).Date;
        var result = Availability(new AvailabilityRequest(proposal.ServiceId, proposal.Zip, day.PlusDays(-3), 7), now, bookings);
        return
        [
            .. result.Slots
                .Where(s => proposal.TherapistId is null || string.Equals(s.TherapistId, proposal.TherapistId, StringComparison.Ordinal))
                .DistinctBy(s => s.Start.ToInstant())
                .OrderBy(s => Abs(s.Start.ToInstant() - proposal.Start))
                .ThenBy(s => s.Start.ToInstant())
                .Take(count),
        ];

        static Duration Abs(Duration d) => d < Duration.Zero ? -d : d;
    }

    /// <summary>
    /// Whether the therapist <paramref name="therapistId"/> can be busy at <paramref name="zip"/> from
    /// <paramref name="start"/> to <paramref name="end"/> for something that is not a client's visit on the slot grid,
    /// such as a corporate chair massage event, given the <paramref name="bookings"/> already made (which must leave out
    /// the time being checked). The rules are a visit's: the therapist sets up before <paramref name="start"/> and packs
    /// up after <paramref name="end"/>; all of it lies in one stretch of working hours; they can drive there from home
    /// or from the previous busy time, and on to the next busy time or home; time off is kept clear. The client's
    /// service, area, minimum notice, horizon and slot grid do not apply. Null when it fits; else why not
    /// (<see cref="BookingProblem.Taken"/>, <see cref="BookingProblem.Unreachable"/>, <see cref="BookingProblem.TimeOff"/>,
    /// <see cref="BookingProblem.OutsideWorkingHours"/> or <see cref="BookingProblem.OutOfReachFromHome"/>). Fed back to
    /// this scheduler as an <see cref="ExistingBooking"/> at that ZIP, the same time then keeps visits away exactly as
    /// a visit does.
    /// </summary>
    /// <exception cref="ArgumentException">The therapist is not in the setup, or <paramref name="end"/> is not after <paramref name="start"/>.</exception>
    public BookingProblem? CheckBusyTime(string therapistId, string zip, Instant start, Instant end, IEnumerable<ExistingBooking> bookings)
    {
        ArgumentNullException.ThrowIfNull(zip);
        ArgumentNullException.ThrowIfNull(bookings);
        var therapist = _setup.FindTherapist(therapistId) ?? throw new ArgumentException($"No therapist '{therapistId}' in the setup.", nameof(therapistId));
        if (end <= start)
            throw new ArgumentException("The end must be after the start.", nameof(end));
        var at = ZipCodes.Normalize(zip) ?? zip;
        var offer = new Offer(at, _setup.AreaOf(at), null, 0, [therapist], null);
        var plan = Plan(therapist, GroupByTherapist(bookings, [therapist])[therapist.Id], offer, new TravelCache(_travel, at), end - start);
        var local = start.InZone(_zone);
        return Evaluate(plan, local.Date, local.TimeOfDay, start);
    }

    private Offer Resolve(string serviceId, string zipText)
    {
        if (!_zips.TryGet(zipText, out _, out var zipProblem))
            return Offer.Rejected(new(BookingProblem.UnknownZip, zipProblem));
        var zip = ZipCodes.Normalize(zipText)!;
        var area = _setup.AreaOf(zip);
        if (area is null)
        {
            var served = string.Join(", ", _setup.Areas.Select(a => a.Name));
            return Offer.Rejected(new(BookingProblem.OutOfArea, $"We do not visit ZIP {zip} yet. We visit {served}."));
        }

        var service = _setup.FindService(serviceId);
        if (service is null)
            return Offer.Rejected(new(BookingProblem.UnknownService, $"We have no service '{serviceId}'."), area);
        var therapists = _setup.Therapists
            .Where(t => t.ServiceIds.Contains(service.Id, StringComparer.Ordinal) && t.AreaIds.Contains(area.Id, StringComparer.Ordinal))
            .ToArray();
        if (_setup.Pricing.PriceOf(service.Id, area.Id) is not { } price || therapists.Length == 0)
            return Offer.Rejected(new(BookingProblem.ServiceNotInArea, $"{service.Name} is not offered in {area.Name}."), area);
        return new Offer(zip, area, service, price, therapists, null);
    }

    private static Dictionary<string, List<ExistingBooking>> GroupByTherapist(IEnumerable<ExistingBooking> bookings, IReadOnlyList<Therapist> therapists)
    {
        var wanted = new Dictionary<string, List<ExistingBooking>>(therapists.Count, StringComparer.Ordinal);
        foreach (var t in therapists)
            wanted[t.Id] = [];
        foreach (var b in bookings)
        {
            if (wanted.TryGetValue(b.TherapistId, out var list))
                list.Add(b);
        }

        return wanted;
    }

    /// <summary>A therapist's busy time (bookings with setup and pack-up, and time off at home) sorted and merged.</summary>
    private TherapistPlan Plan(Therapist therapist, List<ExistingBooking>? bookings, Offer offer, TravelCache travel, Duration sessionLength)
    {
        var raw = new List<Block>((bookings?.Count ?? 0) + therapist.TimeOff.Count);
        if (bookings is not null)
        {
            foreach (var b in bookings)
                raw.Add(new Block(b.Start - therapist.Setup, b.Zip, BlockKind.Booking, b.End + therapist.PackUp, b.Zip, BlockKind.Booking));
        }

        foreach (var off in therapist.TimeOff)
        {
            var start = _zone.ResolveLocal(off.Start, WideStart).ToInstant();
            var end = _zone.ResolveLocal(off.End, WideEnd).ToInstant();
            if (end > start)
                raw.Add(new Block(start, therapist.HomeZip, BlockKind.TimeOff, end, therapist.HomeZip, BlockKind.TimeOff));
        }

        raw.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<Block>(raw.Count);
        foreach (var block in raw)
        {
            if (merged.Count > 0 && block.Start < merged[^1].End)
            {
                var last = merged[^1];
                if (block.End > last.End)
                    merged[^1] = last with { End = block.End, EndZip = block.EndZip, EndKind = block.EndKind };
            }
            else
            {
                merged.Add(block);
            }
        }

        return new TherapistPlan(therapist, offer, travel, [.. merged], sessionLength);
    }

    private void AddSlots(TherapistPlan plan, LocalDate day, WorkingHours hours, Instant earliest, List<(Instant, Slot)> slots)
    {
        var step = _setup.Policies.SlotStepMinutes;
        var windowStart = _zone.ResolveLocal(day + hours.Start, NarrowStart).ToInstant();
        var windowEnd = _zone.ResolveLocal(day + hours.End, NarrowEnd).ToInstant();
        var firstMinute = (int)((hours.Start.TickOfDay / NodaConstants.TicksPerMinute + step - 1) / step * step);
        var endMinute = (int)(hours.End.TickOfDay / NodaConstants.TicksPerMinute);
        // Clocks change a few times a year: when they do not change within two days of the stretch, every local time in
        // it maps to exactly one instant at one offset, without asking the zone (and allocating) for each one.
        var interval = _zone.GetZoneInterval(windowStart);
        var margin = Duration.FromDays(2);
        var oneOffset = (!interval.HasStart || interval.Start <= windowStart - margin) && (!interval.HasEnd || interval.End >= windowEnd + margin);
        var offset = interval.WallOffset;
        for (var minute = firstMinute; minute < endMinute; minute += step)
        {
            var local = day + new LocalTime(minute / 60, minute % 60);
            Instant start;
            if (oneOffset)
            {
                start = local.WithOffset(offset).ToInstant();
            }
            else
            {
                var mapping = _zone.MapLocal(local);
                if (mapping.Count == 0)
                    continue; // skipped by the clocks going forward
                start = mapping.First().ToInstant(); // the first of a repeated time
            }

            if (start < earliest)
                continue;
            if (Feasible(plan, windowStart, windowEnd, start) is null)
                slots.Add((start, MakeSlot(plan, start)));
        }
    }

    private BookingProblem? Evaluate(TherapistPlan plan, LocalDate day, LocalTime time, Instant start)
    {
        foreach (var hours in plan.Therapist.WeeklyHours)
        {
            if (hours.Day != day.DayOfWeek || time < hours.Start || time >= hours.End)
                continue;
            var windowStart = _zone.ResolveLocal(day + hours.Start, NarrowStart).ToInstant();
            var windowEnd = _zone.ResolveLocal(day + hours.End, NarrowEnd).ToInstant();
            return Feasible(plan, windowStart, windowEnd, start);
        }

        return BookingProblem.OutsideWorkingHours;
    }

    /// <summary>Null when a visit starting at <paramref name="start"/> fits the working stretch and the neighbouring busy time; else why not.</summary>
    private static BookingProblem? Feasible(TherapistPlan plan, Instant windowStart, Instant windowEnd, Instant start)
    {
        var arrive = start - plan.Therapist.Setup;                    // must be at the door by then
        var leave = start + plan.SessionLength + plan.Therapist.PackUp; // free to drive on from then
        if (arrive < windowStart || leave > windowEnd)
            return BookingProblem.OutsideWorkingHours;

        var blocks = plan.Blocks;
        var next = LowerBound(blocks, leave); // first busy block starting at or after the visit is over

        // Where the therapist comes from: the previous busy block if it ends inside this stretch, else home.
        if (next > 0 && blocks[next - 1].End > windowStart)
        {
            var previous = blocks[next - 1];
            if (previous.End > arrive)
                return previous.EndKind == BlockKind.Booking ? BookingProblem.Taken : BookingProblem.TimeOff;
            if (previous.End + plan.Travel.To(previous.EndZip) > arrive)
                return previous.EndKind == BlockKind.Booking ? BookingProblem.Unreachable : BookingProblem.TimeOff;
        }
        else if (windowStart + plan.Travel.To(plan.Therapist.HomeZip) > arrive)
        {
            return BookingProblem.OutOfReachFromHome;
        }

        // Where the therapist goes next: the next busy block if it starts inside this stretch, else home.
        if (next < blocks.Length && blocks[next].Start < windowEnd)
        {
            var following = blocks[next];
            if (leave + plan.Travel.From(following.StartZip) > following.Start)
                return following.StartKind == BlockKind.Booking ? BookingProblem.Unreachable : BookingProblem.TimeOff;
        }
        else if (leave + plan.Travel.From(plan.Therapist.HomeZip) > windowEnd)
        {
            return BookingProblem.OutOfReachFromHome;
        }

        return null;
    }

    private static int LowerBound(Block[] blocks, Instant at)
    {
        int lo = 0, hi = blocks.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (blocks[mid].Start < at)
                lo = mid + 1;
            else
                hi = mid;
        }

        return lo;
    }

    private Slot MakeSlot(TherapistPlan plan, Instant start) =>
        new(start.InZone(_zone), (start + plan.SessionLength).InZone(_zone), plan.Therapist.Id, plan.Offer.Price);

    private static string Describe(Duration d) =>
        d.TotalHours >= 1 && d.Minutes == 0 ? $"{(int)d.TotalHours} hours" : $"{(int)d.TotalMinutes} minutes";

    private sealed record Offer(string Zip, ServiceArea? Area, Service? Service, decimal Price, IReadOnlyList<Therapist> Therapists, BookingRejection? Rejection)
    {
        public static Offer Rejected(BookingRejection rejection, ServiceArea? area = null) => new("", area, null, 0, [], rejection);
    }

    private enum BlockKind
    {
        Booking,
        TimeOff,
    }

    /// <summary>Busy time: from <see cref="Start"/> at <see cref="StartZip"/> to <see cref="End"/> at <see cref="EndZip"/>.</summary>
    private readonly record struct Block(Instant Start, string StartZip, BlockKind StartKind, Instant End, string EndZip, BlockKind EndKind);

    private sealed record TherapistPlan(Therapist Therapist, Offer Offer, TravelCache Travel, Block[] Blocks, Duration SessionLength);

    /// <summary>Drive times to and from the client's ZIP, each pair asked of <see cref="ITravelTimes"/> once per call.</summary>
    private sealed class TravelCache(ITravelTimes travel, string clientZip)
    {
        private readonly Dictionary<string, Duration> _to = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Duration> _from = new(StringComparer.Ordinal);

        /// <summary>From <paramref name="zip"/> to the client.</summary>
        public Duration To(string zip)
        {
            if (!_to.TryGetValue(zip, out var d))
                _to[zip] = d = travel.Between(zip, clientZip);
            return d;
        }

        /// <summary>From the client to <paramref name="zip"/>.</summary>
        public Duration From(string zip)
        {
            if (!_from.TryGetValue(zip, out var d))
                _from[zip] = d = travel.Between(clientZip, zip);
            return d;
        }
    }
}
