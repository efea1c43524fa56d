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
