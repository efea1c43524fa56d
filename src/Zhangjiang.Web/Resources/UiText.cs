namespace Zhangjiang.Web.Resources;

/// <summary>Marker for the UI's strings: UiText.resx (English) and UiText.zh-CN.resx (Chinese, the default culture).</summary>
public sealed class UiText;
