using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Tests.Knowledge;

public class KnowledgeBaseTests
{
    /// <summary>The 110 slugs of shared/spec/muscles.md: a contract, so written out here rather than read back from the data.</summary>
    public static readonly string[] RequiredSlugs =
    [
        "temporalis", "masseter", "lateral-pterygoid", "medial-pterygoid", "digastric", "frontalis", "occipitalis",
        "zygomaticus-major", "orbicularis-oculi", "platysma",
        "upper-trapezius", "sternocleidomastoid", "scalenes", "suboccipitals", "splenius-capitis", "splenius-cervicis",
        "semispinalis-capitis", "cervical-multifidi", "levator-scapulae", "longus-colli",
        "middle-trapezius", "lower-trapezius", "supraspinatus", "infraspinatus", "teres-minor", "subscapularis",
        "teres-major", "deltoid", "latissimus-dorsi", "rhomboids", "serratus-posterior-superior", "serratus-anterior",
        "pectoralis-major", "pectoralis-minor", "subclavius", "sternalis", "coracobrachialis",
        "biceps-brachii", "brachialis", "triceps-brachii", "anconeus",
        "brachioradialis", "extensor-carpi-radialis-longus", "extensor-carpi-radialis-brevis", "extensor-carpi-ulnaris",
        "extensor-digitorum", "extensor-indicis", "supinator", "palmaris-longus", "flexor-carpi-radialis",
        "flexor-carpi-ulnaris", "flexor-digitorum-superficialis", "flexor-digitorum-profundus", "pronator-teres",
        "pronator-quadratus", "flexor-pollicis-longus", "abductor-pollicis-longus", "adductor-pollicis",
        "opponens-pollicis", "hand-interossei", "abductor-digiti-minimi-hand",
        "iliocostalis-thoracis", "iliocostalis-lumborum", "longissimus-thoracis", "lumbar-multifidi",
        "quadratus-lumborum", "serratus-posterior-inferior", "rectus-abdominis", "external-oblique", "intercostals",
        "diaphragm", "iliopsoas",
        "gluteus-maximus", "gluteus-medius", "gluteus-minimus", "piriformis", "obturator-internus",
        "tensor-fasciae-latae", "pectineus", "adductor-longus-brevis", "adductor-magnus", "gracilis", "levator-ani",
        "coccygeus",
        "rectus-femoris", "vastus-medialis", "vastus-intermedius", "vastus-lateralis", "sartorius", "biceps-femoris",
        "medial-hamstrings", "popliteus", "plantaris",
        "gastrocnemius", "soleus", "tibialis-anterior", "tibialis-posterior", "fibularis-longus-brevis",
        "fibularis-tertius", "extensor-digitorum-longus", "extensor-hallucis-longus", "flexor-digitorum-longus",
        "flexor-hallucis-longus", "abductor-hallucis", "quadratus-plantae", "flexor-digitorum-brevis",
        "extensor-digitorum-brevis", "abductor-digiti-minimi-foot", "flexor-hallucis-brevis", "adductor-hallucis",
    ];

    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;

    [Fact]
    public void EmbeddedData_IsValid()
    {
        var load = KnowledgeBaseLoader.Load(KnowledgeFiles.Embedded);

        Assert.Empty(load.Problems);
        Assert.True(load.IsValid);
    }

    [Fact]
    public void Muscles_AreExactlyThe110RequiredSlugs()
    {
        Assert.Equal(110, RequiredSlugs.Length);
        Assert.Equal(RequiredSlugs.Order(), Kb.Muscles.Select(m => m.Slug).Order());
    }

    public static TheoryData<string> Slugs() => new(RequiredSlugs);

    [Theory]
    [MemberData(nameof(Slugs))]
    public void EveryMuscle_HasTriggerPointsWithLocationEssentialZoneAndASource(string slug)
    {
        Assert.True(Kb.TryGetMuscle(slug, out var muscle));
        Assert.NotEmpty(muscle.TriggerPoints);
        Assert.All(muscle.TriggerPoints, p =>
        {
            Assert.NotEmpty(p.Location);
            Assert.NotEmpty(p.Essential);
            Assert.False(string.IsNullOrWhiteSpace(p.Palpation));
            Assert.StartsWith(slug + "/", p.FullId, StringComparison.Ordinal);
        });
        Assert.NotEmpty(muscle.Sources);
        Assert.NotEmpty(muscle.Causes);
        Assert.False(string.IsNullOrWhiteSpace(muscle.SelfCare));
        Assert.True(BodyAreas.IsArea(muscle.Area));
    }

