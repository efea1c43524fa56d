namespace Zhangjiang.Indicators;

/// <summary>Descriptive statistics over the non-missing values (NaN = missing), as the field computes them.</summary>
public static class Statistics
{
    /// <summary>Number of non-missing values.</summary>
    public static int Count(ReadOnlySpan<double> x)
    {
        var n = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                n++;
            }
        }
        return n;
    }

    /// <summary>Arithmetic mean, NaN when nothing is present.</summary>
    public static double Mean(ReadOnlySpan<double> x)
    {
        double sum = 0;
        var n = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                sum += v;
                n++;
            }
        }
        return n == 0 ? double.NaN : sum / n;
    }

    /// <summary>Median (mean of the two middle values for an even count).</summary>
    public static double Median(ReadOnlySpan<double> x)
    {
        var present = Present(x);
        if (present.Length == 0)
        {
            return double.NaN;
        }
        Array.Sort(present);
        var mid = present.Length / 2;
        return present.Length % 2 == 1 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
    }

    /// <summary>Sample standard deviation (n − 1).</summary>
    public static double StandardDeviation(ReadOnlySpan<double> x)
    {
        var mean = Mean(x);
        double ss = 0;
        var n = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                ss += (v - mean) * (v - mean);
                n++;
            }
        }
        return n < 2 ? double.NaN : Math.Sqrt(ss / (n - 1));
    }

    /// <summary>Minimum of the present values.</summary>
    public static double Min(ReadOnlySpan<double> x)
    {
        var min = double.NaN;
        foreach (var v in x)
        {
            if (!double.IsNaN(v) && (double.IsNaN(min) || v < min))
            {
                min = v;
            }
        }
        return min;
    }

    /// <summary>Maximum of the present values.</summary>
    public static double Max(ReadOnlySpan<double> x)
    {
        var max = double.NaN;
        foreach (var v in x)
        {
            if (!double.IsNaN(v) && (double.IsNaN(max) || v > max))
            {
                max = v;
            }
        }
        return max;
    }

    /// <summary>Sample-adjusted skewness (Excel SKEW; e1071 type 2). NaN with fewer than 3 values.</summary>
    public static double Skewness(ReadOnlySpan<double> x) => Shape(x).Skewness;

    /// <summary>Sample-adjusted excess kurtosis (Excel KURT; e1071 type 2). NaN with fewer than 4 values.</summary>
    public static double Kurtosis(ReadOnlySpan<double> x) => Shape(x).Kurtosis;

    /// <summary>Sample-adjusted skewness and excess kurtosis in one go (two passes instead of four).</summary>
    public static (double Skewness, double Kurtosis) Shape(ReadOnlySpan<double> x)
    {
        var mean = Mean(x);
        double s2 = 0, s3 = 0, s4 = 0;
        var n = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                var d = v - mean;
                var d2 = d * d;
                s2 += d2;
                s3 += d2 * d;
                s4 += d2 * d2;
                n++;
            }
        }
        return FromCentralSums(n, s2, s3, s4);
    }

    /// <summary>Skewness and kurtosis from n and the central sums Σd², Σd³, Σd⁴ (d = x − mean).</summary>
    internal static (double Skewness, double Kurtosis) FromCentralSums(int n, double s2, double s3, double s4)
    {
        var skew = n < 3 ? double.NaN : Math.Sqrt(n) * s3 / Math.Pow(s2, 1.5) * Math.Sqrt((double)n * (n - 1)) / (n - 2);
        var r = n * s4 / (s2 * s2);
        var kurt = n < 4 ? double.NaN : ((n + 1) * (r - 3) + 6) * (n - 1) / ((double)(n - 2) * (n - 3));
        return (skew, kurt);
    }

    /// <summary>Pearson correlation over the rows where both are present (R's cor with pairwise complete observations).</summary>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var (n, sxy, sxx, syy) = CoMoments(x, y);
        return n < 2 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Sample covariance over the rows where both are present (R's cov with pairwise complete observations).</summary>
    public static double Covariance(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var (n, sxy, _, _) = CoMoments(x, y);
        return n < 2 ? double.NaN : sxy / (n - 1);
    }

    /// <summary>Centred sums of products over the rows where both are present, each centred on its mean over those rows.</summary>
    private static (int N, double Sxy, double Sxx, double Syy) CoMoments(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double sx = 0, sy = 0;
        var n = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i]))
            {
                sx += x[i];
                sy += y[i];
                n++;
            }
        }
        if (n == 0)
        {
            return (0, double.NaN, double.NaN, double.NaN);
        }
        double mx = sx / n, my = sy / n, sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i]))
            {
                var dx = x[i] - mx;
                var dy = y[i] - my;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
        }
        return (n, sxy, sxx, syy);
    }

    internal static double[] Present(ReadOnlySpan<double> x)
    {
        var result = new double[Count(x)];
        var k = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                result[k++] = v;
            }
        }
        return result;
    }
}
