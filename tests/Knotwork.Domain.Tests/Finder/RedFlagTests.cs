using Knotwork.Domain.Finder;

namespace Knotwork.Domain.Tests.Finder;

public class RedFlagTests
{
    [Theory]
    [InlineData("chest.l")]
    [InlineData("sternum")]
    [InlineData("chest.r", "upper-arm-inner.l", "jaw.l")]
    public void ChestPain_RaisesTheCardiacFlag(params string[] regions)
    {
        var result = Find.For(regions);

        Assert.Equal(RedFlagScreen.Cardiac, result.RedFlags[0].Code);
        Assert.Contains("medical", result.RedFlags[0].Advice, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ChestPain_StillListsMuscleCandidatesAfterTheFlag()
    {
        var result = Find.For("chest.l", "upper-arm-inner.l");

        Assert.NotEmpty(result.RedFlags);
        Assert.Contains(result.Candidates, c => c.Muscle.Slug == "pectoralis-major");
    }

    [Fact]
    public void ChestWithLeftArmAndJaw_NamesThoseRegionsInTheFlag()
    {
        var result = Find.For("chest.l", "upper-arm-inner.l", "jaw.l");

        var flag = Assert.Single(result.RedFlags);
        Assert.Equal(["jaw.l", "chest.l", "upper-arm-inner.l"], flag.Regions.Select(r => r.Id.Value));
    }

    [Fact]
    public void SaddlePain_RaisesTheCaudaEquinaFlag()
    {
        Assert.Contains(Find.For("perineum").RedFlags, f => f.Code == RedFlagScreen.CaudaEquina);
    }

    [Fact]
    public void PainDownBothLegs_AsksAboutCaudaEquina_InsteadOfFlaggingIt()
    {
        var result = Find.For("thigh-back.l", "calf.l", "thigh-back.r", "calf.r");

        Assert.DoesNotContain(result.RedFlags, f => f.Code == RedFlagScreen.CaudaEquina);
        Assert.Contains(result.Questions, q => q.Question.Key == "saddle-numbness" && q.Answer is null);
    }

    [Fact]
    public void PainDownOneLeg_RaisesNoFlag()
    {
        Assert.Empty(Find.For("buttock.l", "thigh-back.l", "calf.l").RedFlags);
    }

    [Theory]
    [InlineData("abdomen-lower.r")]
    [InlineData("abdomen-upper.l")]
    [InlineData("pubis")]
    public void AbdominalOrPelvicPain_RaisesTheVisceralFlag(string region)
    {
        Assert.Contains(Find.For(region).RedFlags, f => f.Code == RedFlagScreen.Visceral);
    }

    [Fact]
    public void PainEverywhere_RaisesTheWidespreadFlag()
    {
        var result = Find.For("neck-back.l", "shoulder-top.r", "low-back.l", "thigh-front.r", "forearm-back.l", "calf.r");

        Assert.Contains(result.RedFlags, f => f.Code == RedFlagScreen.Widespread);
    }

    [Fact]
    public void TensionHeadache_RaisesNoFlag()
    {
        Assert.Empty(Find.For("temple.l", "neck-back.l").RedFlags);
    }

    [Fact]
    public void Flags_ComeInAFixedOrder_MostUrgentFirst()
    {
        var result = Find.For("chest.l", "abdomen-lower.l", "perineum");

        Assert.Equal([RedFlagScreen.Cardiac, RedFlagScreen.CaudaEquina, RedFlagScreen.Visceral], result.RedFlags.Select(f => f.Code));
    }
}
