using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Evaluation;

public enum RoundStatus
{
    /// <summary>Parks fill in and submit; city staff accept or return.</summary>
    Open = 0,
    /// <summary>No more submissions: every park accepted, or the city closed the round. Computed results may be replaced.</summary>
    Locked = 1,
    /// <summary>The official result is frozen and shown according to the round's visibility.</summary>
    Published = 2,
}

/// <summary>What a park sees of the other parks' results once the round is published.</summary>
public enum ResultVisibility
{
    RanksOnly = 0,
    TiersOnly = 1,
    Full = 2,
}

/// <summary>A yearly evaluation round (评价轮次) over one published framework version.</summary>
public sealed class EvaluationRound : IVersioned
{
    public Guid Id { get; set; }
    public int Year { get; set; }
    public Guid FrameworkId { get; set; }
    public EvaluationFramework? Framework { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public DateTime DeadlineUtc { get; set; }
    public RoundStatus Status { get; set; }

    /// <summary>The method settings (<see cref="EvaluationMethod"/> as JSON), stored so a result can always be reproduced.</summary>
    public required string MethodJson { get; set; }

    /// <summary>A value that moved more than this share from last year's must be explained (0.3 = 30 %).</summary>
    public double ChangeExplanationThreshold { get; set; } = 0.3;

    public ResultVisibility OthersSee { get; set; } = ResultVisibility.RanksOnly;

    /// <summary>Whether the public portal shows the published ranking.</summary>
    public bool ShowOnPortal { get; set; }

    /// <summary>Index score from which a park is in 第一梯队; from <see cref="SecondTierMinScore"/> in 第二梯队; below, 第三梯队.</summary>
    public double FirstTierMinScore { get; set; } = 70;
    public double SecondTierMinScore { get; set; } = 50;

    public DateTime OpenedUtc { get; set; }
    public required string OpenedBy { get; set; }
    public DateTime? LockedUtc { get; set; }
    public DateTime? PublishedUtc { get; set; }
    public List<ParkSubmission> Submissions { get; set; } = [];
    public Guid Version { get; set; }

    /// <summary>The tier (1–3) of an index score under this round's bands.</summary>
    public int TierOf(double score) => score >= FirstTierMinScore ? 1 : score >= SecondTierMinScore ? 2 : 3;
}

public enum SubmissionStatus
{
    Draft = 0,
    Submitted = 1,
    Returned = 2,
    Accepted = 3,
}

/// <summary>A park's data for a round (填报): values, explanations and evidence, with its review state.</summary>
public sealed class ParkSubmission : IVersioned
{
    public Guid Id { get; set; }
    public Guid RoundId { get; set; }
    public EvaluationRound? Round { get; set; }
    public required string ParkCode { get; set; }
    public SubmissionStatus Status { get; set; }
    public string? ReviewComment { get; set; }
    public DateTime? SubmittedUtc { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTime? ReviewedUtc { get; set; }
    public string? ReviewedBy { get; set; }
    public List<SubmissionValue> Values { get; set; } = [];
    public List<SubmissionEvidence> Evidence { get; set; } = [];
    public Guid Version { get; set; }
}

/// <summary>One indicator value of a submission (raw unit), with the explanation a large change needs.</summary>
public sealed class SubmissionValue
{
    public int Id { get; set; }
    public Guid SubmissionId { get; set; }
    public required string IndicatorCode { get; set; }
    public double? Value { get; set; }
    public string? Explanation { get; set; }
    /// <summary>True when the platform filled the value from enterprise statistics.</summary>
    public bool Computed { get; set; }
}

/// <summary>A file attached to a submission as evidence, stored under a generated name.</summary>
public sealed class SubmissionEvidence
{
    public Guid Id { get; set; }
    public Guid SubmissionId { get; set; }
    public required string FileName { get; set; }
    public required string StoredName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
    public required string Sha256 { get; set; }
    public string? IndicatorCode { get; set; }
    public DateTime UploadedUtc { get; set; }
    public required string UploadedBy { get; set; }
}
