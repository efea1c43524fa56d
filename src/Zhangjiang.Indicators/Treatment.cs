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
        return Passes(Statistics.Shape(x), options);
    }

    private static bool Passes((double Skewness, double Kurtosis) shape, TreatmentOptions options) =>
        double.IsNaN(shape.Skewness) || double.IsNaN(shape.Kurtosis)
        || Math.Abs(shape.Skewness) < options.SkewThreshold || shape.Kurtosis < options.KurtosisThreshold;

    internal static (double[] Column, TreatmentRecord Record, string?[] Marks) TreatColumn(double[] original, TreatmentOptions options)
    {
        var before = Statistics.Shape(original);
        var marks = new string?[original.Length];
        if (Passes(before, options))
        {
            return ((double[])original.Clone(), new TreatmentRecord("", before.Skewness, before.Kurtosis, before.Skewness, before.Kurtosis, 0, false, true), marks);
        }

        var x = (double[])original.Clone();
        List<int>? high = null, low = null;
        var winsorised = 0;
        var shape = before;
        var passes = false;
        // Power sums of (x − c) let each winsorisation step update skew and kurtosis in O(points moved) instead
        // of two more passes over the column; c (the original mean) keeps them well conditioned.
        var sums = new PowerSums(x);
        while (!passes && winsorised < options.MaxWinsorisedPoints)
        {
            var fromTop = shape.Skewness >= 0;
            var (extreme, next, moved) = Extreme(x, fromTop);
            if (double.IsNaN(next))
            {
                break;
            }
            foreach (var p in moved)
            {
                x[p] = next;
            }
            sums.Move(extreme, next, moved.Count);
            // As in COINr: the points moved are those at the current extreme, which includes earlier moved points.
            if (fromTop)
            {
                high = moved;
            }
            else
            {
                low = moved;
            }
            winsorised = (high?.Count ?? 0) + (low?.Count ?? 0);
            shape = sums.Shape();
            if (NearThreshold(shape, options))
            {
                shape = Statistics.Shape(x); // settle a borderline decision with the exact two-pass figures
            }
            passes = Passes(shape, options);
        }
        if (passes)
        {
            shape = Statistics.Shape(x);
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
            return (x, new TreatmentRecord("", before.Skewness, before.Kurtosis, shape.Skewness, shape.Kurtosis, winsorised, false, true), marks);
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
        var after = Statistics.Shape(logged);
        return (logged, new TreatmentRecord("", before.Skewness, before.Kurtosis, after.Skewness, after.Kurtosis, 0, true, Passes(after, options)), marks);
    }

    /// <summary>
    /// The maximum, the largest value below it and where the maximum stands (or the same for the minimum), in one pass.
    /// </summary>
    private static (double Extreme, double Next, List<int> Positions) Extreme(double[] x, bool fromTop)
    {
        double extreme = double.NaN, next = double.NaN;
        var positions = new List<int>();
        for (var u = 0; u < x.Length; u++)
        {
            var raw = x[u];
            if (double.IsNaN(raw))
            {
                continue;
            }
            var v = fromTop ? raw : -raw;
            if (double.IsNaN(extreme) || v > extreme)
            {
                if (!double.IsNaN(extreme))
                {
                    next = extreme;
                }
                extreme = v;
                positions.Clear();
                positions.Add(u);
            }
            else if (v == extreme)
            {
                positions.Add(u);
            }
            else if (double.IsNaN(next) || v > next)
            {
                next = v;
            }
        }
        return fromTop ? (extreme, next, positions) : (-extreme, -next, positions);
    }

    private static bool NearThreshold((double Skewness, double Kurtosis) shape, TreatmentOptions options) =>
        Math.Abs(Math.Abs(shape.Skewness) - options.SkewThreshold) < 1e-9 * options.SkewThreshold
        || Math.Abs(shape.Kurtosis - options.KurtosisThreshold) < 1e-9 * options.KurtosisThreshold;

    /// <summary>Σ(x − c)^p for p = 1..4 over the present values, updatable when points move.</summary>
    private sealed class PowerSums
    {
        private readonly double _c;
        private readonly int _n;
        private double _s1, _s2, _s3, _s4;

        public PowerSums(double[] x)
        {
            _c = Statistics.Mean(x);
            foreach (var v in x)
            {
                if (double.IsNaN(v))
                {
                    continue;
                }
                var d = v - _c;
                var d2 = d * d;
                _s1 += d;
                _s2 += d2;
                _s3 += d2 * d;
                _s4 += d2 * d2;
                _n++;
            }
        }

        public void Move(double from, double to, int count)
        {
            double a = from - _c, b = to - _c;
            _s1 += count * (b - a);
            _s2 += count * (b * b - a * a);
            _s3 += count * (b * b * b - a * a * a);
            _s4 += count * (b * b * b * b - a * a * a * a);
        }

        public (double Skewness, double Kurtosis) Shape()
        {
            var n = _n;
            var m = _s1 / n;
            var m2 = _s2 - _s1 * m;
            var m3 = _s3 - 3 * m * _s2 + 3 * m * m * _s1 - n * m * m * m;
            var m4 = _s4 - 4 * m * _s3 + 6 * m * m * _s2 - 4 * m * m * m * _s1 + n * m * m * m * m;
            return Statistics.FromCentralSums(n, m2, m3, m4);
        }
    }
}
