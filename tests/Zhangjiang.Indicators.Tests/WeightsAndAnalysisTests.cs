namespace Zhangjiang.Indicators.Tests;

public sealed class WeightsAndAnalysisTests
{
    [Fact]
    public void Ahp_of_a_consistent_matrix_gives_its_ratios_and_zero_inconsistency()
    {
        var result = Weights.Ahp([[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]]);
        Assert.Equal(4.0 / 7, result.Weights[0], 1e-12);
        Assert.Equal(2.0 / 7, result.Weights[1], 1e-12);
        Assert.Equal(1.0 / 7, result.Weights[2], 1e-12);
        Assert.Equal(3, result.LambdaMax, 1e-12);
        Assert.Equal(0, result.ConsistencyRatio, 1e-12);
    }

    [Fact]
    public void Ahp_refuses_inconsistent_judgements_unless_forced()
    {
        double[][] circular = [[1, 9, 1.0 / 9], [1.0 / 9, 1, 9], [9, 1.0 / 9, 1]];
        var error = Assert.Throws<InconsistentJudgementsException>(() => Weights.Ahp(circular));
        Assert.True(error.ConsistencyRatio > 0.1);
        var forced = Weights.Ahp(circular, force: true);
        Assert.Equal(1, forced.Weights.Sum(), 1e-12);
        Assert.Throws<ArgumentException>(() => Weights.Ahp([[1, 2], [2, 1]])); // not reciprocal
    }

    [Fact]
    public void Entropy_gives_no_weight_to_an_indicator_that_does_not_discriminate()
    {
        var framework = TestFrameworks.Small();
        double[][] scores = [[1, 1, 1, 1], [1, 0, 0, 0], new double[4], new double[4]];
        var weights = Weights.Entropy(framework, scores, "P");
        Assert.Equal(0, weights["a"], 1e-12);
        Assert.Equal(1, weights["b"], 1e-12);
    }

    [Fact]
    public void Effective_weights_multiply_down_the_tree_and_sum_to_one_per_level()
    {
        var framework = TestFrameworks.Small();
        var effective = Weights.Effective(framework);
        Assert.Equal([0.25, 0.75, 1, 1], effective);
    }

    [Fact]
    public void Contributions_sum_to_the_score_and_follow_missing_data()
    {
        var framework = TestFrameworks.Small();
        var result = CompositeIndicator.Run(framework, TestFrameworks.Data(["u1", "u2", "u3"], [0, 5, double.NaN], [10, 20, 30]));
        var u2 = Analysis.Contributions(result, "Index", "u2");
        Assert.Equal(0.25 * 100, u2["a"], 1e-12);
        Assert.Equal(0.75 * 50, u2["b"], 1e-12);
        Assert.Equal(result.Score("Index", "u2"), u2.Values.Sum(), 1e-12);
        var u3 = Analysis.Contributions(result, "Index", "u3");
        Assert.Equal(["b"], u3.Keys);
        Assert.Equal(result.Score("Index", "u3"), u3["b"], 1e-12);
    }

    [Fact]
    public void Cronbachs_alpha_by_hand()
    {
        var framework = TestFrameworks.Small();
        var result = CompositeIndicator.Run(framework, TestFrameworks.Data(["u1", "u2", "u3"], [1, 2, 3], [2, 4, 6]),
            new PipelineOptions { Normalisation = new NormalisationOptions(NormalisationMethod.MinMax, 1, 3) });
        // Normalised: a = 1,2,3 and b = 1,2,3: perfectly consistent items give alpha 1.
        Assert.Equal(1, Analysis.CronbachAlpha(result, "P"), 1e-12);
    }

    [Fact]
    public void Strengths_and_weaknesses_are_the_best_and_worst_ranked_indicators()
    {
        var framework = TestFrameworks.Small();
        var result = CompositeIndicator.Run(framework, TestFrameworks.Data(["u1", "u2", "u3"], [3, 2, 1], [1, 2, 3]));
        var (strengths, weaknesses) = Analysis.StrengthsAndWeaknesses(result, "u1", 1);
        Assert.Equal("a", Assert.Single(strengths).IndicatorCode);
        Assert.Equal(1, strengths[0].Rank);
        Assert.Equal("b", Assert.Single(weaknesses).IndicatorCode);
        Assert.Equal(3, weaknesses[0].Rank);
    }

    [Fact]
    public void Statistics_describe_each_column()
    {
        var stats = Analysis.Describe(["x"], [[1, 2, 3, double.NaN]]);
        var x = Assert.Single(stats);
        Assert.Equal((0.75, 1.0, 3.0, 2.0, 2.0, 1.0), (x.Availability, x.Min, x.Max, x.Mean, x.Median, x.StandardDeviation));
    }
}
