namespace Knotwork.Domain.Clients;

/// <summary>
/// A condition or medication a client can report on their health screening. Each one has a
/// <see cref="ScreeningGuide"/>: whether it needs a doctor's clearance, changes how the therapist works, or is
/// something to know. Stored by name, so members may be added anywhere but never renamed.
/// </summary>
public enum ScreeningItem
{
    /// <summary>Blood thinners (anticoagulants or antiplatelet medicines).</summary>
    BloodThinners,

    /// <summary>Surgery in the last few months.</summary>
    RecentSurgery,

    /// <summary>A deep vein thrombosis now or before.</summary>
    DeepVeinThrombosis,

    /// <summary>Pregnancy.</summary>
    Pregnancy,

    /// <summary>A skin condition, wound or infection in an area to be worked.</summary>
    SkinCondition,

    /// <summary>Osteoporosis or another bone condition.</summary>
    Osteoporosis,

    /// <summary>Cancer or cancer treatment now.</summary>
    CancerTreatment,

    /// <summary>A heart condition, or high blood pressure that is not controlled.</summary>
    HeartCondition,

    /// <summary>High blood pressure that medicine keeps under control.</summary>
    ControlledBloodPressure,

    /// <summary>A bleeding or clotting disorder.</summary>
    BleedingDisorder,

    /// <summary>Reduced feeling (for example from diabetes or nerve damage) in an area to be worked.</summary>
    ReducedSensation,
}

/// <summary>What a client reported on their health screening.</summary>
/// <param name="Items">Conditions and medications that call for care.</param>
/// <param name="Medications">Medications in the client's own words.</param>
/// <param name="Notes">Anything else the client wants the therapist to know.</param>
public sealed record HealthScreening(IReadOnlyList<ScreeningItem> Items, string? Medications, string? Notes)
{
    /// <summary>No screening taken yet: nothing reported and no <see cref="TakenAtUtc"/>.</summary>
    public static HealthScreening None { get; } = new([], null, null);

    /// <summary>When the screening was last filled in or changed (UTC); null when it never was.</summary>
    public DateTime? TakenAtUtc { get; init; }

    /// <summary>Whether the screening has been filled in at least once (an empty one that was taken says "nothing to report").</summary>
    public bool Taken => TakenAtUtc is not null;

    /// <summary>Items for which a doctor's clearance is needed before deep or trigger point work, in the order reported.</summary>
    public IEnumerable<ScreeningItem> NeedingClearance =>
        Items.Distinct().Where(i => ScreeningGuide.For(i).Concern == ScreeningConcern.NeedsClearance);
}
