namespace Zhangjiang.Indicators;

/// <summary>Normalisation methods (COINr's n_* functions).</summary>
public enum NormalisationMethod
{
    /// <summary>(x − min)/(max − min)·(u − l) + l.</summary>
    MinMax,
    /// <summary>(x − mean)/sd·s + m, sample sd.</summary>
    ZScore,
    /// <summary>Rank of the value, ascending (higher value, higher rank), ties get the lowest rank.</summary>
    Rank,
    /// <summary>(rank − 1)/(n − 1).</summary>
    PercentileRank,
    /// <summary>Distance to the indicator's target, (x − min)/(target − min), capped at 1.</summary>
    Target,
    /// <summary>Distance to the best unit, (x − min)/(best − min) (COINr n_dist2max).</summary>
    Best,
    /// <summary>Distance to a benchmark value per indicator, (x − min)/(benchmark − min), not capped.</summary>
    Benchmark,
}

/// <summary>A normalisation method with its parameters.</summary>
/// <param name="Method">The method.</param>
/// <param name="Lower">Min-max lower bound, or z-score mean.</param>
/// <param name="Upper">Min-max upper bound, or z-score standard deviation.</param>
/// <param name="Benchmarks">For <see cref="NormalisationMethod.Benchmark"/>: the benchmark value of each indicator code.</param>
public sealed record NormalisationOptions(
    NormalisationMethod Method = NormalisationMethod.MinMax, double Lower = 0, double Upper = 100,
    IReadOnlyDictionary<string, double>? Benchmarks = null)
{
    /// <summary>Min-max onto [0, 100], the default.</summary>
    public static NormalisationOptions Default { get; } = new();

    /// <summary>Z-scores with mean 0 and sd 1 unless given.</summary>
    public static NormalisationOptions ZScores(double mean = 0, double sd = 1) => new(NormalisationMethod.ZScore, mean, sd);
}

/// <summary>Brings indicators onto a common scale. The direction is applied first (x·direction), so for every method a higher result is better.</summary>
public static class Normalisation
{
    /// <summary>Normalised columns.</summary>
    public static double[][] Apply(IndicatorFramework framework, double[][] values, NormalisationOptions options)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(options);
        var result = new double[framework.IndicatorCount][];
        for (var i = 0; i < framework.IndicatorCount; i++)
        {
            result[i] = new double[values[i].Length];
            Column(framework.Nodes[i], values[i], result[i], options);
        }
        return result;
    }

    /// <summary>Normalises one column into <paramref name="output"/>.</summary>
    public static void Column(FrameworkNode indicator, ReadOnlySpan<double> raw, Span<double> output, NormalisationOptions options)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(options);
        var direction = indicator.Direction;
        var n = raw.Length;
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        var count = 0;
        for (var u = 0; u < n; u++)
        {
            var v = raw[u] * direction;
            if (double.IsNaN(v))
            {
                continue;
            }
            if (v < min)
            {
                min = v;
            }
            if (v > max)
            {
                max = v;
            }
            sum += v;
            count++;
        }
        switch (options.Method)
        {
            case NormalisationMethod.MinMax:
            {
                // Same operation order as COINr's n_minmax, so results agree to the last bits.
                var range = max - min;
                var width = options.Upper - options.Lower;
                for (var u = 0; u < n; u++)
                {
                    output[u] = (raw[u] * direction - min) / range * width + options.Lower;
                }
                break;
            }
            case NormalisationMethod.ZScore:
            {
                var mean = sum / count;
                double ss = 0;
                for (var u = 0; u < n; u++)
                {
                    var v = raw[u] * direction;
                    if (!double.IsNaN(v))
                    {
                        ss += (v - mean) * (v - mean);
                    }
                }
                var sd = Math.Sqrt(ss / (count - 1));
                for (var u = 0; u < n; u++)
                {
                    output[u] = (raw[u] * direction - mean) / sd * options.Upper + options.Lower;
                }
                break;
            }
            case NormalisationMethod.Rank:
            case NormalisationMethod.PercentileRank:
            {
                var directed = new double[n];
                for (var u = 0; u < n; u++)
                {
                    directed[u] = raw[u] * direction;
                }
                Ranking.MinRanks(directed, output, descending: false);
                if (options.Method == NormalisationMethod.PercentileRank)
                {
                    for (var u = 0; u < n; u++)
                    {
                        output[u] = (output[u] - 1) / (count - 1);
                    }
                }
                break;
            }
            case NormalisationMethod.Target:
            case NormalisationMethod.Benchmark:
            {
                double reference;
                if (options.Method == NormalisationMethod.Target)
                {
                    reference = indicator.Target ?? throw new InvalidOperationException($"Indicator '{indicator.Code}' has no target for distance-to-target normalisation.");
                }
                else if (options.Benchmarks is null || !options.Benchmarks.TryGetValue(indicator.Code, out reference))
                {
                    throw new InvalidOperationException($"No benchmark value for indicator '{indicator.Code}'.");
                }
                reference *= direction;
                var cap = options.Method == NormalisationMethod.Target;
                for (var u = 0; u < n; u++)
                {
                    // COINr's n_dist2targ form, 1 − (t − x)/(t − min): equal to (x − min)/(t − min) but rounded as COINr rounds.
                    var y = 1 - (reference - raw[u] * direction) / (reference - min);
                    output[u] = cap && y > 1 ? 1 : y;
                }
                break;
            }
            case NormalisationMethod.Best:
            {
                for (var u = 0; u < n; u++)
                {
                    output[u] = 1 - (max - raw[u] * direction) / (max - min); // COINr's n_dist2max form
                }
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Method, "Unknown normalisation method.");
        }
    }
}

