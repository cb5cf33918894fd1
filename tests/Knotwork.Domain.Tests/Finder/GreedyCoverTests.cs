using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Tests.Finder;

public class GreedyCoverTests
{
    private static readonly IReadOnlyList<Muscle> Muscles = KnowledgeBase.Default.Muscles;

    private static readonly Region[] Marked =
        [.. new[] { "temple.l", "neck-back.l", "occiput.l", "jaw.l" }.Select(Find.Region).OrderBy(r => r.Index)];

    [Fact]
    public void Choose_TakesTheMuscleExplainingMostRegionsFirst_ThenWhatIsLeft()
    {
        var pain = new MarkedSet(Marked, new Dictionary<Region, int>(), stackalloc double[Marked.Length]);
        ScoredCandidate[] ranked =
        [
            Candidate(0, explained: [0], essential: [0]),          // ranked first, explains one region
            Candidate(1, explained: [0, 1, 2], essential: [0, 1, 2]), // explains three
            Candidate(2, explained: [3], essential: []),
        ];

        var cover = GreedyCover.Choose(ranked, pain, Muscles, out var unexplained);

        Assert.Equal([Muscles[1], Muscles[2]], cover.Select(c => c.Muscle));
        Assert.True(unexplained.IsEmpty);
    }

    [Fact]
    public void Choose_EssentialPainOutweighsSpillover()
    {
        var pain = new MarkedSet(Marked, new Dictionary<Region, int>(), stackalloc double[Marked.Length]);
        ScoredCandidate[] ranked =
        [
            Candidate(0, explained: [0], essential: []),  // spillover only: half weight
            Candidate(1, explained: [1], essential: [1]),
        ];

        var cover = GreedyCover.Choose(ranked, pain, Muscles, out _);

        Assert.Equal([Muscles[1], Muscles[0]], cover.Select(c => c.Muscle));
    }

    [Fact]
    public void Choose_OnATie_TakesTheHigherRanked()
    {
        var pain = new MarkedSet(Marked, new Dictionary<Region, int>(), stackalloc double[Marked.Length]);
        ScoredCandidate[] ranked =
        [
            Candidate(5, explained: [0, 1], essential: [0, 1]),
            Candidate(3, explained: [0, 1], essential: [0, 1]),
        ];

        var cover = GreedyCover.Choose(ranked, pain, Muscles, out _);

        Assert.Equal([Muscles[5]], cover.Select(c => c.Muscle));
    }

    [Fact]
    public void Choose_RegionsNoCandidateExplains_StayUnexplained()
    {
        var pain = new MarkedSet(Marked, new Dictionary<Region, int>(), stackalloc double[Marked.Length]);
        ScoredCandidate[] ranked = [Candidate(0, explained: [1], essential: [1])];

        var cover = GreedyCover.Choose(ranked, pain, Muscles, out var unexplained);

        Assert.Single(cover);
        Assert.Equal([Marked[0], Marked[2], Marked[3]], pain.Select(unexplained));
    }

    [Fact]
    public void Find_CoverLeadsWithTheMuscleThatExplainsMostOfThePain()
    {
        // Temple, back of the neck and mastoid are all in the upper trapezius's referral map.
        var result = Find.For("temple.l", "neck-back.l", "mastoid.l");

        Assert.Equal("upper-trapezius", result.Cover[0].Muscle.Slug);
        Assert.Single(result.Cover);
    }

    private static ScoredCandidate Candidate(int muscle, int[] explained, int[] essential) =>
        new(muscle, CandidateSide.Left, Score: 0.5, Guide: 0, Bits(explained), Bits(essential), Points: 1);

    private static MarkedBits Bits(int[] positions)
    {
        var bits = default(MarkedBits);
        foreach (var p in positions)
        {
            bits.Set(p);
        }

        return bits;
    }
}
