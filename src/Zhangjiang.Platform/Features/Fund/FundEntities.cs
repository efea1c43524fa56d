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
