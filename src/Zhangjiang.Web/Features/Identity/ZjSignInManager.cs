using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Web.Features.Identity;

/// <summary>
/// Sign-in that also refuses inactive (unapproved or disabled) accounts, dormant ones (unused for the configured days)
/// and unused temporary passwords past their lifetime, and notes each successful sign-in for the dormancy rule.
/// </summary>
public sealed class ZjSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    SecurityOptions security,
    TimeProvider clock,
    IDbContextFactory<ZjDbContext> contexts)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = clock.GetUtcNow().UtcDateTime;
        return user.IsActive
            && !user.IsDormant(security, now)
            && !ZjClaimsPrincipalFactory.TemporaryPasswordExpired(user, security, now)
            && await base.CanSignInAsync(user);
    }

    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<System.Security.Claims.Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
        // Written past the change tracker: the sign-in itself is the audited event (SecurityEvents.SignIn), and a data
        // row per sign-in would only repeat it. Going through UserManager would also renew the concurrency stamp.
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.LastActiveUtc, now));
        user.LastActiveUtc = now;
    }
}
