using System.Globalization;
using Zhangjiang.Platform.Common;

namespace Zhangjiang.Web.Features.Shared;

/// <summary>Maps use-case outcomes to HTTP: RFC 7807 problem details whose texts are in the caller's language.</summary>
public static class UseCaseHttp
{
    public static IResult ToHttp<T>(this UseCaseResult<T> result, Func<T, IResult>? ok = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var zh = UiCulture.IsChinese;
        return result.Status switch
        {
            UseCaseStatus.Ok => ok is null ? Results.Ok(result.Value) : ok(result.Value!),
            UseCaseStatus.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: zh ? "未找到" : "Not found"),
            UseCaseStatus.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: zh ? "无权执行此操作" : "You may not do this"),
            UseCaseStatus.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: zh ? "冲突" : "Conflict",
                detail: string.Join(" ", result.Errors.Select(e => e.Message.Render(CultureInfo.CurrentUICulture)))),
            _ => Results.ValidationProblem(
                result.Errors.GroupBy(e => e.Row is { } row ? $"row {row}: {e.Field}" : e.Field)
                    .ToDictionary(g => g.Key, g => g.Select(e => e.Message.Render(CultureInfo.CurrentUICulture)).ToArray()),
                title: zh ? "输入有误" : "The input has errors"),
        };
    }
}
