using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Parks;

namespace Zhangjiang.Platform.Authorization;

/// <summary>
/// Parks: everyone may read what the city publishes; CityAdmin edits any park; a ParkManager edits only the
/// park in their scope.
/// </summary>
public sealed class ParkAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, Park>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Park resource)
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
