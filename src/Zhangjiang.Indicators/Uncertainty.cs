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
        var scenarios = new Scenarios(framework, data, nominal, options.Normalisations, options.Aggregations, options.ToggleImputation, options.TargetCode);
        var units = scenarios.Units;
        var unitCount = units.Count;
        var ranks = new double[options.Replications][];
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var done = 0;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount };
        Parallel.For(0, options.Replications, parallel,
            scenarios.NewScratch,
            (replication, _, scratch) =>
            {
                var random = new Random(unchecked(options.Seed * 1_000_003 + replication));
                var variant = scenarios.DataVariants == 1 ? 0 : random.Next(scenarios.DataVariants);
                var normalisation = scenarios.Normalisations.Count == 1 ? 0 : random.Next(scenarios.Normalisations.Count);
                var aggregation = scenarios.Aggregations.Count == 1 ? 0 : random.Next(scenarios.Aggregations.Count);
                scenarios.NoisyWeights(random, options.WeightNoise, scratch.Weights);
                var row = new double[unitCount];
                try
                {
                    scenarios.Ranks(variant, normalisation, aggregation, scratch.Weights, scratch, row);
                }
                catch (AggregationException ex)
                {
                    Array.Fill(row, double.NaN);
                    failures.AddOrUpdate($"{scenarios.Aggregations[aggregation]} aggregation undefined ({ex.AggregateCode} of {ex.UnitCode}: {ex.ChildCode} ≤ 0)", 1, (_, n) => n + 1);
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
            intervals.Add(new RankInterval(units[u], scenarios.Nominal.Ranks[scenarios.Target][u],
                Quantile(column, 0.5), Quantile(column, 0.05), Quantile(column, 0.95)));
        }
        return new UncertaintyResult(framework.Nodes[scenarios.Target].Code, intervals, options.Replications,
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
}
