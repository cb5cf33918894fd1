using NodaTime;

namespace Knotwork.Domain.Booking;

/// <summary>
/// How long a therapist takes to get from one ZIP to another, including parking and carrying the table in. The
/// one seam for travel: the default is <see cref="StraightLineTravel"/>; a routing engine can be plugged in later.
/// Implementations must be pure and thread-safe, and give a non-negative time for any two ZIPs in the table. For a
/// ZIP they cannot place (a stored visit's ZIP that a newer ZIP table no longer has) they must not throw: they give
/// at least <see cref="StraightLineTravel.Unreachable"/>, so the <see cref="Scheduler"/> places nothing next to it.
/// </summary>
public interface ITravelTimes
{
    /// <summary>The door-to-door time from <paramref name="fromZip"/> to <paramref name="toZip"/>.</summary>
    Duration Between(string fromZip, string toZip);
}

/// <summary>The owner's own drive time between two areas (either way round), replacing the estimate.</summary>
/// <param name="AreaA">One area's id.</param>
/// <param name="AreaB">The other area's id (may equal <paramref name="AreaA"/>: the time within that area).</param>
/// <param name="Minutes">Door-to-door minutes, parking included.</param>
public sealed record TravelOverride(string AreaA, string AreaB, int Minutes);

/// <summary>
/// The owner's settings for estimating drive times. Defaults: road factor 1.3, average speed 45 mph, parking margin
/// 5 minutes, no overrides. So Lancaster (93534) to Santa Clarita (91350), 28 miles apart as the crow flies, is
/// estimated at 28 x 1.3 / 45 h + 5 min, about 54 minutes.
/// </summary>
public sealed record TravelSettings
{
    /// <summary>Roads are longer than the straight line by this factor. Default 1.3.</summary>
    public double RoadFactor { get; init; } = 1.3;

    /// <summary>The average driving speed in miles per hour. Default 45.</summary>
    public double AverageSpeedMph { get; init; } = 45;

    /// <summary>Minutes added to every trip for parking and walking to the door. Default 5.</summary>
    public int ParkingMinutes { get; init; } = 5;

    /// <summary>The owner's times for pairs of areas; they apply both ways.</summary>
    public IReadOnlyList<TravelOverride> Overrides { get; init; } = [];
}

/// <summary>
/// Drive time estimated from the straight line: great-circle miles between the ZIPs' centres x
/// <see cref="TravelSettings.RoadFactor"/> (default 1.3) at <see cref="TravelSettings.AverageSpeedMph"/> (default 45 mph),
/// plus <see cref="TravelSettings.ParkingMinutes"/> (default 5), rounded up to the whole minute. When both ZIPs lie in
/// areas the owner has an override for (<see cref="TravelSettings.Overrides"/>, symmetric), the override is used
/// instead. The same ZIP to itself is the parking margin alone (or the area's own override). A ZIP not in the table
/// is a known outcome, not an error: see <see cref="Unreachable"/>.
/// </summary>
public sealed class StraightLineTravel : ITravelTimes
{
    /// <summary>
    /// The time given for a trip to or from a ZIP that is not in the ZIP table, such as a visit booked before the table
    /// changed: a whole day, longer than any working stretch. So the scheduler treats that visit as one nothing can be
    /// driven to or from: on its day no other visit is offered in the same working stretch before or after it
    /// (refused as <see cref="BookingProblem.Unreachable"/>), the visit itself stays booked, and nothing throws.
    /// Falling back to the area's centre is not possible: every ZIP of a valid setup's areas is in the table, so such a
    /// ZIP is in no area. <see cref="TryBetween"/> tells the case apart for a caller that shows the time to a person.
    /// </summary>
    public static readonly Duration Unreachable = Duration.FromDays(1);

    private readonly ZipCodes _zips;
    private readonly TravelSettings _settings;
    private readonly Dictionary<string, string> _areaOfZip;
    private readonly Dictionary<(string, string), Duration> _overrides;
    private readonly Duration _parking;

    /// <summary>Travel for <paramref name="areas"/> (for the overrides) with <paramref name="settings"/> over <paramref name="zips"/>.</summary>
    public StraightLineTravel(ZipCodes zips, TravelSettings settings, IEnumerable<ServiceArea> areas)
    {
        ArgumentNullException.ThrowIfNull(zips);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.RoadFactor, 1.0, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.AverageSpeedMph, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfNegative(settings.ParkingMinutes, nameof(settings));
        _zips = zips;
        _settings = settings;
        _parking = Duration.FromMinutes(settings.ParkingMinutes);
        _areaOfZip = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var area in areas)
        {
            foreach (var zip in area.Zips)
                _areaOfZip.TryAdd(zip, area.Id);
        }

        _overrides = [];
        foreach (var o in settings.Overrides)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(o.Minutes, nameof(settings));
            _overrides[(o.AreaA, o.AreaB)] = Duration.FromMinutes(o.Minutes);
            _overrides[(o.AreaB, o.AreaA)] = Duration.FromMinutes(o.Minutes);
        }
    }

    /// <summary>The practice's travel: its areas and travel settings over the bundled ZIP table.</summary>
    public static StraightLineTravel For(PracticeSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        return new StraightLineTravel(ZipCodes.Default, setup.Travel, setup.Areas);
    }

    /// <inheritdoc/>
    /// <remarks>A ZIP not in the table (nor the same ZIP as the other) gives <see cref="Unreachable"/>.</remarks>
    public Duration Between(string fromZip, string toZip) => TryBetween(fromZip, toZip, out var time) ? time : Unreachable;

    /// <summary>
    /// The door-to-door time from <paramref name="fromZip"/> to <paramref name="toZip"/>, or false when it cannot be
    /// estimated because a ZIP is not in the table (and no override or same-ZIP rule gives the time).
    /// </summary>
    public bool TryBetween(string fromZip, string toZip, out Duration time)
    {
        ArgumentNullException.ThrowIfNull(fromZip);
        ArgumentNullException.ThrowIfNull(toZip);
        var estimate = Estimate(fromZip, toZip);
        time = estimate ?? Duration.Zero;
        return estimate is not null;
    }

    private Duration? Estimate(string fromZip, string toZip)
    {
        if (_overrides.Count > 0
            && _areaOfZip.TryGetValue(fromZip, out var fromArea)
            && _areaOfZip.TryGetValue(toZip, out var toArea)
            && _overrides.TryGetValue((fromArea, toArea), out var given))
        {
            return given;
        }

        if (string.Equals(fromZip, toZip, StringComparison.Ordinal))
            return _parking;

        if (!_zips.TryGet(fromZip, out var from, out _) || !_zips.TryGet(toZip, out var to, out _))
            return null;
        var roadMiles = from.MilesTo(to) * _settings.RoadFactor;
        var minutes = Math.Ceiling(roadMiles / _settings.AverageSpeedMph * 60);
        return Duration.FromMinutes((long)minutes) + _parking;
    }
}
