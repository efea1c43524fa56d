using System.Security.Claims;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Web.Features.Identity;
using Zhangjiang.Web.Features.Shared;

namespace Zhangjiang.Web.Features.Registrations;

/// <summary>Self-registered enterprises and experts waiting for the park (its enterprises) or the city to approve them.</summary>
public static class RegistrationsApi
{
    public static void MapRegistrationsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var registrations = app.MapGroup("/api/v1/registrations").WithTags("Registrations").RequireAuthorization(Policies.RegistrationReviewers);

        registrations.MapGet("/", async (ClaimsPrincipal user, SelfRegistration registration, CancellationToken ct) =>
                Results.Ok(await registration.PendingAsync(user, ct)))
            .WithName("ListRegistrations").WithSummary("Pending self-registrations the caller may decide.");

        registrations.MapPost("/{userName}/approve", async (string userName, ClaimsPrincipal user, HttpContext http, SelfRegistration registration, CancellationToken ct) =>
                (await registration.ApproveAsync(user, HttpAuditActorAccessor.ActorOf(http), userName, ct)).ToHttp())
            .WithName("ApproveRegistration").WithSummary("Activate a self-registered account.");

        registrations.MapPost("/{userName}/reject", async (string userName, ClaimsPrincipal user, HttpContext http, SelfRegistration registration, CancellationToken ct) =>
                (await registration.RejectAsync(user, HttpAuditActorAccessor.ActorOf(http), userName, ct)).ToHttp())
            .WithName("RejectRegistration").WithSummary("Refuse a self-registration; the account is removed.");
    }
}
