using Microsoft.Extensions.Localization;
using MudBlazor;
using Zhangjiang.Web.Resources;

namespace Zhangjiang.Web.Hosting;

/// <summary>MudBlazor's own texts (grid filters, pagers, dialogs) from our resx; English falls back to MudBlazor's.</summary>
public sealed class ResxMudLocalizer(IStringLocalizer<UiText> text) : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            var value = text[key];
            return value.ResourceNotFound ? new LocalizedString(key, key, resourceNotFound: true) : value;
        }
    }
}
