using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Web.Features.Identity;

/// <summary>Sign-in that also refuses inactive (unapproved or disabled) accounts and unused temporary passwords past their lifetime.</summary>
public sealed class ZjSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    SecurityOptions security,
    TimeProvider clock)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsActive
            && !ZjClaimsPrincipalFactory.TemporaryPasswordExpired(user, security, clock.GetUtcNow().UtcDateTime)
            && await base.CanSignInAsync(user);
    }
}
