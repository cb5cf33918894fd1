using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Knowledge;
using Knotwork.Domain.Sessions;
using NodaTime;

namespace Knotwork.Domain.Tests.Sessions;

public class AftercareTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    private static string FirstPoint(string muscle)
    {
        Assert.True(Kb.TryGetMuscle(muscle, out var m));
        return m.TriggerPoints[0].FullId;
    }

    [Fact]
    public void For_AReleasedUpperTrapeziusPoint_SaysWhereItSentPain_OnThatSide_AndGivesItsSelfCare()
    {
        var sheet = Aftercare.For([new TreatedPoint(FirstPoint("upper-trapezius"), Side.Left, PointStatus.Active, new ReleaseOutcome.Released(Duration.FromSeconds(50)))], Kb);

        var point = Assert.Single(sheet.Points);
        Assert.Equal("upper-trapezius", point.MuscleSlug);
        Assert.Contains(point.SentPainTo, place => place.Contains("temple", StringComparison.OrdinalIgnoreCase));
        Assert.All(point.SentPainTo, place => Assert.DoesNotContain("Right", place, StringComparison.Ordinal));
        Assert.Equal("It softened under pressure.", point.Outcome);
        var selfCare = Assert.Single(sheet.SelfCare);
        Assert.Equal(Kb.Muscles.Single(m => m.Slug == "upper-trapezius").SelfCare, selfCare.Advice);
        Assert.NotEmpty(selfCare.Sources);
    }

    [Fact]
    public void For_AnyVisit_SaysSorenessIsNormalFor24To48Hours_WaterAndMovement_AndWhenToSeekCare()
    {
        var sheet = Aftercare.For([new TreatedPoint(FirstPoint("soleus"), Side.Right, PointStatus.Latent, null)], Kb);

        Assert.Contains("24 to 48 hours", sheet.Soreness, StringComparison.Ordinal);
        Assert.Contains(sheet.Comfort, c => c.Contains("water", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(sheet.Comfort, c => c.Contains("moving gently", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(sheet.SeekCare, c => c.Contains("calf", StringComparison.Ordinal) && c.Contains("swollen", StringComparison.Ordinal));
        Assert.Contains(sheet.SeekCare, c => c.Contains("911", StringComparison.Ordinal));
        Assert.NotEmpty(sheet.Sources);
    }

    [Fact]
    public void For_TwoPointsOfOneMuscle_GivesItsSelfCareOnce_AndLeavesOutATenderPlaceThatWasNoTriggerPoint()
    {
        Assert.True(Kb.TryGetMuscle("gluteus-medius", out var glute));
        Assert.True(glute.TriggerPoints.Count >= 2);
        var sheet = Aftercare.For(
        [
            new TreatedPoint(glute.TriggerPoints[0].FullId, Side.Left, PointStatus.Active, new ReleaseOutcome.DidNotRelease(Duration.FromMinutes(2))),
            new TreatedPoint(glute.TriggerPoints[1].FullId, Side.Left, PointStatus.NotConfirmed, null),
        ], Kb);

        Assert.Single(sheet.Points);
        Assert.Contains("did not fully let go", sheet.Points[0].Outcome, StringComparison.Ordinal);
        Assert.Single(sheet.SelfCare);
    }

    [Fact]
    public void For_AnUnknownPoint_IsAProgrammerError() =>
        Assert.Throws<ArgumentException>(() => Aftercare.For([new TreatedPoint("no-such-muscle/1", Side.Left, PointStatus.Active, null)], Kb));
}
