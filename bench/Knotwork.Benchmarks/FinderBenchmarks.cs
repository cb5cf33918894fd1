using BenchmarkDotNet.Attributes;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Benchmarks;

/// <summary>One finder query of 1, 6 and 20 marked regions (goal: 6 regions under 10 µs and 4 KB).</summary>
[MemoryDiagnoser]
public class FinderBenchmarks
{
    private static readonly Dictionary<int, string[]> Selections = new()
    {
        [1] = ["temple.l"],
        [6] = ["temple.l", "neck-back.l", "occiput.l", "shoulder-top.l", "scapula-medial.l", "jaw.l"],
        [20] =
        [
            "temple.l", "neck-back.l", "occiput.l", "shoulder-top.l", "scapula-medial.l", "jaw.l", "eye.l", "ear.l",
            "shoulder-front.l", "upper-arm-front.l", "upper-arm-outer.l", "forearm-radial.l", "thumb.l", "fingers-radial.l",
            "low-back.l", "buttock.l", "hip-side.l", "thigh-outer.l", "calf.l", "heel.l",
        ],
    };

    private PainSourceFinder _finder = null!;
    private FinderQuery _query = null!;

    [Params(1, 6, 20)]
    public int Regions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _finder = new PainSourceFinder(KnowledgeBase.Default);
        _query = FinderQuery.Parse(Selections[Regions]).Query!;
    }

    [Benchmark]
    public FinderResult Find() => _finder.Find(_query);
}
