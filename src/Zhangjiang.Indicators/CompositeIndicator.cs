namespace Zhangjiang.Indicators;

/// <summary>What to do, step by step. The defaults are COINr's: no denomination, imputation or treatment; min-max onto [0, 100]; arithmetic mean.</summary>
public sealed record PipelineOptions
{
    /// <summary>Divide indicators by their denominator columns.</summary>
    public bool Denominate { get; init; }

    /// <summary>Drop units whose share of present indicator values is below this (0–1); null keeps all.</summary>
    public double? MinimumAvailability { get; init; }

    /// <summary>How to fill missing values.</summary>
    public ImputationMethod Imputation { get; init; } = ImputationMethod.None;

    /// <summary>Group column for group-mean and group-median imputation.</summary>
    public string? ImputationGroup { get; init; }

    /// <summary>Outlier treatment settings; null for none.</summary>
    public TreatmentOptions? Treatment { get; init; }

    /// <summary>Normalisation method and parameters.</summary>
    public NormalisationOptions Normalisation { get; init; } = NormalisationOptions.Default;

    /// <summary>Aggregation method.</summary>
    public AggregationMethod Aggregation { get; init; } = AggregationMethod.Arithmetic;
}

/// <summary>Everything a run produced, kept so every number can be explained.</summary>
public sealed class CompositeResult
{
    private double[][]? _ranks;

    internal CompositeResult(IndicatorFramework framework, IndicatorData data, double[][] scores)
    {
        Framework = framework;
        Data = data;
        Scores = scores;
    }

    /// <summary>The framework used.</summary>
    public IndicatorFramework Framework { get; }

    /// <summary>The units that remained after screening, with the values as fed to normalisation.</summary>
    public IndicatorData Data { get; }

    /// <summary>Unit codes in row order.</summary>
    public IReadOnlyList<string> UnitCodes => Data.UnitCodes;

    /// <summary>Scores[node][unit]: normalised values for indicators, aggregate scores above.</summary>
    public double[][] Scores { get; }

    /// <summary>Ranks[node][unit], 1 = best, ties share the lowest rank, missing stays missing. Computed when first asked for.</summary>
    public double[][] Ranks => _ranks ??= Scores.Select(s => Ranking.Ranks(s)).ToArray();

    /// <summary>Units dropped by screening.</summary>
    public IReadOnlyList<ScreenedUnit> Screened { get; init; } = [];

    /// <summary>Values filled by imputation.</summary>
    public IReadOnlyList<ImputedPoint> Imputed { get; init; } = [];

    /// <summary>The data after imputation, when it ran.</summary>
    public double[][]? ImputedValues { get; init; }

    /// <summary>Per indicator: what treatment did.</summary>
    public IReadOnlyList<TreatmentRecord> Treatment { get; init; } = [];

    /// <summary>Every value treatment changed.</summary>
    public IReadOnlyList<TreatedPoint> TreatedPoints { get; init; } = [];

    /// <summary>The data after treatment, when it ran.</summary>
    public double[][]? TreatedValues { get; init; }

    /// <summary>The score of a node for a unit.</summary>
    public double Score(string nodeCode, string unitCode) => Scores[Framework.IndexOf(nodeCode)][UnitIndex(unitCode)];

    /// <summary>The rank of a unit on a node.</summary>
    public double Rank(string nodeCode, string unitCode) => Ranks[Framework.IndexOf(nodeCode)][UnitIndex(unitCode)];

    /// <summary>Row of a unit.</summary>
    public int UnitIndex(string unitCode)
    {
        for (var u = 0; u < Data.UnitCount; u++)
        {
            if (string.Equals(Data.UnitCodes[u], unitCode, StringComparison.Ordinal))
            {
                return u;
            }
        }
        throw new KeyNotFoundException($"Unit '{unitCode}' is not in the results.");
    }
}

/// <summary>
/// The composite-indicator pipeline: denominate → screen → impute → treat → normalise → aggregate → rank.
/// Each step is also usable alone (see <see cref="Denomination"/>, <see cref="Screening"/>, <see cref="Imputation"/>,
/// <see cref="Treatment"/>, <see cref="Normalisation"/>, <see cref="Aggregation"/>, <see cref="Ranking"/>).
/// </summary>
public static class CompositeIndicator
{
    /// <summary>Runs the pipeline. Inputs are not modified.</summary>
    public static CompositeResult Run(IndicatorFramework framework, IndicatorData data, PipelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(data);
        options ??= new PipelineOptions();
        var current = data;
        if (options.Denominate)
        {
            current = current.WithValues(Denomination.Apply(framework, current));
        }
        IReadOnlyList<ScreenedUnit> screened = [];
        if (options.MinimumAvailability is { } threshold)
        {
            var (kept, removed) = Screening.Apply(current, threshold);
            screened = removed;
            if (removed.Count > 0)
            {
                current = current.Select(kept);
            }
        }
        IReadOnlyList<ImputedPoint> imputed = [];
        double[][]? imputedValues = null;
        if (options.Imputation != ImputationMethod.None)
        {
            (imputedValues, imputed) = Imputation.Apply(framework, current, options.Imputation, options.ImputationGroup);
            current = current.WithValues(imputedValues);
        }
        IReadOnlyList<TreatmentRecord> treatment = [];
        IReadOnlyList<TreatedPoint> treatedPoints = [];
        double[][]? treatedValues = null;
        if (options.Treatment is { } treatmentOptions)
        {
            (treatedValues, treatment, treatedPoints) = Treatment.Apply(framework, current, treatmentOptions);
            current = current.WithValues(treatedValues);
        }
        var scores = Score(framework, current, options.Normalisation, options.Aggregation);
        return new CompositeResult(framework, current, scores)
        {
            Screened = screened,
            Imputed = imputed,
            ImputedValues = imputedValues,
            Treatment = treatment,
            TreatedPoints = treatedPoints,
            TreatedValues = treatedValues,
        };
    }

    /// <summary>Normalises and aggregates: one row of scores per framework node.</summary>
    public static double[][] Score(IndicatorFramework framework, IndicatorData data, NormalisationOptions normalisation, AggregationMethod aggregation, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(data);
        var normalised = Normalisation.Apply(framework, data.Values, normalisation);
        var scores = new double[framework.Nodes.Count][];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = i < framework.IndicatorCount ? normalised[i] : new double[data.UnitCount];
        }
        Aggregation.Apply(framework, scores, aggregation, data.UnitCodes, weights);
        return scores;
    }
}
