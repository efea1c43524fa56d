using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Zhangjiang.Platform.Features.Enterprises;

namespace Zhangjiang.Cli;

/// <summary>`zj import statistics FILE`: the annual-statistics import with a progress bar and an error report.</summary>
internal static class ImportCommand
{
    public static Command Build()
    {
        var import = new Command("import", "Bulk imports (all-or-nothing; a refused file changes nothing).");
        var file = new Argument<FileInfo>("FILE") { Description = "Annual statistics as .csv (UTF-8) or .xlsx, laid out as the template (zj import statistics-template)." };
        var report = new Option<FileInfo?>("--report") { Description = "Where to write the per-row error report (.xlsx) when the file is refused." };
        var statistics = new Command("statistics", "Import enterprises' annual statistics (one row per firm and year).") { file, report };
        statistics.SetAction(async (parse, ct) => await ZjCommands.RunAsync(async sp =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                AnsiConsole.MarkupLine($"[red]No such file:[/] {Markup.Escape(path.FullName)}");
                return 2;
            }
            await using var stream = path.OpenRead();
            var importer = sp.GetRequiredService<StatisticsImporter>();
            StatisticsImportOutcome outcome = null!;
            if (Console.IsOutputRedirected)
            {
                // Logs and scripts get plain lines: each phase, then every 100,000 rows.
                var last = (Phase: (StatisticsImportPhase)(-1), Rows: 0L, Fraction: 0.0);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var lines = new SynchronousProgress(p =>
                {
                    if (p.Phase != last.Phase || p.Rows - last.Rows >= 100_000 || (p.Phase == StatisticsImportPhase.Finishing && p.Fraction != last.Fraction))
                    {
                        Console.WriteLine($"{p.Phase} {p.Rows.ToString("N0", CultureInfo.InvariantCulture)} rows ({p.Fraction.ToString("P0", CultureInfo.InvariantCulture)}) at {clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s");
                        last = (p.Phase, p.Rows, p.Fraction);
                    }
                });
                outcome = await importer.ImportAsync(CliHost.Principal, CliHost.Actor, stream, path.Name, lines, ct);
                return await ShowAsync(outcome, path.Name, parse.GetValue(report), ct);
            }
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("Checking", maxValue: 1000);
                    var progress = new SynchronousProgress(p =>
                    {
                        task.Description = $"{p.Phase} {p.Rows:N0} rows";
                        task.Value = p.Phase switch
                        {
                            StatisticsImportPhase.Importing => p.Fraction * 950,
                            StatisticsImportPhase.Finishing => 950 + p.Fraction * 50,
                            _ => 0,
                        };
                    });
                    outcome = await importer.ImportAsync(CliHost.Principal, CliHost.Actor, stream, path.Name, progress, ct);
                    task.Value = 1000;
                });
            return await ShowAsync(outcome, path.Name, parse.GetValue(report), ct);
        }));
        import.Subcommands.Add(statistics);

        var output = new Argument<FileInfo>("OUT") { Description = "Template to write: .xlsx (with a sheet describing every field) or .csv." };
        var template = new Command("statistics-template", "Write the annual-statistics template.") { output };
        template.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(output)!;
            if (path.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
            {
                await File.WriteAllBytesAsync(path.FullName, StatisticsWorkbooks.CsvTemplate(), ct);
            }
            else
            {
                await using var stream = File.Create(path.FullName);
                await StatisticsWorkbooks.WriteTemplateAsync(stream, ct);
            }
            AnsiConsole.MarkupLine($"[green]Template written:[/] {Markup.Escape(path.FullName)}");
            return 0;
        });
        import.Subcommands.Add(template);
        return import;
    }

    /// <summary>`zj rollup`: recompute the park indicators from the firms' statistics.</summary>
    public static Command Rollup()
    {
        var year = new Option<int[]>("--year") { Description = "Only these years (repeatable); default: every year with statistics.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("rollup", "Recompute the park-level indicators from the enterprises' annual statistics (formulas as stored).") { year };
        command.SetAction(async (parse, ct) => await ZjCommands.RunAsync(async sp =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = await sp.GetRequiredService<StatisticsRollup>().ComputeAsync(CliHost.Principal, CliHost.Actor, parse.GetValue(year), ct);
            if (!result.Succeeded)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")))}[/]");
                return 1;
            }
            var s = result.Value!;
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[green]Rolled up[/] {s.Formulas} formulas over {s.Years.Count} year(s) ({string.Join(", ", s.Years)}): {s.Values:N0} park values in {clock.Elapsed.TotalSeconds:F2} s."));
            return 0;
        }));
        return command;
    }

    /// <summary>`zj demo enterprises`: synthetic firms, statistics and tiers through the real importer.</summary>
    public static Command DemoEnterprises()
    {
        var count = new Option<int>("--count") { Description = "How many firms.", DefaultValueFactory = _ => 2000 };
        var years = new Option<int>("--years") { Description = "How many years of statistics, ending last year.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same data.", DefaultValueFactory = _ => 1 };
        var lastYear = new Option<int>("--last-year") { Description = "The last statistics year (default: last year).", DefaultValueFactory = _ => DateTime.UtcNow.Year - 1 };
        var csv = new Option<FileInfo?>("--csv") { Description = "Where to write the CSV (default: enterprises-demo-SEED.csv in the current folder)." };
        var csvOnly = new Option<bool>("--csv-only") { Description = "Only write the CSV (benchmark input); do not touch the database." };
        var command = new Command("enterprises", "Synthetic firms labelled 示例 across the parks, their annual statistics (imported through the real importer) and tier awards.")
        {
            count, years, seed, lastYear, csv, csvOnly,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(csv)?.FullName ?? Path.GetFullPath($"enterprises-demo-{parse.GetValue(seed)}.csv");
            if (parse.GetValue(csvOnly))
            {
                var rows = EnterpriseDemo.WriteCsvFile(path, parse.GetValue(count), parse.GetValue(years), parse.GetValue(seed), parse.GetValue(lastYear));
                AnsiConsole.MarkupLine($"[green]Demo CSV written:[/] {Markup.Escape(path)} ({rows:N0} firm-years).");
                return 0;
            }
            return await ZjCommands.RunAsync(async sp =>
            {
                try
                {
                    var lines = new SynchronousProgress(p => { });
                    var summary = await sp.GetRequiredService<EnterpriseDemo>().GenerateAsync(
                        parse.GetValue(count), parse.GetValue(years), parse.GetValue(seed), parse.GetValue(lastYear), path, lines, ct);
                    if (!summary.Import.Succeeded)
                    {
                        return await ShowAsync(summary.Import, Path.GetFileName(path), null, ct);
                    }
                    AnsiConsole.MarkupLine($"[green]Demo enterprises ready:[/] {summary.Firms:N0} firms, {summary.Rows:N0} firm-years, {summary.Awards:N0} tier awards; CSV kept at {Markup.Escape(path)}. Every firm is labelled 示例.");
                    return 0;
                }
                catch (InvalidOperationException e)
                {
                    AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                    return 1;
                }
            });
        });
        return command;
    }

    private static async Task<int> ShowAsync(StatisticsImportOutcome outcome, string fileName, FileInfo? report, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        switch (outcome.Status)
        {
            case StatisticsImportStatus.Imported:
                var s = outcome.Summary!;
                AnsiConsole.MarkupLine($"[green]Imported[/] {s.Rows:N0} rows (years {Markup.Escape(s.Years)}); {s.NewEnterprises:N0} firms added to the registry; {s.Anomalies:N0} year-on-year jumps flagged for explanation. Import {s.ImportId}.");
                return 0;
            case StatisticsImportStatus.AlreadyImported or StatisticsImportStatus.Concurrent:
                AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(outcome.Refusal!.Render(culture))}[/]");
                return 3;
            case StatisticsImportStatus.Forbidden:
                AnsiConsole.MarkupLine("[red]Not allowed.[/]");
                return 5;
        }
        AnsiConsole.MarkupLine($"[red]Refused; nothing was written.[/] {outcome.ErrorCount:N0} problem(s).");
        if (outcome.Refusal is { } refusal)
        {
            AnsiConsole.MarkupLine(Markup.Escape(refusal.Render(culture)));
        }
        if (outcome.Errors.Count > 0)
        {
            var table = new Table().AddColumns("Row", "Column", "Value", "Reason");
            foreach (var e in outcome.Errors.Take(20))
            {
                table.AddRow(e.Row.ToString(CultureInfo.InvariantCulture), Markup.Escape(e.Column), Markup.Escape(e.Value), Markup.Escape(e.Message.Render(culture)));
            }
            AnsiConsole.Write(table);
        }
        if (report is not null)
        {
            await using var stream = File.Create(report.FullName);
            await StatisticsWorkbooks.WriteErrorReportAsync(outcome, fileName, culture, stream, ct);
            AnsiConsole.MarkupLine($"Error report: {Markup.Escape(report.FullName)}");
        }
        return 1;
    }

    /// <summary>Progress reported on the importer's thread, straight to the bar (Progress&lt;T&gt; would post it later).</summary>
    private sealed class SynchronousProgress(Action<StatisticsImportProgress> report) : IProgress<StatisticsImportProgress>
    {
        public void Report(StatisticsImportProgress value) => report(value);
    }
}
