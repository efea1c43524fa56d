using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Web.Hosting;

namespace Zhangjiang.Web.Features.Identity;

/// <summary>
/// 等保 8.1.4.4 c (限制管理终端的接入方式或网络地址范围): an account holding an administrator duty (CityAdmin, SecurityAdmin,
/// AuditAdmin) works only from the networks in Security:AdminNetworks. From anywhere else every request but signing out
/// is refused (403 for /api, the access-denied page otherwise) and recorded; the refusals count towards the intrusion
/// alarm. Behind a reverse proxy the address is the user's only when Proxy:KnownProxies names the proxy.
/// </summary>
public sealed class AdministratorNetworkMiddleware(RequestDelegate next, SecurityOptions security)
{
    private static readonly string[] AlwaysAllowed =
        ["/account/logout", "/account/access-denied", "/account/culture", "/_framework", "/_content", "/css", "/favicon", "/health"];

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        var path = context.Request.Path;
        if (security.AdminNetworkList.Count == 0
            || user.Identity?.IsAuthenticated != true
            || !Roles.SeparatedDuties.Any(user.IsInRole)
            || security.IsAdminNetwork(context.Connection.RemoteIpAddress)
            || AlwaysAllowed.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            await next(context);
            return;
        }
        context.Items[RefusalAuditMiddleware.AlreadyRecorded] = true;
        await context.RequestServices.GetRequiredService<SecurityAudit>().RecordAsync(SecurityEvents.AccessDenied, HttpAuditActorAccessor.ActorOf(context), "Failure",
            details: new { reason = "OutsideAdminNetwork", path = path.Value }, cancellationToken: context.RequestAborted);
        await WebHosting.ForbidAsync(context, "Administrators work only from the administration network / 管理员只能从管理网络访问", "/account/access-denied");
    }
}
