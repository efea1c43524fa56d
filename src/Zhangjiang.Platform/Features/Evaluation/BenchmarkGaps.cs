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
        var options = method.ToPipeline().Normalisation;
        foreach (var (group, (_, reference)) in context.References)
        {
            // One virtual unit: the compared indicators' reference values on the parks' scale, aggregated by the engine.
            var scores = new double[framework.Nodes.Count][];
            for (var i = 0; i < framework.Nodes.Count; i++)
            {
                scores[i] = [double.NaN];
            }
            for (var i = 0; i < framework.IndicatorCount; i++)
            {
                var node = framework.Nodes[i];
                var meta = context.Meta[node.Code];
                var compared = group == BenchmarkGroup.International ? meta.CompareInternational : meta.CompareDomestic;
                if (compared && reference.TryGetValue(node.Code, out var value))
                {
                    scores[i][0] = NormalisationFit.Of(node, context.Data.Values[i]).Normalise(value, options);
                }
            }
            try
            {
                Aggregation.Apply(framework, scores, method.Aggregation, [group.ToString()]);
            }
            catch (AggregationException)
            {
                continue; // a geometric or harmonic mean met a value ≤ 0: no scores for this group
            }
            var aggregates = Enumerable.Range(framework.IndicatorCount, framework.Nodes.Count - framework.IndicatorCount)
                .Where(a => !double.IsNaN(scores[a][0]))
                .ToDictionary(a => framework.Nodes[a].Code, a => scores[a][0], StringComparer.Ordinal);
            if (aggregates.Count > 0)
            {
                result[group] = aggregates;
            }
        }
        return result;
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
