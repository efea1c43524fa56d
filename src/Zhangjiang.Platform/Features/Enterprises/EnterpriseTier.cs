namespace Zhangjiang.Platform.Features.Enterprises;

/// <summary>
/// The cultivation tiers (梯度培育) a firm can be awarded. The numeric order is the ladder the zone reads upward
/// (domain-facts §5): national SME tiers, the high-tech enterprise, Shanghai's own tiers, then the growth labels.
/// </summary>
public enum EnterpriseTier
{
    TechSme = 1,
    InnovativeSme = 2,
    HighTechEnterprise = 3,
    SpecialisedSme = 4,
    ShanghaiLittleGiantCultivation = 5,
    ShanghaiLittleGiant = 6,
    LittleGiant = 7,
    Gazelle = 8,
    Unicorn = 9,
    Listed = 10,
}

/// <summary>A tier's names, its usual validity and who usually issues it.</summary>
public sealed record TierInfo(EnterpriseTier Tier, string NameZh, string NameEn, int? ValidYears, string IssuerZh)
{
    public int Rank => (int)Tier;
}

public static class EnterpriseTiers
{
    public static readonly IReadOnlyList<TierInfo> All =
    [
        new(EnterpriseTier.TechSme, "科技型中小企业", "Tech-based SME", 1, "科学技术部（入库登记编号当年有效）"),
        new(EnterpriseTier.InnovativeSme, "创新型中小企业", "Innovative SME", 3, "省级中小企业主管部门"),
        new(EnterpriseTier.HighTechEnterprise, "高新技术企业", "High-tech enterprise", 3, "上海市高新技术企业认定办公室"),
        new(EnterpriseTier.SpecialisedSme, "专精特新中小企业", "Specialised and innovative SME", 3, "上海市经济和信息化委员会"),
        new(EnterpriseTier.ShanghaiLittleGiantCultivation, "上海市科技小巨人（培育）企业", "Shanghai S&T little giant (cultivation)", 3, "上海市科学技术委员会"),
        new(EnterpriseTier.ShanghaiLittleGiant, "上海市科技小巨人企业", "Shanghai S&T little giant", 3, "上海市科学技术委员会"),
        new(EnterpriseTier.LittleGiant, "专精特新\"小巨人\"企业", "Specialised and innovative \"little giant\"", 3, "工业和信息化部"),
        new(EnterpriseTier.Gazelle, "瞪羚企业", "Gazelle enterprise", 1, ""),
        new(EnterpriseTier.Unicorn, "独角兽企业", "Unicorn", null, ""),
        new(EnterpriseTier.Listed, "上市企业", "Listed company", null, ""),
    ];

    public static TierInfo Of(EnterpriseTier tier) => All.First(t => t.Tier == tier);

    /// <summary>The tier's bit in <see cref="Enterprise.TiersAwarded"/>.</summary>
    public static int Bit(EnterpriseTier tier) => 1 << (int)tier;

    public static string Name(EnterpriseTier tier, bool chinese) => chinese ? Of(tier).NameZh : Of(tier).NameEn;

    /// <summary>Reads a tier from its code (TechSme) or either name; null when nothing matches.</summary>
    public static EnterpriseTier? Parse(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (Enum.TryParse<EnterpriseTier>(value, ignoreCase: true, out var tier) && Enum.IsDefined(tier) && !char.IsDigit(value[0]))
        {
            return tier;
        }
        return All.FirstOrDefault(t => string.Equals(t.NameZh, value, StringComparison.Ordinal)
                                       || string.Equals(t.NameEn, value, StringComparison.OrdinalIgnoreCase))?.Tier;
    }
}
