using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Coordination;

/// <summary>
/// A district's coordination mechanism (区级统筹协调机制) for its sub-parks: led by the district's principal leaders, with
/// member units, covering the district's parks (seeded from the seed's sentence; the district fills in the names).
/// </summary>
public sealed class DistrictMechanism : IVersioned
{
    public required string DistrictCode { get; set; }
    public string LeaderName { get; set; } = "";
    /// <summary>E.g. 区长, 区委书记: the seed asks for the district's principal leaders.</summary>
    public string LeaderTitle { get; set; } = "";
    /// <summary>Members as JSON list of name, title, unit.</summary>
    public string MembersJson { get; set; } = "[]";
    /// <summary>The parks the mechanism covers (comma-separated park codes).</summary>
    public string ParkCodes { get; set; } = "";
    public DateOnly? EstablishedOn { get; set; }
    public string Remit { get; set; } = "";
    public string Source { get; set; } = "";
    public DateTime UpdatedUtc { get; set; }
    public required string UpdatedBy { get; set; }
    public Guid Version { get; set; }
}

/// <summary>A meeting of a district's mechanism, with its minutes (纪要) and decisions.</summary>
public sealed class CoordinationMeeting : IVersioned
{
    public Guid Id { get; set; }
    public required string DistrictCode { get; set; }
    public required string Title { get; set; }
    public DateOnly HeldOn { get; set; }
    public string Location { get; set; } = "";
    public string Chair { get; set; } = "";
    public string Attendees { get; set; } = "";
    public string Minutes { get; set; } = "";
    public DateTime UpdatedUtc { get; set; }
    public required string UpdatedBy { get; set; }
    public List<MeetingDecision> Decisions { get; set; } = [];
    public Guid Version { get; set; }
}

/// <summary>A decision of a meeting (会议议定事项): what, who, by when, and the linkage item made from it, if any.</summary>
public sealed class MeetingDecision
{
    public Guid Id { get; set; }
    public Guid MeetingId { get; set; }
    public int Order { get; set; }
    public required string Text { get; set; }
    public string Owner { get; set; } = "";
    public DateOnly? DueOn { get; set; }
    public Guid? LinkageItemId { get; set; }
}
