using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Fund;

/// <summary>
/// The project contract (项目任务书/合同) of an approved award, keyed by its application. The application's declared
/// targets become its KPIs; their due dates become its milestones; the grant is paid in tranches tied to them
/// (ADR 0013). The contract's <see cref="Version"/> guards every change to it and its parts.
/// </summary>
public sealed class FundContract : IVersioned
{
    public Guid ApplicationId { get; set; }
    /// <summary>The application's tracking number with "-HT" (合同), e.g. ZJ2027-01-0007-HT.</summary>
    public required string ContractNumber { get; set; }
    public long GrantFen { get; set; }
    public DateOnly StartsOn { get; set; }
    /// <summary>The last milestone's date (moves with approved date amendments).</summary>
    public DateOnly EndsOn { get; set; }
    /// <summary>Half-way between start and end: when the city's mid-term check (中期检查) is due.</summary>
    public DateOnly MidtermDueOn { get; set; }
    /// <summary>The contract's budget lines (JSON list of <see cref="ContractBudgetLine"/>); approved budget amendments replace it.</summary>
    public string BudgetJson { get; set; } = "[]";
    public DateTime SignedUtc { get; set; }
    public required string SignedBy { get; set; }
    /// <summary>While the latest mid-term check found the project unsatisfactory, no tranche is paid.</summary>
    public bool PaymentsHeld { get; set; }
    /// <summary>Acceptance (验收): Σ of the KPI ratings (met 1, partly 0.5, not 0) over the KPIs, on 0–100.</summary>
    public double? PerformanceScore { get; set; }
    /// <summary>True: passed acceptance; false: failed (the final tranche is withheld); null: not yet decided.</summary>
    public bool? AcceptancePassed { get; set; }
    public string? AcceptanceNote { get; set; }
    public DateTime? AcceptedUtc { get; set; }
    public string? AcceptedBy { get; set; }
    public List<FundKpi> Kpis { get; set; } = [];
    public List<FundMilestone> Milestones { get; set; } = [];
    public List<FundTranche> Tranches { get; set; } = [];
    public Guid Version { get; set; }
}

/// <summary>One line of a contract's budget, in fen.</summary>
public sealed record ContractBudgetLine(string Category, string? Description, long FundFen, long SelfFen);

public enum KpiRating
{
    NotMet = 0,
    PartlyMet = 1,
    Met = 2,
}

/// <summary>A contract KPI (绩效指标): a declared target with the value reached and, at acceptance, its rating.</summary>
public sealed class FundKpi
{
    public int Id { get; set; }
    public Guid ContractId { get; set; }
    public int Order { get; set; }
    /// <summary>The milestone (by its order) the KPI is due at.</summary>
    public int MilestoneOrder { get; set; }
    public required string Name { get; set; }
    public string Unit { get; set; } = "";
    public double? Baseline { get; set; }
    public double TargetValue { get; set; }
    public DateOnly DueOn { get; set; }
    /// <summary>The value the contractor last reported.</summary>
    public double? ActualValue { get; set; }
    public KpiRating? Rating { get; set; }
    public string? RatingNote { get; set; }
}

public enum MilestoneStatus
{
    /// <summary>Waiting for the contractor's report (again, after a report was returned).</summary>
    Open = 0,
    Reported = 1,
    Accepted = 2,
    /// <summary>The city returned the report; the contractor reports again.</summary>
    Returned = 3,
}

/// <summary>
/// A milestone: a date at which KPIs fall due. The contractor reports the values reached; the city accepts the report
/// (releasing the milestone's tranche) or returns it. The last milestone is the final report, judged by acceptance.
/// </summary>
public sealed class FundMilestone
{
    public int Id { get; set; }
    public Guid ContractId { get; set; }
    public int Order { get; set; }
    public DateOnly DueOn { get; set; }
    public bool IsFinal { get; set; }
    public MilestoneStatus Status { get; set; }
    public string? ReportText { get; set; }
    public DateTime? ReportedUtc { get; set; }
    public string? ReportedBy { get; set; }
    public string? ReviewNote { get; set; }
    public DateTime? ReviewedUtc { get; set; }
    public string? ReviewedBy { get; set; }
}

public enum TrancheStatus
{
    /// <summary>Its milestone (or acceptance) is not accepted yet.</summary>
    Waiting = 0,
    Payable = 1,
    Paid = 2,
    /// <summary>The project failed acceptance: not paid.</summary>
    Withheld = 3,
}

/// <summary>One payment (拨付) of the grant: on signing (no milestone), on a milestone's acceptance, or after acceptance.</summary>
public sealed class FundTranche
{
    public int Id { get; set; }
    public Guid ContractId { get; set; }
    public int Order { get; set; }
    /// <summary>Null: paid on signing (预拨); otherwise the milestone whose acceptance releases it (the final one: acceptance).</summary>
    public int? MilestoneOrder { get; set; }
    public long AmountFen { get; set; }
    public TrancheStatus Status { get; set; }
    public DateOnly? PaidOn { get; set; }
    /// <summary>The finance voucher or transfer number.</summary>
    public string? PaymentReference { get; set; }
    public string? PaidBy { get; set; }
}

public enum MidtermOutcome
{
    Satisfactory = 1,
    NeedsImprovement = 2,
    /// <summary>Holds every further payment until a later check finds the project back on track.</summary>
    Unsatisfactory = 3,
}

/// <summary>A mid-term check (中期检查) by the city: kept as a history, the latest one in force.</summary>
public sealed class FundMidtermCheck
{
    public int Id { get; set; }
    public Guid ContractId { get; set; }
    public MidtermOutcome Outcome { get; set; }
    public required string Note { get; set; }
    public DateTime AtUtc { get; set; }
    public required string By { get; set; }
}

public enum AmendmentKind
{
    /// <summary>New due dates for milestones not yet accepted (延期).</summary>
    Dates = 1,
    /// <summary>New budget lines within the grant (预算调整).</summary>
    Budget = 2,
}

public enum AmendmentStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}

/// <summary>
/// A change the contractor asks for, with its reason; the city approves (and it applies) or rejects it, with a note.
/// What it changes is kept as before and after (JSON), so the contract's history reads from its amendments.
/// </summary>
public sealed class FundAmendment
{
    public int Id { get; set; }
    public Guid ContractId { get; set; }
    /// <summary>1, 2, … within the contract.</summary>
    public int Number { get; set; }
    public AmendmentKind Kind { get; set; }
    public required string Reason { get; set; }
    public required string BeforeJson { get; set; }
    public required string AfterJson { get; set; }
    public AmendmentStatus Status { get; set; }
    public DateTime RequestedUtc { get; set; }
    public required string RequestedBy { get; set; }
    public string? DecisionNote { get; set; }
    public DateTime? DecidedUtc { get; set; }
    public string? DecidedBy { get; set; }
}
