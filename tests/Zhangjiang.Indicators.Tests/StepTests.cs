namespace Zhangjiang.Indicators.Tests;

/// <summary>Hand-computed small cases for every step; expected values worked out independently (by hand or in a separate script).</summary>
public sealed class StepTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Skewness_and_kurtosis_are_the_sample_adjusted_forms()
    {
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100];
        Assert.Equal(3.0632410342394985, Statistics.Skewness(x), Tolerance);
        Assert.Equal(9.741390834569144, Statistics.Kurtosis(x), Tolerance);
        Assert.Equal(0, Statistics.Skewness([1, 2, 3, 4, 5]), Tolerance);
        Assert.True(double.IsNaN(Statistics.Kurtosis([1, 2, double.NaN, 3])));
    }

    [Fact]
    public void Mean_median_sd_ignore_missing_values()
    {
        double[] x = [4, double.NaN, 1, 3, 2];
        Assert.Equal(2.5, Statistics.Mean(x));
        Assert.Equal(2.5, Statistics.Median(x));
        Assert.Equal(Math.Sqrt(5.0 / 3), Statistics.StandardDeviation(x), Tolerance);
    }

    [Fact]
    public void Winsorisation_moves_the_high_outlier_until_the_rule_passes()
    {
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100];
        var (treated, record, marks) = Treatment.TreatColumn(x, new TreatmentOptions());
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 30], treated);
        Assert.Equal(1, record.PointsWinsorised);
        Assert.False(record.LogTransformed);
        Assert.True(record.PassesAfter);
        Assert.Equal("winhi", marks[11]);
        Assert.Null(marks[10]);
    }

    [Fact]
    public void Tied_extremes_move_together_and_count_as_points()
    {
        double[] y = [.. Enumerable.Repeat(1.0, 20), 2, 3, 1000, 2000, 5000, 10000, 20000];
        var (treated, record, _) = Treatment.TreatColumn(y, new TreatmentOptions());
        Assert.Equal(3, record.PointsWinsorised);
        Assert.Equal([2000, 2000, 2000], treated[^3..]);
    }

    [Fact]
    public void When_winsorisation_cannot_pass_within_the_limit_the_original_values_are_log_transformed()
    {
        double[] y = [.. Enumerable.Repeat(1.0, 20), 2, 3, 1000, 2000, 5000, 10000, 20000];
        var (treated, record, marks) = Treatment.TreatColumn(y, new TreatmentOptions(MaxWinsorisedPoints: 2));
        Assert.True(record.LogTransformed);
        Assert.Equal(0, record.PointsWinsorised);
        Assert.Equal(5.2982673652979955, treated[0], Tolerance); // log(1 − 1 + 0.01·19999)
        Assert.Equal(9.913387882139254, treated[^1], Tolerance);
        Assert.Equal(2.1346458641526245, record.SkewAfter, 1e-10);
        Assert.True(record.PassesAfter);
        Assert.All(marks, m => Assert.Equal("log", m));
    }

    [Fact]
    public void An_indicator_that_passes_is_left_alone()
    {
        double[] x = [1, 2, 3, 4, 5];
        var (treated, record, _) = Treatment.TreatColumn(x, new TreatmentOptions());
        Assert.Equal(x, treated);
        Assert.Equal(0, record.PointsWinsorised);
    }

    [Fact]
    public void Min_max_applies_the_direction_first()
    {
        var up = new FrameworkNode("x", "x", 1, null, 1, 1, NodeKind.Indicator);
        var output = new double[4];
        Normalisation.Column(up, [1, 2, 3, double.NaN], output, NormalisationOptions.Default);
        Assert.Equal([0, 50, 100, double.NaN], output);
        Normalisation.Column(up with { Direction = -1 }, [1, 2, 3, double.NaN], output, NormalisationOptions.Default);
        Assert.Equal([100, 50, 0, double.NaN], output);
        Normalisation.Column(up, [1, 2, 3, 5], output, new NormalisationOptions(NormalisationMethod.MinMax, 1, 10));
        Assert.Equal([1, 3.25, 5.5, 10], output);
    }

    [Fact]
    public void Z_scores_use_the_sample_standard_deviation()
    {
        var node = new FrameworkNode("x", "x", 1, null, 1, 1, NodeKind.Indicator);
        var output = new double[3];
        Normalisation.Column(node, [1, 2, 3], output, NormalisationOptions.ZScores());
        Assert.Equal([-1, 0, 1], output);
        Normalisation.Column(node, [1, 2, 3], output, NormalisationOptions.ZScores(100, 10));
        Assert.Equal([90, 100, 110], output);
    }

    [Fact]
    public void Rank_and_percentile_rank_give_ties_the_lowest_rank()
    {
        var node = new FrameworkNode("x", "x", 1, null, 1, 1, NodeKind.Indicator);
        var output = new double[5];
        Normalisation.Column(node, [5, 3, 5, 1, double.NaN], output, new NormalisationOptions(NormalisationMethod.Rank));
        Assert.Equal([3, 2, 3, 1, double.NaN], output);
        Normalisation.Column(node, [5, 3, 5, 1, double.NaN], output, new NormalisationOptions(NormalisationMethod.PercentileRank));
        Assert.Equal([2.0 / 3, 1.0 / 3, 2.0 / 3, 0, double.NaN], output);
        Assert.Equal([1, 3, 1, 4, double.NaN], Ranking.Ranks([5, 3, 5, 1, double.NaN]));
    }

    [Fact]
    public void Distance_to_target_is_capped_distance_to_benchmark_is_not()
    {
        var node = new FrameworkNode("x", "x", 1, null, 1, 1, NodeKind.Indicator, Target: 8);
        var output = new double[3];
        Normalisation.Column(node, [0, 5, 10], output, new NormalisationOptions(NormalisationMethod.Target));
        Assert.Equal([0, 0.625, 1], output);
        Normalisation.Column(node, [0, 5, 10], output, new NormalisationOptions(NormalisationMethod.Benchmark, Benchmarks: new Dictionary<string, double> { ["x"] = 8 }));
        Assert.Equal([0, 0.625, 1.25], output);
        Normalisation.Column(node, [0, 5, 10], output, new NormalisationOptions(NormalisationMethod.Best));
        Assert.Equal([0, 0.5, 1], output);
        // Lower is better: the target is reached from above.
        Normalisation.Column(node with { Direction = -1, Target = 2 }, [0, 5, 10], output, new NormalisationOptions(NormalisationMethod.Target));
        Assert.Equal([1, 0.625, 0], output);
    }

    [Fact]
    public void Aggregation_renormalises_weights_over_present_children()
    {
        var framework = TestFrameworks.Small();
        double[][] scores = [[80, double.NaN, double.NaN], [40, 60, double.NaN], new double[3], new double[3]];
        Aggregation.Apply(framework, scores, AggregationMethod.Arithmetic, ["u1", "u2", "u3"]);
        Assert.Equal(50, scores[2][0], Tolerance);   // (1·80 + 3·40)/4
        Assert.Equal(60, scores[2][1], Tolerance);   // only b present
        Assert.True(double.IsNaN(scores[2][2]));       // nothing present
        Assert.Equal(50, scores[3][0], Tolerance);   // Index = its only child

        Aggregation.Apply(framework, scores, AggregationMethod.Geometric, ["u1", "u2", "u3"]);
        Assert.Equal(47.56828460010884, scores[2][0], 1e-12);
        Aggregation.Apply(framework, scores, AggregationMethod.Harmonic, ["u1", "u2", "u3"]);
        Assert.Equal(45.714285714285715, scores[2][0], 1e-12);
    }

    [Fact]
    public void The_geometric_mean_of_a_value_at_or_below_zero_names_unit_aggregate_and_child()
    {
        var framework = TestFrameworks.Small();
        double[][] scores = [[80, 0], [40, 60], new double[2], new double[2]];
        var error = Assert.Throws<AggregationException>(() => Aggregation.Apply(framework, scores, AggregationMethod.Geometric, ["u1", "u2"]));
        Assert.Equal(("u2", "P", "a"), (error.UnitCode, error.AggregateCode, error.ChildCode));
    }

    [Fact]
    public void Imputation_by_mean_median_group_and_previous_year()
    {
        var framework = TestFrameworks.Small();
        var data = TestFrameworks.Data(["u1", "u2", "u3", "u4"], [1, double.NaN, 3, 10], [1, 2, 3, 4], ["N", "N", "S", "N"]);
        Assert.Equal(14.0 / 3, Imputation.Apply(framework, data, ImputationMethod.Mean).Values[0][1], Tolerance);
        Assert.Equal(3, Imputation.Apply(framework, data, ImputationMethod.Median).Values[0][1]);
        var group = Imputation.Apply(framework, data, ImputationMethod.GroupMean, "Region");
        Assert.Equal(5.5, group.Values[0][1]); // mean of u1 and u4 (region N)
        Assert.Equal(new ImputedPoint("u2", "a", 5.5), Assert.Single(group.Imputed));

        var panel = TestFrameworks.Data(["u1", "u1", "u1"], [7, double.NaN, double.NaN], [1, 2, 3], times: [2021, 2023, 2022]);
        var previous = Imputation.Apply(framework, panel, ImputationMethod.PreviousYear);
        Assert.Equal([7, 7, 7], previous.Values[0]);
    }

    [Fact]
    public void Screening_drops_units_below_the_availability_threshold_and_says_why()
    {
        var data = TestFrameworks.Data(["u1", "u2"], [1, double.NaN], [1, 2]);
        var (kept, removed) = Screening.Apply(data, 0.75);
        Assert.Equal([0], kept);
        var dropped = Assert.Single(removed);
        Assert.Equal(("u2", 0.5), (dropped.UnitCode, dropped.Availability));
        Assert.Contains("50.0", dropped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Denomination_divides_by_the_named_column()
    {
        var framework = IndicatorFramework.Create(
        [
            new FrameworkNode("gdp", "GDP", 1, "Index", 1, 1, NodeKind.Indicator, Denominator: "pop"),
            new FrameworkNode("Index", "Index", 2, null, 1, 1, NodeKind.Aggregate),
            new FrameworkNode("pop", "Population", 0, null, 0, 1, NodeKind.Denominator),
        ]);
        var data = new IndicatorData(["u1", "u2", "u3"], ["u1", "u2", "u3"], [[100, 50, 10]],
            denominators: new Dictionary<string, double[]> { ["pop"] = [4, 0, double.NaN] });
        var result = Denomination.Apply(framework, data)[0];
        Assert.Equal(25, result[0]);
        Assert.True(double.IsNaN(result[1]));
        Assert.True(double.IsNaN(result[2]));
    }
}
