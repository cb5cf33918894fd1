using NodaTime;

namespace Knotwork.Domain.Booking;

/// <summary>A problem with the practice's setup, worded for the owner who fixes it.</summary>
/// <param name="Field">Where it is, e.g. <c>therapists[maria].weeklyHours</c>.</param>
/// <param name="Message">What is wrong and how to put it right.</param>
public sealed record SetupProblem(string Field, string Message);

/// <summary>
/// Everything the owner sets up for booking: services, areas, prices, therapists, policies, travel and the
/// practice's time zone. A plain value; <see cref="Validate"/> says what is wrong with it in words for people.
/// </summary>
public sealed record PracticeSetup
{
    /// <summary>The practice's time zone (e.g. America/Los_Angeles): hours, time off and the slot grid are in its local time.</summary>
    public required DateTimeZone TimeZone { get; init; }

    /// <summary>The sessions offered.</summary>
    public required IReadOnlyList<Service> Services { get; init; }

    /// <summary>The areas visited.</summary>
    public required IReadOnlyList<ServiceArea> Areas { get; init; }

    /// <summary>How sessions are priced by area.</summary>
    public required Pricing Pricing { get; init; }

    /// <summary>The therapists.</summary>
    public required IReadOnlyList<Therapist> Therapists { get; init; }

    /// <summary>The booking rules.</summary>
    public BookingPolicies Policies { get; init; } = new();

    /// <summary>How drive times are estimated.</summary>
    public TravelSettings Travel { get; init; } = new();

    /// <summary>How corporate chair massage events are priced, or null when the practice does not offer them.</summary>
    public ChairEventPricing? ChairEvents { get; init; }

