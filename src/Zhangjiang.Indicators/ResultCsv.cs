using System.Globalization;
using nietras.SeparatedValues;

namespace Zhangjiang.Indicators;

/// <summary>
/// Writes results as CSV: invariant culture, doubles in their shortest round-trip form (they parse back to the
/// identical value), missing values as empty cells.
/// </summary>
public static class ResultCsv
{
    /// <summary>uCode, then one column per indicator (value as fed to aggregation), then one per aggregate.</summary>
    public static void WriteScores(CompositeResult result, TextWriter writer) => WriteMatrix(result, result.Scores, writer);

    /// <summary>The same layout with ranks.</summary>
    public static void WriteRanks(CompositeResult result, TextWriter writer) => WriteMatrix(result, result.Ranks, writer);

    /// <summary>uCode then one column per indicator: a data set between steps (imputed, treated).</summary>
    public static void WriteDataset(CompositeResult result, double[][] values, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(values);
        var codes = result.Framework.Nodes.Take(result.Framework.IndicatorCount).Select(n => n.Code).ToList();
        Write(writer, ["uCode", .. codes], result.UnitCodes.Count, (u, cols) =>
        {
            cols[0] = result.UnitCodes[u];
            for (var i = 0; i < codes.Count; i++)
            {
                cols[i + 1] = Format(values[i][u]);
            }
        });
    }

    /// <summary>Per indicator: skew and kurtosis before and after, points winsorised, log applied.</summary>
    public static void WriteTreatment(CompositeResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Treatment;
        Write(writer, ["iCode", "SkewBefore", "KurtBefore", "SkewAfter", "KurtAfter", "PointsWinsorised", "LogTransformed", "PassesAfter"], rows.Count, (r, cols) =>
        {
            var t = rows[r];
            cols[0] = t.IndicatorCode;
            cols[1] = Format(t.SkewBefore);
            cols[2] = Format(t.KurtosisBefore);
            cols[3] = Format(t.SkewAfter);
            cols[4] = Format(t.KurtosisAfter);
            cols[5] = t.PointsWinsorised.ToString(CultureInfo.InvariantCulture);
            cols[6] = t.LogTransformed ? "TRUE" : "FALSE";
            cols[7] = t.PassesAfter ? "TRUE" : "FALSE";
        });
    }

    /// <summary>Each unit's best and worst indicators by rank.</summary>
    public static void WriteStrengthsAndWeaknesses(CompositeResult result, TextWriter writer, int count = 5)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = new List<string[]>();
        foreach (var unit in result.UnitCodes)
        {
            var (strengths, weaknesses) = Analysis.StrengthsAndWeaknesses(result, unit, count);
            rows.AddRange(strengths.Select((s, k) => Row(unit, "Strength", k + 1, s)));
            rows.AddRange(weaknesses.Select((w, k) => Row(unit, "Weakness", k + 1, w)));
        }
        Write(writer, ["uCode", "Type", "Order", "iCode", "Rank", "Score"], rows.Count, (r, cols) => rows[r].CopyTo(cols, 0));

