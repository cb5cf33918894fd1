using System.Text.Json;
using System.Text.Json.Serialization;

namespace Knotwork.Domain.Booking.Setup;

// The practice setup file's shape, exactly as written: every member nullable, so a missing field is reported by
// name (by PracticeSetupFile) instead of failing inside the serializer. Unknown fields land in Extra and are
// reported too, so a misspelt "setupMinutes" is not silently ignored.

/// <summary>The whole file.</summary>
internal sealed class PracticeSetupDocument
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public int? FormatVersion { get; set; }

    public string? TimeZone { get; set; }

    public List<ServiceDocument?>? Services { get; set; }

    public List<AreaDocument?>? Areas { get; set; }

    public PricingDocument? Pricing { get; set; }

    public List<TherapistDocument?>? Therapists { get; set; }

    public PoliciesDocument? Policies { get; set; }

    public TravelDocument? Travel { get; set; }

    public ChairEventsDocument? ChairEvents { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class ServiceDocument
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Kind { get; set; }

    public int? Minutes { get; set; }

    public string? Description { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class AreaDocument
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public List<string?>? Zips { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>mode</c> is <c>per-area</c> (with <c>prices</c>: service id → area id → amount) or <c>base-plus-trip</c>.</summary>
internal sealed class PricingDocument
{
    public string? Mode { get; set; }

    public Dictionary<string, Dictionary<string, decimal>?>? Prices { get; set; }

    public Dictionary<string, decimal>? BasePrices { get; set; }

    public Dictionary<string, decimal>? TripCharges { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class TherapistDocument
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? HomeZip { get; set; }

    public List<HoursDocument?>? WeeklyHours { get; set; }

    public List<TimeOffDocument?>? TimeOff { get; set; }

    public int? SetupMinutes { get; set; }

    public int? PackUpMinutes { get; set; }

    public List<string?>? ServiceIds { get; set; }

    public List<string?>? AreaIds { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class HoursDocument
{
    public string? Day { get; set; }

    public string? Start { get; set; }

    public string? End { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class TimeOffDocument
{
    public string? Start { get; set; }

    public string? End { get; set; }

    public string? Note { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class PoliciesDocument
{
    public int? HorizonDays { get; set; }

    public string? MinimumNotice { get; set; }

    public int? SlotStepMinutes { get; set; }

    public string? CancellationWindow { get; set; }

    public decimal? LateCancellationFee { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class TravelDocument
{
    public double? RoadFactor { get; set; }

    public double? AverageSpeedMph { get; set; }

    public int? ParkingMinutes { get; set; }

    public List<TravelOverrideDocument?>? Overrides { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class TravelOverrideDocument
{
    public string? AreaA { get; set; }

    public string? AreaB { get; set; }

    public int? Minutes { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Optional: <c>hourlyRates</c> is area id → US dollars per therapist hour; <c>minimumHours</c> is "H:mm".</summary>
internal sealed class ChairEventsDocument
{
    public Dictionary<string, decimal>? HourlyRates { get; set; }

    public string? MinimumHours { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    IndentSize = 2,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(PracticeSetupDocument))]
internal sealed partial class PracticeSetupJsonContext : JsonSerializerContext;