/// <summary>
/// One indicator's normalisation parameters fitted on a column (directed min, max, mean, sample sd), so that other
/// values — a changed value, a benchmark's — can be put on the same scale as the column's units. Same formulas and
/// rounding as <see cref="Normalisation.Column"/>.
/// </summary>
/// <param name="Node">The indicator (its direction and target are used).</param>
/// <param name="Min">Minimum of the directed values.</param>
/// <param name="Max">Maximum of the directed values.</param>
/// <param name="Mean">Mean of the directed values.</param>
/// <param name="Sd">Sample standard deviation of the directed values.</param>
public sealed record NormalisationFit(FrameworkNode Node, double Min, double Max, double Mean, double Sd)
{
    /// <summary>Max − min of the directed values.</summary>
    public double Range => Max - Min;

    /// <summary>The best observed value, in raw units.</summary>
    public double BestRaw => Max * Node.Direction;

    /// <summary>Fits the parameters on a raw column (missing values ignored).</summary>
    public static NormalisationFit Of(FrameworkNode node, double[] raw)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(raw);
        var directed = raw.Select(v => v * node.Direction).ToArray();
        return new NormalisationFit(node, Statistics.Min(directed), Statistics.Max(directed), Statistics.Mean(directed), Statistics.StandardDeviation(directed));
    }

    /// <summary>A raw value on the fitted scale; methods without fixed parameters (rank, percentile rank, benchmark) are not supported.</summary>
    public double Normalise(double value, NormalisationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var x = value * Node.Direction;
        return options.Method switch
        {
            NormalisationMethod.MinMax => (x - Min) / (Max - Min) * (options.Upper - options.Lower) + options.Lower,
            NormalisationMethod.ZScore => (x - Mean) / Sd * options.Upper + options.Lower,
            NormalisationMethod.Best => 1 - (Max - x) / (Max - Min),
            NormalisationMethod.Target => Math.Min(1, 1 - ((Node.Target ?? double.NaN) * Node.Direction - x) / ((Node.Target ?? double.NaN) * Node.Direction - Min)),
            _ => throw new NotSupportedException(options.Method.ToString()),
        };
    }
}
