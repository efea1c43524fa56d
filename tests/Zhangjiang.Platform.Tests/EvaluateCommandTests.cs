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
            Assert.Equal(["imputed.csv", "ranks.csv", "scores.csv", "treated.csv", "treatment.csv"],
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
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

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
