namespace Zhangjiang.Indicators;

/// <summary>What outlier treatment did to one indicator.</summary>
/// <param name="IndicatorCode">The indicator.</param>
/// <param name="SkewBefore">Sample skewness before treatment.</param>
/// <param name="KurtosisBefore">Sample excess kurtosis before treatment.</param>
/// <param name="SkewAfter">Skewness after treatment (equal to before when untreated).</param>
/// <param name="KurtosisAfter">Kurtosis after treatment.</param>
/// <param name="PointsWinsorised">How many points winsorisation moved (0 when log-transformed instead).</param>
/// <param name="LogTransformed">True when winsorisation did not pass and the log transform was used.</param>
/// <param name="PassesAfter">Whether the result passes the skew/kurtosis rule.</param>
public sealed record TreatmentRecord(
    string IndicatorCode, double SkewBefore, double KurtosisBefore, double SkewAfter, double KurtosisAfter,
    int PointsWinsorised, bool LogTransformed, bool PassesAfter);

/// <summary>One treated value: "winhi", "winlo" (winsorised at the high or low end) or "log".</summary>
public sealed record TreatedPoint(string UnitCode, string IndicatorCode, string How, double Before, double After);

/// <summary>Settings of the outlier rule (defaults as in the field: |skew| ≥ 2 and kurtosis ≥ 3.5 fail, up to 5 points).</summary>
public sealed record TreatmentOptions(int MaxWinsorisedPoints = 5, double SkewThreshold = 2, double KurtosisThreshold = 3.5);

/// <summary>
/// The standard two-stage outlier treatment. An indicator fails when |skew| ≥ 2 and kurtosis ≥ 3.5 (both). A
/// failing indicator is winsorised one extreme at a time from the side of the skew (tied extremes move together)
/// until it passes or the point limit is reached; if it still fails, the original values are log-transformed
/// instead: log(x − min + 0.01·(max − min)). Same rule, order and transform as COINr 1.1's Treat().
/// </summary>
public static class Treatment
{
    /// <summary>New columns, one record per indicator, and every point changed.</summary>
    public static (double[][] Values, IReadOnlyList<TreatmentRecord> Records, IReadOnlyList<TreatedPoint> Points) Apply(
        IndicatorFramework framework, IndicatorData data, TreatmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(data);
        options ??= new TreatmentOptions();
        var values = data.CopyValues();
        var records = new List<TreatmentRecord>();
        var points = new List<TreatedPoint>();
        for (var i = 0; i < framework.IndicatorCount; i++)
        {
            var code = framework.Nodes[i].Code;
            var (column, record, marks) = TreatColumn(data.Values[i], options);
            values[i] = column;
            records.Add(record with { IndicatorCode = code });
            for (var u = 0; u < column.Length; u++)
            {
                if (marks[u] is { } how)
                {
                    points.Add(new TreatedPoint(data.UnitCodes[u], code, how, data.Values[i][u], column[u]));
                }
            }
        }
        return (values, records, points);
    }

    /// <summary>Passes when |skew| is below the threshold or kurtosis is below its threshold; too few values to judge also pass.</summary>
    public static bool Passes(ReadOnlySpan<double> x, TreatmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var skew = Statistics.Skewness(x);
        var kurt = Statistics.Kurtosis(x);
        return double.IsNaN(skew) || double.IsNaN(kurt) || Math.Abs(skew) < options.SkewThreshold || kurt < options.KurtosisThreshold;
    }

    internal static (double[] Column, TreatmentRecord Record, string?[] Marks) TreatColumn(double[] original, TreatmentOptions options)
    {
        var skew0 = Statistics.Skewness(original);
        var kurt0 = Statistics.Kurtosis(original);
        var marks = new string?[original.Length];
        if (Passes(original, options))
        {
            return ((double[])original.Clone(), new TreatmentRecord("", skew0, kurt0, skew0, kurt0, 0, false, true), marks);
        }

        var x = (double[])original.Clone();
        List<int>? high = null, low = null;
        var winsorised = 0;
        var passes = false;
        while (!passes && winsorised < options.MaxWinsorisedPoints)
        {
            if (Statistics.Skewness(x) >= 0)
            {
                var max = Statistics.Max(x);
                high = Positions(x, max);
                var next = NextBelow(x, max);
                if (double.IsNaN(next))
                {
                    break;
                }
                foreach (var p in high)
                {
                    x[p] = next;
                }
            }
            else
            {
                var min = Statistics.Min(x);
                low = Positions(x, min);
                var next = NextAbove(x, min);
                if (double.IsNaN(next))
                {
                    break;
                }
                foreach (var p in low)
                {
                    x[p] = next;
                }
            }
            // Tied extremes move together, so the moved points are those now equal to the new extreme.
            winsorised = (high?.Count ?? 0) + (low?.Count ?? 0);
            passes = Passes(x, options);
        }
        if (passes)
        {
            foreach (var p in high ?? [])
            {
                marks[p] = "winhi";
            }
            foreach (var p in low ?? [])
            {
                marks[p] = "winlo";
            }
            return (x, new TreatmentRecord("", skew0, kurt0, Statistics.Skewness(x), Statistics.Kurtosis(x), winsorised, false, true), marks);
        }

        // Winsorisation within the limit did not pass: log-transform the original values instead.
        var lo = Statistics.Min(original);
        var hi = Statistics.Max(original);
        var shift = 0.01 * (hi - lo);
        var logged = new double[original.Length];
        for (var u = 0; u < original.Length; u++)
        {
            logged[u] = double.IsNaN(original[u]) ? double.NaN : Math.Log(original[u] - lo + shift);
            if (!double.IsNaN(original[u]))
            {
                marks[u] = "log";
            }
        }
        return (logged, new TreatmentRecord("", skew0, kurt0, Statistics.Skewness(logged), Statistics.Kurtosis(logged), 0, true, Passes(logged, options)), marks);
    }

    private static List<int> Positions(double[] x, double value)
    {
        var list = new List<int>();
        for (var u = 0; u < x.Length; u++)
        {
            if (x[u] == value)
            {
                list.Add(u);
            }
        }
        return list;
    }

    private static double NextBelow(double[] x, double value)
    {
        var best = double.NaN;
        foreach (var v in x)
        {
            if (!double.IsNaN(v) && v < value && (double.IsNaN(best) || v > best))
            {
                best = v;
            }
        }
        return best;
    }

    private static double NextAbove(double[] x, double value)
    {
        var best = double.NaN;
        foreach (var v in x)
        {
            if (!double.IsNaN(v) && v > value && (double.IsNaN(best) || v < best))
            {
                best = v;
            }
        }
        return best;
    }
}
