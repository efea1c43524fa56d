using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Organisations;

public enum OrganisationKind
{
    ManagementAgency = 1,
    OperatingAgency = 2,
    Enterprise = 3,
}

/// <summary>An organisation keyed by its 统一社会信用代码 (GB 32100-2015).</summary>
public sealed class Organisation : IVersioned
{
    public required string CreditCode { get; set; }
    public required string NameZh { get; set; }
    public string? NameEn { get; set; }
    public OrganisationKind Kind { get; set; }
    public string? ParkCode { get; set; }
    public string? DistrictCode { get; set; }
    public string? Address { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedUtc { get; set; }
    public Guid Version { get; set; }
}
