using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Enterprises;

/// <summary>Ownership as the statistics forms classify it (登记注册类型, simplified).</summary>
public enum EnterpriseOwnership
{
    /// <summary>Not stated yet (a firm first known from its statistics).</summary>
    Unknown = 0,
    Private = 1,
    StateOwned = 2,
    ForeignInvested = 3,
    HongKongMacaoTaiwanInvested = 4,
    Collective = 5,
    Other = 6,
}

/// <summary>
/// A firm of the statistical registry (企业库), keyed by 统一社会信用代码. This is the 火炬统计 population (about 165,000 firms
/// nationally), separate from <see cref="Organisations.Organisation"/>, which holds the bodies whose people sign in.
/// </summary>
public sealed class Enterprise : IVersioned
{
    public required string CreditCode { get; set; }
    public required string NameZh { get; set; }
    public string? NameEn { get; set; }

    /// <summary>
    /// PostgreSQL only: the bigrams of the names (<see cref="EnterpriseNameIndex"/>), each packed into an integer, searched
    /// through a GIN index; null until built. SQLite keeps them in their own table instead.
    /// </summary>
    public int[]? NameGrams { get; set; }

    /// <summary>The park the firm is in now; its history is in <see cref="EnterpriseParkAssignment"/>.</summary>
    public string? ParkCode { get; set; }

    /// <summary>GB/T 4754-2017 industry: a section letter and up to four digits (e.g. C3973).</summary>
    public string? IndustryCode { get; set; }
    public DateOnly? FoundedOn { get; set; }
    public EnterpriseOwnership Ownership { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country of the foreign investor, for foreign-invested firms.</summary>
    public string? CountryOfOrigin { get; set; }

    /// <summary>Personal data (PIPL): masked in every view unless revealed with a stated purpose, which is audited.</summary>
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }

    /// <summary>
    /// The tiers the firm has ever been awarded, one bit per tier (<see cref="EnterpriseTiers.Bit"/>), whatever the award's
    /// dates or revocation: a search by tier reads only the firms with the bit set and checks their awards' dates then.
    /// Awards are only ever added (revoking sets a date), so every writer of <see cref="TierAward"/> rows sets the bit in
    /// the same transaction (<see cref="TierAwards.MarkAwardedAsync"/>, the demo) and it never needs clearing.
    /// </summary>
    public int TiersAwarded { get; set; }

    /// <summary>Synthetic firm from <c>zj demo enterprises</c>; always labelled 示例 in views.</summary>
    public bool IsDemo { get; set; }
    public DateTime CreatedUtc { get; set; }
    public Guid Version { get; set; }
}

/// <summary>A period a firm spent in a park: the park follows who landed and when, and who left.</summary>
public sealed class EnterpriseParkAssignment
{
    public int Id { get; set; }
    public required string CreditCode { get; set; }
    public required string ParkCode { get; set; }
    public DateOnly FromDate { get; set; }
    /// <summary>The day the firm left; null while it is there.</summary>
    public DateOnly? ToDate { get; set; }
    public string? Reason { get; set; }
}

/// <summary>One award of a cultivation tier (a certificate), with its validity. A renewal is a new award.</summary>
public sealed class TierAward : IVersioned
{
    public Guid Id { get; set; }
    public required string CreditCode { get; set; }
    public EnterpriseTier Tier { get; set; }
    public string CertificateNumber { get; set; } = "";
    public string IssuingBody { get; set; } = "";
    public DateOnly AwardedOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public DateOnly? RevokedOn { get; set; }
    public string? RevocationReason { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedUtc { get; set; }
    public Guid Version { get; set; }

    /// <summary>Held on <paramref name="day"/>: awarded by then, not expired and not revoked.</summary>
    public bool IsValidOn(DateOnly day) =>
        AwardedOn <= day && (ExpiresOn is null || ExpiresOn >= day) && (RevokedOn is null || RevokedOn > day);
}

/// <summary>
/// One firm's annual statistics (火炬统计 年报) for one year. The numeric fields are described by
/// <see cref="StatisticsFields"/>; null means not reported. Rows arrive in bulk through <see cref="StatisticsImporter"/>.
/// </summary>
public sealed class EnterpriseYearStatistics : IVersioned
{
    public required string CreditCode { get; set; }
    public int Year { get; set; }
    /// <summary>The park the firm reported in that year (火炬 sbelongwhere); roll-ups group by it.</summary>
    public required string ParkCode { get; set; }
    public Guid ImportId { get; set; }

