using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Zhangjiang.Platform.Features.Fund;

namespace Zhangjiang.Platform.Authorization;

/// <summary>A fund call as a whole (its guide, rules and phase).</summary>
public sealed record FundCallResource(FundCallStatus Status);

/// <summary>
/// Calls: city staff and admins draft, edit, open and move them on; once a call is no longer a draft every signed-in
/// user reads its guide and rules (applicants need them before applying). Drafts are the city's alone.
/// </summary>
public sealed class FundCallAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, FundCallResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, FundCallResource resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(resource);
        var user = context.User;
        var allowed = requirement.Name switch
        {
            nameof(Operations.Read) => user.IsCityWide() || (resource.Status != FundCallStatus.Draft && user.Identity?.IsAuthenticated == true),
            nameof(Operations.Create) or nameof(Operations.Edit) or nameof(Operations.Publish) => user.IsCityWide(),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
