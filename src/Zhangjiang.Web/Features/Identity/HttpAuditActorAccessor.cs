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
        return ActorOf(context.User, context.Connection.RemoteIpAddress?.ToString());
    }

    /// <summary>The audit actor for a user (signed in or not) at an address: shared by requests and circuits.</summary>
    public static AuditActor ActorOf(System.Security.Claims.ClaimsPrincipal user, string? ipAddress)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true
            ? new AuditActor(user.UserId(), user.Identity.Name ?? "", ipAddress)
            : new AuditActor(null, "anonymous", ipAddress);
    }
}
