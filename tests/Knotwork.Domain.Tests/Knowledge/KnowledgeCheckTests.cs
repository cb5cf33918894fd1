using System.Text.Json.Nodes;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Tests.Knowledge;

/// <summary>Issue 8: what <c>knotwork kb check</c> reports beyond the muscle files: regions.json, the pain guide, warnings.</summary>
public class KnowledgeCheckTests
{
    private static KnowledgeLoad LoadWith(string name, Action<JsonNode> edit) => KnowledgeEdits.Load(name, edit);

    [Fact]
    public void EmbeddedData_WarnsAboutPainGuideEntriesWithoutAZone()
    {
        var load = KnowledgeBaseLoader.Load(KnowledgeFiles.Embedded);

        Assert.True(load.IsValid, string.Join(" ", load.Problems));
        Assert.Contains(load.Warnings, w => w.Contains("region 'sacrum' lists 'longissimus-thoracis'", StringComparison.Ordinal));
        Assert.DoesNotContain(load.Warnings, w => w.Contains("region 'low-back' lists 'quadratus-lumborum'", StringComparison.Ordinal));
    }

    [Fact]
    public void ACopyOfTheEmbeddedData_IsValidWithTheSameWarnings()
    {
        var load = LoadWith("regions.json", _ => { });

        Assert.True(load.IsValid, string.Join(" ", load.Problems));
        Assert.Equal(KnowledgeBaseLoader.Load(KnowledgeFiles.Embedded).Warnings, load.Warnings);
    }

    [Fact]
    public void RegionViewTypo_IsAnError()
    {
        var load = LoadWith("regions.json", j => j["regions"]![0]!["view"] = "bakc");

        Assert.False(load.IsValid);
        Assert.Contains(load.Problems, p => p.Contains("region 'vertex': view 'bakc'", StringComparison.Ordinal));
    }

    [Fact]
    public void RegionWithoutPaired_IsAnError()
    {
        var load = LoadWith("regions.json", j => j["regions"]![1]!.AsObject().Remove("paired"));

        Assert.Contains(load.Problems, p => p.Contains("region 'forehead': 'paired' is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void DuplicateRegionStem_IsAnError()
    {
        var load = LoadWith("regions.json", j => j["regions"]![1]!["stem"] = "vertex");

        Assert.Contains(load.Problems, p => p.Contains("region 'vertex': duplicate stem", StringComparison.Ordinal));
    }

    [Fact]
    public void PainGuideSourceNotInSources_IsAnError()
    {
        var load = LoadWith("pain-guide.json", j => j["sources"]![0]!["ref"] = "made-up");

        Assert.Contains(load.Problems, p => p.Contains("pain-guide.json: source 'made-up'", StringComparison.Ordinal));
    }

    [Fact]
    public void PainGuideSourceWithoutChapter_IsAnError()
    {
        var load = LoadWith("pain-guide.json", j => j["sources"]![0]!.AsObject().Remove("chapter"));

        Assert.Contains(load.Problems, p => p.Contains("pain-guide.json: the citation of 'ts1' needs a chapter", StringComparison.Ordinal));
    }

    [Fact]
    public void PainGuideWithoutSources_IsAnError()
    {
        var load = LoadWith("pain-guide.json", j => j.AsObject().Remove("sources"));

        Assert.Contains(load.Problems, p => p.Contains("pain-guide.json: has no source", StringComparison.Ordinal));
    }

    [Fact]
    public void MoreTriggerPointsThanTheFinderHandles_IsReportedNotThrown()
    {
        var file = KnowledgeFiles.Embedded.MuscleFiles.First(n => n.EndsWith("head-jaw.json", StringComparison.Ordinal));
        var load = LoadWith(file, j =>
        {
            var points = j["muscles"]![0]!["triggerPoints"]!.AsArray();
            var template = points[0]!;
            for (var i = points.Count; i <= KnowledgeBaseLoader.MaxTriggerPointsPerMuscle; i++)
            {
                var copy = template.DeepClone();
                copy["id"] = $"extra-{i}";
                points.Add(copy);
            }
        });

        Assert.False(load.IsValid);
        Assert.Contains(load.Problems, p => p.Contains("has 17 trigger points; the finder handles at most 16", StringComparison.Ordinal));
    }

    [Fact]
    public void ArticleCitedWithAChapter_IsAnError()
    {
        var file = KnowledgeFiles.Embedded.MuscleFiles.First(n => n.EndsWith("forearm-hand.json", StringComparison.Ordinal));
        var load = LoadWith(file, j =>
        {
            var muscle = j["muscles"]!.AsArray().First(m => (string?)m!["slug"] == "pronator-quadratus")!;
            muscle["sources"]![0]!["chapter"] = "Results";
        });

        Assert.Contains(load.Problems, p => p.Contains("'hwang2005pq' is an article; its citation takes no chapter", StringComparison.Ordinal));
    }
}
