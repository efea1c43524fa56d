using BenchmarkDotNet.Attributes;
using Zhangjiang.Indicators;

namespace Zhangjiang.Benchmarks;

/// <summary>The pipeline's steps on the synthetic set, to see where the full pipeline's time goes.</summary>
[MemoryDiagnoser]
public class StepBenchmarks
{
    private IndicatorFramework _framework = null!;
    private IndicatorData _data = null!;
    private IndicatorData _imputed = null!;
    private double[][] _scores = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Data", "synthetic-3000x60");
        using var data = File.OpenRead(Path.Combine(folder, "iData.csv"));
        using var meta = File.OpenRead(Path.Combine(folder, "iMeta.csv"));
        (_framework, _data) = CoinrCsv.Read(data, "iData.csv", meta, "iMeta.csv");
        _imputed = _data.WithValues(Imputation.Apply(_framework, _data, ImputationMethod.GroupMean, "Region").Values);
        _scores = CompositeIndicator.Score(_framework, _imputed, NormalisationOptions.Default, AggregationMethod.Arithmetic);
    }

    [Benchmark]
    public object GroupMeanImputation() => Imputation.Apply(_framework, _data, ImputationMethod.GroupMean, "Region");

    [Benchmark]
    public object Treat() => Treatment.Apply(_framework, _imputed);

    [Benchmark]
    public object NormaliseAndAggregate() => CompositeIndicator.Score(_framework, _imputed, NormalisationOptions.Default, AggregationMethod.Arithmetic);

    [Benchmark]
    public object RankAllNodes() => _scores.Select(s => Ranking.Ranks(s)).ToArray();
}
