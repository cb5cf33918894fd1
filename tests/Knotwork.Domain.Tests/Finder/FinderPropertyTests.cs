using CsCheck;
using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Domain.Tests.Finder;

/// <summary>Properties over the whole input space of region sets, intensities and context.</summary>
public class FinderPropertyTests
{
    private static readonly BodyRegions Regions = BodyRegions.Default;

    private static readonly Gen<FinderQuery> Queries =
        from indexes in Gen.Int[0, 162].Array[1, 25]
        from intensities in Gen.Int[1, 10].Array[25]
        from withIntensity in Gen.Bool
        from contextIndexes in Gen.Int[0, ContextFactor.All.Count - 1].Array[0, 3]
        from top in Gen.Int[1, 100]
        let regions = indexes.Distinct().Select(i => Regions.All[i]).ToArray()
        select new FinderQuery
        {
            Regions = regions,
            Intensity = withIntensity ? regions.Select((r, k) => (r, k)).ToDictionary(x => x.r, x => intensities[x.k]) : new Dictionary<Region, int>(),
            Context = contextIndexes.Distinct().Select(i => ContextFactor.All[i]).ToArray(),
            Top = top,
        };

    [Fact]
    public void AnyValidQuery_NeverThrows_AndScoresStayInZeroToOne()
    {
        Queries.Sample(query =>
        {
            var result = Find.Finder.Find(query);
            Assert.All(result.Candidates, c => Assert.InRange(c.Score, 0.0, 1.0));
            Assert.True(result.Candidates.Count <= query.Top);
            Assert.All(result.Candidates, c => Assert.NotEmpty(c.Explains));
            Assert.All(result.Candidates, c => Assert.NotEmpty(c.TriggerPoints));
        });
    }

    [Fact]
    public void SameQuery_GivesTheSameAnswer()
    {
        Queries.Sample(query =>
        {
            var first = Find.Finder.Find(query);
            var second = Find.Finder.Find(query with { Regions = query.Regions.Reverse().ToArray() });
            Assert.Equal(Signature(first), Signature(second));
        });
    }

    [Fact]
    public void AddingARegionInsideACandidatesEssentialZone_NeverLowersItsScore()
    {
        var gen = from query in Queries
                  from pick in Gen.Int[0, 1000]
                  from pickRegion in Gen.Int[0, 1000]
                  select (query, pick, pickRegion);
        gen.Sample(t =>
        {
            var (query, pick, pickRegion) = t;
            var all = Find.Finder.Find(query with { Top = FinderQuery.MaxTop });
            if (all.Candidates.Count == 0)
            {
                return;
            }

            var candidate = all.Candidates[pick % all.Candidates.Count];
            var sides = candidate.Side switch
            {
                CandidateSide.Left => new[] { Side.Left },
                CandidateSide.Right => [Side.Right],
                _ => [Side.Left, Side.Right],
            };
            var zone = candidate.Muscle.TriggerPoints
                .SelectMany(p => p.Essential)
                .SelectMany(z => sides.SelectMany(s => z.Resolve(Regions, s)))
                .Distinct().OrderBy(r => r.Index).ToArray();
            var added = zone[pickRegion % zone.Length];

            var larger = Find.Finder.Find(query with { Regions = query.Regions.Append(added).Distinct().ToArray(), Top = FinderQuery.MaxTop });
            var after = larger.Candidates.Where(c => c.Muscle == candidate.Muscle).Max(c => c.Score);
            Assert.True(after >= candidate.Score - 1e-12, $"{candidate.Muscle.Slug} {candidate.Side}: {candidate.Score} -> {after} after adding {added.Id}");
        });
    }

    private static string Signature(FinderResult result) =>
        string.Join("|", result.Candidates.Select(c => $"{c.Muscle.Slug}:{c.Side}:{c.Score:R}:{string.Join(',', c.Explains)}"))
        + "#" + string.Join(",", result.RedFlags.Select(f => f.Code))
        + "#" + string.Join(",", result.Cover.Select(c => c.Muscle.Slug + c.Side));
}
