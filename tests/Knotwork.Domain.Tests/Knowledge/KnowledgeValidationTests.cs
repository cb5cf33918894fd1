using System.Text;
using System.Text.Json.Nodes;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Tests.Knowledge;

/// <summary>The validation behind <c>knotwork kb check</c>: each kind of broken data is named.</summary>
public class KnowledgeValidationTests
{
    private static KnowledgeLoad LoadWith(Action<JsonObject> editMuscle, string slug = "temporalis")
    {
        var files = new Dictionary<string, string>();
        foreach (var name in new[] { "sources.json", "groups.json", "pain-guide.json" }.Concat(KnowledgeFiles.Embedded.MuscleFiles))
        {
            using var stream = KnowledgeFiles.Embedded.Open(name)!;
            files[name] = new StreamReader(stream).ReadToEnd();
        }

        var file = KnowledgeFiles.Embedded.MuscleFiles.First(n => files[n].Contains($"\"slug\": \"{slug}\"", StringComparison.Ordinal));
        var json = JsonNode.Parse(files[file])!;
        var muscle = json["muscles"]!.AsArray().Select(m => m!.AsObject()).First(m => (string?)m["slug"] == slug);
        editMuscle(muscle);
        files[file] = json.ToJsonString();
        return KnowledgeBaseLoader.Load(new KnowledgeFiles(
            name => files.TryGetValue(name, out var text) ? new MemoryStream(Encoding.UTF8.GetBytes(text)) : null,
            KnowledgeFiles.Embedded.MuscleFiles));
    }

    [Fact]
    public void UnknownRegion_IsReportedWithNearestStems()
    {
        var load = LoadWith(m => m["triggerPoints"]![0]!["essential"]!.AsArray().Add("tempel"));

        Assert.False(load.IsValid);
        Assert.Contains(load.Problems, p => p.Contains("unknown region 'tempel'", StringComparison.Ordinal) && p.Contains("temple", StringComparison.Ordinal));
    }

    [Fact]
    public void SuffixOnMidlineRegion_IsReported()
    {
        var load = LoadWith(m => m["triggerPoints"]![0]!["spillover"]!.AsArray().Add("sacrum.both"));

        Assert.Contains(load.Problems, p => p.Contains("sacrum.both", StringComparison.Ordinal));
    }

    [Fact]
    public void MuscleWithoutTriggerPoint_IsReported()
    {
        var load = LoadWith(m => m["triggerPoints"] = new JsonArray());

        Assert.Contains(load.Problems, p => p.Contains("'temporalis': has no trigger point", StringComparison.Ordinal));
    }

    [Fact]
    public void TriggerPointWithoutEssentialZone_IsReported()
    {
        var load = LoadWith(m => m["triggerPoints"]![0]!["essential"] = new JsonArray());

        Assert.Contains(load.Problems, p => p.Contains("has no essential referral zone", StringComparison.Ordinal));
    }

    [Fact]
    public void MuscleWithoutSource_IsReported()
    {
        var load = LoadWith(m => m["sources"] = new JsonArray());

        Assert.Contains(load.Problems, p => p.Contains("has no source", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownSource_IsReported()
    {
        var load = LoadWith(m => m["sources"]![0]!["ref"] = "made-up");

        Assert.Contains(load.Problems, p => p.Contains("source 'made-up'", StringComparison.Ordinal));
    }

    [Fact]
    public void DuplicateMuscle_IsReported()
    {
        var load = LoadWith(m => m["slug"] = "masseter");

        Assert.Contains(load.Problems, p => p.Contains("Duplicate muscle 'masseter'", StringComparison.Ordinal));
    }

    [Fact]
    public void DuplicateTriggerPoint_IsReported()
    {
        var load = LoadWith(m => m["triggerPoints"]!.AsArray().Add(m["triggerPoints"]![0]!.DeepClone()));

        Assert.Contains(load.Problems, p => p.Contains("duplicate trigger point", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownAssociatedMuscle_IsReported()
    {
        var load = LoadWith(m => m["associated"]!.AsArray().Add("trapezoid"));

        Assert.Contains(load.Problems, p => p.Contains("associated muscle 'trapezoid' is unknown", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownActivity_IsReportedWithTheValidOnes()
    {
        var load = LoadWith(m => m["activities"]!.AsArray().Add("knitting"));

        Assert.Contains(load.Problems, p => p.Contains("'knitting'", StringComparison.Ordinal) && p.Contains("desk-work", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingFile_IsReported()
    {
        var load = KnowledgeBaseLoader.Load(new KnowledgeFiles(_ => null, ["muscles/none.json"]));

        Assert.False(load.IsValid);
        Assert.Contains(load.Problems, p => p.Contains("sources.json: file is missing", StringComparison.Ordinal));
    }
}