    /// <summary>Set when the firm is left out of its park's roll-up for this year; the reason is required and audited.</summary>
    public string? ExclusionReason { get; set; }

    public double? Revenue { get; set; }
    public double? MainBusinessRevenue { get; set; }
    public double? HighTechRevenue { get; set; }
    public double? IndustrialOutput { get; set; }
    public double? ValueAdded { get; set; }
    public double? NetProfit { get; set; }
    public double? TaxesPaid { get; set; }
    public double? Exports { get; set; }
    public double? TechServiceExports { get; set; }
    public double? TotalAssets { get; set; }
    public double? TotalLiabilities { get; set; }
    public double? Payroll { get; set; }
    public double? EnergyConsumption { get; set; }
    public double? Employees { get; set; }
    public double? BachelorStaff { get; set; }
    public double? PostgraduateStaff { get; set; }
    public double? ReturneeStaff { get; set; }
    public double? ForeignStaff { get; set; }
    public double? TechStaff { get; set; }
    public double? RdStaff { get; set; }
    public double? RdFte { get; set; }
    public double? RdExpenditure { get; set; }
    public double? PatentApplications { get; set; }
    public double? PatentsGranted { get; set; }
    public double? InventionApplications { get; set; }
    public double? InventionGrants { get; set; }
    public double? ValidInventionPatents { get; set; }
    public double? PctApplications { get; set; }
    public double? Trademarks { get; set; }
    public double? TechContractTurnover { get; set; }
    public double? OverseasRdInstitutions { get; set; }
    public double? InternationalStandards { get; set; }
    public double? EquityFinancing { get; set; }

    public Guid Version { get; set; }
}

/// <summary>A committed statistics import: the file it came from (recognised again by its SHA-256) and what it wrote.</summary>
public sealed class StatisticsImport
{
    public Guid Id { get; set; }
    public required string FileName { get; set; }
    public required string FileSha256 { get; set; }
    public long FileBytes { get; set; }
    public int Rows { get; set; }
    public int NewEnterprises { get; set; }
    public int Anomalies { get; set; }
    /// <summary>The years the file covered, comma-separated (e.g. "2024" or "2015,2016").</summary>
    public string Years { get; set; } = "";
    public required string ImportedBy { get; set; }
    public DateTime StartedUtc { get; set; }
    public DateTime FinishedUtc { get; set; }
}

/// <summary>A year-on-year jump found by an import: kept, flagged, and explained by the park or the firm.</summary>
public sealed class StatisticsAnomaly : IVersioned
{
    public long Id { get; set; }
    public required string CreditCode { get; set; }
    public int Year { get; set; }
    public required string ParkCode { get; set; }
    public required string Field { get; set; }
    public double PreviousValue { get; set; }
    public double Value { get; set; }
    public Guid ImportId { get; set; }
    public string? Explanation { get; set; }
    public string? ExplainedBy { get; set; }
    public DateTime? ExplainedUtc { get; set; }
    public Guid Version { get; set; }
}

/// <summary>
/// A rule that finds next-tier candidates, written from a tier's published criteria. The criteria are data
/// (<see cref="TierCriterion"/> as JSON) so the city edits them when a policy changes, without a release.
/// </summary>
public sealed class TierRule : IVersioned
{
    public Guid Id { get; set; }
    public EnterpriseTier Tier { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    /// <summary>The policy document the criteria come from (name, number, address).</summary>
    public string Source { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public string CriteriaJson { get; set; } = "[]";
    public DateTime UpdatedUtc { get; set; }
    public string UpdatedBy { get; set; } = "";
    public Guid Version { get; set; }
}

/// <summary>
/// A park-level indicator computed from the firms' rows (e.g. R&amp;D intensity = sum(rd_expenditure) / sum(revenue)).
/// When <see cref="IndicatorCode"/> names an evaluation indicator, its values fill that indicator in the park's submission.
/// </summary>
public sealed class RollupFormula : IVersioned
{
    public required string Code { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public required string Expression { get; set; }
    public string Unit { get; set; } = "";
    public string? IndicatorCode { get; set; }
    public string Source { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public int SortOrder { get; set; }
    public Guid Version { get; set; }
}

/// <summary>A roll-up result: one formula for one park and year, with the formula text it was computed from.</summary>
public sealed class ParkStatisticValue
{
    public required string ParkCode { get; set; }
    public int Year { get; set; }
    public required string FormulaCode { get; set; }
    public double? Value { get; set; }
    public required string Expression { get; set; }
    public int Firms { get; set; }
    public int ExcludedFirms { get; set; }
    public DateTime ComputedUtc { get; set; }
}
