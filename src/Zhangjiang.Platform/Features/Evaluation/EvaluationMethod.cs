using System.Text.Json;
using System.Text.Json.Serialization;
using Zhangjiang.Indicators;
using Zhangjiang.Platform.Common;

namespace Zhangjiang.Platform.Features.Evaluation;

/// <summary>
/// A round's method settings: what the engine does with the parks' values. Stored with the round and again with every
/// result, so a result can be reproduced exactly.
/// </summary>
public sealed record EvaluationMethod
{
    public ImputationMethod Imputation { get; init; } = ImputationMethod.None;
    public bool TreatOutliers { get; init; }
    public NormalisationMethod Normalisation { get; init; } = NormalisationMethod.MinMax;
    public double NormalisationLower { get; init; }
    public double NormalisationUpper { get; init; } = 100;
    public AggregationMethod Aggregation { get; init; } = AggregationMethod.Arithmetic;

    /// <summary>Monte Carlo replications for the rank intervals (0 = none).</summary>
    public int UncertaintyReplications { get; init; } = 1000;
    public int Seed { get; init; } = 1;
    public double WeightNoise { get; init; } = 0.25;

    /// <summary>Alternatives drawn in the uncertainty analysis besides the nominal method.</summary>
    public IReadOnlyList<NormalisationMethod> AlternativeNormalisations { get; init; } = [NormalisationMethod.MinMax, NormalisationMethod.ZScore];
    public IReadOnlyList<AggregationMethod> AlternativeAggregations { get; init; } = [AggregationMethod.Arithmetic, AggregationMethod.Geometric];

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static EvaluationMethod FromJson(string json) =>
        JsonSerializer.Deserialize<EvaluationMethod>(json, Json) ?? throw new InvalidOperationException("Empty method settings.");

    public PipelineOptions ToPipeline() => new()
    {
        Imputation = Imputation,
        Treatment = TreatOutliers ? new TreatmentOptions() : null,
        Normalisation = new NormalisationOptions(Normalisation, NormalisationLower, NormalisationUpper),
        Aggregation = Aggregation,
    };

    /// <summary>
    /// The uncertainty analysis around the nominal method. Alternatives are put on a positive scale (min-max onto
    /// [1, 100], z-scores around 100 with sd 10) so that a geometric mean stays defined.
    /// </summary>
    public UncertaintyOptions ToUncertainty() => new()
    {
        Replications = UncertaintyReplications,
        Seed = Seed,
        WeightNoise = WeightNoise,
        Normalisations = AlternativeNormalisations.Select(m => m switch
        {
            NormalisationMethod.MinMax => new NormalisationOptions(NormalisationMethod.MinMax, 1, 100),
            NormalisationMethod.ZScore => new NormalisationOptions(NormalisationMethod.ZScore, 100, 10),
            _ => new NormalisationOptions(m),
        }).ToList(),
        Aggregations = AlternativeAggregations,
    };

    /// <summary>Settings a round can be opened with; each problem names the field.</summary>
    public List<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (Imputation is ImputationMethod.GroupMean or ImputationMethod.GroupMedian or ImputationMethod.PreviousYear)
        {
            errors.Add(new(nameof(Imputation), new UserMessage("MethodImputationNotForRounds")));
        }
        if (Normalisation is NormalisationMethod.Benchmark or NormalisationMethod.Target)
        {
            errors.Add(new(nameof(Normalisation), new UserMessage("MethodNormalisationNotForRounds")));
        }
        if (Normalisation == NormalisationMethod.MinMax && !(NormalisationUpper > NormalisationLower))
        {
            errors.Add(new(nameof(NormalisationUpper), new UserMessage("MethodBoundsInvalid")));
        }
        if (Aggregation != AggregationMethod.Arithmetic && Normalisation == NormalisationMethod.MinMax && NormalisationLower <= 0)
        {
            errors.Add(new(nameof(NormalisationLower), new UserMessage("MethodGeometricNeedsPositive")));
        }
        if (UncertaintyReplications is < 0 or > 100_000)
        {
            errors.Add(new(nameof(UncertaintyReplications), new UserMessage("MethodReplicationsInvalid")));
        }
        if (WeightNoise is < 0 or >= 1)
        {
            errors.Add(new(nameof(WeightNoise), new UserMessage("MethodWeightNoiseInvalid")));
        }
        return errors;
    }
}
