namespace Knotwork.Domain.Clients;

/// <summary>How much a screening item changes the work, from stop-and-ask to good-to-know.</summary>
public enum ScreeningConcern
{
    /// <summary>
    /// A contraindication for deep and trigger point work until the client's doctor clears it: sustained, firm
    /// pressure could do harm that the therapist cannot judge alone.
    /// </summary>
    NeedsClearance,

    /// <summary>The work goes ahead, changed: an area to avoid, lighter pressure, another position.</summary>
    Precaution,

    /// <summary>Nothing changes in the work, but the therapist should know it.</summary>
    ToKnow,
}

/// <summary>
/// What a screening item means for the therapist: its label as the client ticks it, its concern, guidance in plain
/// words, and the reference it rests on. The guidance is a summary for a session, not medical advice.
/// </summary>
public sealed record ScreeningGuide
{
    /// <summary>Ruth Werner's reference on pathology for massage therapists.</summary>
    public const string Werner = "Werner, A Massage Therapist's Guide to Pathology, 7th ed.";

    /// <summary>Tracy Walton's decision-tree reference on conditions, medications and massage.</summary>
    public const string Walton = "Walton, Medical Conditions and Massage Therapy: A Decision Tree Approach (2011)";

    private ScreeningGuide(ScreeningItem item, string label, ScreeningConcern concern, string guidance, string source)
    {
        Item = item;
        Label = label;
        Concern = concern;
        Guidance = guidance;
        Source = source;
    }

    /// <summary>The item.</summary>
    public ScreeningItem Item { get; }

    /// <summary>The item as the client reads it on the screening form.</summary>
    public string Label { get; }

    /// <summary>Whether it needs clearance, changes the work, or is to know.</summary>
    public ScreeningConcern Concern { get; }

    /// <summary>What the therapist does about it, in plain words.</summary>
    public string Guidance { get; }

    /// <summary>The reference the concern and guidance rest on (work and topic).</summary>
    public string Source { get; }

    /// <summary>Every item's guide, in the order of <see cref="ScreeningItem"/>.</summary>
    public static IReadOnlyList<ScreeningGuide> All { get; } =
    [
        new(ScreeningItem.BloodThinners, "Takes blood thinners", ScreeningConcern.Precaution,
            "Bruises form easily. Use light to moderate pressure everywhere, no sustained ischemic compression on " +
            "trigger points, and no deep stripping; ask about bruising at the next visit.",
            Walton + ": anticoagulant and antiplatelet medications"),
        new(ScreeningItem.RecentSurgery, "Surgery in the last few months", ScreeningConcern.NeedsClearance,
            "Clot risk stays raised for weeks after an operation, and healing tissue tears under firm pressure. " +
            "Ask the surgeon for clearance before deep or trigger point work; until then keep off the incision and " +
            "the area around it, and work gently elsewhere.",
            Werner + ": post-surgical situations"),
        new(ScreeningItem.DeepVeinThrombosis, "Deep vein thrombosis, now or before", ScreeningConcern.NeedsClearance,
            "A clot pressed loose can travel to the lungs. No massage of the affected limb, and no deep work anywhere, " +
            "until the doctor gives clearance. A warm, swollen, painful calf today means no session: send the client for " +
            "medical care the same day.",
            Werner + ": deep vein thrombosis"),
        new(ScreeningItem.Pregnancy, "Pregnant", ScreeningConcern.Precaution,
            "Side-lying or semi-reclined after the first trimester, not flat on the back or belly. Keep pressure " +
            "light on the inner legs (clot risk is higher in pregnancy). Ask about complications: a high-risk " +
            "pregnancy needs the midwife's or doctor's clearance.",
            Werner + ": pregnancy"),
        new(ScreeningItem.SkinCondition, "Skin condition, wound or infection", ScreeningConcern.Precaution,
            "Keep off the affected skin and a margin around it. Anything that may be infectious (warm, red, " +
            "weeping, or a rash of unknown cause) means rescheduling, not working around it.",
            Werner + ": skin conditions"),
        new(ScreeningItem.Osteoporosis, "Osteoporosis or another bone condition", ScreeningConcern.Precaution,
            "Bones may break under force. Lighter, broad pressure over the ribs, spine and hips; no joint " +
            "mobilisation at end range and no sharp, pointed pressure on bone.",
            Werner + ": osteoporosis"),
        new(ScreeningItem.CancerTreatment, "Cancer or cancer treatment now", ScreeningConcern.NeedsClearance,
            "Treatment changes what pressure is safe (low platelets, bone involvement, lymph node removal, ports " +
            "and catheters). Ask the oncology team for clearance before deep or trigger point work; gentle, " +
            "comfort-focused massage is usually welcome meanwhile.",
            Walton + ": cancer and cancer treatment"),
        new(ScreeningItem.HeartCondition, "Heart condition or uncontrolled blood pressure", ScreeningConcern.NeedsClearance,
            "Deep work can strain a heart or a circulation that is not stable. Ask the doctor for clearance before " +
            "deep or trigger point work; chest pain, breathlessness or dizziness during a session means stopping " +
            "and getting help.",
            Werner + ": heart disease and hypertension"),
        new(ScreeningItem.ControlledBloodPressure, "High blood pressure, controlled with medicine", ScreeningConcern.ToKnow,
            "Nothing changes in the work. Blood pressure medicine can make the client light-headed on getting up: " +
            "have them sit for a moment before standing at the end.",
            Werner + ": hypertension"),
        new(ScreeningItem.BleedingDisorder, "Bleeding or clotting disorder", ScreeningConcern.NeedsClearance,
            "Firm pressure can cause bleeding into the tissue. Ask the doctor for clearance and a pressure limit " +
            "before deep or trigger point work; until then use light pressure only.",
            Walton + ": bleeding and clotting disorders"),
        new(ScreeningItem.ReducedSensation, "Reduced feeling in an area to be worked", ScreeningConcern.Precaution,
            "The client cannot tell you when pressure is too much there. Use light pressure in that area, watch " +
            "the skin, and do not rely on their feedback for depth.",
            Werner + ": peripheral neuropathy"),
    ];

    /// <summary>The guide for <paramref name="item"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The item is not one of <see cref="ScreeningItem"/>.</exception>
    public static ScreeningGuide For(ScreeningItem item) =>
        (int)item >= 0 && (int)item < All.Count && All[(int)item].Item == item
            ? All[(int)item]
            : throw new ArgumentOutOfRangeException(nameof(item), item, "Not a screening item.");
}
