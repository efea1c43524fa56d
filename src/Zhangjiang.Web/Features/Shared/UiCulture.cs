using System.Globalization;

namespace Zhangjiang.Web.Features.Shared;

/// <summary>The request's (or circuit's) UI language, for choosing between a record's zh and en fields.</summary>
public static class UiCulture
{
    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    /// <summary>The English text when there is one, else the Chinese (stored names have Chinese always, English sometimes).</summary>
    public static string Or(string? text, string fallback) => string.IsNullOrWhiteSpace(text) ? fallback : text;
}
