namespace Zhangjiang.Indicators;

/// <summary>How children combine into their parent.</summary>
public enum AggregationMethod
{
    /// <summary>Σ wᵢxᵢ / Σ wᵢ.</summary>
    Arithmetic,
    /// <summary>(Π xᵢ^wᵢ)^(1/Σ wᵢ); undefined for a value ≤ 0.</summary>
    Geometric,
    /// <summary>Σ wᵢ / Σ (wᵢ/xᵢ); undefined for a value ≤ 0.</summary>
    Harmonic,
}

/// <summary>A geometric or harmonic mean met a value ≤ 0: names the unit, the aggregate and the child.</summary>
public sealed class AggregationException(string unitCode, string aggregateCode, string childCode, double value)
    : Exception(string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"Cannot aggregate '{aggregateCode}' for unit '{unitCode}': child '{childCode}' is {value}, and this mean is undefined for values ≤ 0. Normalise onto a positive range (e.g. min-max onto [1, 100]) or use the arithmetic mean."))
{
    /// <summary>The unit.</summary>
    public string UnitCode { get; } = unitCode;
    /// <summary>The aggregate being computed.</summary>
    public string AggregateCode { get; } = aggregateCode;
    /// <summary>The child with the offending value.</summary>
    public string ChildCode { get; } = childCode;
}

/// <summary>
/// Aggregates up the hierarchy, level by level, for every unit: a weighted mean over the children the unit has
/// values for, with the weights re-normalised over those children. No child present gives a missing value.
/// </summary>
public static class Aggregation
{

    /// <summary>
    /// Fills rows [IndicatorCount ..) of <paramref name="scores"/> (one row per framework node, indicators already
    /// filled with normalised values).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Apply(IndicatorFramework framework, double[][] scores, AggregationMethod method, IReadOnlyList<string> unitCodes, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(unitCodes);
        var nodes = framework.Nodes;
        var unitCount = unitCodes.Count;
        var sumW = new double[unitCount];
        for (var a = framework.IndicatorCount; a < nodes.Count; a++)
        {
            // Child-major loops: each child's column is read sequentially. Per unit, children are still added in
            // framework order, so the sums are the same as a unit-by-unit loop's.
            var children = framework.Children[a];
            var target = scores[a];
            Array.Clear(target, 0, unitCount);
            Array.Clear(sumW, 0, unitCount);
            foreach (var child in children)
            {
                var w = weights?[child] ?? nodes[child].Weight;
                if (w == 0)
                {
                    continue;
                }
                var column = scores[child];
                // One small loop per method: a single loop with a switch inside defeated the JIT's profile-guided
                // optimisation (measured: ten times slower once the geometric path got hot).
                var offending = method switch
                {
                    AggregationMethod.Arithmetic => AddArithmetic(column, target, sumW, w, unitCount),
                    AggregationMethod.Geometric => AddGeometric(column, target, sumW, w, unitCount),
                    _ => AddHarmonic(column, target, sumW, w, unitCount),
                };
                if (offending >= 0)
                {
                    throw new AggregationException(unitCodes[offending], nodes[a].Code, nodes[child].Code, column[offending]);
                }
            }
            for (var u = 0; u < unitCount; u++)
            {
                var total = sumW[u];
                target[u] = total == 0 ? double.NaN : method switch
                {
                    AggregationMethod.Arithmetic => target[u] / total,
                    AggregationMethod.Geometric => Math.Exp(target[u] / total),
                    _ => total / target[u],
                };
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int AddArithmetic(double[] column, double[] target, double[] sumW, double w, int n)
    {
        for (var u = 0; u < n; u++)
        {
            var x = column[u];
            if (!double.IsNaN(x))
            {
                target[u] += w * x;
                sumW[u] += w;
            }
        }
        return -1;
    }

    /// <summary>Adds w·ln x; returns the first unit with a value ≤ 0, or −1.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int AddGeometric(double[] column, double[] target, double[] sumW, double w, int n)
    {
        for (var u = 0; u < n; u++)
        {
            var x = column[u];
            if (double.IsNaN(x))
            {
                continue;
            }
            if (x <= 0)
            {
                return u;
            }
            target[u] += w * Math.Log(x);
            sumW[u] += w;
        }
        return -1;
    }

    /// <summary>Adds w/x; returns the first unit with a value ≤ 0, or −1.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int AddHarmonic(double[] column, double[] target, double[] sumW, double w, int n)
    {
        for (var u = 0; u < n; u++)
        {
            var x = column[u];
            if (double.IsNaN(x))
            {
                continue;
            }
            if (x <= 0)
            {
                return u;
            }
            target[u] += w / x;
            sumW[u] += w;
        }
        return -1;
    }
}