    /// <summary>The service with this id, or null.</summary>
    public Service? FindService(string? id) => Services.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));

    /// <summary>The therapist with this id, or null.</summary>
    public Therapist? FindTherapist(string? id) => Therapists.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));

    /// <summary>The area that holds <paramref name="zip"/> (five digits), or null when the practice does not visit it.</summary>
    public ServiceArea? AreaOf(string? zip) =>
        zip is null ? null : Areas.FirstOrDefault(a => a.Zips.Contains(zip, StringComparer.Ordinal));

    /// <summary>Every problem with this setup, checked against <paramref name="zips"/>; empty when it is ready to take bookings.</summary>
    public IReadOnlyList<SetupProblem> Validate(ZipCodes zips)
    {
        ArgumentNullException.ThrowIfNull(zips);
        var problems = new List<SetupProblem>();
        void Add(string field, string message) => problems.Add(new SetupProblem(field, message));

        CheckIds(Services.Select(s => s.Id), "services", "service", Add);
        CheckIds(Areas.Select(a => a.Id), "areas", "area", Add);
        CheckIds(Therapists.Select(t => t.Id), "therapists", "therapist", Add);

        foreach (var s in Services)
        {
            var at = $"services[{s.Id}]";
            if (string.IsNullOrWhiteSpace(s.Name))
                Add(at + ".name", "Give the service a name clients will recognise.");
            if (s.Minutes is < 10 or > 480)
                Add(at + ".minutes", $"'{s.Name}' lasts {s.Minutes} minutes; a session lasts from 10 to 480 minutes.");
        }

        var areaOfZip = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in Areas)
        {
            var at = $"areas[{a.Id}]";
            if (string.IsNullOrWhiteSpace(a.Name))
                Add(at + ".name", "Give the area a name clients will recognise, such as a town.");
            if (a.Zips.Count == 0)
                Add(at + ".zips", $"The area '{a.Name}' has no ZIP codes; add the ZIP codes it covers.");
            foreach (var zip in a.Zips)
            {
                if (!zips.TryGet(zip, out _, out var problem))
                    Add(at + ".zips", $"In the area '{a.Name}': {problem}");
                else if (ZipCodes.Normalize(zip) != zip)
                    Add(at + ".zips", $"In the area '{a.Name}': write ZIP '{zip}' as its five digits only.");
                else if (areaOfZip.TryGetValue(zip, out var other) && other != a.Id)
                    Add(at + ".zips", $"ZIP {zip} is in both '{AreaName(other)}' and '{a.Name}'; a ZIP can be in one area only, so that it has one price.");
                else
                    areaOfZip[zip] = a.Id;
            }
        }

        foreach (var s in Services)
        {
            foreach (var a in Areas)
            {
                if (Pricing.PriceOf(s.Id, a.Id) is not { } price)
                {
                    var missing = Pricing is BasePlusTripCharge ? "a base price for the service or a trip charge for the area" : "a price";
                    Add("pricing", $"'{s.Name}' has no price in '{a.Name}': set {missing}, or it will not be offered there.");
                }
                else if (price < 0)
                {
                    Add("pricing", $"'{s.Name}' in '{a.Name}' costs {price:0.00}; a price cannot be negative.");
                }
            }
        }

        var serviceIds = Services.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var areaIds = Areas.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var t in Therapists)
            ValidateTherapist(t, zips, serviceIds, areaIds, Add);

        ValidatePolicies(Add);
        ValidateTravel(areaIds, Add);
        ValidateChairEvents(areaIds, Add);
        return problems;

        string AreaName(string id) => Areas.First(a => a.Id == id).Name;
    }

    private static void CheckIds(IEnumerable<string> ids, string field, string what, Action<string, string> add)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id))
                add(field, $"Every {what} needs an id.");
            else if (!seen.Add(id))
                add(field, $"Two {what}s have the id '{id}'; ids must be different.");
        }
    }

    private static void ValidateTherapist(Therapist t, ZipCodes zips, HashSet<string> serviceIds, HashSet<string> areaIds, Action<string, string> add)
    {
        var at = $"therapists[{t.Id}]";
        if (string.IsNullOrWhiteSpace(t.Name))
            add(at + ".name", "Give the therapist a name.");
        if (!zips.TryGet(t.HomeZip, out _, out var zipProblem))
            add(at + ".homeZip", $"{t.Name}'s home base: {zipProblem}");
        if (t.WeeklyHours.Count == 0)
            add(at + ".weeklyHours", $"{t.Name} has no working hours, so no time will be offered with them.");
        foreach (var h in t.WeeklyHours)
        {
            if (h.End <= h.Start)
                add(at + ".weeklyHours", $"{t.Name}'s hours on {h.Day} end at {h.End:HH:mm}, before they start at {h.Start:HH:mm}; hours must end after they start on the same day.");
        }

        foreach (var day in t.WeeklyHours.GroupBy(h => h.Day))
        {
            var ordered = day.Where(h => h.End > h.Start).OrderBy(h => h.Start).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].Start < ordered[i - 1].End)
                    add(at + ".weeklyHours", $"{t.Name}'s hours on {day.Key} overlap ({ordered[i - 1].Start:HH:mm}-{ordered[i - 1].End:HH:mm} and {ordered[i].Start:HH:mm}-{ordered[i].End:HH:mm}); join them into one stretch.");
            }
        }

        foreach (var off in t.TimeOff)
        {
            if (off.End <= off.Start)
                add(at + ".timeOff", $"{t.Name}'s time off from {off.Start:yyyy-MM-dd HH:mm} ends at {off.End:yyyy-MM-dd HH:mm}, before it starts.");
        }

        if (t.SetupMinutes is < 0 or > 120)
            add(at + ".setupMinutes", $"{t.Name}'s setup takes {t.SetupMinutes} minutes; give 0 to 120.");
        if (t.PackUpMinutes is < 0 or > 120)
            add(at + ".packUpMinutes", $"{t.Name}'s pack-up takes {t.PackUpMinutes} minutes; give 0 to 120.");
        if (t.ServiceIds.Count == 0)
            add(at + ".serviceIds", $"{t.Name} gives no services, so no time will be offered with them.");
        foreach (var id in t.ServiceIds.Where(id => !serviceIds.Contains(id)))
            add(at + ".serviceIds", $"{t.Name} gives the service '{id}', which is not among the practice's services.");
        if (t.AreaIds.Count == 0)
            add(at + ".areaIds", $"{t.Name} visits no areas, so no time will be offered with them.");
        foreach (var id in t.AreaIds.Where(id => !areaIds.Contains(id)))
            add(at + ".areaIds", $"{t.Name} visits the area '{id}', which is not among the practice's areas.");
    }

    private void ValidatePolicies(Action<string, string> add)
    {
        var p = Policies;
        if (p.HorizonDays is < 1 or > 366)
            add("policies.horizonDays", $"Clients may book {p.HorizonDays} days ahead; give 1 to 366 days.");
        if (p.MinimumNotice < Duration.Zero)
            add("policies.minimumNotice", "The minimum notice cannot be negative.");
        if (p.SlotStepMinutes is < 5 or > 240 || 1440 % p.SlotStepMinutes != 0)
            add("policies.slotStepMinutes", $"Start times every {p.SlotStepMinutes} minutes do not fit a day evenly; use 5, 10, 15, 20, 30, 60 or similar.");
        if (p.CancellationWindow < Duration.Zero)
            add("policies.cancellationWindow", "The cancellation window cannot be negative.");
        if (p.LateCancellationFee < 0)
            add("policies.lateCancellationFee", "The late-cancellation fee cannot be negative.");
    }

    private void ValidateChairEvents(HashSet<string> areaIds, Action<string, string> add)
    {
        if (ChairEvents is not { } events)
            return;
        if (events.HourlyRates.Count == 0)
            add("chairEvents.hourlyRates", "Chair massage events have no hourly rate in any area, so they will not be offered; give each area's rate, or remove \"chairEvents\".");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rate in events.HourlyRates)
        {
            if (!areaIds.Contains(rate.AreaId))
                add("chairEvents.hourlyRates", $"The chair event rate names the area '{rate.AreaId}', which is not among the practice's areas.");
            else if (!seen.Add(rate.AreaId))
                add("chairEvents.hourlyRates", $"The area '{rate.AreaId}' has two chair event rates; give it one.");
            if (rate.Amount < 0)
                add("chairEvents.hourlyRates", $"The chair event rate in '{rate.AreaId}' is {rate.Amount:0.00}; a rate cannot be negative.");
        }

        if (events.MinimumHours < Duration.Zero || events.MinimumHours > Duration.FromHours(12))
            add("chairEvents.minimumHours", "The least time billed per chair must be from 0:00 to 12:00 hours.");
    }

    private void ValidateTravel(HashSet<string> areaIds, Action<string, string> add)
    {
        var t = Travel;
        if (t.RoadFactor is < 1 or > 3)
            add("travel.roadFactor", $"A road factor of {t.RoadFactor} is unlikely; roads are 1 to 3 times the straight line (1.3 is typical).");
        if (t.AverageSpeedMph is < 5 or > 80)
            add("travel.averageSpeedMph", $"An average speed of {t.AverageSpeedMph} mph is unlikely; give 5 to 80 (45 is typical).");
        if (t.ParkingMinutes is < 0 or > 60)
            add("travel.parkingMinutes", $"A parking margin of {t.ParkingMinutes} minutes is unlikely; give 0 to 60.");
        foreach (var o in t.Overrides)
        {
            foreach (var id in new[] { o.AreaA, o.AreaB }.Where(id => !areaIds.Contains(id)))
                add("travel.overrides", $"The drive time override names the area '{id}', which is not among the practice's areas.");
            if (o.Minutes is < 0 or > 600)
                add("travel.overrides", $"A drive of {o.Minutes} minutes between '{o.AreaA}' and '{o.AreaB}' is unlikely; give 0 to 600.");
        }
    }
}
