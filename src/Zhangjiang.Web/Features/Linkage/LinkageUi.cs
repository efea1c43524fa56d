using MudBlazor;
using Zhangjiang.Platform.Features.Linkage;
using Zhangjiang.Web.Features.Shared;

namespace Zhangjiang.Web.Features.Linkage;

public static class LinkageUi
{
    public static Color ColorOf(TrafficLight? light) => light switch
    {
        TrafficLight.Red => Color.Error,
        TrafficLight.Yellow => Color.Warning,
        TrafficLight.Blue => Color.Info,
        TrafficLight.Green => Color.Success,
        _ => Color.Default,
    };

    public static Severity SeverityOf(TrafficLight? light) => light switch
    {
        TrafficLight.Red => Severity.Error,
        TrafficLight.Yellow => Severity.Warning,
        TrafficLight.Blue => Severity.Info,
        _ => Severity.Success,
    };

    public static Color ColorOf(LinkageStage stage) => stage switch
    {
        LinkageStage.Closed => Color.Success,
        LinkageStage.Verifying => Color.Warning,
        LinkageStage.Assigned => Color.Primary,
        _ => Color.Default,
    };

    /// <summary>The unit's name in the page's language.</summary>
    public static string Name(UnitRef unit) => unit is null ? "" : UiCulture.IsChinese ? unit.NameZh : UiCulture.Or(unit.NameEn, unit.NameZh);

    /// <summary>A unit as one string key for pickers: "District:310115".</summary>
    public static string Key(LinkageUnitKind kind, string code) => kind + ":" + code;

    public static (LinkageUnitKind Kind, string Code) FromKey(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return (Enum.Parse<LinkageUnitKind>(key[..colon]), key[(colon + 1)..]);
    }
}
