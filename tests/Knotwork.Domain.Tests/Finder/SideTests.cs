using Knotwork.Domain.Finder;

namespace Knotwork.Domain.Tests.Finder;

public class SideTests
{
    [Fact]
    public void LeftSidedPain_SuggestsOnlyLeftSidedMuscles()
    {
        var result = Find.For("temple.l", "neck-back.l", "shoulder-top.l");

        Assert.NotEmpty(result.Candidates);
        Assert.All(result.Candidates, c => Assert.Equal(CandidateSide.Left, c.Side));
    }

    [Fact]
    public void MidlinePainOnly_SuggestsBothSides()
    {
        var result = Find.For("sacrum");

        Assert.NotEmpty(result.Candidates);
        Assert.All(result.Candidates, c => Assert.Equal(CandidateSide.Both, c.Side));
    }

    [Fact]
    public void MirroredPain_SuggestsTheMuscleOnceForBothSides()
    {
        var result = Find.For("temple.l", "neck-back.l", "temple.r", "neck-back.r");

        var trapezius = Assert.Single(result.Candidates, c => c.Muscle.Slug == "upper-trapezius");
        Assert.Equal(CandidateSide.Both, trapezius.Side);
        Assert.Equal(4, trapezius.Explains.Count);
    }

    [Fact]
    public void RightSidedPainWithMidline_SuggestsTheRightSide()
    {
        var result = Find.For("low-back.r", "buttock.r", "sacrum");

        Assert.Contains(result.Candidates, c => c.Side == CandidateSide.Right);
        Assert.DoesNotContain(result.Candidates, c => c.Side == CandidateSide.Left);
    }
}
