using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Platform.Authorization;

/// <summary>A firm of the statistical registry, with the park it is in and that park's district.</summary>
public sealed record EnterpriseResource(string CreditCode, string? ParkCode, string? DistrictCode);

/// <summary>
/// Enterprises: city staff read and edit all; a district officer reads those of the district's parks; a park manager
/// reads and edits those of the park; an enterprise (or operator) account reads and edits itself. Personal data
/// (contacts) is revealed to city staff, the park's manager and the firm itself, each time with a stated purpose.
/// Tier awards and moves between parks are the city's.
/// </summary>
public sealed class EnterpriseAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, EnterpriseResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, EnterpriseResource resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(resource);
        var user = context.User;
        var allowed = requirement.Name switch
        {
            nameof(Operations.Read) => CanEdit(user, resource)
                || (user.IsInRole(Roles.DistrictOfficer) && resource.DistrictCode is not null && resource.DistrictCode == user.DistrictScope()),
            nameof(Operations.Edit) or nameof(Operations.RevealPersonalData) => CanEdit(user, resource),
            nameof(Operations.Create) or nameof(Operations.Review) => user.IsCityWide(),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    /// <summary>Who sees a park's firms and their aggregates: city staff, the park's manager, the district's officer.</summary>
    public static bool CanSeePark(ClaimsPrincipal user, string parkCode, string? districtCode) =>
        user.IsCityWide()
        || (user.IsInRole(Roles.ParkManager) && parkCode == user.ParkScope())
        || (user.IsInRole(Roles.DistrictOfficer) && districtCode is not null && districtCode == user.DistrictScope());

    private static bool CanEdit(ClaimsPrincipal user, EnterpriseResource e) =>
        user.IsCityWide()
        || (user.IsInRole(Roles.ParkManager) && e.ParkCode is not null && e.ParkCode == user.ParkScope())
        || ((user.IsInRole(Roles.Enterprise) || user.IsInRole(Roles.Operator)) && e.CreditCode == user.OrganisationScope());
}
