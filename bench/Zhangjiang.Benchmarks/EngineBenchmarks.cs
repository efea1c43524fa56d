using BenchmarkDotNet.Attributes;
using Zhangjiang.Indicators;

namespace Zhangjiang.Benchmarks;

/// <summary>
/// The three figures against COINr 1.1.14 on R 4.2.2 (same kind of 2-core machine): full pipeline on the
/// synthetic 3000 × 60 set (1.7 s), 200 uncertainty replications on it (~300 s), 1000 on ASEM (~120 s CPU).
/// Data are read once in the setup: the figures are the engine's, not the CSV reader's.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private IndicatorFramework _synthetic = null!;
    private IndicatorData _syntheticData = null!;
    private IndicatorFramework _asem = null!;
    private IndicatorData _asemData = null!;

    private static readonly PipelineOptions SyntheticPipeline = new()
    {
        Imputation = ImputationMethod.GroupMean, ImputationGroup = "Region", Treatment = new TreatmentOptions(),
    };

    /// <summary>Threads for the uncertainty runs: the 1 → 2 core scaling.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_synthetic, _syntheticData) = Load("synthetic-3000x60");
        (_asem, _asemData) = Load("asem");
    }

    [Benchmark(Description = "Full pipeline, synthetic 3000×60 (group-mean imputation, winsorisation, min-max, arithmetic)")]
    public CompositeResult FullPipelineSynthetic() => CompositeIndicator.Run(_synthetic, _syntheticData, SyntheticPipeline);

    [Benchmark(Description = "Uncertainty, 200 replications, synthetic 3000×60")]
    public UncertaintyResult Uncertainty200Synthetic() => Uncertainty.Run(_synthetic, _syntheticData, SyntheticPipeline, new UncertaintyOptions
    {
        Replications = 200, Seed = 1, WeightNoise = 0.25, MaxDegreeOfParallelism = Threads,
        Normalisations = [new NormalisationOptions(NormalisationMethod.MinMax, 1, 100), NormalisationOptions.ZScores(100, 10)],
        Aggregations = [AggregationMethod.Arithmetic, AggregationMethod.Geometric],
    });

    [Benchmark(Description = "Uncertainty, 1000 replications, ASEM (25 % weight noise, min-max or z-score, arithmetic or geometric)")]
    public UncertaintyResult Uncertainty1000Asem() => Uncertainty.Run(_asem, _asemData, new PipelineOptions(), new UncertaintyOptions
    {
        Replications = 1000, Seed = 1, WeightNoise = 0.25, MaxDegreeOfParallelism = Threads,
        Normalisations = [new NormalisationOptions(NormalisationMethod.MinMax, 1, 100), NormalisationOptions.ZScores(100, 10)],
        Aggregations = [AggregationMethod.Arithmetic, AggregationMethod.Geometric],
    });

    private static (IndicatorFramework, IndicatorData) Load(string set)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Data", set);
        using var data = File.OpenRead(Path.Combine(folder, "iData.csv"));
        using var meta = File.OpenRead(Path.Combine(folder, "iMeta.csv"));
        return CoinrCsv.Read(data, "iData.csv", meta, "iMeta.csv");
    }
}
