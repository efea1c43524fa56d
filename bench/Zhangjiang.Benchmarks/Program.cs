using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Zhangjiang.Benchmarks -- --filter '*'   (figures: docs/performance.md)
// dotnet run -c Release --project bench/Zhangjiang.Benchmarks -- sqlite-bare-insert FILE.csv DATABASE.db   (the import baseline)
if (args is ["sqlite-bare-insert", var csv, var database])
{
    return Zhangjiang.Benchmarks.SqliteBareInsert.Run(csv, database);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
