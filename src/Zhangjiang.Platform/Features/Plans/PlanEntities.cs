using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Plans;

/// <summary>Where a plan stands: drafted by the park, submitted to the city, reviewed, published (ADR 0014).</summary>
public enum PlanWorkflow
{
    Drafting = 0,
    Submitted = 1,
    /// <summary>Checked by the city and cleared for publication (or returned to drafting with a note).</summary>
    Reviewed = 2,
    Published = 3,
}

/// <summary>Which way a target counts as progress.</summary>
public enum TargetDirection
{
    /// <summary>More is better (output, firms, R&amp;D intensity).</summary>
    Increase = 1,
    /// <summary>Less is better (energy per unit of output, time to approval).</summary>
    Decrease = 2,
    /// <summary>A stated outcome without a number ("基本成势", "基本建成"): judged by the reports' evidence.</summary>
    Qualitative = 3,
}

/// <summary>How often a plan's progress is reported: periods end with the quarter or the half-year.</summary>
public enum ReportCadence
{
    Quarterly = 1,
    HalfYearly = 2,
}

/// <summary>
/// A park's plan (一园一方案): its period, positioning, leading industries, dated targets and key tasks. The working copy
/// is edited by the park; each publication is kept whole as a <see cref="ParkPlanVersion"/>, and a published plan is
/// changed by starting its next version.
/// </summary>
public sealed class ParkPlan : IVersioned
{
    public Guid Id { get; set; }
    public required string ParkCode { get; set; }
    public required string TitleZh { get; set; }
    public string TitleEn { get; set; } = "";
    /// <summary>The plan's period in years, where the plan states one (the seed's sentences mostly state only a target year).</summary>
    public int? PeriodFrom { get; set; }
    public int? PeriodTo { get; set; }
    public string PositioningZh { get; set; } = "";
    public string PositioningEn { get; set; } = "";
    /// <summary>Leading industries as named in the plan (comma-separated).</summary>
    public string LeadingIndustries { get; set; } = "";
    /// <summary>Where the plan's text comes from (the published document, or the seed's sentence).</summary>
    public string Source { get; set; } = "";
    public PlanWorkflow Workflow { get; set; }
    public ReportCadence Cadence { get; set; } = ReportCadence.HalfYearly;
    /// <summary>1 for the first publication; a new version starts as a draft numbered one higher.</summary>
    public int VersionNumber { get; set; } = 1;
    public string? ReviewNote { get; set; }
    public DateTime? PublishedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public required string UpdatedBy { get; set; }
    public List<PlanTarget> Targets { get; set; } = [];
    public List<PlanTask> Tasks { get; set; } = [];
    public Guid Version { get; set; }
}

/// <summary>A numeric (or stated) target with its baseline and year, optionally tied to an evaluation indicator.</summary>
public sealed class PlanTarget
{
    public int Id { get; set; }
    public Guid PlanId { get; set; }
    /// <summary>Stays the same while the target is edited, so progress reports keep pointing at it across versions.</summary>
    public Guid Key { get; set; } = Guid.NewGuid();
    public int Order { get; set; }
    public required string NameZh { get; set; }
    public string NameEn { get; set; } = "";
    public string Unit { get; set; } = "";
    public TargetDirection Direction { get; set; } = TargetDirection.Increase;
    public double? Baseline { get; set; }
    public int? BaselineYear { get; set; }
    public double? TargetValue { get; set; }
    public int TargetYear { get; set; }
    /// <summary>The evaluation indicator the target moves (its code in the framework), if any.</summary>
    public string? IndicatorCode { get; set; }
    public string? Source { get; set; }
}

/// <summary>A key task (重点任务) with its owner and dated milestones (JSON list of title, due date, done).</summary>
public sealed class PlanTask
{
    public int Id { get; set; }
    public Guid PlanId { get; set; }
    public int Order { get; set; }
    public required string TitleZh { get; set; }
    public string TitleEn { get; set; } = "";
    public string Owner { get; set; } = "";
    public string MilestonesJson { get; set; } = "[]";
    /// <summary>The evaluation indicator the task works on (a weak link it answers), if any.</summary>
    public string? IndicatorCode { get; set; }
}

/// <summary>A funded project (a fund application in the park, approved or later) serving one of the plan's targets.</summary>
public sealed class PlanFundLink
{
    public int Id { get; set; }
    public Guid PlanId { get; set; }
    /// <summary>The target's <see cref="PlanTarget.Key"/>.</summary>
    public Guid TargetKey { get; set; }
    public Guid ApplicationId { get; set; }
    public DateTime LinkedUtc { get; set; }
    public required string LinkedBy { get; set; }
}

/// <summary>A published version of a plan, kept whole as it was published (JSON of the plan with its targets and tasks).</summary>
public sealed class ParkPlanVersion
{
    public long Id { get; set; }
    public Guid PlanId { get; set; }
    public int Number { get; set; }
    public required string SnapshotJson { get; set; }
    public DateTime PublishedUtc { get; set; }
    public required string PublishedBy { get; set; }
}

public enum PlanReportStatus
{
    Draft = 0,
    Submitted = 1,
}

/// <summary>
/// A progress report for one period of a plan (its end date names it): the value each numeric target reached, an
/// assessment of each stated target, the narrative and the evidence (document references, links).
/// </summary>
public sealed class PlanReport : IVersioned
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public DateOnly DueOn { get; set; }
    public string Narrative { get; set; } = "";
    public string Evidence { get; set; } = "";
    public PlanReportStatus Status { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTime? SubmittedUtc { get; set; }
    public string? SubmittedBy { get; set; }
    public List<PlanReportValue> Values { get; set; } = [];
    public Guid Version { get; set; }
}

/// <summary>One target in a report: the value reached (numeric targets) or the park's assessment (stated targets), with a note.</summary>
public sealed class PlanReportValue
{
    public int Id { get; set; }
    public Guid ReportId { get; set; }
    /// <summary>The target's <see cref="PlanTarget.Key"/>.</summary>
    public Guid TargetKey { get; set; }
    public double? Actual { get; set; }
    public TargetStatus? Assessment { get; set; }
    public string? Note { get; set; }
}
