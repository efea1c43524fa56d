using Zhangjiang.Platform.Authorization;
using Zhangjiang.Web.Hosting;

namespace Zhangjiang.Web.Features.Identity;

/// <summary>
/// A signed-in user with an open obligation (change a temporary or expired password; enrol two-factor, required
/// for CityAdmin and SecurityAdmin) can do nothing else until it is met.
/// </summary>
public sealed class AccountGateMiddleware(RequestDelegate next)
{
    private static readonly string[] AlwaysAllowed =
        ["/account/logout", "/account/culture", "/_framework", "/_content", "/_blazor", "/health", "/css", "/favicon"];

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return next(context);
        }
        var obligation = user.HasClaim(ZjClaims.MustChangePassword, "true") ? "/account/change-password"
            : user.HasClaim(ZjClaims.MustEnrolTwoFactor, "true") ? "/account/two-factor"
            : null;
        var path = context.Request.Path;
        if (obligation is null || path.StartsWithSegments(obligation, StringComparison.OrdinalIgnoreCase)
            || AlwaysAllowed.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }
        return WebHosting.ForbidAsync(context,
            obligation.EndsWith("password", StringComparison.Ordinal) ? "Password change required / 请先修改密码" : "Two-factor enrolment required / 请先启用双因素认证",
            obligation + "?returnUrl=" + Uri.EscapeDataString(path + context.Request.QueryString));
    }
}
