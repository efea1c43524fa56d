using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Platform.Authorization;

/// <summary>An indicator framework or the benchmark library: owned by the city.</summary>
public sealed record FrameworkResource;

/// <summary>A round as a whole (open, close, compute, publish, see every submission).</summary>
public sealed record RoundResource(RoundStatus Status);

/// <summary>One park's submission in a round.</summary>
public sealed record SubmissionResource(string ParkCode, RoundStatus RoundStatus, SubmissionStatus Status);

/// <summary>Frameworks and benchmarks: read by every signed-in user, changed by CityAdmin.</summary>
public sealed class FrameworkAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, FrameworkResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, FrameworkResource resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        var user = context.User;
        var allowed = requirement.Name switch
        {
            nameof(Operations.Read) => user.Identity?.IsAuthenticated == true,
            nameof(Operations.Edit) or nameof(Operations.Create) or nameof(Operations.Publish) => user.IsInRole(Roles.CityAdmin),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>Rounds: CityAdmin opens, closes, computes and publishes; city staff read every submission and review.</summary>
public sealed class RoundAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, RoundResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, RoundResource resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        var user = context.User;
        var allowed = requirement.Name switch
        {
            nameof(Operations.Read) or nameof(Operations.Review) => user.IsCityWide(),
            nameof(Operations.Create) or nameof(Operations.Edit) or nameof(Operations.Publish) => user.IsInRole(Roles.CityAdmin),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// A submission: the park's manager fills it in and submits it while the round is open and it is a draft or returned,
/// and reads only their own park's; city staff read all and accept or return a submitted one.
/// </summary>
public sealed class SubmissionAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, SubmissionResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, SubmissionResource resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(resource);
        var user = context.User;
        var ownPark = user.IsInRole(Roles.ParkManager) && string.Equals(user.ParkScope(), resource.ParkCode, StringComparison.Ordinal);
        var editable = resource.RoundStatus == RoundStatus.Open && resource.Status is SubmissionStatus.Draft or SubmissionStatus.Returned;
        var allowed = requirement.Name switch
        {
            nameof(Operations.Read) => user.IsCityWide() || ownPark,
            nameof(Operations.Edit) or nameof(Operations.Submit) => ownPark && editable,
            nameof(Operations.Review) => user.IsCityWide() && resource.RoundStatus == RoundStatus.Open && resource.Status == SubmissionStatus.Submitted,
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>One park's result in a round: who may see its full scorecard.</summary>
public sealed record ScorecardResource(string ParkCode, string DistrictCode, bool Published, ResultVisibility OthersSee);

/// <summary>
/// Scorecards: the city sees every park's, published or not; once published, a park's manager sees their own (and
/// every park's when the round shows others in full) and a district officer the parks of their district.
/// </summary>
public sealed class ScorecardAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, ScorecardResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, ScorecardResource resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(resource);
        var user = context.User;
        var allowed = requirement.Name == nameof(Operations.Read) && (user.IsCityWide() || (resource.Published && (
            (user.IsInRole(Roles.ParkManager) && (string.Equals(user.ParkScope(), resource.ParkCode, StringComparison.Ordinal) || resource.OthersSee == ResultVisibility.Full))
            || (user.IsInRole(Roles.DistrictOfficer) && string.Equals(user.DistrictScope(), resource.DistrictCode, StringComparison.Ordinal)))));
        if (allowed)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
