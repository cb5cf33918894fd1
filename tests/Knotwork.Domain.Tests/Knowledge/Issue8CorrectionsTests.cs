using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;
using Knotwork.Domain.Tests.Finder;

namespace Knotwork.Domain.Tests.Knowledge;

/// <summary>Issue 8, knowledge-base corrections: referral zones that were missing or drawn on the wrong side.</summary>
public class Issue8CorrectionsTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    private static TriggerPoint Point(string fullId) =>
        Kb.TryGetTriggerPoint(fullId, out var point) ? point : throw new ArgumentException(fullId);

    private static string[] Resolve(IEnumerable<RegionRef> zone, Side side) =>
        zone.SelectMany(z => z.Resolve(Kb.Regions, side)).Select(r => r.Id.Value).Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData("quadratus-lumborum/superficial-upper")]
    [InlineData("quadratus-lumborum/deep-upper")]
    [InlineData("gluteus-medius/1")]
    public void LowBack_IsInTheEssentialZone(string point)
    {
        Assert.Contains("low-back.l", Resolve(Point(point).Essential, Side.Left));
    }

    [Fact]
    public void QuadratusLumborumDeepUpper_SpillsOverToTheSacrum()
    {
        Assert.Contains("sacrum", Resolve(Point("quadratus-lumborum/deep-upper").Spillover, Side.Left));
    }

    [Fact]
    public void FindLowBack_PutsGluteusMediusInTheTopFive()
    {
        var result = Find.For("low-back.l");

        Assert.True(result.RankOf("gluteus-medius", CandidateSide.Left) <= 5, result.Describe());
    }

    // The issue asked for QL in the top five too. With one marked region the score is 0.85 x (0.75 + 0.25 x pattern)
    // + 0.15 x guide; QL's essential zone spans five regions per side (pattern 0.2) and the pain guide as entered lists
    // it ninth of ten for the low back, so it ranks seventh (0.71 against 0.79-0.84). Moving it up needs the book's
    // own order for that guide, not a guess; until then the finder must at least list it.
    [Fact]
    public void FindLowBack_ListsQuadratusLumborumOnTheLeft()
    {
        var result = Find.For("low-back.l");

        Assert.True(result.RankOf("quadratus-lumborum", CandidateSide.Left) <= 10, result.Describe());
    }

    [Fact]
    public void SternocleidomastoidClavicular_ForeheadIsEssentialOnItsOwnSideAndSpilloverOnTheOther()
    {
        var point = Point("sternocleidomastoid/clavicular");

        Assert.Contains("forehead.l", Resolve(point.Essential, Side.Left));
        Assert.DoesNotContain("forehead.r", Resolve(point.Essential, Side.Left));
        Assert.Contains("forehead.r", Resolve(point.Spillover, Side.Left));
        Assert.DoesNotContain("forehead.l", Resolve(point.Spillover, Side.Left));
    }

    [Theory]
    [InlineData("forehead.l", CandidateSide.Left)]
    [InlineData("forehead.r", CandidateSide.Right)]
    public void OneSidedForeheadPain_SuggestsTheSameSideSternocleidomastoid(string region, CandidateSide side)
    {
        var result = Find.For(region);

        Assert.Contains(result.Candidates, c => c.Muscle.Slug == "sternocleidomastoid" && c.Side == side);
        Assert.DoesNotContain(result.Candidates, c => c.Muscle.Slug == "sternocleidomastoid" && c.Side != side);
    }

    [Fact]
    public void ForeheadPainOnBothSides_SuggestsBothSternocleidomastoids()
    {
        var result = Find.For("forehead.l", "forehead.r");

        Assert.Contains(result.Candidates, c => c.Muscle.Slug == "sternocleidomastoid" && c.Side == CandidateSide.Both);
    }

    [Fact]
    public void FindForeheadLeft_StillSuggestsTheSternocleidomastoid()
    {
        var result = Find.For("forehead.l");

        Assert.True(result.RankOf("sternocleidomastoid") <= 3, result.Describe());
    }

    [Fact]
    public void TemporalisPoint1_SpillsOverToTheEye()
    {
        Assert.Contains("eye.l", Resolve(Point("temporalis/1").Spillover, Side.Left));
        Assert.Contains(Find.For("eye.l").Candidates, c => c.Muscle.Slug == "temporalis");
    }

    [Fact]
    public void Gastrocnemius_SpillsOverToTheInnerAnkle()
    {
        var zone = Kb.TryGetMuscle("gastrocnemius", out var calf)
            ? calf.TriggerPoints.SelectMany(p => Resolve(p.Spillover, Side.Left)).ToArray()
            : [];

        Assert.Contains("ankle-inner.l", zone);
    }
}

/// <summary>Issue 8, sources: unchecked chapter titles say so, and the two Hwang 2005 patterns cite their papers.</summary>
public class Issue8SourceTests
{
    private static Muscle Muscle(string slug) =>
        KnowledgeBase.Default.TryGetMuscle(slug, out var muscle) ? muscle : throw new ArgumentException(slug);

    [Fact]
    public void DonnellyChapterTitles_AreMarkedUnverified()
    {
        var donnelly = KnowledgeBase.Default.Muscles.SelectMany(m => m.Sources).Where(s => s.Source.Id == "donnelly3").ToArray();

        Assert.NotEmpty(donnelly);
        Assert.All(donnelly, s => Assert.False(s.Verified));
        Assert.All(donnelly, s => Assert.EndsWith("(Chapter title not yet checked against the book.)", s.Describe(), StringComparison.Ordinal));
    }

    [Fact]
    public void PronatorQuadratus_CitesHwang2005InPain()
    {
        var hwang = Assert.Single(Muscle("pronator-quadratus").Sources, s => s.Source.Id == "hwang2005pq");

        Assert.Equal(SourceKind.Article, hwang.Source.Kind);
        Assert.Contains("Referred pain pattern of the pronator quadratus muscle. Pain. 2005;116(3):238-242.", hwang.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain("Chapter", hwang.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void AbductorPollicisLongus_CitesHwang2005()
    {
        var hwang = Assert.Single(Muscle("abductor-pollicis-longus").Sources, s => s.Source.Id == "hwang2005apl");

        Assert.Contains("Referred pain pattern of the abductor pollicis longus muscle", hwang.Source.Citation, StringComparison.Ordinal);
    }

    [Fact]
    public void ContractSource_CarriesVerified()
    {
        var dto = Knotwork.Domain.Contract.KnowledgeContract.ToDto(Muscle("temporalis"), KnowledgeBase.Default);

        Assert.Contains(dto.Sources, s => s.Id == "ts1" && s.Verified);
        Assert.Contains(dto.Sources, s => s.Id == "donnelly3" && !s.Verified);
    }
}
