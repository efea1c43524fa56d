using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Platform.Features.Plans;

/// <summary>Who may do what with a park's plan and its reports (ADR 0014), in one place for the plan and report use cases.</summary>
internal static class PlanAccess
{
    /// <summary>The park's manager and city staff edit a plan and write its reports; nobody else.</summary>
    public static bool CanEdit(ClaimsPrincipal user, string parkCode) =>
        user.IsCityWide() || (user.IsInRole(Roles.ParkManager) && string.Equals(user.ParkScope(), parkCode, StringComparison.Ordinal));

    /// <summary>The working copy is read by its park, the district officers of the park's district, and the city.</summary>
    public static async Task<bool> MayReadDraftAsync(ZjDbContext db, ClaimsPrincipal user, string parkCode, CancellationToken cancellationToken) =>
        CanEdit(user, parkCode) || (await DistrictParksAsync(db, user, cancellationToken)).Contains(parkCode);

    /// <summary>Progress is read where the draft is, and by everyone signed in once the plan has been published.</summary>
    public static async Task<bool> MayReadAsync(ZjDbContext db, ClaimsPrincipal user, ParkPlan plan, CancellationToken cancellationToken) =>
        user.Identity?.IsAuthenticated == true && (plan.PublishedUtc is not null || await MayReadDraftAsync(db, user, plan.ParkCode, cancellationToken));

    /// <summary>The parks of a district officer's district (none for other roles).</summary>
    public static async Task<List<string>> DistrictParksAsync(ZjDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.DistrictOfficer) || user.DistrictScope() is not { } district)
        {
            return [];
        }
        return await db.Parks.AsNoTracking().Where(p => p.DistrictCode == district).Select(p => p.Code).ToListAsync(cancellationToken);
    }
}
