using System.Globalization;
using Zhangjiang.Cli;
using Zhangjiang.Indicators;

namespace Zhangjiang.Platform.Tests;

/// <summary>`zj evaluate` end to end on the two data sets of ../shared/data (copied into the tests).</summary>
public sealed class EvaluateCommandTests
{
    private static string DataFile(string set, string name) => Path.Combine(AppContext.BaseDirectory, "Data", set, name);

    private static Task<int> ZjAsync(params string[] args) => ZjCommands.Build().Parse(args).InvokeAsync();

    [Theory]
    [InlineData("asem", "group-mean:EurAsia_group")]
    [InlineData("synthetic-3000x60", "group-mean:Region")]
    public async Task Evaluate_writes_scores_and_ranks_that_parse_back_to_the_engines_values(string set, string impute)
    {
        var output = Directory.CreateTempSubdirectory("zj-evaluate-");
        try
        {
            var exit = await ZjAsync("evaluate", "--data", DataFile(set, "iData.csv"), "--meta", DataFile(set, "iMeta.csv"),
                "--out", output.FullName, "--impute", impute, "--treat", "winsorise");
            Assert.Equal(0, exit);
            Assert.Equal(["contributions.csv", "correlations.csv", "imputed.csv", "ranks.csv", "scores.csv", "statistics.csv", "strengths-weaknesses.csv", "treated.csv", "treatment.csv"],
                output.GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal));

            await using var data = File.OpenRead(DataFile(set, "iData.csv"));
            await using var meta = File.OpenRead(DataFile(set, "iMeta.csv"));
            var (framework, dataset) = CoinrCsv.Read(data, "iData.csv", meta, "iMeta.csv");
            var expected = CompositeIndicator.Run(framework, dataset, new PipelineOptions
            {
                Imputation = ImputationMethod.GroupMean, ImputationGroup = impute.Split(':')[1], Treatment = new TreatmentOptions(),
            });
            var lines = await File.ReadAllLinesAsync(Path.Combine(output.FullName, "scores.csv"));
            var header = lines[0].Split(',');
            Assert.Equal(["uCode", .. framework.Nodes.Select(n => n.Code)], header);
            Assert.Equal(dataset.UnitCount + 1, lines.Length);
            var index = Array.IndexOf(header, "Index");
            for (var u = 0; u < dataset.UnitCount; u++)
            {
                var cells = lines[u + 1].Split(',');
                Assert.Equal(expected.UnitCodes[u], cells[0]);
                // Written in round-trip form: the parsed value is bit-for-bit the engine's.
                Assert.Equal(expected.Scores[index - 1][u], double.Parse(cells[index], CultureInfo.InvariantCulture));
            }

            // Effective weights: the indicators' add up to 1, as do each level's.
            var statistics = (await File.ReadAllLinesAsync(Path.Combine(output.FullName, "statistics.csv"))).Select(l => l.Split(',')).ToList();
            var effective = Array.IndexOf(statistics[0], "EffectiveWeight");
            foreach (var level in statistics.Skip(1).GroupBy(r => r[1]))
            {
                Assert.Equal(1, level.Sum(r => double.Parse(r[effective], CultureInfo.InvariantCulture)), 1e-12);
            }
            // Correlations: every node against every node, 1 on the diagonal, the same both ways.
            var correlations = (await File.ReadAllLinesAsync(Path.Combine(output.FullName, "correlations.csv"))).Select(l => l.Split(',')).ToList();
            Assert.Equal(["iCode", "Level", .. framework.Nodes.Select(n => n.Code)], correlations[0]);
            Assert.Equal(framework.Nodes.Count + 1, correlations.Count);
            for (var r = 1; r < correlations.Count; r++)
            {
                Assert.Equal(1, double.Parse(correlations[r][r + 1], CultureInfo.InvariantCulture), 1e-12);
                Assert.Equal(correlations[r][Math.Min(r + 5, correlations.Count - 1) + 1], correlations[Math.Min(r + 5, correlations.Count - 1)][r + 1]);
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Uncertainty_writes_rank_intervals_and_the_same_seed_gives_the_same_file()
    {
        var first = Directory.CreateTempSubdirectory("zj-unc-");
        var second = Directory.CreateTempSubdirectory("zj-unc-");
        try
        {
            string[] Args(string output) =>
            [
                "evaluate", "--data", DataFile("asem", "iData.csv"), "--meta", DataFile("asem", "iMeta.csv"), "--out", output,
                "--uncertainty", "300", "--seed", "11", "--weight-noise", "0.25", "--alt-normalise", "minmax:1,100,zscore:100,10",
                "--alt-aggregate", "arithmetic,geometric",
            ];
            Assert.Equal(0, await ZjAsync(Args(first.FullName)));
            Assert.Equal(0, await ZjAsync(Args(second.FullName)));
            var a = await File.ReadAllTextAsync(Path.Combine(first.FullName, "rank-intervals.csv"));
            Assert.Equal(a, await File.ReadAllTextAsync(Path.Combine(second.FullName, "rank-intervals.csv")));
            var lines = a.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("uCode,Nominal,Median,P5,P95,FailedReplications", lines[0].TrimEnd('\r'));
            Assert.Equal(52, lines.Length);
        }
        finally
        {
            first.Delete(recursive: true);
            second.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Improve_writes_the_path_for_a_unit()
    {
        var output = Directory.CreateTempSubdirectory("zj-improve-");
        try
        {
            Assert.Equal(0, await ZjAsync("evaluate", "--data", DataFile("asem", "iData.csv"), "--meta", DataFile("asem", "iMeta.csv"),
                "--out", output.FullName, "--improve", "BGR", "--to-rank", "10"));
            var lines = await File.ReadAllLinesAsync(Path.Combine(output.FullName, "improvement-BGR.csv"));
            Assert.Equal("Step,iCode,From,To,Change,ScoreAfter,RankAfter,Reached", lines[0]);
            Assert.EndsWith(",TRUE", lines[1], StringComparison.Ordinal);
            Assert.Equal("10", lines[^1].Split(',')[6]);
            Assert.Equal(2, await ZjAsync("evaluate", "--data", DataFile("asem", "iData.csv"), "--meta", DataFile("asem", "iMeta.csv"),
                "--out", output.FullName, "--improve", "NOPE", "--to-rank", "1"));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Sensitivity_writes_one_row_per_uncertain_input()
    {
        var output = Directory.CreateTempSubdirectory("zj-sens-");
        try
        {
            Assert.Equal(0, await ZjAsync("evaluate", "--data", DataFile("asem", "iData.csv"), "--meta", DataFile("asem", "iMeta.csv"),
                "--out", output.FullName, "--sensitivity", "100", "--seed", "4", "--alt-normalise", "minmax:1,100,zscore:100,10"));
            var lines = await File.ReadAllLinesAsync(Path.Combine(output.FullName, "sensitivity.csv"));
            Assert.Equal("Input,FirstOrder,FirstOrderP5,FirstOrderP95,Total,TotalP5,TotalP95,Output,Runs,FailedRuns", lines[0]);
            Assert.Equal(["Weights", "Normalisation"], lines.Skip(1).Select(l => l.Split(',')[0]));
            Assert.All(lines.Skip(1), l => Assert.Equal("400", l.Split(',')[8]));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_workbook_with_sheets_iData_and_iMeta_gives_the_same_results_as_the_csv_pair()
    {
        var work = Directory.CreateTempSubdirectory("zj-xlsx-");
        try
        {
            List<Dictionary<string, object?>> Sheet(string file)
            {
                var lines = File.ReadAllLines(DataFile("asem", file));
                var header = SplitCsv(lines[0]);
                return lines.Skip(1).Select(line => header.Zip(SplitCsv(line)).ToDictionary(
                    p => p.First,
                    p => p.Second.Length == 0 ? null
                        : double.TryParse(p.Second, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : (object)p.Second)).ToList();
            }
            var book = Path.Combine(work.FullName, "asem.xlsx");
            await MiniExcelLibs.MiniExcel.SaveAsAsync(book, new Dictionary<string, object> { ["iData"] = Sheet("iData.csv"), ["iMeta"] = Sheet("iMeta.csv") });

            var fromBook = Path.Combine(work.FullName, "book");
            var fromCsv = Path.Combine(work.FullName, "csv");
            Assert.Equal(0, await ZjAsync("evaluate", "--data", book, "--out", fromBook, "--treat", "winsorise"));
            Assert.Equal(0, await ZjAsync("evaluate", "--data", DataFile("asem", "iData.csv"), "--meta", DataFile("asem", "iMeta.csv"), "--out", fromCsv, "--treat", "winsorise"));
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(fromCsv, "scores.csv")), await File.ReadAllTextAsync(Path.Combine(fromBook, "scores.csv")));
            Assert.Equal(2, await ZjAsync("evaluate", "--data", DataFile("asem", "iData.csv"), "--out", fromCsv)); // a CSV needs --meta
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string[] SplitCsv(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        cells.Add(current.ToString());
        return [.. cells];
    }

    [Fact]
    public async Task Distance_to_benchmark_needs_a_value_for_every_indicator()
    {
        var work = Directory.CreateTempSubdirectory("zj-bench-");
        try
        {
            await using var data = File.OpenRead(DataFile("asem", "iData.csv"));
            await using var meta = File.OpenRead(DataFile("asem", "iMeta.csv"));
            var (framework, units) = CoinrCsv.Read(data, "iData.csv", meta, "iMeta.csv");
            // Benchmark = the best observed value of each indicator: every unit then scores at most 1.
            var lines = new List<string> { "iCode,Value" };
            for (var i = 0; i < framework.IndicatorCount; i++)
            {
                var node = framework.Nodes[i];
                var best = node.Direction > 0 ? Statistics.Max(units.Values[i]) : Statistics.Min(units.Values[i]);
                lines.Add(node.Code + "," + best.ToString("R", CultureInfo.InvariantCulture));
            }
            var file = Path.Combine(work.FullName, "benchmarks.csv");
            await File.WriteAllLinesAsync(file, lines);
            var output = Path.Combine(work.FullName, "out");
            Assert.Equal(0, await ZjAsync("evaluate", "--data", DataFile("asem", "iData.csv"), "--meta", DataFile("asem", "iMeta.csv"),
                "--out", output, "--normalise", "benchmark", "--benchmarks", file));
            var index = (await File.ReadAllLinesAsync(Path.Combine(output, "scores.csv"))).Skip(1)
                .Select(l => double.Parse(l.Split(',')[^1], CultureInfo.InvariantCulture)).ToList();
            Assert.All(index, v => Assert.InRange(v, 0, 1 + 1e-12));

            await File.WriteAllLinesAsync(file, lines.Take(lines.Count - 1));
            Assert.Equal(2, await ZjAsync("evaluate", "--data", DataFile("asem", "iData.csv"), "--meta", DataFile("asem", "iMeta.csv"),
                "--out", Path.Combine(work.FullName, "out2"), "--normalise", "benchmark", "--benchmarks", file));
            Assert.False(Directory.Exists(Path.Combine(work.FullName, "out2")) && Directory.EnumerateFileSystemEntries(Path.Combine(work.FullName, "out2")).Any());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public void Cancelling_a_long_run_stops_cleanly_and_writes_nothing()
    {
        var output = Path.Combine(Path.GetTempPath(), "zj-cancel-" + Guid.NewGuid().ToString("N")[..8]);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel(); // as Ctrl-C would
        var exit = EvaluateCommand.Run(new EvaluateCommand.EvaluateArguments(
            new FileInfo(DataFile("synthetic-3000x60", "iData.csv")), new FileInfo(DataFile("synthetic-3000x60", "iMeta.csv")),
            new DirectoryInfo(output), false, "none", null, "none", "minmax", "arithmetic", null) { Uncertainty = 10_000 }, cancelled.Token);
        Assert.Equal(130, exit);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());
    }

    [Fact]
    public void Alternatives_keep_their_parameters_together() =>
        Assert.Equal(["minmax", "zscore:100,10", "rank"], EvaluateCommand.SplitAlternatives("minmax,zscore:100,10,rank"));

    [Fact]
    public async Task Bad_input_stops_with_exit_code_2_and_writes_nothing()
    {
        var work = Directory.CreateTempSubdirectory("zj-evaluate-bad-");
        try
        {
            var meta = Path.Combine(work.FullName, "iMeta.csv");
            var lines = await File.ReadAllLinesAsync(DataFile("asem", "iMeta.csv"));
            lines[1] = lines[1].Replace("\"Physical\"", "\"NoSuchPillar\"", StringComparison.Ordinal);
            await File.WriteAllLinesAsync(meta, lines);
            var output = Path.Combine(work.FullName, "out");
            Assert.Equal(2, await ZjAsync("evaluate", "--data", DataFile("asem", "iData.csv"), "--meta", meta, "--out", output));
            Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());

            var data = Path.Combine(work.FullName, "iData.csv");
            var rows = await File.ReadAllLinesAsync(DataFile("asem", "iData.csv"));
            rows[2] = rows[2].Replace(",4.108538,", ",four,", StringComparison.Ordinal);
            await File.WriteAllLinesAsync(data, rows);
            Assert.Equal(2, await ZjAsync("evaluate", "--data", data, "--meta", DataFile("asem", "iMeta.csv"), "--out", output));
            Assert.Equal(2, await ZjAsync("evaluate", "--data", DataFile("asem", "iData.csv"), "--meta", DataFile("asem", "iMeta.csv"), "--out", output, "--aggregate", "geometric"));
            Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
