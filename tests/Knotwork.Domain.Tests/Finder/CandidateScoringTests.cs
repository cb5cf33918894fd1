using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Finder;

namespace Knotwork.Domain.Tests.Finder;

public class CandidateScoringTests
{
    private static readonly Region[] Marked = [Find.Region("temple.l"), Find.Region("temple.r")];

    [Fact]
    public void Judge_PainOnlyOnTheLeft_SuggestsTheLeftSide()
    {
        var pain = new MarkedSet(Marked, new Dictionary<Region, int>(), stackalloc double[2]);
        var left = Reach(0);
        var right = default(SideReach);

        var candidate = CandidateScoring.Judge(7, left, 1, right, 0, pain, contextHit: false);

        Assert.Equal(CandidateSide.Left, candidate.Side);
        Assert.Equal(7, candidate.Muscle);
    }

    [Fact]
    public void Judge_MirroredPain_SuggestsBothSides_ExplainingBothRegions()
    {
        var pain = new MarkedSet(Marked, new Dictionary<Region, int>(), stackalloc double[2]);

        var candidate = CandidateScoring.Judge(7, Reach(0), 1, Reach(1), 1, pain, contextHit: false);

        Assert.Equal(CandidateSide.Both, candidate.Side);
        Assert.Equal(2, candidate.Explained.Count);
    }

    [Fact]
    public void Score_FullCoverageAndPattern_WithoutGuide_IsEightyFivePercent()
    {
        Assert.Equal(0.85, CandidateScoring.Score(coverage: 1, pattern: 1, guide: 0, contextHit: false), 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.4)]
    [InlineData(1.0)]
    public void Score_MatchingContext_MovesAFifthOfTheWayTowardsOne(double coverage)
    {
        var plain = CandidateScoring.Score(coverage, pattern: 0.5, guide: 0.5, contextHit: false);
        var withContext = CandidateScoring.Score(coverage, pattern: 0.5, guide: 0.5, contextHit: true);

        Assert.Equal(plain + (0.2 * (1 - plain)), withContext, 12);
    }

    private static SideReach Reach(int position)
    {
        var reach = new SideReach { Points = 1, Guide = 0.5 };
        reach.Explained.Set(position);
        reach.Essential.Set(position);
        return reach;
    }
}
