namespace Knotwork.Domain.Booking;

/// <summary>
/// How the practice prices a session in an area: the owner chooses either a price for every service in every area
/// (<see cref="PricePerArea"/>) or a base price per service plus a trip charge per area (<see cref="BasePlusTripCharge"/>).
/// Amounts are in US dollars.
/// </summary>
public abstract record Pricing
{
    private protected Pricing()
    {
    }

    /// <summary>The price of <paramref name="serviceId"/> in <paramref name="areaId"/>, or null when the owner has set none (the service is then not offered there).</summary>
    public abstract decimal? PriceOf(string serviceId, string areaId);
}

/// <summary>One price for one service in one area.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="AreaId">The area.</param>
/// <param name="Amount">The price in US dollars.</param>
public sealed record AreaPrice(string ServiceId, string AreaId, decimal Amount);

/// <summary>A price set for every service in every area.</summary>
public sealed record PricePerArea : Pricing
{
    private readonly Dictionary<(string, string), decimal> _index = [];
    private readonly IReadOnlyList<AreaPrice> _prices = [];

    /// <summary>The prices, one per service and area.</summary>
    public required IReadOnlyList<AreaPrice> Prices
    {
        get => _prices;
        init
        {
            _prices = value;
            _index = [];
            foreach (var p in value)
                _index.TryAdd((p.ServiceId, p.AreaId), p.Amount);
        }
    }

    /// <inheritdoc/>
    public override decimal? PriceOf(string serviceId, string areaId) =>
        _index.TryGetValue((serviceId, areaId), out var amount) ? amount : null;
}

/// <summary>The base price of one service.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="Amount">The price in US dollars before any trip charge.</param>
public sealed record ServicePrice(string ServiceId, decimal Amount);

/// <summary>What the practice adds for travelling to one area.</summary>
/// <param name="AreaId">The area.</param>
/// <param name="Amount">The charge in US dollars (0 for the home area).</param>
public sealed record TripCharge(string AreaId, decimal Amount);

/// <summary>A base price per service plus a trip charge per area: price = base + the area's trip charge.</summary>
public sealed record BasePlusTripCharge : Pricing
{
    private readonly Dictionary<string, decimal> _baseIndex = [];
    private readonly Dictionary<string, decimal> _tripIndex = [];
    private readonly IReadOnlyList<ServicePrice> _basePrices = [];
    private readonly IReadOnlyList<TripCharge> _tripCharges = [];

    /// <summary>The base price of each service.</summary>
    public required IReadOnlyList<ServicePrice> BasePrices
    {
        get => _basePrices;
        init
        {
            _basePrices = value;
            _baseIndex = [];
            foreach (var p in value)
                _baseIndex.TryAdd(p.ServiceId, p.Amount);
        }
    }

    /// <summary>The trip charge of each area.</summary>
    public required IReadOnlyList<TripCharge> TripCharges
    {
        get => _tripCharges;
        init
        {
            _tripCharges = value;
            _tripIndex = [];
            foreach (var t in value)
                _tripIndex.TryAdd(t.AreaId, t.Amount);
        }
    }

    /// <inheritdoc/>
    public override decimal? PriceOf(string serviceId, string areaId) =>
        _baseIndex.TryGetValue(serviceId, out var basePrice) && _tripIndex.TryGetValue(areaId, out var trip) ? basePrice + trip : null;
}
