using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Evaluation;

public enum FrameworkStatus
{
    /// <summary>Being edited; cannot be used by a round.</summary>
    Draft = 0,
    /// <summary>Frozen: rounds may use it; changes make a new version.</summary>
    Published = 1,
}

/// <summary>Where an indicator's value comes from.</summary>
public enum IndicatorDataSource
{
    /// <summary>The park fills it in (form or Excel template).</summary>
    ParkReported = 0,
    /// <summary>The platform computes it from the enterprises' annual statistics when they exist.</summary>
    EnterpriseStatistics = 1,
    /// <summary>Taken from an outside publication; entered by city staff.</summary>
    External = 2,
}

/// <summary>
/// One version of an indicator framework (指标体系). Versions of the same framework share <see cref="Family"/>;
/// a published version is frozen and a change makes the next version.
/// </summary>
public sealed class EvaluationFramework : IVersioned
{
    public Guid Id { get; set; }
    public required string Family { get; set; }
    public int VersionNumber { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public string DescriptionZh { get; set; } = "";
    public string DescriptionEn { get; set; } = "";
    /// <summary>Where the structure and weights come from (document, number, address).</summary>
    public string Source { get; set; } = "";
    public FrameworkStatus Status { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? PublishedUtc { get; set; }
    public string? PublishedBy { get; set; }
    public List<EvaluationIndicator> Indicators { get; set; } = [];
    public Guid Version { get; set; }
}

/// <summary>A node of a framework version: an indicator (level 1) or an aggregate (dimension, sub-index, index).</summary>
public sealed class EvaluationIndicator
{
    public int Id { get; set; }
    public Guid FrameworkId { get; set; }
    public required string Code { get; set; }
    public required string NameZh { get; set; }
    public string NameEn { get; set; } = "";
    public int Level { get; set; }
    public string? ParentCode { get; set; }
    public int SortOrder { get; set; }

    /// <summary>Weight among siblings as the source gives it; null when the source does not give one.</summary>
    public double? Weight { get; set; }
    public int Direction { get; set; } = 1;
    public string Unit { get; set; } = "";
    public double? Target { get; set; }
    public string DefinitionZh { get; set; } = "";
    public string DefinitionEn { get; set; } = "";
    public string Formula { get; set; } = "";
    public IndicatorDataSource DataSource { get; set; }

    /// <summary>Compared with the 对标国际一流 group.</summary>
    public bool CompareInternational { get; set; }
    /// <summary>Compared with the 对比国内先进 group.</summary>
    public bool CompareDomestic { get; set; }
    /// <summary>A 凸显上海特色 indicator: can form its own sub-index.</summary>
    public bool ShanghaiCharacteristic { get; set; }

    /// <summary>Where this indicator (and its weight, if given) comes from.</summary>
    public string Source { get; set; } = "";

    public bool IsIndicator => Level == 1;

    /// <summary>The weight a computation uses: the source's, or 1 (equal among siblings) where it gives none.</summary>
    public double EffectiveWeight => Weight ?? 1;
}

public enum BenchmarkGroup
{
    /// <summary>对标国际一流: foreign first-class science parks and innovation districts.</summary>
    International = 0,
    /// <summary>对比国内先进: leading national high-tech zones.</summary>
    Domestic = 1,
}

/// <summary>A reference entity of a benchmark group for one year (e.g. a foreign science park), with sourced values.</summary>
public sealed class BenchmarkEntity : IVersioned
{
    public Guid Id { get; set; }
    public BenchmarkGroup Group { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public string Country { get; set; } = "";
    public int Year { get; set; }
    public string Note { get; set; } = "";
    public List<BenchmarkValue> Values { get; set; } = [];
    public Guid Version { get; set; }
}

/// <summary>One value of a benchmark entity, in the indicator's raw unit, with its own source.</summary>
public sealed class BenchmarkValue
{
    public int Id { get; set; }
    public Guid EntityId { get; set; }
    public required string IndicatorCode { get; set; }
    public double Value { get; set; }
    public required string Source { get; set; }
}
