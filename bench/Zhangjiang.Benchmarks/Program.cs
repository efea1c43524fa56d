using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Zhangjiang.Benchmarks -- --filter '*'   (figures: docs/performance.md)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
