using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Knotwork.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Knotwork.Benchmarks.FinderBenchmarks).Assembly).Run(args);
