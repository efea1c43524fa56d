namespace Zhangjiang.Indicators;

/// <summary>An AHP result: weights, the principal eigenvalue and the consistency of the judgements.</summary>
/// <param name="Weights">The normalised principal eigenvector (sums to 1).</param>
/// <param name="LambdaMax">The principal eigenvalue.</param>
/// <param name="ConsistencyIndex">(λmax − n)/(n − 1).</param>
/// <param name="ConsistencyRatio">CI / RI with Saaty's random index; 0 for n ≤ 2.</param>
public sealed record AhpResult(double[] Weights, double LambdaMax, double ConsistencyIndex, double ConsistencyRatio);

/// <summary>The AHP judgements are too inconsistent (CR above 0.1) and were not forced.</summary>
public sealed class InconsistentJudgementsException(double ratio)
    : Exception(string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"The pairwise comparisons are inconsistent: consistency ratio {ratio:0.000} is above 0.1. Revise the judgements, or force them."))
{
    /// <summary>The consistency ratio found.</summary>
    public double ConsistencyRatio { get; } = ratio;
}

/// <summary>Weighting methods: equal, AHP, entropy, and the effective weights they produce at every level.</summary>
public static class Weights
{
    /// <summary>Saaty's random consistency index for n = 1..15.</summary>
    private static readonly double[] RandomIndex = [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59];

    /// <summary>Weight 1 for every node (siblings equal).</summary>
    public static Dictionary<string, double> Equal(IndicatorFramework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return framework.Nodes.ToDictionary(n => n.Code, _ => 1.0, StringComparer.Ordinal);
    }

    /// <summary>
    /// AHP weights from a reciprocal pairwise-comparison matrix (a[i][j] = how much more important i is than j),
    /// by power iteration to the principal eigenvector. Refuses a consistency ratio above 0.1 unless forced.
    /// </summary>
    public static AhpResult Ahp(double[][] matrix, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.Length;
        if (n == 0 || matrix.Any(r => r.Length != n))
        {
            throw new ArgumentException("The pairwise-comparison matrix must be square and not empty.", nameof(matrix));
        }
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (!(matrix[i][j] > 0) || Math.Abs(matrix[i][j] * matrix[j][i] - 1) > 1e-9)
                {
                    throw new ArgumentException($"Entry [{i + 1},{j + 1}] must be positive and the reciprocal of [{j + 1},{i + 1}].", nameof(matrix));
                }
            }
        }
        var w = Enumerable.Repeat(1.0 / n, n).ToArray();
        var next = new double[n];
        for (var iteration = 0; iteration < 1000; iteration++)
        {
            double sum = 0;
            for (var i = 0; i < n; i++)
            {
                double s = 0;
                for (var j = 0; j < n; j++)
                {
                    s += matrix[i][j] * w[j];
                }
                next[i] = s;
                sum += s;
            }
            double change = 0;
            for (var i = 0; i < n; i++)
            {
                next[i] /= sum;
                change = Math.Max(change, Math.Abs(next[i] - w[i]));
            }
            (w, next) = (next, w);
            if (change < 1e-15)
            {
                break;
            }
        }
        double lambda = 0;
        for (var i = 0; i < n; i++)
        {
            double s = 0;
            for (var j = 0; j < n; j++)
            {
                s += matrix[i][j] * w[j];
            }
            lambda += s / w[i];
        }
        lambda /= n;
        var ci = n <= 1 ? 0 : (lambda - n) / (n - 1);
        var ri = n <= RandomIndex.Length ? RandomIndex[n - 1] : RandomIndex[^1];
        var cr = ri == 0 ? 0 : ci / ri;
        if (cr > 0.1 && !force)
        {
            throw new InconsistentJudgementsException(cr);
        }
        return new AhpResult(w, lambda, ci, cr);
    }

    /// <summary>
    /// Entropy weights among the children of <paramref name="aggregateCode"/>: p = x/Σx over units, e = −Σ p ln p / ln n,
    /// weight ∝ 1 − e. Uses non-negative (normalised) scores; missing values are left out.
    /// </summary>
    public static Dictionary<string, double> Entropy(IndicatorFramework framework, double[][] scores, string aggregateCode)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(scores);
        var parent = framework.IndexOf(aggregateCode);
        if (parent < 0)
        {
            throw new ArgumentException($"'{aggregateCode}' is not in the framework.", nameof(aggregateCode));
        }
        var divergence = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var child in framework.Children[parent])
        {
            var column = scores[child];
            double total = 0;
            var n = 0;
            foreach (var v in column)
            {
                if (double.IsNaN(v))
                {
                    continue;
                }
                if (v < 0)
                {
                    throw new ArgumentException($"Entropy weights need non-negative values; '{framework.Nodes[child].Code}' has {v}.", nameof(scores));
                }
                total += v;
                n++;
            }
            double e = 0;
            foreach (var v in column)
            {
                if (!double.IsNaN(v) && v > 0)
                {
                    var p = v / total;
                    e -= p * Math.Log(p);
                }
            }
            e /= Math.Log(n);
            divergence[framework.Nodes[child].Code] = 1 - e;
        }
        var sum = divergence.Values.Sum();
        return divergence.ToDictionary(d => d.Key, d => d.Value / sum, StringComparer.Ordinal);
    }

    /// <summary>
    /// Effective weight of every node in the top aggregate: the product of its sibling-normalised weights along the
    /// path to the top (assuming no missing data). A node's weight within its own parent is the last factor.
    /// </summary>
    public static double[] Effective(IndicatorFramework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var nodes = framework.Nodes;
        var effective = new double[nodes.Count];
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            var parent = framework.ParentIndex[i];
            if (parent < 0)
            {
                effective[i] = 1;
                continue;
            }
            var siblings = framework.Children[parent].Sum(c => nodes[c].Weight);
            effective[i] = effective[parent] * nodes[i].Weight / siblings;
        }
        return effective;
    }
}
