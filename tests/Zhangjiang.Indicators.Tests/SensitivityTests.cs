namespace Zhangjiang.Indicators.Tests;

public sealed class SensitivityTests
{
    private static (IndicatorFramework Framework, IndicatorData Data) Asem() => TestFrameworks.Load("asem");

    [Fact]
    public void An_input_that_changes_nothing_gets_zero_and_the_one_that_matters_gets_the_variance()
    {
        var (framework, data) = Asem();
        var result = Sensitivity.Run(framework, data, new PipelineOptions(), new SensitivityOptions
        {
            SampleSize = 300, Seed = 3, WeightNoise = 0.5,
            Normalisations = [NormalisationOptions.Default, NormalisationOptions.Default], // two identical alternatives
            Bootstrap = 100,
        });
        var weights = result.Indices.Single(i => i.Input == "Weights");
        var normalisation = result.Indices.Single(i => i.Input == "Normalisation");
        Assert.Equal(0, normalisation.FirstOrder);
        Assert.Equal(0, normalisation.Total);
        Assert.InRange(weights.Total, 0.95, 1.05);        // the only input: it explains all the variance
        Assert.InRange(weights.FirstOrder, 0.8, 1.2);     // Monte Carlo estimate of 1
        Assert.True(weights.TotalLow <= weights.Total && weights.Total <= weights.TotalHigh);
        Assert.Equal(300 * 4, result.Runs);
        Assert.True(result.Variance > 0);
    }

    [Fact]
    public void The_same_seed_gives_the_same_indices()
    {
        var (framework, data) = Asem();
        var options = new SensitivityOptions
        {
            SampleSize = 100, Seed = 9, WeightNoise = 0.25,
            Normalisations = [new NormalisationOptions(NormalisationMethod.MinMax, 1, 100), NormalisationOptions.ZScores(100, 10)],
            Aggregations = [AggregationMethod.Arithmetic, AggregationMethod.Geometric], Bootstrap = 50, UnitCode = "BGR",
        };
        var first = Sensitivity.Run(framework, data, new PipelineOptions(), options);
        var second = Sensitivity.Run(framework, data, new PipelineOptions(), options);
        Assert.Equal(first.Indices, second.Indices);
        Assert.Equal(["Weights", "Normalisation", "Aggregation"], first.Indices.Select(i => i.Input));
        Assert.Equal("rank of BGR", first.Output);
    }

    [Fact]
    public void Undefined_runs_are_counted_not_hidden()
    {
        var (framework, data) = Asem();
        var result = Sensitivity.Run(framework, data, new PipelineOptions(), new SensitivityOptions
        {
            SampleSize = 50, Seed = 2, WeightNoise = 0, Aggregations = [AggregationMethod.Arithmetic, AggregationMethod.Geometric], Bootstrap = 20,
        });
        Assert.True(result.FailedRuns > 0); // geometric mean of min-max scores that include 0
    }

    [Fact]
    public void Nothing_uncertain_is_refused()
    {
        var (framework, data) = Asem();
        Assert.Throws<ArgumentException>(() => Sensitivity.Run(framework, data, new PipelineOptions(), new SensitivityOptions { WeightNoise = 0 }));
    }
}
