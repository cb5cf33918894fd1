using BenchmarkDotNet.Attributes;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;

namespace Knotwork.Benchmarks;

/// <summary>Loading the embedded knowledge base (parse and validate every file) and indexing it for the finder.</summary>
[MemoryDiagnoser]
public class KnowledgeBaseBenchmarks
{
    private KnowledgeBase _kb = null!;

    [GlobalSetup]
    public void Setup() => _kb = KnowledgeBase.Default;

    [Benchmark]
    public KnowledgeLoad Load() => KnowledgeBaseLoader.Load(KnowledgeFiles.Embedded);

    [Benchmark]
    public PainSourceFinder IndexForFinder() => new(_kb);
}
