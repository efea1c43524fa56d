using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Web.Hosting;

namespace Zhangjiang.Web.Features.Identity;

/// <summary>
/// ASVS 16.3.2 / 等保 8.1.4.3 a: every request the API refuses with 403 — by policy, by a resource check in a use case,
/// by the account gate — is recorded as an AccessDenied security event with the method and path, and counts towards the
/// intrusion alarm. 401s are not recorded: they are anonymous calls that never reached an account.
/// </summary>
public sealed class RefusalAuditMiddleware(RequestDelegate next)
{
    /// <summary>Set by a middleware that recorded its own refusal with a reason, so it is not recorded twice.</summary>
    public const string AlreadyRecorded = "zj:refusal-recorded";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status403Forbidden
            && WebHosting.IsApi(context)
            && !context.Items.ContainsKey(AlreadyRecorded))
        {
            // Resolved only here: every request passes this middleware, very few are refused.
            var audit = context.RequestServices.GetRequiredService<SecurityAudit>();
            await audit.RecordAsync(SecurityEvents.AccessDenied, HttpAuditActorAccessor.ActorOf(context), "Failure",
                details: new { method = context.Request.Method, path = context.Request.Path.Value }, cancellationToken: CancellationToken.None);
        }
    }
}
