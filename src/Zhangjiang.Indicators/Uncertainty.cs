namespace Zhangjiang.Indicators;

/// <summary>What varies in a Monte Carlo uncertainty analysis.</summary>
public sealed record UncertaintyOptions
{
    /// <summary>Number of replications.</summary>
    public int Replications { get; init; } = 1000;

    /// <summary>Seed: the same seed gives the same result, whatever the number of threads.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Each weight is multiplied by a factor drawn uniformly from [1 − f, 1 + f].</summary>
    public double WeightNoise { get; init; } = 0.25;

    /// <summary>Alternative normalisations drawn uniformly; empty keeps the nominal one.</summary>
    public IReadOnlyList<NormalisationOptions> Normalisations { get; init; } = [];

    /// <summary>Alternative aggregations drawn uniformly; empty keeps the nominal one.</summary>
    public IReadOnlyList<AggregationMethod> Aggregations { get; init; } = [];

    /// <summary>Draw imputation on (the nominal method) or off at random.</summary>
    public bool ToggleImputation { get; init; }

    /// <summary>The node whose rank is studied; null for the top aggregate.</summary>
    public string? TargetCode { get; init; }

    /// <summary>Threads to use; null for all cores.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}

/// <summary>A unit's rank under uncertainty.</summary>
public sealed record RankInterval(string UnitCode, double NominalRank, double MedianRank, double P5, double P95);

/// <summary>The result: per-unit rank intervals, and every replication that could not be computed, with why.</summary>
public sealed record UncertaintyResult(
    string TargetCode, IReadOnlyList<RankInterval> Units, int Replications, int FailedReplications, IReadOnlyDictionary<string, int> FailureReasons)
{
    /// <summary>Ranks[replication][unit]; NaN rows are failed replications.</summary>
    public double[][] Ranks { get; init; } = [];
}

/// <summary>
/// Monte Carlo uncertainty analysis of ranks: weights with noise, alternative normalisations and aggregations,
/// imputation on or off. Each replication draws from its own generator (seeded by seed and replication number),
/// so results are reproducible and independent of scheduling. Data preparation and normalisation are computed
/// once per variant; a replication only re-weights, aggregates and ranks.
/// </summary>
public static class Uncertainty
{
    /// <summary>Runs the analysis around the nominal pipeline.</summary>
    public static UncertaintyResult Run(
        IndicatorFramework framework, IndicatorData data, PipelineOptions nominal, UncertaintyOptions options,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(nominal);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Replications < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "At least one replication is needed.");
        }
        var target = options.TargetCode is null ? framework.Nodes.Count - 1 : framework.IndexOf(options.TargetCode);
        if (target < 0)
        {
            throw new ArgumentException($"'{options.TargetCode}' is not in the framework.", nameof(options));
        }
        var nominalResult = CompositeIndicator.Run(framework, data, nominal);
        var units = nominalResult.UnitCodes;

        // Prepared data variants: [0] nominal, [1] without imputation when toggled.
        var variants = new List<IndicatorData> { nominalResult.Data };
        if (options.ToggleImputation && nominal.Imputation != ImputationMethod.None)
        {
            variants.Add(CompositeIndicator.Run(framework, data, nominal with { Imputation = ImputationMethod.None }).Data);
        }
        var normalisations = options.Normalisations.Count > 0 ? options.Normalisations : [nominal.Normalisation];
        var aggregations = options.Aggregations.Count > 0 ? options.Aggregations : [nominal.Aggregation];
        var normalised = new double[variants.Count][][][];
        for (var v = 0; v < variants.Count; v++)
        {
            normalised[v] = normalisations.Select(n => Normalisation.Apply(framework, variants[v].Values, n)).ToArray();
        }

        var nodeCount = framework.Nodes.Count;
        var unitCount = units.Count;
        var ranks = new double[options.Replications][];
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var done = 0;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount };
        Parallel.For(0, options.Replications, parallel,
            () => new Scratch(nodeCount, unitCount, framework.IndicatorCount),
            (replication, _, scratch) =>
            {
                var random = new Random(unchecked(options.Seed * 1_000_003 + replication));
                var variant = variants.Count == 1 ? 0 : random.Next(variants.Count);
                var normalisation = normalisations.Count == 1 ? 0 : random.Next(normalisations.Count);
                var aggregation = aggregations[aggregations.Count == 1 ? 0 : random.Next(aggregations.Count)];
                for (var i = 0; i < nodeCount; i++)
                {
                    scratch.Weights[i] = framework.Nodes[i].Weight * (1 + options.WeightNoise * (2 * random.NextDouble() - 1));
                }
                var indicators = normalised[variant][normalisation];
                for (var i = 0; i < framework.IndicatorCount; i++)
                {
                    scratch.Scores[i] = indicators[i];
                }
                var row = new double[unitCount];
                try
                {
                    Aggregation.Apply(framework, scratch.Scores, aggregation, units, scratch.Weights);
                    Ranking.MinRanks(scratch.Scores[target], row, descending: true);
                }
                catch (AggregationException ex)
                {
                    Array.Fill(row, double.NaN);
                    failures.AddOrUpdate($"{aggregation} aggregation undefined ({ex.AggregateCode} of {ex.UnitCode}: {ex.ChildCode} ≤ 0)", 1, (_, n) => n + 1);
                }
                ranks[replication] = row;
                var finished = Interlocked.Increment(ref done);
                if (progress is not null && (finished % 50 == 0 || finished == options.Replications))
                {
                    progress.Report(finished);
                }
                return scratch;
            },
            _ => { });

        var valid = ranks.Where(r => !double.IsNaN(r[0])).ToList();
        var intervals = new List<RankInterval>(unitCount);
        var column = new double[valid.Count];
        for (var u = 0; u < unitCount; u++)
        {
            for (var r = 0; r < valid.Count; r++)
            {
                column[r] = valid[r][u];
            }
            Array.Sort(column);
            intervals.Add(new RankInterval(units[u], nominalResult.Ranks[target][u],
                Quantile(column, 0.5), Quantile(column, 0.05), Quantile(column, 0.95)));
        }
        return new UncertaintyResult(framework.Nodes[target].Code, intervals, options.Replications,
            options.Replications - valid.Count, new Dictionary<string, int>(failures, StringComparer.Ordinal))
        {
            Ranks = ranks,
        };
    }

    /// <summary>Quantile of sorted values, linear between order statistics (R's default, type 7).</summary>
    public static double Quantile(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private sealed class Scratch(int nodes, int units, int indicators)
    {
        public double[] Weights { get; } = new double[nodes];
        public double[][] Scores { get; } = Enumerable.Range(0, nodes).Select(i => i < indicators ? [] : new double[units]).ToArray();
    }
}
