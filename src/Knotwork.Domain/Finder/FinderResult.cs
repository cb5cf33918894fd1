using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Finder;

/// <summary>The side of a suggested muscle.</summary>
public enum CandidateSide
{
    /// <summary>The client's left.</summary>
    Left,

    /// <summary>The client's right.</summary>
    Right,

    /// <summary>Both sides: the marked pain is midline, bilateral, or mirrored on both sides.</summary>
    Both,
}

/// <summary>A marked region that a candidate's referral zones explain, and how strongly.</summary>
public readonly record struct Explanation(Region Region, ZoneKind Zone);

/// <summary>A muscle worth examining, with why.</summary>
/// <param name="Rank">1 for the best fit.</param>
/// <param name="Muscle">The muscle.</param>
/// <param name="Side">Which side to examine.</param>
/// <param name="Score">How well its referral zones explain the marked pain, in [0, 1].</param>
/// <param name="Explains">The marked regions its zones reach, in taxonomy order.</param>
/// <param name="TriggerPoints">The trigger points whose zones reach the marked regions.</param>
/// <param name="ContextMatches">The person's context factors known to overload this muscle (they raised its score).</param>
public sealed record Candidate(
    int Rank, Muscle Muscle, CandidateSide Side, double Score, IReadOnlyList<Explanation> Explains,
    IReadOnlyList<TriggerPoint> TriggerPoints, IReadOnlyList<ContextFactor> ContextMatches);

/// <summary>One muscle of the cover: a small set of muscles that together explain all the marked regions.</summary>
public sealed record CoverEntry(Muscle Muscle, CandidateSide Side);

/// <summary>A pattern of pain that needs medical attention before, or instead of, massage.</summary>
/// <param name="Code">Stable code, one of <see cref="RedFlagScreen.Definitions"/>: <c>cardiac</c>, <c>headache</c>, <c>dvt</c>, ...</param>
/// <param name="Title">A short heading for people.</param>
/// <param name="Advice">What to do, in plain words.</param>
/// <param name="Regions">The marked regions that raised it (or, when answers raised it, that brought up its questions).</param>
/// <param name="Urgency">How soon medical care is needed, from the pattern and the answers.</param>
/// <param name="Because">The questions answered "yes" that raised it (empty when the marked regions alone did).</param>
/// <param name="Source">The guideline or textbook the flag rests on.</param>
public sealed record RedFlag(
    string Code, string Title, string Advice, IReadOnlyList<Region> Regions,
    Urgency Urgency, IReadOnlyList<SafetyQuestion> Because, string Source);

/// <summary>
/// What the finder answers: red flags first, then candidates, the cover and what stays unexplained, and the safety
/// questions the marked regions bring up (an unanswered one would raise its flag on "yes").
/// </summary>
public sealed record FinderResult(
    IReadOnlyList<Region> Regions,
    IReadOnlyList<RedFlag> RedFlags,
    IReadOnlyList<Candidate> Candidates,
    IReadOnlyList<CoverEntry> Cover,
    IReadOnlyList<Region> Unexplained,
    IReadOnlyList<ContextFactor> Context,
    IReadOnlyList<AskedQuestion> Questions);
