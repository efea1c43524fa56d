using System.Globalization;

namespace Zhangjiang.Indicators.Tests;

/// <summary>
/// The engine against reference results computed by COINr 1.1's own functions under R 4.2.2
/// (Data/coinr, made by scripts/coinr-reference/make-fixtures.R): every value agrees to 1e-9 relative,
/// every rank exactly.
/// </summary>
public sealed class CoinrAgreementTests
{
    private const double Tolerance = 1e-9;

    private static (IndicatorFramework Framework, IndicatorData Data) Asem() => TestFrameworks.Load("asem");

    [Fact]
    public void Statistics_of_the_raw_data_agree()
    {
        var (framework, data) = Asem();
        var codes = framework.Nodes.Take(framework.IndicatorCount).Select(n => n.Code).ToList();
        var stats = Analysis.Describe(codes, data.Values).ToDictionary(s => s.Code);
        var expected = Fixture.Read("asem", "statistics-raw.csv");
        foreach (var (code, row) in expected.Rows)
        {
            var s = stats[code];
            var where = $"statistics of {code}";
            AssertClose(row["Availability"], s.Availability, where + ", availability");
            AssertClose(row["Min"], s.Min, where + ", min");
            AssertClose(row["Max"], s.Max, where + ", max");
            AssertClose(row["Mean"], s.Mean, where + ", mean");
            AssertClose(row["Median"], s.Median, where + ", median");
            AssertClose(row["SD"], s.StandardDeviation, where + ", sd");
            AssertClose(row["Skew"], s.Skewness, where + ", skew");
            AssertClose(row["Kurt"], s.Kurtosis, where + ", kurtosis");
        }
    }

    [Fact]
    public void Denomination_agrees()
    {
        var (framework, data) = Asem();
        AssertColumns(Fixture.Read("asem", "denominated.csv"), framework, data, Denomination.Apply(framework, data), "denominated");
    }

    [Theory]
    [InlineData(ImputationMethod.Mean, null, "imputed-mean.csv")]
    [InlineData(ImputationMethod.Median, null, "imputed-median.csv")]
    [InlineData(ImputationMethod.GroupMean, "EurAsia_group", "imputed-group-mean.csv")]
    [InlineData(ImputationMethod.GroupMedian, "EurAsia_group", "imputed-group-median.csv")]
    public void Imputation_agrees(ImputationMethod method, string? group, string file)
    {
        var (framework, data) = Asem();
        var (values, _) = Imputation.Apply(framework, data, method, group);
        AssertColumns(Fixture.Read("asem", file), framework, data, values, file);
    }

    [Fact]
    public void Previous_year_imputation_agrees_with_impute_panel()
    {
        using var panel = File.OpenRead(TestFrameworks.DataPath("coinr", "asem", "panel-iData.csv"));
        using var meta = File.OpenRead(TestFrameworks.DataPath("asem", "iMeta.csv"));
        var (framework, data) = CoinrCsv.Read(panel, "panel-iData.csv", meta, "iMeta.csv");
        var (values, imputed) = Imputation.Apply(framework, data, ImputationMethod.PreviousYear);
        var expected = Fixture.Read("asem", "panel-imputed-previous-year.csv");
        Assert.Equal(data.UnitCount, expected.Rows.Count);
        Assert.NotEmpty(imputed);
        var stillMissing = 0;
        for (var u = 0; u < data.UnitCount; u++)
        {
            var key = $"{data.UnitCodes[u]}@{data.Times![u]}";
            var row = expected.Rows.Single(r => r.Key == key).Values;
            foreach (var (code, value) in row)
            {
                AssertClose(value, values[framework.IndexOf(code)][u], $"previous-year imputation {key}/{code}");
                stillMissing += double.IsNaN(value) ? 1 : 0;
            }
        }
        Assert.True(stillMissing > 0, "the panel has gaps no earlier year can fill");
    }

    [Fact]
    public void Outlier_treatment_agrees_value_by_value_and_in_its_log()
    {
        var (framework, data) = Asem();
        var (values, records, _) = Treatment.Apply(framework, data);
        AssertColumns(Fixture.Read("asem", "treated.csv"), framework, data, values, "treated");
        AssertTreatmentLog(Fixture.Read("asem", "treatment.csv"), records);
    }

