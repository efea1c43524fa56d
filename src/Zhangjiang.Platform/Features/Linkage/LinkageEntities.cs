using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Linkage;

/// <summary>The four kinds of city–district linkage the seed names (加强市区联动工作方案).</summary>
public enum LinkageKind
{
    /// <summary>规划政策联动.</summary>
    PlanPolicy = 1,
    /// <summary>重大改革任务联动.</summary>
    ReformTask = 2,
    /// <summary>重大科技项目联动: carries the project's investment, location and stage.</summary>
    MajorProject = 3,
    /// <summary>创新生态共建.</summary>
    Ecosystem = 4,
}

/// <summary>
/// Where an item stands in the supervision loop (立项 → 交办 → 签收/办理/反馈 → 复核 → 办结). Sign-off is per unit and is
/// not a stage: an assigned item shows how many of its units have signed.
/// </summary>
public enum LinkageStage
{
    /// <summary>立项: the city is drafting the item; only the city sees it.</summary>
    Drafting = 0,
    /// <summary>交办/办理: assigned to its units, who sign for it and feed back on its cadence.</summary>
    Assigned = 1,
    /// <summary>复核: the lead unit asked for close-out; the supervising office verifies.</summary>
    Verifying = 2,
    /// <summary>办结/销号.</summary>
    Closed = 3,
}

public enum LinkageUnitKind
{
    /// <summary>A city department (市级部门), acted for by city staff.</summary>
    CityDepartment = 1,
    /// <summary>A district government, acted for by its district officers.</summary>
    District = 2,
    /// <summary>A sub-park's management body, acted for by its park managers.</summary>
    Park = 3,
}

public enum LinkageUnitRole
{
    /// <summary>牵头单位.</summary>
    Lead = 1,
    /// <summary>配合单位.</summary>
    Co = 2,
}

/// <summary>A node's outcome, after OCDS's milestoneStatus codelist (scheduled, met, partiallyMet, notMet).</summary>
public enum NodeStatus
{
    Scheduled = 0,
    Met = 1,
    PartiallyMet = 2,
    NotMet = 3,
}

/// <summary>What a node is, after OCDS's milestoneType codelist (approval, delivery, reporting, financing…).</summary>
public enum NodeType
{
    Approval = 1,
    Delivery = 2,
    Reporting = 3,
    Financing = 4,
    Other = 9,
}

/// <summary>Where a major project stands (谋划 → 审批 → 在建 → 试运行 → 运营).</summary>
public enum ProjectStage
{
    Planning = 1,
    Approval = 2,
    Construction = 3,
    Commissioning = 4,
    Operation = 5,
}

/// <summary>The supervision colours (三色督办): green on track, blue due soon, yellow behind, red overdue.</summary>
public enum TrafficLight
{
    Green = 0,
    Blue = 1,
    Yellow = 2,
    Red = 3,
}

