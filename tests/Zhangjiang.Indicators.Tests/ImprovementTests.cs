namespace Zhangjiang.Indicators.Tests;

public sealed class ImprovementTests
{
    [Fact]
    public void The_path_takes_the_biggest_gain_per_change_first_and_reaches_the_rank()
    {
        var framework = TestFrameworks.Small();
        var result = CompositeIndicator.Run(framework, TestFrameworks.Data(["u1", "u2", "u3"], [0, 5, 10], [0, 5, 10]));
        var path = Improvement.Plan(result, NormalisationOptions.Default, AggregationMethod.Arithmetic, "u1", targetRank: 1);
        Assert.True(path.Reached);
        Assert.Equal((0.0, 3.0, 100.0), (path.ScoreBefore, path.RankBefore, path.ScoreNeeded));
        Assert.Equal(["b", "a"], path.Steps.Select(s => s.IndicatorCode)); // b weighs 3: more score per unit of change
        Assert.Equal((0.0, 10.0, 75.0, 2.0), (path.Steps[0].From, path.Steps[0].To, path.Steps[0].ScoreAfter, path.Steps[0].RankAfter));
        Assert.Equal(10, path.Steps[1].To, 1e-9);
        Assert.Equal(1, path.RankAfter);
    }

    [Fact]
    public void The_last_change_is_cut_back_to_just_what_the_target_needs()
    {
        var framework = TestFrameworks.Small();
        var result = CompositeIndicator.Run(framework, TestFrameworks.Data(["u1", "u2", "u3"], [0, 5, 10], [0, 5, 10]));
        var path = Improvement.Plan(result, NormalisationOptions.Default, AggregationMethod.Arithmetic, "u1", targetScore: 50);
        var step = Assert.Single(path.Steps);
        Assert.Equal("b", step.IndicatorCode);
        Assert.Equal(20.0 / 3, step.To, 1e-9); // ¾ · (b/10 · 100) = 50
        Assert.Equal(50, path.ScoreAfter, 1e-9);
    }

    [Fact]
    public void An_unreachable_target_is_reported_as_such()
    {
        var framework = TestFrameworks.Small();
        var result = CompositeIndicator.Run(framework, TestFrameworks.Data(["u1", "u2", "u3"], [0, 5, 10], [0, 5, 10]));
        var path = Improvement.Plan(result, NormalisationOptions.Default, AggregationMethod.Arithmetic, "u1", targetScore: 150);
        Assert.False(path.Reached);
        Assert.Equal(2, path.Steps.Count); // everything moved to the best observed value, still short
    }

    [Fact]
    public void On_asem_a_middle_unit_reaches_the_top_within_the_observed_ranges()
    {
        using var data = File.OpenRead(TestFrameworks.DataPath("asem", "iData.csv"));
        using var meta = File.OpenRead(TestFrameworks.DataPath("asem", "iMeta.csv"));
        var (framework, units) = CoinrCsv.Read(data, "iData.csv", meta, "iMeta.csv");
        var result = CompositeIndicator.Run(framework, units);
        var middle = result.UnitCodes.OrderBy(u => result.Rank("Index", u)).ElementAt(25);
        var path = Improvement.Plan(result, NormalisationOptions.Default, AggregationMethod.Arithmetic, middle, targetRank: 1);
        Assert.True(path.Reached);
        Assert.Equal(1, path.RankAfter);
        var previous = path.ScoreBefore;
        foreach (var step in path.Steps)
        {
            Assert.True(step.ScoreAfter > previous);
            previous = step.ScoreAfter;
            var i = framework.IndexOf(step.IndicatorCode);
            Assert.InRange(step.To, Statistics.Min(units.Values[i]), Statistics.Max(units.Values[i]));
        }
        Assert.Throws<NotSupportedException>(() => Improvement.Plan(result, new NormalisationOptions(NormalisationMethod.Rank), AggregationMethod.Arithmetic, middle, targetRank: 1));
    }
}
