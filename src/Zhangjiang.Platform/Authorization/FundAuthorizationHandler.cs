using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using System.Security.Claims;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;

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

/// <summary>One application: whose it is, the park it comes from, and where it stands.</summary>
public sealed record FundApplicationResource(string ApplicantCreditCode, string? ParkCode, FundApplicationStatus Status);

/// <summary>
/// Applications: the applicant's own accounts (operating agency or enterprise, by organisation scope) read theirs and
/// edit and submit them while they are drafts or returned; city staff read every submitted one and run the formal
/// review; a park manager reads the submitted applications from their park. Nobody else sees an application (experts come in through
/// their assignments).
/// </summary>
public sealed class FundApplicationAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, FundApplicationResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, FundApplicationResource resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(resource);
        var user = context.User;
        var own = IsApplicant(user) && string.Equals(user.OrganisationScope(), resource.ApplicantCreditCode, StringComparison.Ordinal);
        var allowed = requirement.Name switch
        {
            // A draft is the applicant's working copy until it is submitted.
            nameof(Operations.Read) => own || (resource.Status != FundApplicationStatus.Draft && (user.IsCityWide()
                || (user.IsInRole(Roles.ParkManager) && resource.ParkCode is not null && string.Equals(user.ParkScope(), resource.ParkCode, StringComparison.Ordinal)))),
            nameof(Operations.Create) => own,
            nameof(Operations.Edit) or nameof(Operations.Submit) => own && FundApplicationStatuses.Editable(resource.Status),
            nameof(Operations.Review) => user.IsCityWide(),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    /// <summary>Accounts that apply on behalf of their organisation.</summary>
    public static bool IsApplicant(ClaimsPrincipal user) =>
        (user.IsInRole(Roles.Operator) || user.IsInRole(Roles.Enterprise)) && user.OrganisationScope() is not null;
}

/// <summary>One expert's assignment: the account it belongs to.</summary>
public sealed record ReviewAssignmentResource(string? ExpertUserName);

/// <summary>
/// Assignments: the expert whose account it is reads and acts on it (declare, score); city staff read all of them and
/// manage the draw. The phase and deadline rules are the use case's, which knows the clock.
/// </summary>
public sealed class ReviewAssignmentAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, ReviewAssignmentResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, ReviewAssignmentResource resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(resource);
        var user = context.User;
        var own = user.IsInRole(Roles.Reviewer) && resource.ExpertUserName is not null
            && string.Equals(user.Identity?.Name, resource.ExpertUserName, StringComparison.Ordinal);
        var allowed = requirement.Name switch
        {
            nameof(Operations.Read) => own || user.IsCityWide(),
            nameof(Operations.Submit) => own,
            nameof(Operations.Edit) or nameof(Operations.Create) => user.IsCityWide(),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
