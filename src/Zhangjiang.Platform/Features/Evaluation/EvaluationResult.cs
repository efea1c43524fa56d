namespace Zhangjiang.Platform.Features.Evaluation;

/// <summary>
/// A computation of a round: the method and the input values it used (so it can be reproduced), when and by whom.
/// While the round is locked a new computation replaces the last; publishing freezes it as the official result.
/// </summary>
public sealed class EvaluationResult
{
    public Guid Id { get; set; }
    public Guid RoundId { get; set; }
    public DateTime ComputedUtc { get; set; }
    public required string ComputedBy { get; set; }
    public required string MethodJson { get; set; }

    /// <summary>The park × indicator values used, as JSON (audited as its SHA-256 digest).</summary>
    public required string InputJson { get; set; }
    public int Replications { get; set; }
    public int FailedReplications { get; set; }
    public bool Official { get; set; }
    public List<ResultParkSummary> Parks { get; set; } = [];
    public List<ResultScore> Scores { get; set; } = [];
}

/// <summary>A park's standing in a result: index score, rank, rank interval and tier.</summary>
public sealed class ResultParkSummary
{
    public long Id { get; set; }
    public Guid ResultId { get; set; }
    public required string ParkCode { get; set; }
    public double? Score { get; set; }
    public double? Rank { get; set; }
    public double? MedianRank { get; set; }
    public double? RankP5 { get; set; }
    public double? RankP95 { get; set; }
    public int Tier { get; set; }
}

/// <summary>A park's score and rank at one node of the framework (indicator as normalised, or aggregate).</summary>
public sealed class ResultScore
{
    public long Id { get; set; }
    public Guid ResultId { get; set; }
    public required string ParkCode { get; set; }
    public required string NodeCode { get; set; }
    public double? Raw { get; set; }
    public double? Score { get; set; }
    public double? Rank { get; set; }
}