/// <summary>
/// A city–district linkage item (市区联动事项): what is to be done, by which city lead unit with which district and park
/// co-units, by which node deadlines, with feedback every so many days (ADR 0015).
/// </summary>
public sealed class LinkageItem : IVersioned
{
    public Guid Id { get; set; }
    /// <summary>LD-yyyy-nnn, given when the item is created.</summary>
    public required string Number { get; set; }
    public LinkageKind Kind { get; set; }
    public required string TitleZh { get; set; }
    public string TitleEn { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>Where the item comes from: a document, a leader's instruction, a meeting decision.</summary>
    public string Source { get; set; } = "";
    /// <summary>The final deadline.</summary>
    public DateOnly DueOn { get; set; }
    /// <summary>Each unit feeds back at most this many days after its last feedback (or the assignment).</summary>
    public int FeedbackEveryDays { get; set; } = 30;
    public LinkageStage Stage { get; set; }
    /// <summary>Major projects: total investment in 万元, location (address), park, stage.</summary>
    public decimal? InvestmentWan { get; set; }
    public string? Location { get; set; }
    public string? ParkCode { get; set; }
    public ProjectStage? ProjectStage { get; set; }
    /// <summary>The district coordination decision the item was made from, if any.</summary>
    public Guid? DecisionId { get; set; }
    public DateTime? AssignedUtc { get; set; }
    public string? CloseSummary { get; set; }
    public string? CloseRequestedBy { get; set; }
    public DateTime? ClosedUtc { get; set; }
    public string? VerifiedBy { get; set; }
    public DateTime CreatedUtc { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public required string UpdatedBy { get; set; }
    public List<LinkageUnit> Units { get; set; } = [];
    public List<LinkageNode> Nodes { get; set; } = [];
    public Guid Version { get; set; }
}

/// <summary>A unit on an item (the lead or a co-unit) and its receipt sign-off (签收).</summary>
public sealed class LinkageUnit
{
    public int Id { get; set; }
    public Guid ItemId { get; set; }
    public LinkageUnitKind Kind { get; set; }
    /// <summary>The city department's code, the district code or the park code.</summary>
    public required string Code { get; set; }
    public LinkageUnitRole Role { get; set; }
    public DateTime? SignedUtc { get; set; }
    public string? SignedBy { get; set; }
}

/// <summary>A dated node (节点) of an item, with its outcome.</summary>
public sealed class LinkageNode
{
    public int Id { get; set; }
    public Guid ItemId { get; set; }
    public int Order { get; set; }
    public required string Title { get; set; }
    public NodeType Type { get; set; } = NodeType.Delivery;
    public DateOnly DueOn { get; set; }
    public NodeStatus Status { get; set; }
    public DateOnly? DoneOn { get; set; }
    public string? Note { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>A unit's progress feedback (进展反馈): narrative, share complete, evidence files; on time or late against its due date.</summary>
public sealed class LinkageFeedback
{
    public Guid Id { get; set; }
    public Guid ItemId { get; set; }
    public LinkageUnitKind UnitKind { get; set; }
    public required string UnitCode { get; set; }
    public required string Narrative { get; set; }
    public int? PercentComplete { get; set; }
    public ProjectStage? ProjectStage { get; set; }
    /// <summary>The date this feedback was due by when it was given.</summary>
    public DateOnly DueOn { get; set; }
    public bool Late { get; set; }
    public DateTime SubmittedUtc { get; set; }
    public required string SubmittedBy { get; set; }
}

/// <summary>An urging notice (督办单) to one unit of an item: why, and the date its answer is due.</summary>
public sealed class LinkageUrging
{
    public Guid Id { get; set; }
    public Guid ItemId { get; set; }
    /// <summary>DB-yyyy-nnn.</summary>
    public required string Number { get; set; }
    public LinkageUnitKind UnitKind { get; set; }
    public required string UnitCode { get; set; }
    public required string Reason { get; set; }
    public DateOnly RespondBy { get; set; }
    public DateTime IssuedUtc { get; set; }
    public required string IssuedBy { get; set; }
    public string? Response { get; set; }
    public DateTime? RespondedUtc { get; set; }
    public string? RespondedBy { get; set; }
}

public enum LinkageAction
{
    Created = 1,
    Edited = 2,
    Assigned = 3,
    Signed = 4,
    FeedbackGiven = 5,
    NodeUpdated = 6,
    Urged = 7,
    UrgingAnswered = 8,
    CloseRequested = 9,
    Closed = 10,
    Returned = 11,
    Reopened = 12,
}

/// <summary>The item's trail (留痕): every step with who, when, for which unit and any note — the supervision ledger.</summary>
public sealed class LinkageEvent
{
    public long Id { get; set; }
    public Guid ItemId { get; set; }
    public LinkageAction Action { get; set; }
    public LinkageUnitKind? UnitKind { get; set; }
    public string? UnitCode { get; set; }
    public string? Note { get; set; }
    public DateTime AtUtc { get; set; }
    public required string Actor { get; set; }
}
