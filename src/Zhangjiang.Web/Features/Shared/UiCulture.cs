using System.Globalization;

namespace Zhangjiang.Web.Features.Shared;

/// <summary>The request's (or circuit's) UI language, for choosing between a record's zh and en fields.</summary>
public static class UiCulture
{
    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
}
