namespace Knotwork.Domain.Finder;

/// <summary>
/// The scoring policy of <see cref="PainSourceFinder"/> (its remarks state it): which side of a muscle to suggest,
/// the muscle's score, and the order of candidates. Pure arithmetic over what each side's zones reach.
/// </summary>
internal static class CandidateScoring
{
    private const double GuideShare = 0.15;

    /// <summary>The share of a side's essential zone (<paramref name="essentialZoneSize"/> regions) that is marked.</summary>
    public static double Pattern(in SideReach side, int essentialZoneSize) =>
        essentialZoneSize == 0 ? 0 : (double)side.Essential.Count / essentialZoneSize;

    /// <summary>
    /// Suggests one side of muscle <paramref name="muscle"/>, or both, and scores it: the side that explains more
    /// marked regions; when both explain the same ones, the side for which more of them are essential (one-sided
    /// forehead pain is essential for the same-side SCM, spillover for the other); else both (midline or bilateral
    /// pain, or each side explains what the other cannot).
    /// </summary>
    public static ScoredCandidate Judge(
        int muscle, in SideReach left, double leftPattern, in SideReach right, double rightPattern, in MarkedSet marked, bool contextHit)
    {
        var leftInRight = left.Explained.IsSubsetOf(right.Explained);
        var rightInLeft = right.Explained.IsSubsetOf(left.Explained);
        if (leftInRight && rightInLeft)
        {
            // The same regions: prefer the side whose essential zones strictly contain the other's.
            var leftMore = right.Essential.IsSubsetOf(left.Essential);
            var rightMore = left.Essential.IsSubsetOf(right.Essential);
            if (leftMore != rightMore)
            {
                (leftInRight, rightInLeft) = (rightMore, leftMore);
            }
        }

        if (leftInRight == rightInLeft)
        {
            // The same regions (midline or bilateral pain), or each side explains what the other cannot.
            var explained = left.Explained.Or(right.Explained);
            var essential = left.Essential.Or(right.Essential);
            var guide = Math.Max(left.Guide, right.Guide);
            var score = Score(marked.Weigh(explained, essential) / marked.TotalWeight, Math.Max(leftPattern, rightPattern), guide, contextHit);
            return new ScoredCandidate(muscle, CandidateSide.Both, score, guide, explained, essential, (ushort)(left.Points | right.Points));
        }

        var (side, reach, pattern) = leftInRight ? (CandidateSide.Right, right, rightPattern) : (CandidateSide.Left, left, leftPattern);
        var sideScore = Score(marked.Weigh(reach.Explained, reach.Essential) / marked.TotalWeight, pattern, reach.Guide, contextHit);
        return new ScoredCandidate(muscle, side, sideScore, reach.Guide, reach.Explained, reach.Essential, reach.Points);
    }

    /// <summary>
    /// <c>0.85 × coverage × (0.75 + 0.25 × pattern) + 0.15 × guide</c>, moved <see cref="PainSourceFinder.ContextPull"/>
    /// of the way towards 1 when the person's context is known to overload the muscle; clamped to [0, 1].
    /// </summary>
    public static double Score(double coverage, double pattern, double guide, bool contextHit)
    {
        var score = ((1 - GuideShare) * coverage * (0.75 + (0.25 * pattern))) + (GuideShare * guide);
        if (contextHit)
        {
            score += PainSourceFinder.ContextPull * (1 - score);
        }

        return Math.Clamp(score, 0, 1);
    }
}

/// <summary>What one side of one muscle reaches among the marked regions.</summary>
internal struct SideReach
{
    /// <summary>The marked regions its zones reach.</summary>
    public MarkedBits Explained;

    /// <summary>The marked regions its essential zones reach (a subset of <see cref="Explained"/>).</summary>
    public MarkedBits Essential;

    /// <summary>Bit mask of the trigger points (by ordinal) whose zones reach a marked region.</summary>
    public ushort Points;

    /// <summary>The best pain-guide score among the marked regions it reaches.</summary>
    public double Guide;
}

/// <summary>A scored candidate before it is materialised; sorts best first (score, then guide, then atlas order).</summary>
internal readonly record struct ScoredCandidate(
    int Muscle, CandidateSide Side, double Score, double Guide, MarkedBits Explained, MarkedBits Essential, ushort Points)
    : IComparable<ScoredCandidate>
{
    public int CompareTo(ScoredCandidate other)
    {
        var byScore = other.Score.CompareTo(Score);
        if (byScore != 0)
        {
            return byScore;
        }

        var byGuide = other.Guide.CompareTo(Guide);
        return byGuide != 0 ? byGuide : Muscle.CompareTo(other.Muscle);
    }
}
