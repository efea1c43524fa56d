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
