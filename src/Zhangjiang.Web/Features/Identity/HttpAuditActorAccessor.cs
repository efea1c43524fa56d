using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Features.Auditing;

namespace Zhangjiang.Web.Features.Identity;

/// <summary>The acting user of an HTTP request, for writes Identity makes on its own (failed-count, lockout, sign-in data).</summary>
public sealed class HttpAuditActorAccessor(IHttpContextAccessor http) : IAuditActorAccessor
{
    public AuditActor? Current => http.HttpContext is { } context ? ActorOf(context) : null;

    public static AuditActor ActorOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ip = context.Connection.RemoteIpAddress?.ToString();
        var user = context.User;
        return user.Identity?.IsAuthenticated == true
            ? new AuditActor(user.UserId(), user.Identity.Name ?? "", ip)
            : new AuditActor(null, "anonymous", ip);
    }
}
