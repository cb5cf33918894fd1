using NodaTime;

namespace Knotwork.Domain.Booking;

/// <summary>The hourly rate for a chair massage event in one area.</summary>
/// <param name="AreaId">The area.</param>
/// <param name="Amount">US dollars per therapist hour (one therapist staffs one chair).</param>
public sealed record ChairEventRate(string AreaId, decimal Amount);

/// <summary>
/// How the practice prices corporate chair massage events: a rate per therapist hour in each area where events are
/// offered, and the least time billed per chair. An event is offered only in an area with a rate. The quote rule is
/// in <c>Knotwork.Domain.Events.EventQuote</c>: chairs x billed hours x the area's rate, in whole cents.
/// </summary>
public sealed record ChairEventPricing
{
    private readonly Dictionary<string, decimal> _index = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<ChairEventRate> _rates = [];

    /// <summary>The rate of each area where events are offered (at most one per area; the first counts).</summary>
    public required IReadOnlyList<ChairEventRate> HourlyRates
    {
        get => _rates;
        init
        {
            _rates = value;
            _index = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var r in value)
                _index.TryAdd(r.AreaId, r.Amount);
        }
    }

    /// <summary>The least time billed per chair, however short the event (e.g. 2 hours). Default zero: no minimum.</summary>
    public Duration MinimumHours { get; init; } = Duration.Zero;

    /// <summary>The rate per therapist hour in <paramref name="areaId"/>, or null when events are not offered there.</summary>
    public decimal? RateIn(string areaId) => _index.TryGetValue(areaId, out var amount) ? amount : null;
}
