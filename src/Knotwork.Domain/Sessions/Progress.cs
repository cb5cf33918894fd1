using NodaTime;

namespace Knotwork.Domain.Sessions;

/// <summary>One visit's finding at one trigger point, as progress reads it.</summary>
/// <param name="Date">The visit's date in the practice's time zone.</param>
/// <param name="Status">What the examination made of the point.</param>
/// <param name="PressureTolerance">The pressure the client tolerated, 0-10, or null when not recorded.</param>
/// <param name="Release">How pressure release ended, or null when it was not timed.</param>
public sealed record PointVisit(LocalDate Date, PointStatus Status, int? PressureTolerance, ReleaseOutcome? Release);

/// <summary>A trigger point's course over visits, oldest first.</summary>
public sealed record PointCourse
{
    /// <summary>The visits at which the point was charted, oldest first.</summary>
    public required IReadOnlyList<PointVisit> Visits { get; init; }

    /// <summary>How many visits found the point active.</summary>
    public int ActiveVisits => Visits.Count(v => v.Status == PointStatus.Active);

    /// <summary>
    /// Whether the point is chronic: active at <see cref="PointProgress.ChronicAfterActiveVisits"/> visits or more.
    /// A chronic point prompts a review of what keeps it going (posture, repetition, overload, stress, an old injury).
    /// </summary>
    public bool IsChronic => ActiveVisits >= PointProgress.ChronicAfterActiveVisits;

    /// <summary>The latest status, or null with no visit.</summary>
    public PointStatus? Latest => Visits.Count == 0 ? null : Visits[^1].Status;
}

/// <summary>Rules for following trigger points and pain over visits.</summary>
public static class PointProgress
{
    /// <summary>
    /// A point active at this many visits or more is chronic. Travell and Simons suggest 3-10 sessions for chronic
    /// points; a point still active at the third visit is the moment to look for perpetuating factors.
    /// </summary>
    public const int ChronicAfterActiveVisits = 3;

    /// <summary>
    /// The course of every point charted at a client's visits: <paramref name="charted"/> holds each visit's date with
    /// one of its entries, in any order; a point worked on both sides has a course per side.
    /// </summary>
    public static IReadOnlyDictionary<(string TriggerPointId, Anatomy.Side Side), PointCourse> Courses(IEnumerable<(LocalDate Date, ChartEntry Entry)> charted)
    {
        ArgumentNullException.ThrowIfNull(charted);
        return charted
            .GroupBy(c => (c.Entry.TriggerPointId, c.Entry.Side))
            .ToDictionary(g => g.Key, g => Course(g.Select(c => new PointVisit(c.Date, c.Entry.Status, c.Entry.PressureTolerance, c.Entry.Release))));
    }

    /// <summary>The course of a point from its visits in any order (sorted oldest first; one finding per date is expected).</summary>
    public static PointCourse Course(IEnumerable<PointVisit> visits)
    {
        ArgumentNullException.ThrowIfNull(visits);
        return new PointCourse { Visits = [.. visits.OrderBy(v => v.Date)] };
    }
}

/// <summary>What a change in the 0-10 pain rating means to the client.</summary>
public enum PainChangeMeaning
{
    /// <summary>A drop of at least 2 points or 30%: a change clients feel as real improvement.</summary>
    MeaningfulImprovement,

    /// <summary>A smaller change either way.</summary>
    LittleChange,

    /// <summary>A rise of at least 2 points or 30%.</summary>
    MeaningfulWorsening,
}

/// <summary>
/// The 0-10 numeric pain rating over time. A drop of about 2 points or 30% is the change that matters to people in
/// chronic pain (Farrar et al., Pain 2001;94(2):149-158); a rise is read the same way round.
/// </summary>
public static class PainRating
{
    /// <summary>Where the threshold comes from.</summary>
    public const string Source = "Farrar JT, Young JP Jr, LaMoreaux L, Werth JL, Poole RM. Clinical importance of changes in chronic pain intensity measured on an 11-point numerical pain rating scale. Pain. 2001;94(2):149-158.";

    /// <summary>Whether <paramref name="rating"/> is on the 0-10 scale.</summary>
    public static bool IsValid(int rating) => rating is >= 0 and <= 10;

    /// <summary>What the change from <paramref name="before"/> to <paramref name="after"/> (both 0-10) means.</summary>
    public static PainChangeMeaning Change(int before, int after)
    {
        if (!IsValid(before))
            throw new ArgumentOutOfRangeException(nameof(before), before, "A pain rating is 0 to 10.");
        if (!IsValid(after))
            throw new ArgumentOutOfRangeException(nameof(after), after, "A pain rating is 0 to 10.");
        var drop = before - after;
        if (drop > 0 && (drop >= 2 || drop >= 0.3 * before))
            return PainChangeMeaning.MeaningfulImprovement;
        var rise = -drop;
        if (rise > 0 && (rise >= 2 || (before > 0 && rise >= 0.3 * before)))
            return PainChangeMeaning.MeaningfulWorsening;
        return PainChangeMeaning.LittleChange;
    }
}

/// <summary>The seven-point patient global impression of change (PGIC), as the client answers it at the check-in.</summary>
public enum GlobalImpression
{
    /// <summary>Very much improved.</summary>
    VeryMuchImproved = 1,

    /// <summary>Much improved.</summary>
    MuchImproved = 2,

    /// <summary>Minimally improved.</summary>
    MinimallyImproved = 3,

    /// <summary>No change.</summary>
    NoChange = 4,

    /// <summary>Minimally worse.</summary>
    MinimallyWorse = 5,

    /// <summary>Much worse.</summary>
    MuchWorse = 6,

    /// <summary>Very much worse.</summary>
    VeryMuchWorse = 7,
}

/// <summary>The PGIC's wording (the scale is in the public domain: Guy, ECDEU Assessment Manual, 1976).</summary>
public static class GlobalImpressions
{
    /// <summary>The question as the client reads it.</summary>
    public const string Question = "Since the visit, how would you describe the change in the pain you came for?";

    /// <summary>Every answer, best first.</summary>
    public static IReadOnlyList<GlobalImpression> All { get; } = Enum.GetValues<GlobalImpression>();

    /// <summary>The answer as the client reads it.</summary>
    public static string Label(GlobalImpression impression) => impression switch
    {
        GlobalImpression.VeryMuchImproved => "Very much improved",
        GlobalImpression.MuchImproved => "Much improved",
        GlobalImpression.MinimallyImproved => "A little improved",
        GlobalImpression.NoChange => "No change",
        GlobalImpression.MinimallyWorse => "A little worse",
        GlobalImpression.MuchWorse => "Much worse",
        GlobalImpression.VeryMuchWorse => "Very much worse",
        _ => throw new ArgumentOutOfRangeException(nameof(impression), impression, "Not a PGIC answer."),
    };

    /// <summary>Whether the answer tells the therapist to follow up (worse than before).</summary>
    public static bool NeedsFollowUp(GlobalImpression impression) => impression >= GlobalImpression.MinimallyWorse;
}
