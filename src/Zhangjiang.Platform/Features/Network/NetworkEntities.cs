using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Network;

public enum ZoneKind
{
    /// <summary>国家高新区.</summary>
    NationalHighTechZone = 1,
    /// <summary>国家自主创新示范区.</summary>
    DemonstrationZone = 2,
    /// <summary>国家级新区 and other state-level zones.</summary>
    NewArea = 3,
    /// <summary>A park or co-built park.</summary>
    Park = 4,
    Other = 9,
}

/// <summary>A zone in the network: a national high-tech zone or another, with its city and province; Zhangjiang itself is the home zone.</summary>
public sealed class PartnerZone : IVersioned
{
    public required string Code { get; set; }
    public required string NameZh { get; set; }
    public string NameEn { get; set; } = "";
    public ZoneKind Kind { get; set; }
    public string City { get; set; } = "";
    public string Province { get; set; } = "";
    public bool IsHome { get; set; }
    public string Source { get; set; } = "";
    public Guid Version { get; set; }
}

/// <summary>An alliance or network of zones (the IC network, the Yangtze River Delta alliance…).</summary>
public sealed class Alliance : IVersioned
{
    public Guid Id { get; set; }
    public required string NameZh { get; set; }
    public string NameEn { get; set; } = "";
    public DateOnly? FoundedOn { get; set; }
    public string FoundedAt { get; set; } = "";
    public string Mission { get; set; } = "";
    /// <summary>What the sources say of the membership that the member rows cannot (e.g. "16 家高新区，其余成员未公布").</summary>
    public string MembershipNote { get; set; } = "";
    public string Source { get; set; } = "";
    public List<AllianceMember> Members { get; set; } = [];
    public Guid Version { get; set; }
}

public enum MemberRole
{
    /// <summary>发起单位.</summary>
    Initiator = 1,
    /// <summary>成员.</summary>
    Member = 2,
    /// <summary>牵头/秘书处.</summary>
    Secretariat = 3,
}

public sealed class AllianceMember
{
    public int Id { get; set; }
    public Guid AllianceId { get; set; }
    public required string ZoneCode { get; set; }
    public MemberRole Role { get; set; } = MemberRole.Member;
    public DateOnly? JoinedOn { get; set; }
    public DateOnly? LeftOn { get; set; }
}

public enum NetworkEventKind
{
    Forum = 1,
    /// <summary>A declaration such as the 张江宣言, kept as a document.</summary>
    Declaration = 2,
    Meeting = 3,
    Signing = 4,
}

/// <summary>A forum, declaration, meeting or signing, with its documents (<see cref="Files.AttachedFile"/>).</summary>
public sealed class NetworkEvent : IVersioned
{
    public Guid Id { get; set; }
    public NetworkEventKind Kind { get; set; }
    public required string TitleZh { get; set; }
    public string TitleEn { get; set; } = "";
    public DateOnly? HeldOn { get; set; }
    public string Place { get; set; } = "";
    public Guid? AllianceId { get; set; }
    public string Summary { get; set; } = "";
    public string Source { get; set; } = "";
    public Guid Version { get; set; }
}

/// <summary>A cooperation agreement between zones, with its term, commitments and the date it expires.</summary>
public sealed class PartnerAgreement : IVersioned
{
    public Guid Id { get; set; }
    public required string TitleZh { get; set; }
    public string TitleEn { get; set; } = "";
    /// <summary>The zones party to it (comma-separated zone codes).</summary>
    public string Parties { get; set; } = "";
    public DateOnly SignedOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public string Commitments { get; set; } = "";
    public string Source { get; set; } = "";
    public Guid Version { get; set; }
}

public enum JointProjectStatus
{
    Proposed = 1,
    Active = 2,
    Completed = 3,
}

/// <summary>A project run jointly with partner zones (a co-built park, a shared platform).</summary>
public sealed class JointProject : IVersioned
{
    public Guid Id { get; set; }
    public required string TitleZh { get; set; }
    public string TitleEn { get; set; } = "";
    /// <summary>The partner zones (comma-separated zone codes).</summary>
    public string Partners { get; set; } = "";
    /// <summary>Our sub-park taking part, if any.</summary>
    public string? ParkCode { get; set; }
    public Guid? AllianceId { get; set; }
    public JointProjectStatus Status { get; set; } = JointProjectStatus.Active;
    public DateOnly? StartedOn { get; set; }
    public string Description { get; set; } = "";
    public string Source { get; set; } = "";
    public Guid Version { get; set; }
}
