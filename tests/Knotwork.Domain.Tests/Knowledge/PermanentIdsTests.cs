using System.Text.Json.Nodes;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Tests.Knowledge;

/// <summary>
/// Issue 8: muscle slugs and trigger point ids are permanent once released (muscles.md). Data/ids.snapshot.txt lists
/// them; renaming or removing one without keeping it as a former id fails here.
/// </summary>
public class PermanentIdsTests
{
    private static readonly string[] Snapshot = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "ids.snapshot.txt"))
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .ToArray();

    [Fact]
    public void EveryReleasedId_StillResolves()
    {
        var kb = KnowledgeBase.Default;

        var lost = Snapshot.Where(id => id.Contains('/', StringComparison.Ordinal)
            ? !kb.TryGetTriggerPoint(id, out _)
            : !kb.TryGetMuscle(id, out _)).ToArray();

        Assert.True(lost.Length == 0, "Released identifiers no longer resolve (keep them in formerSlugs / formerIds): " + string.Join(", ", lost));
    }

    [Fact]
    public void EveryCurrentId_IsInTheSnapshot()
    {
        var kb = KnowledgeBase.Default;
        var current = kb.Muscles.Select(m => m.Slug).Concat(kb.TriggerPoints.Select(p => p.FullId));

        var missing = current.Except(Snapshot, StringComparer.Ordinal).ToArray();

        Assert.True(missing.Length == 0, "Add these new identifiers to Data/ids.snapshot.txt: " + string.Join(", ", missing));
    }

    [Fact]
    public void Snapshot_CoversTheHundredAndTenMuscles()
    {
        Assert.Equal(110, Snapshot.Count(l => !l.Contains('/', StringComparison.Ordinal)));
    }

    [Fact]
    public void RenamedPointAndMuscle_ResolveByTheirFormerIds()
    {
        var load = KnowledgeEdits.Load("head-jaw.json", j =>
        {
            var temporalis = j["muscles"]!.AsArray().First(m => (string?)m!["slug"] == "temporalis")!;
            temporalis["formerSlugs"] = new JsonArray("temporal-muscle");
            temporalis["triggerPoints"]![0]!["id"] = "anterior";
            temporalis["triggerPoints"]![0]!["formerIds"] = new JsonArray("1");
        });

        Assert.True(load.IsValid, string.Join(" ", load.Problems));
        var kb = load.KnowledgeBase!;
        Assert.True(kb.TryGetTriggerPoint("temporalis/1", out var point));
        Assert.Equal("temporalis/anterior", point.FullId);
        Assert.True(kb.TryGetTriggerPoint("temporal-muscle/1", out var same));
        Assert.Same(point, same);
        Assert.True(kb.TryGetMuscle("temporal-muscle", out var muscle));
        Assert.Equal("temporalis", muscle.Slug);
    }

    [Fact]
    public void FormerSlugThatIsAnotherMusclesSlug_IsAnError()
    {
        var load = KnowledgeEdits.Load("head-jaw.json", j =>
            j["muscles"]!.AsArray().First(m => (string?)m!["slug"] == "temporalis")!["formerSlugs"] = new JsonArray("masseter"));

        Assert.Contains(load.Problems, p => p.Contains("former slug 'masseter' is already the slug", StringComparison.Ordinal));
    }

    [Fact]
    public void FormerIdThatIsACurrentPointId_IsAnError()
    {
        var load = KnowledgeEdits.Load("head-jaw.json", j =>
            j["muscles"]!.AsArray().First(m => (string?)m!["slug"] == "temporalis")!["triggerPoints"]![0]!["formerIds"] = new JsonArray("2"));

        Assert.Contains(load.Problems, p => p.Contains("'2' is both a trigger point id and a former id", StringComparison.Ordinal));
    }
}