    [Theory]
    [InlineData("rotator-cuff", new[] { "supraspinatus", "infraspinatus", "teres-minor", "subscapularis" })]
    [InlineData("hip-flexors", new[] { "iliopsoas", "rectus-femoris", "tensor-fasciae-latae", "sartorius", "pectineus" })]
    [InlineData("it-band", new[] { "tensor-fasciae-latae", "gluteus-maximus", "vastus-lateralis" })]
    [InlineData("hamstrings", new[] { "biceps-femoris", "medial-hamstrings" })]
    [InlineData("calves", new[] { "gastrocnemius", "soleus", "plantaris" })]
    [InlineData("quadriceps", new[] { "rectus-femoris", "vastus-medialis", "vastus-intermedius", "vastus-lateralis" })]
    [InlineData("adductors", new[] { "adductor-longus-brevis", "adductor-magnus", "gracilis", "pectineus" })]
    [InlineData("jaw", new[] { "masseter", "temporalis", "lateral-pterygoid", "medial-pterygoid" })]
    [InlineData("trapezius", new[] { "upper-trapezius", "middle-trapezius", "lower-trapezius" })]
    public void Groups_ResolveToTheirMuscles(string group, string[] members)
    {
        Assert.True(Kb.TryGetGroup(group, out var found));
        Assert.Equal(members, found.Members.Select(m => m.Slug));
    }

    [Fact]
    public void ItBand_SaysTheBandIsFasciaNotMuscle()
    {
        Assert.True(Kb.TryGetGroup("it-band", out var group));
        Assert.Contains("fascia", group.Note, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Search_ByGroupName_FindsItsMembers()
    {
        var found = Kb.Search("IT band").Select(m => m.Slug).ToList();

        Assert.Contains("tensor-fasciae-latae", found);
        Assert.Contains("vastus-lateralis", found);
    }

    [Fact]
    public void Search_ByAlias_FindsTheMuscle()
    {
        Assert.Contains(Kb.Search("SCM"), m => m.Slug == "sternocleidomastoid");
    }

    [Fact]
    public void TriggerPoint_IsFoundByItsFullIdentifier()
    {
        Assert.True(Kb.TryGetTriggerPoint("sternocleidomastoid/clavicular", out var point));
        Assert.Equal("sternocleidomastoid", point.MuscleSlug);
        Assert.False(Kb.TryGetTriggerPoint("sternocleidomastoid/nowhere", out _));
    }

    [Fact]
    public void Muscles_NamedInProductMd_HaveTheirDistinctTriggerPoints()
    {
        Assert.True(Kb.TryGetMuscle("infraspinatus", out var infraspinatus));
        Assert.True(infraspinatus.TriggerPoints.Count > 1);
        Assert.True(Kb.TryGetMuscle("sternocleidomastoid", out var scm));
        Assert.Equal(["sternal", "clavicular"], scm.TriggerPoints.Select(p => p.Id).Order(StringComparer.Ordinal).Reverse());
        Assert.True(Kb.TryGetMuscle("deltoid", out var deltoid));
        Assert.Superset(new HashSet<string> { "anterior", "middle", "posterior" }, deltoid.TriggerPoints.Select(p => p.Id).ToHashSet());
    }

    [Fact]
    public void Codes_AreNeverGuessed_OnlyVerifiedOnesArePresent()
    {
        // No code has been verified against its terminology yet: every one must still be empty.
        // When one is verified, add it to this list with where it was checked.
        var verified = new HashSet<string>();
        foreach (var muscle in Kb.Muscles)
        {
            foreach (var code in new[] { muscle.Codes.Uberon, muscle.Codes.Fma, muscle.Codes.Snomed })
            {
                Assert.True(code is null || verified.Contains(code), $"{muscle.Slug} carries unverified code {code}");
            }
        }
    }
}
