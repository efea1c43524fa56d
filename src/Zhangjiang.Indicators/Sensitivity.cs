namespace Zhangjiang.Indicators;

/// <summary>Settings of a variance-based sensitivity analysis.</summary>
public sealed record SensitivityOptions
{
    /// <summary>Base sample size N: the model runs N·(k + 2) times for k inputs.</summary>
    public int SampleSize { get; init; } = 500;

    /// <summary>Seed (same seed, same indices).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Weight noise (± fraction); 0 leaves weights out of the inputs.</summary>
    public double WeightNoise { get; init; } = 0.25;

    /// <summary>Alternative normalisations (two or more make normalisation an input).</summary>
    public IReadOnlyList<NormalisationOptions> Normalisations { get; init; } = [];

    /// <summary>Alternative aggregations (two or more make aggregation an input).</summary>
    public IReadOnlyList<AggregationMethod> Aggregations { get; init; } = [];

    /// <summary>Imputation on or off as an input.</summary>
    public bool ToggleImputation { get; init; }

    /// <summary>Output: the rank of this unit; null for the mean absolute rank change of all units against the nominal ranks.</summary>
    public string? UnitCode { get; init; }

    /// <summary>Bootstrap resamples for the confidence intervals.</summary>
    public int Bootstrap { get; init; } = 200;
}

/// <summary>First-order and total-effect indices of one input, with 90 % bootstrap intervals.</summary>
public sealed record SensitivityIndex(string Input, double FirstOrder, double FirstOrderLow, double FirstOrderHigh, double Total, double TotalLow, double TotalHigh);

/// <summary>The indices, the output's variance, and how many model runs were undefined (left out, counted).</summary>
public sealed record SensitivityResult(string Output, IReadOnlyList<SensitivityIndex> Indices, double Variance, int Runs, int FailedRuns);

/// <summary>
/// Variance-based (Sobol) sensitivity of the ranking to its uncertain inputs: weights, normalisation, aggregation and
/// imputation. Radial sampling with matrices A, B and A_B(i) (A with column i from B); first-order indices by
/// Saltelli (2010), Sᵢ = mean(f_B·(f_ABᵢ − f_A))/V, total effects by Jansen (1999), STᵢ = mean((f_A − f_ABᵢ)²)/(2V);
/// intervals from bootstrap resamples of the N rows. Inputs are uniform on [0, 1): a discrete input takes the
/// alternative floor(u·m); the weights input picks one of 100 pre-drawn noisy weight sets.
/// </summary>
public static class Sensitivity
{
    private const int WeightSets = 100;

