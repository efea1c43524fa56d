using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Platform.Authorization;

/// <summary>What park authorization looks at: the park's code (pages check before they load the whole park).</summary>
public sealed record ParkResource(string Code);

/// <summary>
/// Parks: everyone may read what the city publishes; CityAdmin edits any park; a ParkManager edits only the
/// park in their scope.
/// </summary>
public sealed class ParkAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, ParkResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, ParkResource resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(resource);
        var user = context.User;
        var allowed = requirement.Name switch
        {
            nameof(Operations.Read) => true,
            nameof(Operations.Edit) =>
                user.IsInRole(Roles.CityAdmin)
                || (user.IsInRole(Roles.ParkManager) && string.Equals(user.ParkScope(), resource.Code, StringComparison.Ordinal)),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
