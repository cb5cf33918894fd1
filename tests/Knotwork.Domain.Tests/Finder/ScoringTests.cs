using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Tests.Finder;

public class ScoringTests
{
    [Fact]
    public void Candidates_AreRankedByScore_AndNumberedFromOne()
    {
        var result = Find.For("temple.l", "neck-back.l", "occiput.l");

        Assert.Equal(Enumerable.Range(1, result.Candidates.Count), result.Candidates.Select(c => c.Rank));
        Assert.Equal(result.Candidates.Select(c => c.Score).OrderDescending(), result.Candidates.Select(c => c.Score));
    }

    [Fact]
    public void MuscleExplainingSeveralRegions_OutranksOneTouchingOne()
    {
        var result = Find.For("temple.l", "neck-back.l", "mastoid.l");
        var trapezius = result.Candidates.Single(c => c.Muscle.Slug == "upper-trapezius");

        Assert.Equal(3, trapezius.Explains.Count);
        Assert.All(result.Candidates.Where(c => c.Explains.Count == 1), c => Assert.True(c.Score < trapezius.Score));
    }

    [Fact]
    public void EssentialZone_CountsMoreThanSpillover()
    {
        // The upper trapezius refers essentially to the temple and only spills over to the jaw.
        var temple = Find.For("temple.l").Candidates.Single(c => c.Muscle.Slug == "upper-trapezius");
        var jaw = Find.For("jaw.l").Candidates.Single(c => c.Muscle.Slug == "upper-trapezius");

        Assert.Equal(ZoneKind.Essential, temple.Explains.Single().Zone);
        Assert.Equal(ZoneKind.Spillover, jaw.Explains.Single().Zone);
        Assert.True(temple.Score > jaw.Score);
    }

    [Fact]
    public void Context_RaisesMatchingMusclesModestly_AndSaysSo()
    {
        var without = Find.Query(["calf.l", "heel.l"]);
        var with = Find.Query(["calf.l", "heel.l"], context: ["running"]);

        var soleusBefore = without.Candidates.Single(c => c.Muscle.Slug == "soleus");
        var soleusAfter = with.Candidates.Single(c => c.Muscle.Slug == "soleus");
        Assert.True(soleusAfter.Score > soleusBefore.Score);
        Assert.True(soleusAfter.Score - soleusBefore.Score <= PainSourceFinder.ContextPull);
        Assert.Contains(soleusAfter.ContextMatches, f => f.Key == "running");
        Assert.Empty(soleusBefore.ContextMatches);
    }

    [Fact]
    public void Intensity_WeighsTheMoreSevereRegionMore()
    {
        // Temporalis explains the upper teeth, the SCM's clavicular head the ear: the painful one wins.
        var teeth = Find.Query(["teeth-upper.l", "ear.l"], intensity: new() { ["teeth-upper.l"] = 9, ["ear.l"] = 1 });
        var ear = Find.Query(["teeth-upper.l", "ear.l"], intensity: new() { ["teeth-upper.l"] = 1, ["ear.l"] = 9 });

        Assert.True(teeth.RankOf("temporalis") < ear.RankOf("temporalis"), $"{teeth.Describe()} | {ear.Describe()}");
    }

    [Fact]
    public void Cover_ExplainsAllMarkedRegionsWithFewMuscles()
    {
        var result = Find.For("temple.l", "neck-back.l", "thumb.l", "heel.l");

        var explained = result.Cover
            .SelectMany(e => result.Candidates.Concat(Find.Query(result.Regions.Select(r => r.Id.Value), top: 100).Candidates)
                .First(c => c.Muscle == e.Muscle && c.Side == e.Side).Explains)
            .Select(x => x.Region).ToHashSet();
        Assert.Empty(result.Unexplained);
        Assert.Equal(result.Regions.ToHashSet(), explained);
        Assert.InRange(result.Cover.Count, 2, 4);
        Assert.Equal(result.Cover.Count, result.Cover.Distinct().Count());
    }

    [Fact]
    public void Top_LimitsTheCandidates()
    {
        Assert.Equal(3, Find.Query(["low-back.l"], top: 3).Candidates.Count);
    }

    [Fact]
    public void TriggerPoints_AreThoseWhoseZonesReachTheMarkedRegions()
    {
        // The SCM's clavicular head, not its sternal head, refers to the ear.
        var result = Find.For("ear.l");
        var scm = result.Candidates.Single(c => c.Muscle.Slug == "sternocleidomastoid");

        Assert.Contains(scm.TriggerPoints, p => p.FullId == "sternocleidomastoid/clavicular");
        Assert.DoesNotContain(scm.TriggerPoints, p => p.FullId == "sternocleidomastoid/sternal");
    }

    [Fact]
    public void RegionOrder_DoesNotChangeTheAnswer()
    {
        var a = Find.For("temple.l", "neck-back.l", "jaw.l").Describe();
        var b = Find.For("jaw.l", "neck-back.l", "temple.l").Describe();

        Assert.Equal(a, b);
    }
}
