using System.Globalization;
using MudBlazor;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Web.Features.Shared;

namespace Zhangjiang.Web.Features.Evaluation;

/// <summary>Small display helpers shared by the evaluation pages.</summary>
public static class EvaluationUi
{
    public static Color ColorOf(RoundStatus status) => status switch
    {
        RoundStatus.Open => Color.Info,
        RoundStatus.Locked => Color.Warning,
        _ => Color.Success,
    };

    public static Color ColorOf(SubmissionStatus status) => status switch
    {
        SubmissionStatus.Draft => Color.Default,
        SubmissionStatus.Submitted => Color.Info,
        SubmissionStatus.Returned => Color.Error,
        _ => Color.Success,
    };

    public static Color TierColor(int? tier) => tier switch
    {
        1 => Color.Success,
        2 => Color.Info,
        3 => Color.Warning,
        _ => Color.Default,
    };

    private static readonly Dictionary<string, string> UnitsEn = new(StringComparer.Ordinal)
    {
        ["个"] = "count", ["家"] = "firms", ["件"] = "items", ["人年"] = "person-years", ["亿元"] = "100 M yuan",
        ["万元/人"] = "10k yuan per person", ["件/万人"] = "per 10k people", ["万人"] = "10k people",
        ["吨标准煤/万元"] = "tce per 10k yuan",
    };

    /// <summary>Units are stored as the sources write them (Chinese); English pages show an English rendering.</summary>
    public static string Unit(string unit) =>
        !UiCulture.IsChinese && UnitsEn.TryGetValue(unit, out var en) ? en : unit;

    /// <summary>A number for display in the user's culture; "—" when missing.</summary>
    public static string Number(double? value, string format = "0.##") =>
        value is { } v ? v.ToString(format, CultureInfo.CurrentCulture) : "—";

    public static string Percent(double? share) =>
        share is { } s ? (s * 100).ToString("0.#", CultureInfo.CurrentCulture) + "%" : "—";

    public static string Date(DateTime? utc) =>
        utc is { } t ? t.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.CurrentCulture) : "—";
}
