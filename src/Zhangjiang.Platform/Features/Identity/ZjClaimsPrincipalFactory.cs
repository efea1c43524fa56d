using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Zhangjiang.Platform.Authorization;

namespace Zhangjiang.Platform.Features.Identity;

/// <summary>Adds the user's scope, display name, culture and pending obligations (password change, 2FA enrolment) as claims.</summary>
public sealed class ZjClaimsPrincipalFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, SecurityOptions security, TimeProvider clock)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ZjClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(ZjClaims.Culture, user.Culture));
        if (user.ScopeParkCode is not null)
        {
            identity.AddClaim(new Claim(ZjClaims.Park, user.ScopeParkCode));
        }
        if (user.ScopeDistrictCode is not null)
        {
            identity.AddClaim(new Claim(ZjClaims.District, user.ScopeDistrictCode));
        }
        if (user.ScopeOrganisationCreditCode is not null)
        {
            identity.AddClaim(new Claim(ZjClaims.Organisation, user.ScopeOrganisationCreditCode));
        }
        if (PasswordChangeDue(user, security, clock.GetUtcNow().UtcDateTime))
        {
            identity.AddClaim(new Claim(ZjClaims.MustChangePassword, "true"));
        }
        if (!user.TwoFactorEnabled && (security.TwoFactorForEveryRole || Roles.RequireTwoFactor.Any(r => identity.HasClaim(identity.RoleClaimType, r))))
        {
            identity.AddClaim(new Claim(ZjClaims.MustEnrolTwoFactor, "true"));
        }
        return identity;
    }

    public static bool PasswordChangeDue(AppUser user, SecurityOptions security, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(security);
        return user.MustChangePassword
            || (security.PasswordExpiryDays > 0 && user.PasswordChangedUtc is { } changed && changed.AddDays(security.PasswordExpiryDays) <= utcNow);
    }

    /// <summary>A temporary password that was never used within its lifetime can no longer sign in (ASVS 6.4.1).</summary>
    public static bool TemporaryPasswordExpired(AppUser user, SecurityOptions security, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(security);
        return user.MustChangePassword && user.PasswordChangedUtc is { } issued && issued.AddHours(security.TemporaryPasswordHours) <= utcNow;
    }
}
