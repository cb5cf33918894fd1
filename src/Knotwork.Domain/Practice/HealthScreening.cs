namespace Knotwork.Domain.Practice;

/// <summary>A condition or medication on the health screening that calls for care, or a doctor's clearance, before massage.</summary>
public enum ScreeningItem
{
    /// <summary>Blood thinners (anticoagulants): deep pressure can bruise; trigger point pressure needs care.</summary>
    BloodThinners,

    /// <summary>Surgery in the last few months.</summary>
    RecentSurgery,

    /// <summary>A deep vein thrombosis now or before: no massage of the affected limb without clearance.</summary>
    DeepVeinThrombosis,

    /// <summary>Pregnancy: positioning and some points need care.</summary>
    Pregnancy,

    /// <summary>A skin condition, wound or infection in an area to be worked.</summary>
    SkinCondition,

    /// <summary>Osteoporosis or another bone condition.</summary>
    Osteoporosis,

    /// <summary>Cancer or cancer treatment now.</summary>
    CancerTreatment,

    /// <summary>A heart condition or high blood pressure that is not controlled.</summary>
    HeartCondition,

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
    /// <summary>Nothing reported.</summary>
    public static HealthScreening None { get; } = new([], null, null);

    /// <summary>Items for which a doctor's clearance is advised before trigger point work.</summary>
    public IEnumerable<ScreeningItem> NeedingClearance =>
        Items.Where(i => i is ScreeningItem.DeepVeinThrombosis or ScreeningItem.RecentSurgery or ScreeningItem.CancerTreatment
            or ScreeningItem.HeartCondition or ScreeningItem.BleedingDisorder);
}

/// <summary>A consent the client gave: which version of the text, and when (UTC).</summary>
public sealed record Consent(string Version, DateTime AgreedAtUtc)
{
    /// <summary>The current version of the consent to treatment.</summary>
    public const string CurrentTreatmentVersion = "2026-11";

    /// <summary>The current version of the privacy terms.</summary>
    public const string CurrentPrivacyVersion = "2026-11";
}
