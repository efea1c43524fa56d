using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Organisations;

namespace Zhangjiang.Platform.Features.Parks;

/// <summary>A Shanghai district (GB/T 2260 code), the administrative home of one or more parks.</summary>
public sealed class District
{
    public required string Code { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public required string Source { get; set; }
}

public enum PlanStatus
{
    NotStated = 0,
    Drafting = 1,
    Published = 2,
}

/// <summary>One of the 22 sub-parks (分园) of the zone.</summary>
public sealed class Park : IVersioned
{
    public required string Code { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public required string DistrictCode { get; set; }
    public District? District { get; set; }
    public required string DistrictSource { get; set; }

    /// <summary>The plan summary the park published (一园一方案), quoted from its source.</summary>
    public string PlanSummaryZh { get; set; } = "";
    public string PlanSummaryEn { get; set; } = "";
    public int? PlanTargetYear { get; set; }
    public PlanStatus PlanStatus { get; set; }
    public string PlanSource { get; set; } = "";
    public string PlanStatusSource { get; set; } = "";

    /// <summary>Profile fields the park manager keeps up to date.</summary>
    public string? AreaKm2Note { get; set; }
    public string? Address { get; set; }
    public string? Website { get; set; }
    public string? ProfileZh { get; set; }
    public string? ProfileEn { get; set; }

    public string? ManagementAgencyCreditCode { get; set; }
    public Organisation? ManagementAgency { get; set; }
    public string? OperatingAgencyCreditCode { get; set; }
    public Organisation? OperatingAgency { get; set; }

    public List<ParkLeadingIndustry> LeadingIndustries { get; set; } = [];
    public List<ParkInitiative> Initiatives { get; set; } = [];

    public Guid Version { get; set; }
}

public sealed class ParkLeadingIndustry
{
    public int Id { get; set; }
    public required string ParkCode { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public int SortOrder { get; set; }
    public required string Source { get; set; }
}

/// <summary>A pilot or reform initiative the park runs (e.g. 张江科学城 产业综合用地).</summary>
public sealed class ParkInitiative
{
    public int Id { get; set; }
    public required string ParkCode { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public string StatusZh { get; set; } = "";
    public string StatusEn { get; set; } = "";
    public required string Source { get; set; }
}
