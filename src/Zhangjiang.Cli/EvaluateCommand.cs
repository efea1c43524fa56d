using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Zhangjiang.Indicators;

namespace Zhangjiang.Cli;

/// <summary>`zj evaluate`: runs the composite-indicator engine on COINr iData/iMeta files and writes CSV results.</summary>
internal static class EvaluateCommand
{
    public static Command Build()
    {
        var data = new Option<FileInfo>("--data") { Description = "iData.csv (units × columns, COINr layout).", Required = true };
        var meta = new Option<FileInfo?>("--meta") { Description = "iMeta.csv (the framework, COINr layout); not needed when --data is a workbook with sheets iData and iMeta." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the result CSV files.", Required = true };
        var denominate = new Option<bool>("--denominate") { Description = "Divide indicators by their Denominator column." };
        var impute = new Option<string>("--impute") { Description = "none | mean | median | group-mean:COL | group-median:COL | previous-year", DefaultValueFactory = _ => "none" };
        var screen = new Option<double?>("--screen") { Description = "Drop units whose data availability (0–1) is below this." };
        var treat = new Option<string>("--treat") { Description = "none | winsorise[:MAX_POINTS] (then log if needed)", DefaultValueFactory = _ => "none" };
        var normalise = new Option<string>("--normalise") { Description = "minmax[:L,U] | zscore[:MEAN,SD] | rank | prank | target | best | benchmark", DefaultValueFactory = _ => "minmax" };
        var aggregate = new Option<string>("--aggregate") { Description = "arithmetic | geometric | harmonic", DefaultValueFactory = _ => "arithmetic" };
        var weights = new Option<FileInfo?>("--weights") { Description = "CSV with columns iCode,Weight replacing iMeta's weights." };
        var benchmarks = new Option<FileInfo?>("--benchmarks") { Description = "CSV with columns iCode,Value: benchmark values for --normalise benchmark (distance to a benchmark)." };
        var uncertainty = new Option<int?>("--uncertainty") { Description = "Monte Carlo replications for rank intervals." };
        var seed = new Option<int>("--seed") { Description = "Seed for the uncertainty analysis (same seed, same result).", DefaultValueFactory = _ => 1 };
        var weightNoise = new Option<double>("--weight-noise") { Description = "Weights vary by up to ± this fraction (default 0.25).", DefaultValueFactory = _ => 0.25 };
        var altNormalise = new Option<string?>("--alt-normalise") { Description = "Alternative normalisations drawn at random, e.g. minmax,zscore:100,10." };
        var altAggregate = new Option<string?>("--alt-aggregate") { Description = "Alternative aggregations drawn at random, e.g. arithmetic,geometric." };
        var altImpute = new Option<bool>("--alt-impute") { Description = "Draw imputation on or off at random." };
        var sensitivity = new Option<int?>("--sensitivity") { Description = "Sobol sensitivity with this base sample size N (N·(k+2) runs); inputs as for --uncertainty." };
        var improve = new Option<string?>("--improve") { Description = "Unit code: plan the smallest indicator changes that lift it to --to-rank or --to-score." };
        var toRank = new Option<int?>("--to-rank") { Description = "Target rank for --improve (1 = best)." };
        var toScore = new Option<double?>("--to-score") { Description = "Target score for --improve." };
        var command = new Command("evaluate", "Composite indicator: denominate, screen, impute, treat, normalise, aggregate, rank.")
        {
            data, meta, output, denominate, impute, screen, treat, normalise, aggregate, weights, benchmarks,
            uncertainty, seed, weightNoise, altNormalise, altAggregate, altImpute, sensitivity, improve, toRank, toScore,
        };
        command.SetAction((parse, ct) => Task.FromResult(Run(new EvaluateArguments(
            parse.GetValue(data)!, parse.GetValue(meta), parse.GetValue(output)!, parse.GetValue(denominate),
            parse.GetValue(impute)!, parse.GetValue(screen), parse.GetValue(treat)!, parse.GetValue(normalise)!,
            parse.GetValue(aggregate)!, parse.GetValue(weights))
        {
            Uncertainty = parse.GetValue(uncertainty), Seed = parse.GetValue(seed), WeightNoise = parse.GetValue(weightNoise),
            AltNormalise = parse.GetValue(altNormalise), AltAggregate = parse.GetValue(altAggregate), AltImpute = parse.GetValue(altImpute),
            Sensitivity = parse.GetValue(sensitivity), Improve = parse.GetValue(improve), Benchmarks = parse.GetValue(benchmarks), ToRank = parse.GetValue(toRank), ToScore = parse.GetValue(toScore),
        }, ct)));
        return command;
    }

    internal sealed record EvaluateArguments(
        FileInfo Data, FileInfo? Meta, DirectoryInfo Out, bool Denominate, string Impute, double? Screen, string Treat,
        string Normalise, string Aggregate, FileInfo? Weights)
    {
        public int? Uncertainty { get; init; }
        public int Seed { get; init; } = 1;
        public double WeightNoise { get; init; } = 0.25;
        public string? AltNormalise { get; init; }
        public string? AltAggregate { get; init; }
        public bool AltImpute { get; init; }
        public int? Sensitivity { get; init; }
        public FileInfo? Benchmarks { get; init; }
        public string? Improve { get; init; }
        public int? ToRank { get; init; }
        public double? ToScore { get; init; }
    }

    /// <summary>Exit codes: 0 done, 2 bad input (nothing written), 130 cancelled.</summary>
    internal static int Run(EvaluateArguments args, CancellationToken cancellationToken)
    {
        try
        {
            var options = Options(args);
            IndicatorFramework framework;
            IndicatorData dataset;
            (framework, dataset) = ReadInputs(args);
            if (args.Weights is not null)
            {
                framework = framework.WithWeights(ReadCodeValues(args.Weights, framework, "Weight", allowNegative: false));
            }
            if (options.Normalisation.Method == NormalisationMethod.Benchmark)
            {
                if (args.Benchmarks is null)
                {
                    throw new ArgumentException("--normalise benchmark needs --benchmarks FILE (columns iCode,Value).");
                }
                var values = ReadCodeValues(args.Benchmarks, framework, "Value", allowNegative: true);
                var missing = framework.Nodes.Take(framework.IndicatorCount).Select(n => n.Code).Where(c => !values.ContainsKey(c)).ToList();
                if (missing.Count > 0)
                {
                    throw new InputFileException(args.Benchmarks.Name, null, "iCode", "no benchmark value for: " + string.Join(", ", missing));
                }
                options = options with { Normalisation = options.Normalisation with { Benchmarks = values } };
            }
            cancellationToken.ThrowIfCancellationRequested();
            var result = CompositeIndicator.Run(framework, dataset, options);
            cancellationToken.ThrowIfCancellationRequested();
            UncertaintyResult? uncertainty = null;
            if (args.Uncertainty is { } replications)
            {
                var uncertaintyOptions = new UncertaintyOptions
                {
                    Replications = replications, Seed = args.Seed, WeightNoise = args.WeightNoise, ToggleImputation = args.AltImpute,
                    Normalisations = AlternativeNormalisations(args), Aggregations = AlternativeAggregations(args),
                };
                AnsiConsole.Progress().Start(progress =>
                {
                    var task = progress.AddTask("Uncertainty", maxValue: replications);
                    uncertainty = Uncertainty.Run(framework, dataset, options, uncertaintyOptions,
                        new Progress<int>(done => task.Value = done), cancellationToken);
                    task.Value = replications;
                });
            }
            SensitivityResult? sensitivity = null;
            if (args.Sensitivity is { } sampleSize)
            {
                sensitivity = AnsiConsole.Status().Start("Sensitivity…", _ => Sensitivity.Run(framework, dataset, options, new SensitivityOptions
                {
                    SampleSize = sampleSize, Seed = args.Seed, WeightNoise = args.WeightNoise, ToggleImputation = args.AltImpute,
                    Normalisations = AlternativeNormalisations(args), Aggregations = AlternativeAggregations(args),
                }, cancellationToken));
            }
            ImprovementPath? improvement = null;
            if (args.Improve is { } unit)
            {
                if (!result.UnitCodes.Contains(unit))
                {
                    throw new ArgumentException($"--improve: unit '{unit}' is not in the data (after screening).");
                }
                if (args.ToRank is null && args.ToScore is null)
                {
                    throw new ArgumentException("--improve needs --to-rank or --to-score.");
                }
                improvement = Improvement.Plan(result, options.Normalisation, options.Aggregation, unit, args.ToRank, args.ToScore);
                AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"Improvement for {Markup.Escape(unit)}: rank {improvement.RankBefore} → {improvement.RankAfter} with {improvement.Steps.Count} change(s){(improvement.Reached ? "" : " — target not reachable within the observed ranges")}."));
            }
            WriteAll(args.Out, result, uncertainty, contributions: options.Aggregation == AggregationMethod.Arithmetic, improvement, sensitivity);
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[green]Done:[/] {result.UnitCodes.Count} units, {framework.IndicatorCount} indicators, {framework.Nodes.Count - framework.IndicatorCount} aggregates → {Markup.Escape(args.Out.FullName)}"));
            return 0;
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]Cancelled; nothing written.[/]");
            return 130;
        }
        catch (Exception ex) when (ex is InputFileException or FrameworkException or AggregationException or ArgumentException or InvalidOperationException or NotSupportedException or IOException)
        {
            AnsiConsole.MarkupLine($"[red]Error:[/] {Markup.Escape(ex.Message)}");
            return 2;
        }
    }

    /// <summary>CSV pair, or one Excel workbook with sheets iData and iMeta (read as the same layout, rows numbered alike).</summary>
    private static (IndicatorFramework, IndicatorData) ReadInputs(EvaluateArguments args)
    {
        if (args.Data.Extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            if (!args.Data.Exists)
            {
                throw new InputFileException(args.Data.Name, null, null, $"file not found ({args.Data.FullName})");
            }
            using var dataSheet = SheetAsCsv(args.Data, "iData");
            using var metaSheet = SheetAsCsv(args.Data, "iMeta");
            return CoinrCsv.Read(dataSheet, args.Data.Name + "[iData]", metaSheet, args.Data.Name + "[iMeta]");
        }
        if (args.Meta is null)
        {
            throw new ArgumentException("--meta is required unless --data is an .xlsx workbook with sheets iData and iMeta.");
        }
        using var dataStream = Open(args.Data);
        using var metaStream = Open(args.Meta);
        return CoinrCsv.Read(dataStream, args.Data.Name, metaStream, args.Meta.Name);
    }

    private static MemoryStream SheetAsCsv(FileInfo workbook, string sheet)
    {
        if (!MiniExcelLibs.MiniExcel.GetSheetNames(workbook.FullName).Contains(sheet))
        {
            throw new InputFileException(workbook.Name, null, null, $"the workbook has no sheet '{sheet}'");
        }
        var text = new System.Text.StringBuilder();
        var first = true;
        foreach (IDictionary<string, object?> row in MiniExcelLibs.MiniExcel.Query(workbook.FullName, useHeaderRow: true, sheetName: sheet))
        {
            if (first)
            {
                text.AppendLine(string.Join(",", row.Keys.Select(Quote)));
                first = false;
            }
            text.AppendLine(string.Join(",", row.Values.Select(v => Quote(v switch
            {
                null => "",
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString() ?? "",
            }))));
        }
        return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text.ToString()));

        static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static FileStream Open(FileInfo file) =>
        file.Exists ? file.OpenRead() : throw new InputFileException(file.Name, null, null, $"file not found ({file.FullName})");

    internal static PipelineOptions Options(EvaluateArguments args)
    {
        var (imputation, group) = args.Impute.Split(':', 2) switch
        {
            ["none"] => (ImputationMethod.None, null),
            ["mean"] => (ImputationMethod.Mean, null),
            ["median"] => (ImputationMethod.Median, null),
            ["group-mean", var col] => (ImputationMethod.GroupMean, col),
            ["group-median", var col] => (ImputationMethod.GroupMedian, col),
            ["previous-year"] => (ImputationMethod.PreviousYear, (string?)null),
            _ => throw new ArgumentException($"--impute '{args.Impute}' is not one of none, mean, median, group-mean:COL, group-median:COL, previous-year."),
        };
        TreatmentOptions? treatment = args.Treat.Split(':', 2) switch
        {
            ["none"] => null,
            ["winsorise"] => new TreatmentOptions(),
            ["winsorise", var n] when int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var points) => new TreatmentOptions(points),
            _ => throw new ArgumentException($"--treat '{args.Treat}' is not none or winsorise[:MAX_POINTS]."),
        };
        var normalisation = Normalisation(args.Normalise, args.Normalise);
        var aggregation = Aggregation(args.Aggregate);
        if (args.Screen is < 0 or > 1)
        {
            throw new ArgumentException("--screen is a share between 0 and 1.");
        }
        return new PipelineOptions
        {
            Denominate = args.Denominate, MinimumAvailability = args.Screen, Imputation = imputation, ImputationGroup = group,
            Treatment = treatment, Normalisation = normalisation, Aggregation = aggregation,
        };
    }

    private static NormalisationOptions Normalisation(string text, string option)
    {
        var parts = text.Split(':', 2);
        var bounds = parts.Length == 2 ? parts[1].Split(',') : [];
        double Bound(int i) => double.TryParse(bounds[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v : throw new ArgumentException($"--normalise '{option}': '{bounds[i]}' is not a number.");
        if (bounds.Length is not (0 or 2))
        {
            throw new ArgumentException($"--normalise '{option}': give two numbers, e.g. minmax:0,100.");
        }
        return parts[0] switch
        {
            "minmax" => bounds.Length == 2 ? new NormalisationOptions(NormalisationMethod.MinMax, Bound(0), Bound(1)) : NormalisationOptions.Default,
            "zscore" => bounds.Length == 2 ? NormalisationOptions.ZScores(Bound(0), Bound(1)) : NormalisationOptions.ZScores(),
            "rank" => new NormalisationOptions(NormalisationMethod.Rank),
            "prank" => new NormalisationOptions(NormalisationMethod.PercentileRank),
            "target" => new NormalisationOptions(NormalisationMethod.Target),
            "best" => new NormalisationOptions(NormalisationMethod.Best),
            "benchmark" => new NormalisationOptions(NormalisationMethod.Benchmark),
            _ => throw new ArgumentException($"--normalise '{text}' is not one of minmax, zscore, rank, prank, target, best, benchmark."),
        };
    }

    private static List<NormalisationOptions> AlternativeNormalisations(EvaluateArguments args) =>
        args.AltNormalise is null ? [] : SplitAlternatives(args.AltNormalise).Select(a => Normalisation(a, args.AltNormalise)).ToList();

    private static List<AggregationMethod> AlternativeAggregations(EvaluateArguments args) =>
        args.AltAggregate is null ? [] : args.AltAggregate.Split(',').Select(Aggregation).ToList();

    /// <summary>"minmax,zscore:100,10" → ["minmax", "zscore:100,10"]: a number after "name:number" belongs to it.</summary>
    internal static List<string> SplitAlternatives(string text)
    {
        var items = new List<string>();
        foreach (var token in text.Split(','))
        {
            var isNumber = double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            if (isNumber && items.Count > 0 && items[^1].Contains(':', StringComparison.Ordinal) && !items[^1].Contains(',', StringComparison.Ordinal))
            {
                items[^1] += "," + token;
            }
            else
            {
                items.Add(token.Trim());
            }
        }
        return items;
    }

    private static AggregationMethod Aggregation(string text) => text switch
    {
        "arithmetic" => AggregationMethod.Arithmetic,
        "geometric" => AggregationMethod.Geometric,
        "harmonic" => AggregationMethod.Harmonic,
        _ => throw new ArgumentException($"--aggregate '{text}' is not one of arithmetic, geometric, harmonic."),
    };

    /// <summary>A two-column CSV (iCode, number): weights or benchmark values.</summary>
    private static Dictionary<string, double> ReadCodeValues(FileInfo file, IndicatorFramework framework, string column, bool allowNegative)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var line = 0;
        foreach (var text in File.ReadLines(file.FullName))
        {
            line++;
            if (line == 1 || text.Trim().Length == 0)
            {
                continue;
            }
            var cells = text.Split(',');
            var code = cells[0].Trim().Trim('"');
            if (framework.IndexOf(code) < 0)
            {
                throw new InputFileException(file.Name, line, "iCode", $"'{code}' is not an indicator or aggregate of the framework");
            }
            if (cells.Length < 2 || !double.TryParse(cells[1].Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out var w))
            {
                throw new InputFileException(file.Name, line, column, "a number is required");
            }
            if (w < 0 && !allowNegative)
            {
                throw new InputFileException(file.Name, line, column, "a value below zero is not allowed");
            }
            weights[code] = w;
        }
        return weights;
    }

    /// <summary>Writes into a fresh folder next to the target, then moves the files in: a failure leaves no half-written results.</summary>
    private static void WriteAll(DirectoryInfo target, CompositeResult result, UncertaintyResult? uncertainty, bool contributions, ImprovementPath? improvement, SensitivityResult? sensitivity)
    {
        target.Create();
        var staging = Directory.CreateDirectory(Path.Combine(target.FullName, ".zj-evaluate-" + Guid.NewGuid().ToString("N")[..8]));
        try
        {
            void Csv(string name, Action<TextWriter> write)
            {
                using var writer = new StreamWriter(Path.Combine(staging.FullName, name), false, new System.Text.UTF8Encoding(false));
                write(writer);
            }
            Csv("scores.csv", w => ResultCsv.WriteScores(result, w));
            Csv("ranks.csv", w => ResultCsv.WriteRanks(result, w));
            Csv("strengths-weaknesses.csv", w => ResultCsv.WriteStrengthsAndWeaknesses(result, w));
            Csv("statistics.csv", w => ResultCsv.WriteStatistics(result, w));
            Csv("correlations.csv", w => ResultCsv.WriteCorrelations(result, w));
            if (contributions)
            {
                // Contributions add up to the score only for the arithmetic mean.
                Csv("contributions.csv", w => ResultCsv.WriteContributions(result, w));
            }
            if (uncertainty is not null)
            {
                Csv("rank-intervals.csv", w => ResultCsv.WriteRankIntervals(uncertainty, w));
            }
            if (sensitivity is not null)
            {
                Csv("sensitivity.csv", w => ResultCsv.WriteSensitivity(sensitivity, w));
            }
            if (improvement is not null)
            {
                Csv($"improvement-{improvement.UnitCode}.csv", w => ResultCsv.WriteImprovement(improvement, w));
            }
            if (result.ImputedValues is not null)
            {
                Csv("imputed.csv", w => ResultCsv.WriteDataset(result, result.ImputedValues, w));
            }
            if (result.TreatedValues is not null)
            {
                Csv("treated.csv", w => ResultCsv.WriteDataset(result, result.TreatedValues, w));
                Csv("treatment.csv", w => ResultCsv.WriteTreatment(result, w));
            }
            foreach (var file in staging.GetFiles())
            {
                file.MoveTo(Path.Combine(target.FullName, file.Name), overwrite: true);
            }
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }
}