        static string[] Row(string unit, string type, int order, IndicatorStanding s) =>
            [unit, type, order.ToString(CultureInfo.InvariantCulture), s.IndicatorCode, Format(s.Rank), Format(s.Score)];
    }

    /// <summary>Contribution of each indicator to the top aggregate, per unit (arithmetic aggregation).</summary>
    public static void WriteContributions(CompositeResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        var top = result.Framework.Nodes[^1].Code;
        var indicators = result.Framework.Nodes.Take(result.Framework.IndicatorCount).Select(n => n.Code).ToList();
        Write(writer, ["uCode", "Aggregate", .. indicators], result.UnitCodes.Count, (u, cols) =>
        {
            var contributions = Analysis.Contributions(result, top, result.UnitCodes[u]);
            cols[0] = result.UnitCodes[u];
            cols[1] = top;
            for (var i = 0; i < indicators.Count; i++)
            {
                cols[i + 2] = contributions.TryGetValue(indicators[i], out var c) ? Format(c) : "";
            }
        });
    }

    /// <summary>
    /// Per node: level, weight among its siblings (as given and re-normalised to sum 1), effective weight in the top
    /// aggregate, statistics of the values fed to aggregation (indicators: after denomination, imputation and
    /// treatment, before normalisation; aggregates: their scores), and Cronbach's alpha of each aggregate's children.
    /// </summary>
    public static void WriteStatistics(CompositeResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        var framework = result.Framework;
        var nodes = framework.Nodes;
        var columns = Enumerable.Range(0, nodes.Count)
            .Select(i => i < framework.IndicatorCount ? result.Data.Values[i] : result.Scores[i]).ToArray();
        var stats = Analysis.Describe(nodes.Select(n => n.Code).ToList(), columns);
        var effective = Weights.Effective(framework);
        Write(writer, ["iCode", "Level", "Parent", "Weight", "SiblingShare", "EffectiveWeight", "Availability", "Min", "Max", "Mean", "Median", "SD", "Skew", "Kurtosis", "CronbachAlpha"], stats.Count, (r, cols) =>
        {
            var s = stats[r];
            var node = nodes[r];
            var parent = framework.ParentIndex[r];
            cols[0] = s.Code;
            cols[1] = node.Level.ToString(CultureInfo.InvariantCulture);
            cols[2] = node.Parent ?? "";
            cols[3] = Format(node.Weight);
            cols[4] = Format(parent < 0 ? 1 : node.Weight / framework.Children[parent].Sum(c => nodes[c].Weight));
            cols[5] = Format(effective[r]);
            cols[6] = Format(s.Availability);
            cols[7] = Format(s.Min);
            cols[8] = Format(s.Max);
            cols[9] = Format(s.Mean);
            cols[10] = Format(s.Median);
            cols[11] = Format(s.StandardDeviation);
            cols[12] = Format(s.Skewness);
            cols[13] = Format(s.Kurtosis);
            cols[14] = r < framework.IndicatorCount ? "" : Format(Analysis.CronbachAlpha(result, s.Code));
        });
    }

    /// <summary>
    /// Pearson correlations between every pair of nodes' scores, within and between levels (indicators as normalised,
    /// aggregates as scored; each pair over the units where both are present): iCode, Level, then one column per node.
    /// </summary>
    public static void WriteCorrelations(CompositeResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        var nodes = result.Framework.Nodes;
        var matrix = Analysis.Correlations(result);
        Write(writer, ["iCode", "Level", .. nodes.Select(n => n.Code)], nodes.Count, (r, cols) =>
        {
            cols[0] = nodes[r].Code;
            cols[1] = nodes[r].Level.ToString(CultureInfo.InvariantCulture);
            for (var c = 0; c < nodes.Count; c++)
            {
                cols[c + 2] = Format(matrix[r, c]);
            }
        });
    }

    /// <summary>uCode, nominal rank, median, 5th and 95th percentile ranks, and failed replications.</summary>
    public static void WriteRankIntervals(UncertaintyResult uncertainty, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(uncertainty);
        var units = uncertainty.Units;
        var failed = uncertainty.FailedReplications.ToString(CultureInfo.InvariantCulture);
        Write(writer, ["uCode", "Nominal", "Median", "P5", "P95", "FailedReplications"], units.Count, (r, cols) =>
        {
            cols[0] = units[r].UnitCode;
            cols[1] = Format(units[r].NominalRank);
            cols[2] = Format(units[r].MedianRank);
            cols[3] = Format(units[r].P5);
            cols[4] = Format(units[r].P95);
            cols[5] = failed;
        });
    }

    /// <summary>The improvement path: step 0 is the start; then each change in raw units with the score and rank after it.</summary>
    public static void WriteImprovement(ImprovementPath path, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(path);
        var steps = path.Steps;
        Write(writer, ["Step", "iCode", "From", "To", "Change", "ScoreAfter", "RankAfter", "Reached"], steps.Count + 1, (r, cols) =>
        {
            cols[0] = r.ToString(CultureInfo.InvariantCulture);
            if (r == 0)
            {
                (cols[1], cols[2], cols[3], cols[4]) = ("", "", "", "");
                cols[5] = Format(path.ScoreBefore);
                cols[6] = Format(path.RankBefore);
                cols[7] = path.Reached ? "TRUE" : "FALSE";
                return;
            }
            var step = steps[r - 1];
            cols[1] = step.IndicatorCode;
            cols[2] = Format(step.From);
            cols[3] = Format(step.To);
            cols[4] = Format(step.To - step.From);
            cols[5] = Format(step.ScoreAfter);
            cols[6] = Format(step.RankAfter);
            cols[7] = "";
        });
    }

    /// <summary>One row per uncertain input: first-order and total-effect indices with their 90 % bootstrap intervals.</summary>
    public static void WriteSensitivity(SensitivityResult sensitivity, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(sensitivity);
        var rows = sensitivity.Indices;
        Write(writer, ["Input", "FirstOrder", "FirstOrderP5", "FirstOrderP95", "Total", "TotalP5", "TotalP95", "Output", "Runs", "FailedRuns"], rows.Count, (r, cols) =>
        {
            var i = rows[r];
            cols[0] = i.Input;
            cols[1] = Format(i.FirstOrder);
            cols[2] = Format(i.FirstOrderLow);
            cols[3] = Format(i.FirstOrderHigh);
            cols[4] = Format(i.Total);
            cols[5] = Format(i.TotalLow);
            cols[6] = Format(i.TotalHigh);
            cols[7] = sensitivity.Output;
            cols[8] = sensitivity.Runs.ToString(CultureInfo.InvariantCulture);
            cols[9] = sensitivity.FailedRuns.ToString(CultureInfo.InvariantCulture);
        });
    }

    /// <summary>A double as written: shortest round-trip form, invariant culture; NaN as empty.</summary>
    public static string Format(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    private static void WriteMatrix(CompositeResult result, double[][] matrix, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        var nodes = result.Framework.Nodes;
        Write(writer, ["uCode", .. nodes.Select(n => n.Code)], result.UnitCodes.Count, (u, cols) =>
        {
            cols[0] = result.UnitCodes[u];
            for (var i = 0; i < nodes.Count; i++)
            {
                cols[i + 1] = Format(matrix[i][u]);
            }
        });
    }

    internal static void Write(TextWriter writer, IReadOnlyList<string> header, int rows, Action<int, string[]> fill)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var csv = Sep.New(',').Writer(o => o with { Escape = true }).To(writer, leaveOpen: true);
        var cols = new string[header.Count];
        for (var r = 0; r < rows; r++)
        {
            fill(r, cols);
            using var row = csv.NewRow();
            for (var c = 0; c < header.Count; c++)
            {
                row[header[c]].Set(cols[c]);
            }
        }
        if (rows == 0)
        {
            writer.WriteLine(string.Join(",", header));
        }
    }
}
