namespace Zhangjiang.Indicators.Tests;

/// <summary>The optimised steps against plain, obviously correct re-implementations on the synthetic set.</summary>
public sealed class ReferenceTests
{
    private static (IndicatorFramework Framework, IndicatorData Data) Synthetic() => TestFrameworks.Load("synthetic-3000x60");

    [Fact]
    public void Treatment_matches_a_step_by_step_reimplementation_of_the_rule()
    {
        var (framework, data) = Synthetic();
        var (values, records, _) = Treatment.Apply(framework, data);
        var options = new TreatmentOptions();
        var treatedSomething = 0;
        for (var i = 0; i < framework.IndicatorCount; i++)
        {
            var expected = NaiveTreat(data.Values[i], options, out var logged, out var points);
            Assert.Equal(expected, values[i]);
            Assert.Equal(logged, records[i].LogTransformed);
            Assert.Equal(points, records[i].PointsWinsorised);
            treatedSomething += logged || points > 0 ? 1 : 0;
        }
        Assert.True(treatedSomething > 5, "the synthetic set has skewed indicators that need treatment");
    }

    [Fact]
    public void Ranks_match_counting_the_better_values()
    {
        var (framework, data) = Synthetic();
        var result = CompositeIndicator.Run(framework, data);
        foreach (var column in result.Scores)
        {
            var ranks = Ranking.Ranks(column);
            for (var u = 0; u < column.Length; u += 37)
            {
                var expected = double.IsNaN(column[u]) ? double.NaN : 1 + column.Count(v => !double.IsNaN(v) && v > column[u]);
                Assert.Equal(expected, ranks[u]);
            }
        }
    }

    private static double[] NaiveTreat(double[] original, TreatmentOptions options, out bool logged, out int points)
    {
        bool Pass(double[] v) => Math.Abs(Statistics.Skewness(v)) < options.SkewThreshold || Statistics.Kurtosis(v) < options.KurtosisThreshold;
        logged = false;
        points = 0;
        var x = (double[])original.Clone();
        if (Pass(x))
        {
            return x;
        }
        int high = 0, low = 0;
        var passes = false;
        while (!passes && points < options.MaxWinsorisedPoints)
        {
            var present = x.Where(v => !double.IsNaN(v)).ToList();
            if (Statistics.Skewness(x) >= 0)
            {
                var max = present.Max();
                var next = present.Where(v => v < max).Max();
                high = x.Count(v => v == max);
                for (var u = 0; u < x.Length; u++)
                {
                    x[u] = x[u] == max ? next : x[u];
                }
            }
            else
            {
                var min = present.Min();
                var next = present.Where(v => v > min).Min();
                low = x.Count(v => v == min);
                for (var u = 0; u < x.Length; u++)
                {
                    x[u] = x[u] == min ? next : x[u];
                }
            }
            points = high + low;
            passes = Pass(x);
        }
        if (passes)
        {
            return x;
        }
        logged = true;
        points = 0;
        var lo = Statistics.Min(original);
        var hi = Statistics.Max(original);
        return original.Select(v => double.IsNaN(v) ? double.NaN : Math.Log(v - lo + 0.01 * (hi - lo))).ToArray();
    }
}

/// <summary>The fitted normalisation (improvement path, benchmark scores) puts a column's own values where Normalisation.Column does.</summary>
public sealed class NormalisationFitTests
{
    [Theory]
    [InlineData(NormalisationMethod.MinMax, 0, 100)]
    [InlineData(NormalisationMethod.MinMax, 1, 10)]
    [InlineData(NormalisationMethod.ZScore, 100, 10)]
    [InlineData(NormalisationMethod.Best, 0, 0)]
    [InlineData(NormalisationMethod.Target, 0, 0)]
    public void A_fitted_normalisation_gives_the_columns_own_values_the_same_scores(NormalisationMethod method, double lower, double upper)
    {
        var (framework, data) = TestFrameworks.Load("asem");
        var options = new NormalisationOptions(method, lower, upper);
        var normalised = Normalisation.Apply(framework, data.Values, options);
        for (var i = 0; i < framework.IndicatorCount; i++)
        {
            var fit = NormalisationFit.Of(framework.Nodes[i], data.Values[i]);
            for (var u = 0; u < data.UnitCount; u++)
            {
                Assert.Equal(normalised[i][u], fit.Normalise(data.Values[i][u], options), 12);
            }
        }
    }
}
