using Microsoft.EntityFrameworkCore;
using Zhangjiang.Indicators;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Evaluation;

/// <summary>One indicator of one park against a benchmark group's reference value.</summary>
/// <param name="RelativeGap">(value − reference) / |reference|, signed so that positive means ahead of the benchmark.</param>
/// <param name="Attainment">The engine's distance to the benchmark: (x − min)/(reference − min) on the directed scale; 1 = at the benchmark.</param>
public sealed record IndicatorGap(string Code, double? Raw, double Reference, double? RelativeGap, double? Attainment);

/// <summary>A park's standing against one benchmark group, per indicator and overall (weighted by effective weights).</summary>
/// <param name="AggregateScores">The score each aggregate (dimension, index) would have for a unit holding the group's reference
/// values, normalised with the parameters fitted on the parks: directly comparable with the parks' scores (above the top
/// of the scale when the benchmark is ahead of every park).</param>
public sealed record BenchmarkGap(BenchmarkGroup Group, IReadOnlyList<string> Entities, double? OverallAttainment, IReadOnlyList<IndicatorGap> Indicators,
    IReadOnlyDictionary<string, double> AggregateScores);

/// <summary>
/// Gaps to the benchmark groups (对标国际一流, 对比国内先进) and the 凸显上海特色 sub-index. A group's reference for an
/// indicator is the mean of its entities' values (each entity's latest year up to the round's year); only indicators
/// the framework marks for comparison with that group count. The overall attainment aggregates the per-indicator
/// attainments with the indicators' effective weights, re-normalised over the compared indicators.
/// </summary>
public static class BenchmarkGaps
{
    public sealed record Context(
        IndicatorFramework Framework, IReadOnlyDictionary<string, EvaluationIndicator> Meta, IndicatorData Data,
        IReadOnlyDictionary<BenchmarkGroup, (IReadOnlyList<string> Entities, Dictionary<string, double> Reference)> References);

    public static async Task<IReadOnlyDictionary<BenchmarkGroup, (IReadOnlyList<string> Entities, Dictionary<string, double> Reference)>> ReferencesAsync(
        ZjDbContext db, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entities = await db.BenchmarkEntities.AsNoTracking().Include(e => e.Values).Where(e => e.Year <= year).ToListAsync(cancellationToken);
        var result = new Dictionary<BenchmarkGroup, (IReadOnlyList<string>, Dictionary<string, double>)>();
        foreach (var group in entities.GroupBy(e => e.Group))
        {
            var latest = group.GroupBy(e => e.NameZh, StringComparer.Ordinal).Select(g => g.OrderByDescending(e => e.Year).First()).ToList();
            var reference = latest.SelectMany(e => e.Values).GroupBy(v => v.IndicatorCode, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Average(v => v.Value), StringComparer.Ordinal);
            result[group.Key] = (latest.Select(e => $"{e.NameZh} ({e.Year})").ToList(), reference);
        }
        return result;
    }

    /// <summary>Gaps of every park (data unit) to every group that has reference values for compared indicators.</summary>
    public static IReadOnlyDictionary<BenchmarkGroup, (double[] Overall, Dictionary<string, (double[] Attainment, double Reference)> PerIndicator)> Compute(Context context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = new Dictionary<BenchmarkGroup, (double[], Dictionary<string, (double[], double)>)>();
        var effective = Weights.Effective(context.Framework);
        foreach (var (group, (_, reference)) in context.References)
        {
            var compared = Enumerable.Range(0, context.Framework.IndicatorCount)
                .Where(i =>
                {
                    var code = context.Framework.Nodes[i].Code;
                    var meta = context.Meta[code];
                    return reference.ContainsKey(code) && (group == BenchmarkGroup.International ? meta.CompareInternational : meta.CompareDomestic);
                }).ToList();
            if (compared.Count == 0)
            {
                continue;
            }
            var (sub, data) = SubFramework(context, compared, effective, "Gap");
            var scores = CompositeIndicator.Score(sub, data,
                new NormalisationOptions(NormalisationMethod.Benchmark, Benchmarks: reference), AggregationMethod.Arithmetic);
            var perIndicator = compared.Select((i, k) => (Code: context.Framework.Nodes[i].Code, Attainment: scores[k]))
                .ToDictionary(p => p.Code, p => (p.Attainment, reference[p.Code]), StringComparer.Ordinal);
            result[group] = (scores[^1], perIndicator);
        }
        return result;
    }

