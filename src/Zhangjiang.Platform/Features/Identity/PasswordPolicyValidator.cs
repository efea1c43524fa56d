using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Identity;

/// <summary>
/// The password rules of 等保 2.0 level 3 (complexity) with ASVS's length and block-list: at least 12
/// characters, 3 of 4 character classes, no user name inside, no common or context word, not one of the
/// last 5 passwords. Error descriptions carry resource keys rendered by <see cref="UserMessage"/>.
/// </summary>
public sealed class PasswordPolicyValidator(SecurityOptions options, IDbContextFactory<ZjDbContext> contexts) : IPasswordValidator<AppUser>
{
    /// <summary>Words that make a password easy to guess here: generic ones and this platform's context.</summary>
    private static readonly string[] BlockedWords =
    [
        "password", "passw0rd", "p@ssw0rd", "p@ssword", "admin", "root", "qwerty", "123456", "abc123", "111111", "letmein", "welcome",
        "zhangjiang", "gxq", "shanghai", "iloveyou",
    ];

    public async Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        password ??= "";
        var errors = new List<IdentityError>();
        if (password.Length < options.PasswordMinLength)
        {
            errors.Add(Error(new UserMessage("PasswordTooShort", options.PasswordMinLength)));
        }
        var classes = (password.Any(char.IsUpper) ? 1 : 0) + (password.Any(char.IsLower) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        if (classes < 3)
        {
            errors.Add(Error(new UserMessage("PasswordClasses")));
        }
        if (!string.IsNullOrEmpty(user.UserName) && user.UserName.Length >= 3
            && password.Contains(user.UserName, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(Error(new UserMessage("PasswordContainsUserName")));
        }
        if (BlockedWords.Any(w => password.Contains(w, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(Error(new UserMessage("PasswordCommon")));
        }
        if (errors.Count == 0 && await WasUsedRecentlyAsync(manager, user, password))
        {
            errors.Add(Error(new UserMessage("PasswordReused", options.PasswordHistory)));
        }
        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    private async Task<bool> WasUsedRecentlyAsync(UserManager<AppUser> manager, AppUser user, string password)
    {
        var hashes = new List<string>();
        if (user.PasswordHash is not null)
        {
            hashes.Add(user.PasswordHash);
        }
        await using var db = await contexts.CreateDbContextAsync();
        hashes.AddRange(await db.PasswordHistory.AsNoTracking()
            .Where(h => h.UserId == user.Id)
            .OrderByDescending(h => h.ChangedUtc)
            .Take(Math.Max(0, options.PasswordHistory - 1))
            .Select(h => h.PasswordHash)
            .ToListAsync());
        return hashes.Any(hash => manager.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed);
    }

    private static IdentityError Error(UserMessage message) =>
        new() { Code = message.Key, Description = UserMessageCodec.Encode(message) };
}

/// <summary>
/// IdentityError has only strings: the message travels encoded and is rendered in the reader's culture.
/// </summary>
public static class UserMessageCodec
{
    private const string Prefix = "zjmsg:";

    public static string Encode(UserMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Prefix + message.Key + "\u001f" + string.Join('\u001f', message.Args.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture)));
    }

    public static UserMessage Decode(IdentityError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!error.Description.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return new UserMessage("IdentityError", error.Description);
        }
        var parts = error.Description[Prefix.Length..].Split('\u001f');
        return new UserMessage(parts[0], parts.Skip(1).Where(p => p.Length > 0).Cast<object>().ToArray());
    }
}
