namespace Zhangjiang.Indicators.Tests;

public sealed class UncertaintyTests
{
    private static (IndicatorFramework Framework, IndicatorData Data) Asem() => TestFrameworks.Load("asem");

    [Fact]
    public void Quantiles_interpolate_between_order_statistics()
    {
        Assert.Equal(1.15, Uncertainty.Quantile([1, 2, 3, 4], 0.05), 1e-12);
        Assert.Equal(2.5, Uncertainty.Quantile([1, 2, 3, 4], 0.5), 1e-12);
        Assert.Equal(3.85, Uncertainty.Quantile([1, 2, 3, 4], 0.95), 1e-12);
    }

    [Fact]
    public void Without_noise_or_alternatives_every_replication_is_the_nominal_ranking()
    {
        var (framework, data) = Asem();
        var result = Uncertainty.Run(framework, data, new PipelineOptions(), new UncertaintyOptions { Replications = 20, WeightNoise = 0 });
        Assert.Equal(0, result.FailedReplications);
        Assert.All(result.Units, u => Assert.Equal((u.NominalRank, u.NominalRank, u.NominalRank), (u.MedianRank, u.P5, u.P95)));
    }

    [Fact]
    public void The_same_seed_gives_the_same_result_on_one_thread_or_many()
    {
        var (framework, data) = Asem();
        var options = new UncertaintyOptions
        {
            Replications = 200, Seed = 42, WeightNoise = 0.25,
            Normalisations = [NormalisationOptions.Default, NormalisationOptions.ZScores(100, 10)],
            Aggregations = [AggregationMethod.Arithmetic, AggregationMethod.Geometric],
            ToggleImputation = true,
        };
        var nominal = new PipelineOptions { Imputation = ImputationMethod.Mean };
        var many = Uncertainty.Run(framework, data, nominal, options);
        var one = Uncertainty.Run(framework, data, nominal, options with { MaxDegreeOfParallelism = 1 });
        Assert.Equal(many.Units, one.Units);
        Assert.Equal(many.FailedReplications, one.FailedReplications);
        var other = Uncertainty.Run(framework, data, nominal, options with { Seed = 43 });
        Assert.NotEqual(many.Units, other.Units);
        Assert.All(many.Units, u => Assert.True(u.P5 <= u.MedianRank && u.MedianRank <= u.P95));
    }

    [Fact]
    public void Replications_where_a_method_is_undefined_are_counted_with_the_reason()
    {
        var (framework, data) = Asem();
        // Min-max onto [0, 100] puts zeros in every indicator: the geometric mean is undefined there.
        var result = Uncertainty.Run(framework, data, new PipelineOptions(), new UncertaintyOptions
        {
            Replications = 100, Seed = 7, Aggregations = [AggregationMethod.Arithmetic, AggregationMethod.Geometric],
        });
        Assert.InRange(result.FailedReplications, 1, 99);
        Assert.Equal(result.FailedReplications, result.FailureReasons.Values.Sum());
        Assert.Contains(result.FailureReasons.Keys, k => k.StartsWith("Geometric aggregation undefined", StringComparison.Ordinal));
        Assert.Equal(result.FailedReplications, result.Ranks.Count(r => double.IsNaN(r[0])));
    }
}
