using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Tests.Finder;

/// <summary>The referral examples a client will recognise (product.md): each expected muscle ranks in the top 3.</summary>
public class ReferralExamplesTests
{
    [Theory]
    // upper trapezius -> side and back of the head (tension headache)
    [InlineData("upper-trapezius", "temple.l", "occiput.l")]
    [InlineData("upper-trapezius", "temple.l", "neck-back.l")]
    // SCM -> behind the eye, across the forehead, around the ear
    [InlineData("sternocleidomastoid", "eye.l", "forehead.l", "ear.l")]
    // infraspinatus -> down the front and side of the arm
    [InlineData("infraspinatus", "shoulder-front.l", "upper-arm-front.l", "upper-arm-outer.l")]
    // quadratus lumborum -> hip, buttock, lower abdomen
    [InlineData("quadratus-lumborum", "hip-side.l", "buttock.l", "abdomen-lower.l")]
    // gluteus minimus -> down the back or side of the leg (mimics sciatica)
    [InlineData("gluteus-minimus", "buttock.l", "thigh-outer.l", "knee-outer.l", "leg-outer.l")]
    [InlineData("gluteus-minimus", "buttock.l", "thigh-back.l", "calf.l")]
    // piriformis -> down the back of the leg
    [InlineData("piriformis", "sacroiliac.l", "buttock.l", "thigh-back.l")]
    // scalenes -> down the arm into the hand (mimics carpal tunnel)
    [InlineData("scalenes", "upper-arm-front.l", "forearm-radial.l", "thumb.l", "fingers-radial.l")]
    // headaches: suboccipitals and upper trapezius
    [InlineData("suboccipitals", "occiput.l", "temple.l", "eye.l")]
    public void Example_RanksTheExpectedMuscleOnTheLeftInTheTop3(string muscle, params string[] regions)
    {
        var result = Find.For(regions);

        Assert.True(result.RankOf(muscle, CandidateSide.Left) <= 3, $"{muscle} not in top 3: {result.Describe()}");
    }

    [Fact]
    public void Example_MirroredToTheRight_PointsToTheRightSide()
    {
        var result = Find.For("temple.r", "neck-back.r");

        Assert.True(result.RankOf("upper-trapezius", CandidateSide.Right) <= 3, result.Describe());
        Assert.DoesNotContain(result.Candidates, c => c.Side == CandidateSide.Left);
    }

    public static TheoryData<string> Muscles() => new(KnowledgeBase.Default.Muscles.Select(m => m.Slug));

    [Theory]
    [MemberData(nameof(Muscles))]
    public void OwnEssentialZone_RanksTheMuscleInTheTop5(string slug)
    {
        Assert.True(KnowledgeBase.Default.TryGetMuscle(slug, out var muscle));
        var regions = EssentialRegions(muscle.TriggerPoints.ToArray());

        var result = Find.For(regions);

        Assert.True(result.RankOf(slug) <= 5, $"{slug} from [{string.Join(' ', regions)}]: {result.Describe()}");
        // A zone on the left points to the left muscle; a zone wholly on the midline to both sides.
        Assert.NotEqual(CandidateSide.Right, result.Candidates.First(c => c.Muscle.Slug == slug).Side);
    }

    public static TheoryData<string, string> TriggerPoints()
    {
        var data = new TheoryData<string, string>();
        foreach (var point in KnowledgeBase.Default.TriggerPoints)
        {
            data.Add(point.MuscleSlug, point.Id);
        }

        return data;
    }

    /// <summary>
    /// Each single trigger point's own zone finds its muscle too, a little less tightly: a point whose whole
    /// zone is one region that many muscles share (the outer elbow, the sacroiliac joint) can rank 6th or 7th.
    /// </summary>
    [Theory]
    [MemberData(nameof(TriggerPoints))]
    public void EachTriggerPointsEssentialZone_RanksItsMuscleInTheTop10AndNamesThePoint(string muscle, string point)
    {
        Assert.True(KnowledgeBase.Default.TryGetTriggerPoint($"{muscle}/{point}", out var tp));
        var regions = EssentialRegions(tp);

        var result = Find.For(regions);

        Assert.True(result.RankOf(muscle) <= 10, $"{muscle}/{point} from [{string.Join(' ', regions)}]: {result.Describe()}");
        Assert.Contains(result.Candidates.First(c => c.Muscle.Slug == muscle).TriggerPoints, p => p.Id == point);
    }

    private static string[] EssentialRegions(params TriggerPoint[] points) =>
        points.SelectMany(p => p.Essential)
            .SelectMany(z => z.Resolve(KnowledgeBase.Default.Regions, Domain.Anatomy.Side.Left))
            .Select(r => r.Id.Value).Distinct().ToArray();
}
