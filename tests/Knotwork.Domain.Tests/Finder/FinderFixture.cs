using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Tests.Finder;

internal static class Find
{
    public static readonly PainSourceFinder Finder = new(KnowledgeBase.Default);

    public static FinderResult For(params string[] regions) => Query(regions);

    public static FinderResult Query(IEnumerable<string> regions, IEnumerable<string>? context = null, Dictionary<string, int>? intensity = null, int top = 10, string? answers = null)
    {
        var parse = FinderQuery.ParseText(string.Join(',', regions), intensity is null ? null : string.Join(',', intensity.Select(kv => $"{kv.Key}:{kv.Value}")),
            context is null ? null : string.Join(',', context), top, answers: answers);
        Assert.True(parse.Succeeded, parse.Error);
        return Finder.Find(parse.Query!);
    }

    /// <summary>The finder's answer for <paramref name="regions"/> (comma-separated) with <paramref name="answers"/> (<c>key:yes,...</c>).</summary>
    public static FinderResult Answered(string regions, string answers) => Query(regions.Split(','), answers: answers);

    public static int RankOf(this FinderResult result, string muscle, CandidateSide? side = null)
    {
        var candidate = result.Candidates.FirstOrDefault(c => c.Muscle.Slug == muscle && (side is null || c.Side == side));
        return candidate?.Rank ?? int.MaxValue;
    }

    public static string Describe(this FinderResult result) =>
        string.Join(", ", result.Candidates.Select(c => $"{c.Rank}. {c.Muscle.Slug} ({c.Side}) {c.Score:0.000}"));

    public static Region Region(string id) => BodyRegions.Default.TryGet(id, out var r) ? r : throw new ArgumentException(id);
}
