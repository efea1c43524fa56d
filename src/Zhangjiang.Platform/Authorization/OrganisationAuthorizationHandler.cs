using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Organisations;

namespace Zhangjiang.Platform.Authorization;

/// <summary>
/// Organisations: city staff read and edit all; a district officer reads those of the district; a park
/// manager reads and edits those of the park; an operator or enterprise reads and edits itself.
/// </summary>
public sealed class OrganisationAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, Organisation>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Organisation resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(resource);
        var allowed = requirement.Name switch
        {
            nameof(Operations.Read) => CanRead(context.User, resource),
            nameof(Operations.Edit) or nameof(Operations.Create) => CanEdit(context.User, resource),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    public static bool CanRead(ClaimsPrincipal user, Organisation o) =>
        CanEdit(user, o)
        || (user.IsInRole(Roles.DistrictOfficer) && o.DistrictCode is not null && o.DistrictCode == user.DistrictScope());

    public static bool CanEdit(ClaimsPrincipal user, Organisation o) =>
        user.IsCityWide()
        || (user.IsInRole(Roles.ParkManager) && o.ParkCode is not null && o.ParkCode == user.ParkScope())
        || ((user.IsInRole(Roles.Operator) || user.IsInRole(Roles.Enterprise)) && o.CreditCode == user.OrganisationScope());
}
