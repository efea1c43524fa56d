using MudBlazor;
using Zhangjiang.Platform.Features.Plans;

namespace Zhangjiang.Web.Features.Plans;

public static class PlanUi
{
    public static Color ColorOf(PlanWorkflow workflow) => workflow switch
    {
        PlanWorkflow.Published => Color.Success,
        PlanWorkflow.Reviewed => Color.Info,
        PlanWorkflow.Submitted => Color.Warning,
        _ => Color.Default,
    };
}
