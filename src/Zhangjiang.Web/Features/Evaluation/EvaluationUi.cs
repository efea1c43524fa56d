using System.Globalization;
using MudBlazor;
using Zhangjiang.Platform.Features.Evaluation;

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

    /// <summary>A number for display in the user's culture; "—" when missing.</summary>
    public static string Number(double? value, string format = "0.##") =>
        value is { } v ? v.ToString(format, CultureInfo.CurrentCulture) : "—";

    public static string Percent(double? share) =>
        share is { } s ? (s * 100).ToString("0.#", CultureInfo.CurrentCulture) + "%" : "—";

    public static string Date(DateTime? utc) =>
        utc is { } t ? t.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.CurrentCulture) : "—";
}