    /// <summary>Runs the analysis around the nominal pipeline.</summary>
    public static SensitivityResult Run(IndicatorFramework framework, IndicatorData data, PipelineOptions nominal, SensitivityOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(nominal);
        ArgumentNullException.ThrowIfNull(options);
        var scenarios = new Scenarios(framework, data, nominal, options.Normalisations, options.Aggregations, options.ToggleImputation, null);
        var inputs = new List<string>();
        if (options.WeightNoise > 0)
        {
            inputs.Add("Weights");
        }
        if (scenarios.Normalisations.Count > 1)
        {
            inputs.Add("Normalisation");
        }
        if (scenarios.Aggregations.Count > 1)
        {
            inputs.Add("Aggregation");
        }
        if (scenarios.DataVariants > 1)
        {
            inputs.Add("Imputation");
        }
        if (inputs.Count == 0)
        {
            throw new ArgumentException("Nothing varies: give weight noise, alternative normalisations or aggregations, or the imputation toggle.", nameof(options));
        }
        var unit = options.UnitCode is null ? -1 : scenarios.Nominal.UnitIndex(options.UnitCode);
        var nominalRanks = scenarios.Nominal.Ranks[scenarios.Target];

        var weightSets = new double[WeightSets][];
        var setRandom = new Random(options.Seed);
        for (var s = 0; s < WeightSets; s++)
        {
            weightSets[s] = new double[framework.Nodes.Count];
            scenarios.NoisyWeights(setRandom, options.WeightNoise, weightSets[s]);
        }
        var nominalWeights = framework.Nodes.Select(n => n.Weight).ToArray();

        var n = options.SampleSize;
        var k = inputs.Count;
        var random = new Random(unchecked(options.Seed * 7919 + 17));
        var a = new double[n, k];
        var b = new double[n, k];
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < k; c++)
            {
                a[r, c] = random.NextDouble();
                b[r, c] = random.NextDouble();
            }
        }
        // Run layout: [0, n) = A, [n, 2n) = B, then n rows per input for A_B(i).
        var runs = n * (k + 2);
        var y = new double[runs];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, runs, parallel, scenarios.NewScratch, (run, _, scratch) =>
        {
            var block = run / n;
            var row = run % n;
            var point = new double[k];
            for (var c = 0; c < k; c++)
            {
                point[c] = block == 1 || (block >= 2 && c == block - 2) ? b[row, c] : a[row, c];
            }
            y[run] = Output(point);
            return scratch;

            double Output(double[] x)
            {
                int variant = 0, normalisation = 0, aggregation = 0;
                var weights = nominalWeights;
                for (var c = 0; c < k; c++)
                {
                    switch (inputs[c])
                    {
                        case "Weights":
                            weights = weightSets[Math.Min(WeightSets - 1, (int)(x[c] * WeightSets))];
                            break;
                        case "Normalisation":
                            normalisation = Math.Min(scenarios.Normalisations.Count - 1, (int)(x[c] * scenarios.Normalisations.Count));
                            break;
                        case "Aggregation":
                            aggregation = Math.Min(scenarios.Aggregations.Count - 1, (int)(x[c] * scenarios.Aggregations.Count));
                            break;
                        default:
                            variant = x[c] < 0.5 ? 0 : 1;
                            break;
                    }
                }
                var ranks = new double[scenarios.Units.Count];
                try
                {
                    scenarios.Ranks(variant, normalisation, aggregation, weights, scratch, ranks);
                }
                catch (AggregationException)
                {
                    return double.NaN;
                }
                if (unit >= 0)
                {
                    return ranks[unit];
                }
                double sum = 0;
                for (var u = 0; u < ranks.Length; u++)
                {
                    sum += Math.Abs(ranks[u] - nominalRanks[u]);
                }
                return sum / ranks.Length;
            }
        }, _ => { });

        // Rows where any run is undefined are left out of every estimate (and counted).
        var rows = Enumerable.Range(0, n).Where(r => Enumerable.Range(0, k + 2).All(blk => !double.IsNaN(y[blk * n + r]))).ToArray();
        var failed = y.Count(double.IsNaN);
        var indices = new List<SensitivityIndex>();
        var bootstrapRandom = new Random(unchecked(options.Seed * 31 + 5));
        var resamples = Enumerable.Range(0, options.Bootstrap)
            .Select(_ => Enumerable.Range(0, rows.Length).Select(_ => rows[bootstrapRandom.Next(rows.Length)]).ToArray()).ToArray();
        var variance = Variance(y, n, rows);
        for (var i = 0; i < k; i++)
        {
            var (first, total) = Estimate(y, n, i, rows);
            var boot = resamples.Select(sample => Estimate(y, n, i, sample)).ToArray();
            var firsts = boot.Select(e => e.First).Where(v => !double.IsNaN(v)).Order().ToArray();
            var totals = boot.Select(e => e.Total).Where(v => !double.IsNaN(v)).Order().ToArray();
            indices.Add(new SensitivityIndex(inputs[i], first, Uncertainty.Quantile(firsts, 0.05), Uncertainty.Quantile(firsts, 0.95),
                total, Uncertainty.Quantile(totals, 0.05), Uncertainty.Quantile(totals, 0.95)));
        }
        return new SensitivityResult(options.UnitCode is null ? "mean absolute rank change" : $"rank of {options.UnitCode}", indices, variance, runs, failed);
    }

    private static double Variance(double[] y, int n, int[] rows)
    {
        var values = rows.Select(r => y[r]).Concat(rows.Select(r => y[n + r])).ToArray();
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
    }

    private static (double First, double Total) Estimate(double[] y, int n, int input, int[] rows)
    {
        var v = Variance(y, n, rows);
        if (v == 0)
        {
            return (0, 0);
        }
        double first = 0, total = 0;
        var offset = (input + 2) * n;
        // Centring the outputs leaves the estimator's expectation unchanged and removes the mean's (large) share of its variance.
        var mean = (rows.Sum(r => y[r]) + rows.Sum(r => y[n + r])) / (2.0 * rows.Length);
        foreach (var r in rows)
        {
            var fa = y[r] - mean;
            var fb = y[n + r] - mean;
            var fab = y[offset + r] - mean;
            first += fb * (fab - fa);
            total += (fa - fab) * (fa - fab);
        }
        return (first / rows.Length / v, total / rows.Length / 2 / v);
    }
}
