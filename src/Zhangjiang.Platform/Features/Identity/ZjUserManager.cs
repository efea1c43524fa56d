using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Identity;

/// <summary>
/// UserManager with the platform's rules at the one place every password change passes: the old hash goes
/// into the history, the change time is kept for expiry, and all the user's sessions end.
/// </summary>
public sealed class ZjUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger,
    IDbContextFactory<ZjDbContext> contexts,
    TimeProvider clock)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override Task<IdentityResult> ChangePasswordAsync(AppUser user, string currentPassword, string newPassword) =>
        WithPasswordRulesAsync(user, () => base.ChangePasswordAsync(user, currentPassword, newPassword));

    public override Task<IdentityResult> ResetPasswordAsync(AppUser user, string token, string newPassword) =>
        WithPasswordRulesAsync(user, () => base.ResetPasswordAsync(user, token, newPassword));

    private async Task<IdentityResult> WithPasswordRulesAsync(AppUser user, Func<Task<IdentityResult>> change)
    {
        ArgumentNullException.ThrowIfNull(user);
        var oldHash = user.PasswordHash;
        var result = await change();
        if (!result.Succeeded)
        {
            return result;
        }
        var now = UtcNow;
        if (oldHash is not null)
        {
            await using var db = await contexts.CreateDbContextAsync();
            db.PasswordHistory.Add(new PasswordHistoryEntry { UserId = user.Id, PasswordHash = oldHash, ChangedUtc = now });
            await db.SaveChangesAsync();
        }
        user.PasswordChangedUtc = now;
        user.MustChangePassword = false;
        var updated = await UpdateAsync(user);
        await EndSessionsAsync(user.Id);
        return updated;
    }

    /// <summary>Ends every server-side session of a user (sign-out everywhere).</summary>
    public async Task EndSessionsAsync(string userId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync();
    }

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;
}
