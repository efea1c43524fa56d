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
    /// <summary>Per-thread scratch for the weight totals, so repeated aggregation (uncertainty analysis) allocates nothing.</summary>
    private static readonly ThreadLocal<double[]> WeightSums = new(() => []);

    /// <summary>
    /// Fills rows [IndicatorCount ..) of <paramref name="scores"/> (one row per framework node, indicators already
    /// filled with normalised values).
    /// </summary>
    public static void Apply(IndicatorFramework framework, double[][] scores, AggregationMethod method, IReadOnlyList<string> unitCodes, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(unitCodes);
        var nodes = framework.Nodes;
        var unitCount = unitCodes.Count;
        var sumW = WeightSums.Value!;
        if (sumW.Length < unitCount)
        {
            WeightSums.Value = sumW = new double[unitCount];
        }
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
                for (var u = 0; u < unitCount; u++)
                {
                    var x = column[u];
                    if (double.IsNaN(x))
                    {
                        continue;
                    }
                    switch (method)
                    {
                        case AggregationMethod.Arithmetic:
                            target[u] += w * x;
                            break;
                        case AggregationMethod.Geometric:
                            if (x <= 0)
                            {
                                throw new AggregationException(unitCodes[u], nodes[a].Code, nodes[child].Code, x);
                            }
                            target[u] += w * Math.Log(x);
                            break;
                        default:
                            if (x <= 0)
                            {
                                throw new AggregationException(unitCodes[u], nodes[a].Code, nodes[child].Code, x);
                            }
                            target[u] += w / x;
                            break;
                    }
                    sumW[u] += w;
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
}
