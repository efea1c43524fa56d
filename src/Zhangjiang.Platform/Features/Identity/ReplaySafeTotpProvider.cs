using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Zhangjiang.Platform.Features.Identity;

/// <summary>
/// TOTP (RFC 6238, 30 s, 6 digits) that accepts one step of clock drift either way and each code once only.
/// Identity's own provider accepts ±2 steps and the same code again (ASVS 6.5.1, 6.5.5).
/// </summary>
public sealed class ReplaySafeTotpProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string Name = "ZjTotp";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }

    /// <summary>Codes come from the user's authenticator app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = (token ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(key) || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }
        var totp = new Totp(Base32Encoding.ToBytes(key));
        var ok = totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1));
        if (!ok || step <= user.LastTotpTimeStep)
        {
            return false;
        }
        user.LastTotpTimeStep = step;
        // The concurrency stamp makes the second of two simultaneous uses of one code fail here.
        return (await manager.UpdateAsync(user)).Succeeded;
    }
}
