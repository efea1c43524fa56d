using Microsoft.AspNetCore.Antiforgery;
using Zhangjiang.Web.Hosting;

namespace Zhangjiang.Web.Features.Identity;

/// <summary>
/// ASVS 3.5.1: a form posted without a valid antiforgery token is answered 400 here, before an endpoint or a Blazor form
/// handler reads the form. Left to them, reading the form throws, and the error page's re-execution of the same POST
/// throws again: a forged or expired form got a 500 (found by HardeningTests).
/// </summary>
public sealed class AntiforgeryRefusalMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: false })
        {
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (WebHosting.IsApi(context))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest,
                title: "The antiforgery token is missing or invalid / 防伪令牌缺失或无效").ExecuteAsync(context);
        }
        // A body, so the status-code page does not re-run the POST.
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("表单已过期或来源不明：请返回，刷新页面后重试。\nThe form has expired or did not come from this site: go back, reload the page and try again.\n");
    }
}