    /// <summary>
    /// For each group, the aggregate scores of a virtual unit holding the group's reference values for the compared
    /// indicators, under the round's method with normalisation parameters fitted on the parks (min-max, z-score and
    /// distance to the best; rank-based methods have no such scale and give none).
    /// </summary>
    public static IReadOnlyDictionary<BenchmarkGroup, Dictionary<string, double>> AggregateScores(Context context, EvaluationMethod method)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(method);
        var result = new Dictionary<BenchmarkGroup, Dictionary<string, double>>();
        if (method.Normalisation is not (NormalisationMethod.MinMax or NormalisationMethod.ZScore or NormalisationMethod.Best))
        {
            return result;
        }
        var framework = context.Framework;
        foreach (var (group, (_, reference)) in context.References)
        {
            var scores = new double[framework.Nodes.Count];
            Array.Fill(scores, double.NaN);
            for (var i = 0; i < framework.IndicatorCount; i++)
            {
                var node = framework.Nodes[i];
                var meta = context.Meta[node.Code];
                var compared = group == BenchmarkGroup.International ? meta.CompareInternational : meta.CompareDomestic;
                if (compared && reference.TryGetValue(node.Code, out var value))
                {
                    scores[i] = Fitted(context.Data.Values[i], value, node.Direction, method);
                }
            }
            var aggregates = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var a = framework.IndicatorCount; a < framework.Nodes.Count; a++)
            {
                scores[a] = Mean(framework.Children[a].Where(c => !double.IsNaN(scores[c])).Select(c => (scores[c], framework.Nodes[c].Weight)).ToList(), method.Aggregation);
                if (!double.IsNaN(scores[a]))
                {
                    aggregates[framework.Nodes[a].Code] = scores[a];
                }
            }
            if (aggregates.Count > 0)
            {
                result[group] = aggregates;
            }
        }
        return result;
    }

    /// <summary>One reference value on the parks' scale: the same formulas and direction as <see cref="Normalisation"/>, parameters from the parks.</summary>
    private static double Fitted(double[] parks, double value, int direction, EvaluationMethod method)
    {
        var directed = parks.Where(v => !double.IsNaN(v)).Select(v => v * direction).ToArray();
        if (directed.Length < 2)
        {
            return double.NaN;
        }
        var x = value * direction;
        double min = directed.Min(), max = directed.Max();
        return method.Normalisation switch
        {
            NormalisationMethod.MinMax => (x - min) / (max - min) * (method.NormalisationUpper - method.NormalisationLower) + method.NormalisationLower,
            NormalisationMethod.ZScore => (x - directed.Average()) / Statistics.StandardDeviation(directed) * method.NormalisationUpper + method.NormalisationLower,
            _ => 1 - (max - x) / (max - min),
        };
    }

    private static double Mean(List<(double Value, double Weight)> children, AggregationMethod aggregation)
    {
        var total = children.Sum(c => c.Weight);
        if (children.Count == 0 || total == 0)
        {
            return double.NaN;
        }
        return aggregation switch
        {
            AggregationMethod.Geometric => children.Any(c => c.Value <= 0) ? double.NaN : Math.Exp(children.Sum(c => c.Weight * Math.Log(c.Value)) / total),
            AggregationMethod.Harmonic => children.Any(c => c.Value <= 0) ? double.NaN : total / children.Sum(c => c.Weight / c.Value),
            _ => children.Sum(c => c.Weight * c.Value) / total,
        };
    }

    /// <summary>The 凸显上海特色 sub-index: the marked indicators under the round's own method, or null when none are marked.</summary>
    public static double[]? ShanghaiSubIndex(Context context, EvaluationMethod method)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(method);
        var marked = Enumerable.Range(0, context.Framework.IndicatorCount)
            .Where(i => context.Meta[context.Framework.Nodes[i].Code].ShanghaiCharacteristic).ToList();
        if (marked.Count == 0)
        {
            return null;
        }
        var (sub, data) = SubFramework(context, marked, Weights.Effective(context.Framework), "SH");
        var pipeline = method.ToPipeline();
        return CompositeIndicator.Score(sub, data, pipeline.Normalisation, pipeline.Aggregation)[^1];
    }

    private static (IndicatorFramework, IndicatorData) SubFramework(Context context, List<int> indicators, double[] effective, string top)
    {
        var nodes = indicators.Select(i =>
        {
            var n = context.Framework.Nodes[i];
            return n with { Parent = top, Level = 1, Weight = effective[i] };
        }).Append(new FrameworkNode(top, top, 2, null, 1, 1, NodeKind.Aggregate)).ToList();
        var sub = IndicatorFramework.Create(nodes);
        var values = indicators.Select(i => context.Data.Values[i]).ToArray();
        return (sub, new IndicatorData(context.Data.UnitCodes, context.Data.UnitNames, values));
    }
}