    [Theory]
    [InlineData(NormalisationMethod.MinMax, 0, 100, "normalised-minmax.csv")]
    [InlineData(NormalisationMethod.MinMax, 1, 10, "normalised-minmax-1-10.csv")]
    [InlineData(NormalisationMethod.ZScore, 0, 1, "normalised-zscore.csv")]
    [InlineData(NormalisationMethod.ZScore, 10, 2, "normalised-zscore-10-2.csv")]
    [InlineData(NormalisationMethod.Rank, 0, 0, "normalised-rank.csv")]
    [InlineData(NormalisationMethod.PercentileRank, 0, 0, "normalised-prank.csv")]
    [InlineData(NormalisationMethod.Best, 0, 0, "normalised-best.csv")]
    [InlineData(NormalisationMethod.Target, 0, 0, "normalised-target.csv")]
    public void Normalisation_agrees(NormalisationMethod method, double lower, double upper, string file)
    {
        var (framework, data) = Asem();
        var values = Normalisation.Apply(framework, data.Values, new NormalisationOptions(method, lower, upper));
        AssertColumns(Fixture.Read("asem", file), framework, data, values, file);
    }

    [Theory]
    [InlineData(AggregationMethod.Arithmetic, "amean")]
    [InlineData(AggregationMethod.Geometric, "gmean")]
    [InlineData(AggregationMethod.Harmonic, "hmean")]
    public void Aggregation_and_ranks_agree_at_every_level(AggregationMethod method, string name)
    {
        var (framework, data) = Asem();
        var result = CompositeIndicator.Run(framework, data, new PipelineOptions
        {
            Normalisation = new NormalisationOptions(NormalisationMethod.MinMax, 1, 100),
            Aggregation = method,
        });
        AssertNodes(Fixture.Read("asem", $"scores-minmax-1-100-{name}.csv"), result, result.Scores, $"{name} scores");
        AssertNodes(Fixture.Read("asem", $"ranks-minmax-1-100-{name}.csv"), result, result.Ranks, $"{name} ranks", exact: true);
    }

    [Fact]
    public void The_full_pipeline_and_its_analysis_agree()
    {
        var (framework, data) = Asem();
        var result = CompositeIndicator.Run(framework, data, new PipelineOptions
        {
            Denominate = true,
            Imputation = ImputationMethod.GroupMean,
            ImputationGroup = "EurAsia_group",
            Treatment = new TreatmentOptions(),
        });
        AssertTreatmentLog(Fixture.Read("asem", "pipeline-treatment.csv"), result.Treatment);
        AssertNodes(Fixture.Read("asem", "pipeline-scores.csv"), result, result.Scores, "pipeline scores");
        AssertNodes(Fixture.Read("asem", "pipeline-ranks.csv"), result, result.Ranks, "pipeline ranks", exact: true);

        AssertCorrelationsAndAlphas(result, "pipeline-correlations.csv", "pipeline-cronbach.csv");
        var effective = Weights.Effective(framework);
        foreach (var (code, row) in Fixture.Read("asem", "effective-weights.csv").Rows)
        {
            AssertClose(row["EffWeight"], effective[framework.IndexOf(code)], $"effective weight of {code}");
        }
    }

    [Fact]
    public void Correlations_and_alphas_over_data_with_gaps_use_pairwise_complete_observations()
    {
        var (framework, data) = Asem();
        var result = CompositeIndicator.Run(framework, data, new PipelineOptions { Normalisation = new NormalisationOptions(NormalisationMethod.MinMax, 1, 100) });
        Assert.Contains(result.Scores.Take(framework.IndicatorCount), column => column.Any(double.IsNaN));
        AssertCorrelationsAndAlphas(result, "correlations-with-gaps.csv", "cronbach-with-gaps.csv");
    }

    [Fact]
    public void The_synthetic_benchmark_pipeline_agrees_on_3000_units()
    {
        var (framework, data) = TestFrameworks.Load("synthetic-3000x60");
        var result = CompositeIndicator.Run(framework, data, new PipelineOptions
        {
            Imputation = ImputationMethod.GroupMean,
            ImputationGroup = "Region",
            Treatment = new TreatmentOptions(),
        });
        AssertTreatmentLog(Fixture.Read("synthetic", "pipeline-treatment.csv"), result.Treatment);
        AssertNodes(Fixture.Read("synthetic", "pipeline-scores.csv"), result, result.Scores, "synthetic scores");
        AssertNodes(Fixture.Read("synthetic", "pipeline-ranks.csv"), result, result.Ranks, "synthetic ranks", exact: true);
    }

