namespace Zhangjiang.Indicators.Tests;

public sealed class PipelineTests
{
    private static (IndicatorFramework Framework, IndicatorData Data) Asem() => TestFrameworks.Load("asem");

    [Fact]
    public void The_small_case_end_to_end()
    {
        var framework = TestFrameworks.Small(directionB: -1);
        var data = TestFrameworks.Data(["u1", "u2", "u3"], [0, 5, 10], [30, 20, 10]);
        var result = CompositeIndicator.Run(framework, data);
        // a: 0, 50, 100; b (lower is better): 0, 50, 100; P = (1·a + 3·b)/4.
        Assert.Equal([0, 50, 100], result.Scores[framework.IndexOf("P")]);
        Assert.Equal([3, 2, 1], result.Ranks[framework.IndexOf("Index")]);
        Assert.Equal(100, result.Score("Index", "u3"));
    }

    [Fact]
    public void Asem_reads_with_its_documented_shape()
    {
        var (framework, data) = Asem();
        Assert.Equal(51, data.UnitCount);
        Assert.Equal(49, framework.IndicatorCount);
        Assert.Equal(8, framework.Nodes.Count(n => n.Level == 2));
        Assert.Equal(2, framework.Nodes.Count(n => n.Level == 3));
        Assert.Single(framework.Nodes, n => n.Level == 4);
        Assert.Equal(63, data.Values.Sum(c => c.Count(double.IsNaN)));
        Assert.Equal(14, framework.Nodes.Count(n => n.Direction == -1));
        Assert.Equal(17, framework.Nodes.Count(n => n.Denominator is not null));
    }

    [Fact]
    public void Asem_full_pipeline_runs_and_respects_the_bounds()
    {
        var (framework, data) = Asem();
        var result = CompositeIndicator.Run(framework, data, new PipelineOptions
        {
            Denominate = true, Imputation = ImputationMethod.GroupMean, ImputationGroup = "EurAsia_group", Treatment = new TreatmentOptions(),
        });
        var index = result.Scores[framework.IndexOf("Index")];
        Assert.All(index, v => Assert.InRange(v, 0, 100));
        Assert.Equal(Enumerable.Range(1, 51).Select(r => (double)r).Order(), result.Ranks[framework.IndexOf("Index")].Order());
        Assert.Contains(result.Treatment, t => t.PointsWinsorised > 0 || t.LogTransformed);
        Assert.DoesNotContain(result.TreatedValues!.SelectMany(c => c), double.IsNaN); // imputation filled every gap
        // 63 gaps in the raw data, plus the values whose denominator is zero or missing.
        Assert.Equal(Denomination.Apply(framework, data).Sum(c => c.Count(double.IsNaN)), result.Imputed.Count);
        Assert.True(result.Imputed.Count >= 63);
    }

    [Fact]
    public void Scores_do_not_depend_on_the_order_of_units()
    {
        var (framework, data) = Asem();
        var options = new PipelineOptions { Treatment = new TreatmentOptions(), Imputation = ImputationMethod.Median };
        var forward = CompositeIndicator.Run(framework, data, options);
        var order = Enumerable.Range(0, data.UnitCount).Reverse().ToList();
        var backward = CompositeIndicator.Run(framework, data.Select(order), options);
        foreach (var unit in data.UnitCodes)
        {
            Assert.Equal(forward.Score("Index", unit), backward.Score("Index", unit), 1e-12);
            Assert.Equal(forward.Rank("Index", unit), backward.Rank("Index", unit));
        }
    }

    [Fact]
    public void Min_max_results_span_exactly_the_chosen_bounds()
    {
        var (framework, data) = Asem();
        var result = CompositeIndicator.Run(framework, data, new PipelineOptions { Normalisation = new NormalisationOptions(NormalisationMethod.MinMax, 1, 10) });
        for (var i = 0; i < framework.IndicatorCount; i++)
        {
            Assert.Equal(1, Statistics.Min(result.Scores[i]), 1e-12);
            Assert.Equal(10, Statistics.Max(result.Scores[i]), 1e-12);
        }
    }

    [Fact]
    public void Geometric_aggregation_of_zero_scores_fails_with_the_unit_named()
    {
        var (framework, data) = Asem();
        var error = Assert.Throws<AggregationException>(() => CompositeIndicator.Run(framework, data, new PipelineOptions { Aggregation = AggregationMethod.Geometric }));
        Assert.Contains(error.UnitCode, data.UnitCodes);
        Assert.Equal(0, CompositeIndicator.Run(framework, data, new PipelineOptions
        {
            Aggregation = AggregationMethod.Geometric, Normalisation = new NormalisationOptions(NormalisationMethod.MinMax, 1, 100),
        }).Scores[framework.IndexOf("Index")].Count(double.IsNaN));
    }

    [Fact]
    public void The_synthetic_set_runs_with_group_imputation()
    {
        using var data = File.OpenRead(TestFrameworks.DataPath("synthetic-3000x60", "iData.csv"));
        using var meta = File.OpenRead(TestFrameworks.DataPath("synthetic-3000x60", "iMeta.csv"));
        var (framework, dataset) = CoinrCsv.Read(data, "iData.csv", meta, "iMeta.csv");
        Assert.Equal(3000, dataset.UnitCount);
        Assert.Equal(60, framework.IndicatorCount);
        var result = CompositeIndicator.Run(framework, dataset, new PipelineOptions
        {
            Imputation = ImputationMethod.GroupMean, ImputationGroup = "Region", Treatment = new TreatmentOptions(),
        });
        Assert.All(result.Scores[framework.IndexOf("Index")], v => Assert.InRange(v, 0, 100));
    }

    [Fact]
    public void Bad_input_names_file_row_and_column()
    {
        var meta = "iCode,iName,Level,Weight,Direction,Parent,Type\nx,x,1,1,1,I,Indicator\nI,I,2,1,1,,Aggregate\n";
        var framework = CoinrCsv.ReadMeta(Stream(meta), "iMeta.csv");
        var text = Assert.Throws<InputFileException>(() => CoinrCsv.ReadData(Stream("uCode,x\nA,1\nB,abc\n"), "iData.csv", framework));
        Assert.Equal(("iData.csv", 3, "x"), (text.File, text.Row, text.Column));
        Assert.Contains("'abc' is not a number", text.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<InputFileException>(() => CoinrCsv.ReadData(Stream("uCode,x,y\nA,1,2\n"), "iData.csv", framework));
        Assert.Equal("y", unknown.Column);
        var parent = Assert.Throws<InputFileException>(() => CoinrCsv.ReadMeta(Stream(meta.Replace("x,x,1,1,1,I", "x,x,1,1,1,Nope", StringComparison.Ordinal)), "iMeta.csv"));
        Assert.Contains("parent 'Nope' does not exist", parent.Message, StringComparison.Ordinal);
        var weight = Assert.Throws<InputFileException>(() => CoinrCsv.ReadMeta(Stream(meta.Replace("x,x,1,1,1,I", "x,x,1,-2,1,I", StringComparison.Ordinal)), "iMeta.csv"));
        Assert.Equal((2, "Weight"), (weight.Row, weight.Column));
    }

    private static MemoryStream Stream(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));
}
