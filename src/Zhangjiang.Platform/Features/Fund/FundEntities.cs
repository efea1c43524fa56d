using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Fund;

/// <summary>
/// The special fund's frame (张江专项: 1 goal, 2 kinds of applicant, 3 topics), seeded from the seed document and kept
/// as data (ADR 0011): nothing in code names a topic or an applicant kind.
/// </summary>
public sealed class FundProgramme
{
    public required string Code { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public required string GoalZh { get; set; }
    public required string GoalEn { get; set; }
    public required string Source { get; set; }
}

/// <summary>Who may apply (园区运营机构, 科技企业).</summary>
public sealed class FundApplicantKind
{
    public required string Code { get; set; }
    public required string ProgrammeCode { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    /// <summary>The platform role whose accounts apply as this kind (Operator, Enterprise).</summary>
    public string Role { get; set; } = "";
    public int Order { get; set; }
}

/// <summary>One of the fund's topics (专题); calls and budgets are per topic.</summary>
public sealed class FundTopic
{
    public required string Code { get; set; }
    public required string ProgrammeCode { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public int Order { get; set; }
}

/// <summary>
/// The money a topic has for one year, in fen (分): integer amounts add and compare exactly on both databases, which
/// .NET decimals do not on SQLite (ADR 0011). The funding line of that year's calls is drawn against it.
/// </summary>
public sealed class FundTopicBudget : IVersioned
{
    public required string TopicCode { get; set; }
    public int Year { get; set; }
    public long AmountFen { get; set; }
    public string? Note { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public required string UpdatedBy { get; set; }
    public Guid Version { get; set; }
}

/// <summary>
/// Where a call stands. Applications carry their own status; the call's phase decides what may happen to all of them
/// (submissions only while open, scores visible to the panel only from the panel phase on).
/// </summary>
public enum FundCallStatus
{
    Draft = 0,
    Open = 1,
    /// <summary>Submissions closed; formal review (形式审查) of what was submitted.</summary>
    FormalReview = 2,
    ExpertReview = 3,
    Panel = 4,
    PublicNotice = 5,
    Decided = 6,
}

/// <summary>
/// A call for applications (申报指南) under the fund: its topics, dates and rules (<see cref="FundCallRules"/>, stored as
/// JSON and frozen once the call opens).
/// </summary>
public sealed class FundCall : IVersioned
{
    public Guid Id { get; set; }
    public required string ProgrammeCode { get; set; }
    public int Year { get; set; }
    /// <summary>Short code that starts every tracking number of the call's applications, e.g. ZJ2027A.</summary>
    public required string Code { get; set; }
    public required string TitleZh { get; set; }
    public required string TitleEn { get; set; }
    public string? GuideZh { get; set; }
    public string? GuideEn { get; set; }
    public FundCallStatus Status { get; set; }
    public DateTime OpensUtc { get; set; }
    public DateTime ClosesUtc { get; set; }
    public DateTime ReviewDeadlineUtc { get; set; }
    public required string RulesJson { get; set; }
    public DateTime CreatedUtc { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? OpenedUtc { get; set; }
    public string? OpenedBy { get; set; }
    public DateTime? ClosedUtc { get; set; }
    public string? ClosedBy { get; set; }
    /// <summary>The public notice (公示) of the ranked list: when it runs.</summary>
    public DateTime? NoticeStartsUtc { get; set; }
    public DateTime? NoticeEndsUtc { get; set; }
    public DateTime? DecidedUtc { get; set; }
    public string? DecidedBy { get; set; }
    /// <summary>From then on applicants read their final score and the experts' comments, without names.</summary>
    public DateTime? ReviewsReleasedUtc { get; set; }
    public List<FundCallTopic> Topics { get; set; } = [];
    public Guid Version { get; set; }
}

/// <summary>A topic a call opens: kept as rows besides the rules so lists and rankings can filter by topic.</summary>
public sealed class FundCallTopic
{
    public Guid CallId { get; set; }
    public required string TopicCode { get; set; }
}
