using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Sessions;

/// <summary>A trigger point worked at a visit, as aftercare reads it.</summary>
/// <param name="TriggerPointId">The point's full id, <c>MUSCLE/POINT</c> (a former id resolves too).</param>
/// <param name="Side">The side of the body it was worked on (midline for a midline muscle).</param>
/// <param name="Status">What the examination made of it.</param>
/// <param name="Release">How pressure release ended, or null when it was not timed.</param>
public sealed record TreatedPoint(string TriggerPointId, Side Side, PointStatus Status, ReleaseOutcome? Release);

/// <summary>One worked point on the client's aftercare sheet.</summary>
/// <param name="Muscle">The muscle's name.</param>
/// <param name="MuscleSlug">The muscle's slug, for a link to its page.</param>
/// <param name="Point">The point's name.</param>
/// <param name="Side">The side it was worked on.</param>
/// <param name="SentPainTo">The places its essential referral zone covers on that side, e.g. "Left temple".</param>
/// <param name="Outcome">How it went, in the client's words: "it softened", "it did not fully let go this time".</param>
public sealed record AftercarePoint(string Muscle, string MuscleSlug, string Point, Side Side, IReadOnlyList<string> SentPainTo, string Outcome);

/// <summary>Self-care for one treated muscle, from the knowledge base.</summary>
/// <param name="Muscle">The muscle's name.</param>
/// <param name="MuscleSlug">Its slug.</param>
/// <param name="Advice">What the client can safely do at home.</param>
/// <param name="Sources">Where the muscle's facts come from.</param>
public sealed record AftercareSelfCare(string Muscle, string MuscleSlug, string Advice, IReadOnlyList<SourceCitation> Sources);

/// <summary>The aftercare a client receives after a visit: what was worked, what to expect, what to do, when to seek care.</summary>
public sealed record AftercareSheet
{
    /// <summary>The points worked, in the order charted (one entry per point and side).</summary>
    public required IReadOnlyList<AftercarePoint> Points { get; init; }

    /// <summary>What to expect in the next two days.</summary>
    public required string Soreness { get; init; }

    /// <summary>General care for the next two days: water, gentle movement.</summary>
    public required IReadOnlyList<string> Comfort { get; init; }

    /// <summary>Self-care for each muscle worked, one entry per muscle.</summary>
    public required IReadOnlyList<AftercareSelfCare> SelfCare { get; init; }

    /// <summary>When to stop self-care and seek medical care instead.</summary>
    public required IReadOnlyList<string> SeekCare { get; init; }

    /// <summary>Where the general advice comes from.</summary>
    public required IReadOnlyList<string> Sources { get; init; }
}

/// <summary>Builds the aftercare sheet from what was treated; the words are Knotwork's own, the facts sourced.</summary>
public static class Aftercare
{
    private const string SorenessText =
        "The places we worked may feel sore or bruised for a day or two, like after a hard workout. That is normal and " +
        "it should ease by itself within 24 to 48 hours. After that, the pain that the points were sending elsewhere " +
        "should be less, or gone.";

    private static readonly string[] ComfortText =
    [
        "Drink water through the rest of the day.",
        "Keep moving gently: walk, and move the muscles we worked through a comfortable range a few times a day.",
        "Warmth (a warm shower or a heat pack for 15 minutes) often eases soreness; avoid hard training of those muscles for a day.",
    ];

    private static readonly string[] SeekCareText =
    [
        "Call 911 for chest pain or pressure, trouble breathing, or sudden weakness, numbness or a drooping face.",
        "See a doctor the same day if a calf becomes swollen, warm or red, or hurts more when you walk: a clot must be ruled out.",
        "See a doctor if the soreness gets worse after two days instead of better, or lasts more than three days.",
        "See a doctor for new numbness, tingling or weakness, a fever, or pain that wakes you at night.",
    ];

    private static readonly string[] SourcesText =
    [
        CheckInSchedule.Source,
        "Goodman CC, Heick JD, Lazaro RT. Differential Diagnosis for Physical Therapists: Screening for Referral, 6th ed. Elsevier, 2018.",
    ];

    /// <summary>
    /// The sheet for <paramref name="treated"/> points, read against <paramref name="knowledge"/>. Points that were not
    /// confirmed as trigger points are left out of "what we worked" (they were tender places, not points); every
    /// muscle worked still gets its self-care.
    /// </summary>
    /// <exception cref="ArgumentException">A point id the knowledge base does not know (charts store only known ids).</exception>
    public static AftercareSheet For(IEnumerable<TreatedPoint> treated, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(treated);
        ArgumentNullException.ThrowIfNull(knowledge);
        var points = new List<AftercarePoint>();
        var muscles = new List<Muscle>();
        var seen = new HashSet<(string, Side)>();
        foreach (var t in treated)
        {
            if (!knowledge.TryGetTriggerPoint(t.TriggerPointId, out var point))
                throw new ArgumentException($"No trigger point '{t.TriggerPointId}' in the knowledge base.", nameof(treated));
            knowledge.TryGetMuscle(point.MuscleSlug, out var muscle);
            if (!muscles.Contains(muscle))
                muscles.Add(muscle);
            if (t.Status == PointStatus.NotConfirmed || !seen.Add((point.FullId, t.Side)))
                continue;

            var sentTo = point.Essential
                .SelectMany(r => r.Resolve(knowledge.Regions, t.Side))
                .Select(r => r.Label)
                .Distinct()
                .ToList();
            points.Add(new AftercarePoint(muscle.Name, muscle.Slug, point.Name, t.Side, sentTo, Outcome(t.Release)));
        }

        return new AftercareSheet
        {
            Points = points,
            Soreness = SorenessText,
            Comfort = ComfortText,
            SelfCare = [.. muscles.Select(m => new AftercareSelfCare(m.Name, m.Slug, m.SelfCare, m.Sources))],
            SeekCare = SeekCareText,
            Sources = SourcesText,
        };
    }

    private static string Outcome(ReleaseOutcome? release) => release switch
    {
        ReleaseOutcome.Released => "It softened under pressure.",
        ReleaseOutcome.DidNotRelease => "It did not fully let go this time; we will come back to it.",
        _ => "We worked it with pressure and the muscle around it.",
    };
}
