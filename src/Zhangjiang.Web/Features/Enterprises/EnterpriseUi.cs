using System.Globalization;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Parks;
using Zhangjiang.Web.Features.Shared;

namespace Zhangjiang.Web.Features.Enterprises;

/// <summary>How the enterprise pages show tiers, parks and figures in the user's language.</summary>
public static class EnterpriseUi
{
    public static string Tier(EnterpriseTier tier) => EnterpriseTiers.Name(tier, UiCulture.IsChinese);

    public static MudBlazor.Color TierColor(EnterpriseTier tier) => (int)tier switch
    {
        <= 2 => MudBlazor.Color.Default,
        <= 4 => MudBlazor.Color.Info,
        <= 7 => MudBlazor.Color.Primary,
        _ => MudBlazor.Color.Success,
    };

    /// <summary>Park code → name in the user's language (codes the directory does not know are shown as they are).</summary>
    public static async Task<Dictionary<string, string>> ParkNamesAsync(ParkDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var parks = await directory.ListAsync(new ParkFilter(null, null, null));
        return parks.ToDictionary(p => p.Code, p => UiCulture.IsChinese ? p.NameZh : p.NameEn, StringComparer.Ordinal);
    }

    public static string Park(Dictionary<string, string> names, string? code) =>
        code is null ? "—" : names.TryGetValue(code, out var name) ? name : code;

    /// <summary>A criterion's figure as its rule formats it: percent, amount (万元), count or a yes/no flag.</summary>
    public static string Figure(double? value, string format) => value is not { } v ? "—" : format switch
    {
        "percent" => (v * 100).ToString("0.##", CultureInfo.CurrentCulture) + "%",
        "flag" => v != 0 ? (UiCulture.IsChinese ? "是" : "yes") : (UiCulture.IsChinese ? "否" : "no"),
        "amount" => v.ToString("#,0.##", CultureInfo.CurrentCulture),
        _ => v.ToString("#,0.##", CultureInfo.CurrentCulture),
    };

    public static string Number(double? value, string format = "#,0.##") =>
        value is { } v ? v.ToString(format, CultureInfo.CurrentCulture) : "—";

    public static string Date(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
}
