namespace Zhangjiang.Indicators;

/// <summary>
/// The precomputed alternatives shared by uncertainty and sensitivity analysis: the prepared data with imputation
/// on (and off), each normalised by each alternative method. A scenario then only re-weights, aggregates and ranks.
/// </summary>
internal sealed class Scenarios
{
    private readonly IndicatorFramework _framework;
    private readonly double[][][][] _normalised;

    public Scenarios(IndicatorFramework framework, IndicatorData data, PipelineOptions nominal,
        IReadOnlyList<NormalisationOptions> normalisations, IReadOnlyList<AggregationMethod> aggregations, bool toggleImputation, string? targetCode)
    {
        _framework = framework;
        Target = targetCode is null ? framework.Nodes.Count - 1 : framework.IndexOf(targetCode);
        if (Target < 0)
        {
            throw new ArgumentException($"'{targetCode}' is not in the framework.", nameof(targetCode));
        }
        Nominal = CompositeIndicator.Run(framework, data, nominal);
        var variants = new List<IndicatorData> { Nominal.Data };
        if (toggleImputation && nominal.Imputation != ImputationMethod.None)
        {
            variants.Add(CompositeIndicator.Run(framework, data, nominal with { Imputation = ImputationMethod.None }).Data);
        }
        Normalisations = normalisations.Count > 0 ? normalisations : [nominal.Normalisation];
        Aggregations = aggregations.Count > 0 ? aggregations : [nominal.Aggregation];
        _normalised = variants.Select(v => Normalisations.Select(n => Normalisation.Apply(framework, v.Values, n)).ToArray()).ToArray();
    }

    public CompositeResult Nominal { get; }
    public int Target { get; }
    public int DataVariants => _normalised.Length;
    public IReadOnlyList<NormalisationOptions> Normalisations { get; }
    public IReadOnlyList<AggregationMethod> Aggregations { get; }
    public IReadOnlyList<string> Units => Nominal.UnitCodes;

    public Scratch NewScratch() => new(_framework.Nodes.Count, Units.Count, _framework.IndicatorCount);

    /// <summary>Ranks of the target node in one scenario into <paramref name="row"/>. Throws <see cref="AggregationException"/> when undefined.</summary>
    public void Ranks(int variant, int normalisation, int aggregation, double[] weights, Scratch scratch, double[] row)
    {
        var indicators = _normalised[variant][normalisation];
        for (var i = 0; i < _framework.IndicatorCount; i++)
        {
            scratch.Scores[i] = indicators[i];
        }
        Aggregation.Apply(_framework, scratch.Scores, Aggregations[aggregation], Units, weights);
        Ranking.MinRanks(scratch.Scores[Target], row, descending: true);
    }

    /// <summary>Weights of every node multiplied by factors drawn from U(1 − noise, 1 + noise).</summary>
    public void NoisyWeights(Random random, double noise, double[] weights)
    {
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = _framework.Nodes[i].Weight * (1 + noise * (2 * random.NextDouble() - 1));
        }
    }

    internal sealed class Scratch(int nodes, int units, int indicators)
    {
        public double[] Weights { get; } = new double[nodes];
        public double[][] Scores { get; } = Enumerable.Range(0, nodes).Select(i => i < indicators ? [] : new double[units]).ToArray();
    }
}