    private static void AssertCorrelationsAndAlphas(CompositeResult result, string correlationsFile, string alphasFile)
    {
        var framework = result.Framework;
        var correlations = Analysis.Correlations(result);
        foreach (var (rowCode, row) in Fixture.Read("asem", correlationsFile).Rows)
        {
            foreach (var (columnCode, expected) in row)
            {
                AssertClose(expected, correlations[framework.IndexOf(rowCode), framework.IndexOf(columnCode)], $"correlation {rowCode}/{columnCode}");
            }
        }
        foreach (var (code, row) in Fixture.Read("asem", alphasFile).Rows)
        {
            AssertClose(row["Alpha"], Analysis.CronbachAlpha(result, code), $"Cronbach's alpha of {code}");
        }
    }

    private static void AssertTreatmentLog(Fixture expected, IReadOnlyList<TreatmentRecord> records)
    {
        var byCode = records.ToDictionary(r => r.IndicatorCode);
        Assert.Equal(expected.Rows.Count, byCode.Count);
        foreach (var (code, row) in expected.Rows)
        {
            var r = byCode[code];
            AssertClose(row["SkewBefore"], r.SkewBefore, $"{code} skew before");
            AssertClose(row["KurtBefore"], r.KurtosisBefore, $"{code} kurtosis before");
            AssertClose(row["SkewAfter"], r.SkewAfter, $"{code} skew after");
            AssertClose(row["KurtAfter"], r.KurtosisAfter, $"{code} kurtosis after");
            Assert.True(row["Winsorised"] == r.PointsWinsorised, $"{code}: COINr winsorised {row["Winsorised"]} points, we {r.PointsWinsorised}");
            Assert.True((row["Log"] == 1) == r.LogTransformed, $"{code}: COINr log {row["Log"]}, we {r.LogTransformed}");
        }
    }

    /// <summary>Indicator columns (framework order) against a uCode × iCode fixture.</summary>
    private static void AssertColumns(Fixture expected, IndicatorFramework framework, IndicatorData data, double[][] actual, string what)
    {
        Assert.Equal(framework.IndicatorCount, expected.Columns.Count);
        foreach (var (unit, row) in expected.Rows)
        {
            var u = IndexOfUnit(data, unit);
            foreach (var (code, value) in row)
            {
                AssertClose(value, actual[framework.IndexOf(code)][u], $"{what}: {unit}/{code}");
            }
        }
    }

    private static void AssertNodes(Fixture expected, CompositeResult result, double[][] actual, string what, bool exact = false)
    {
        foreach (var (unit, row) in expected.Rows)
        {
            var u = result.UnitIndex(unit);
            foreach (var (code, value) in row)
            {
                var got = actual[result.Framework.IndexOf(code)][u];
                if (exact)
                {
                    Assert.True(value.Equals(got), $"{what}: {unit}/{code} COINr {value}, engine {got}");
                }
                else
                {
                    AssertClose(value, got, $"{what}: {unit}/{code}");
                }
            }
        }
    }

    private static int IndexOfUnit(IndicatorData data, string unit)
    {
        for (var u = 0; u < data.UnitCount; u++)
        {
            if (data.UnitCodes[u] == unit)
            {
                return u;
            }
        }
        throw new InvalidOperationException($"unit {unit} not in the data");
    }

    private static void AssertClose(double expected, double actual, string where)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            Assert.True(double.IsNaN(expected) && double.IsNaN(actual), $"{where}: COINr {expected}, engine {actual}");
            return;
        }
        var scale = Math.Max(Math.Abs(expected), Math.Abs(actual));
        Assert.True(Math.Abs(expected - actual) <= Tolerance * scale,
            $"{where}: COINr {expected:R}, engine {actual:R}, relative difference {Math.Abs(expected - actual) / scale:E2}");
    }

    /// <summary>A fixture CSV: the first column keys the rows, the others are numbers (empty = missing).</summary>
    private sealed record Fixture(IReadOnlyList<string> Columns, IReadOnlyList<(string Key, Dictionary<string, double> Values)> Rows)
    {
        public static Fixture Read(string set, string file)
        {
            var lines = File.ReadAllLines(TestFrameworks.DataPath("coinr", set, file));
            static string[] Split(string line) => line.Split(',').Select(f => f.Trim('"')).ToArray();
            var header = Split(lines[0]);
            var rows = new List<(string, Dictionary<string, double>)>();
            foreach (var line in lines.Skip(1))
            {
                var fields = Split(line);
                var values = new Dictionary<string, double>();
                for (var c = 1; c < header.Length; c++)
                {
                    if (header[c] is "Level")
                    {
                        continue;
                    }
                    values[header[c]] = fields[c].Length == 0 ? double.NaN : double.Parse(fields[c], CultureInfo.InvariantCulture);
                }
                rows.Add((fields[0], values));
            }
            return new Fixture(header.Skip(1).Where(h => h != "Level").ToList(), rows);
        }
    }
}
