using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Organisations;

namespace Zhangjiang.Platform.Features.Identity;

public sealed record UserView(
    string Id, string UserName, string DisplayName, string? Email, IReadOnlyList<string> Roles,
    string? ScopeParkCode, string? ScopeDistrictCode, string? ScopeOrganisationCreditCode,
    bool IsActive, bool IsLockedOut, bool TwoFactorEnabled, bool MustChangePassword, DateTime CreatedUtc, DateTime? LastActiveUtc);

public sealed record UserInput
{
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string? Email { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];
    public string? ScopeParkCode { get; init; }
    public string? ScopeDistrictCode { get; init; }
    public string? ScopeOrganisationCreditCode { get; init; }
}

/// <summary>A new account or reset password: the temporary password is shown once and must be changed at first sign-in.</summary>
public sealed record IssuedPassword(UserView User, string TemporaryPassword);

/// <summary>
/// Account administration: the security administrator's job (等保 三员分立), in the UI and through `zj users`.
/// Callers are authorised by the endpoint policy; this class enforces the rules that hold whoever calls.
/// </summary>
public sealed class UserAdministration(
    ZjUserManager users,
    RoleManager<IdentityRole> roles,
    IDbContextFactory<ZjDbContext> contexts,
    ZjDbContext identityContext,
    SecurityAudit audit,
    SecurityOptions security)
{
    /// <summary>Identity's stores write through the scoped context: the acting administrator is set on it.</summary>
    private void ActAs(AuditActor actor) => identityContext.Actor = actor;

    public async Task<IReadOnlyList<UserView>> ListAsync(string? search = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            query = query.Where(u => u.UserName!.Contains(text) || u.DisplayName.Contains(text));
        }
        var list = await query.OrderBy(u => u.UserName).Take(2000).ToListAsync(cancellationToken);
        var roleNames = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name!, cancellationToken);
        var ids = list.Select(u => u.Id).ToList();
        var links = await db.UserRoles.AsNoTracking().Where(ur => ids.Contains(ur.UserId)).ToListAsync(cancellationToken);
        return list.Select(u => View(u, links.Where(l => l.UserId == u.Id).Select(l => roleNames[l.RoleId]).Order(StringComparer.Ordinal).ToList())).ToList();
    }

    public async Task<UseCaseResult<UserView>> GetAsync(string userName)
    {
        var user = await users.FindByNameAsync(userName);
        return user is null ? UseCaseResult<UserView>.NotFound() : UseCaseResult<UserView>.Ok(View(user, [.. await users.GetRolesAsync(user)]));
    }

    /// <summary>Creates the roles once; safe to call at every start.</summary>
    public async Task EnsureRolesAsync()
    {
        identityContext.Actor ??= AuditActor.System;
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    public async Task<bool> AnyAdministratorAsync()
    {
        foreach (var role in Roles.SeparatedDuties)
        {
            if ((await users.GetUsersInRoleAsync(role)).Count > 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Creates an account. By default it gets a generated temporary password to be changed at first sign-in;
    /// the setup page passes the password the first administrator chose (temporary: false).
    /// </summary>
    public async Task<UseCaseResult<IssuedPassword>> CreateAsync(AuditActor actor, UserInput input, string? password = null, bool active = true, bool temporary = true)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ActAs(actor);
        ArgumentNullException.ThrowIfNull(input);
        var errors = await ValidateAsync(input);
        if (string.IsNullOrWhiteSpace(input.UserName))
        {
            errors.Add(new(nameof(input.UserName), new UserMessage("Required", nameof(input.UserName))));
        }
        else if (await users.FindByNameAsync(input.UserName.Trim()) is not null)
        {
            errors.Add(new(nameof(input.UserName), new UserMessage("UserNameTaken", input.UserName.Trim())));
        }
        if (errors.Count > 0)
        {
            return UseCaseResult<IssuedPassword>.Invalid(errors);
        }
        await EnsureRolesAsync();
        var user = new AppUser
        {
            UserName = input.UserName.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(input.DisplayName) ? input.UserName.Trim() : input.DisplayName.Trim(),
            Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim(),
            IsActive = active,
            LockoutEnabled = true,
            CreatedUtc = users.UtcNow,
        };
        ApplyScope(user, input);
        var initialPassword = password ?? GenerateTemporaryPassword();
        var created = await users.CreateAsync(user, initialPassword);
        if (!created.Succeeded)
        {
            return UseCaseResult<IssuedPassword>.Invalid(IdentityErrors("Password", created));
        }
        // A password someone else chose is temporary.
        user.MustChangePassword = temporary;
        user.PasswordChangedUtc = users.UtcNow;
        await users.UpdateAsync(user);
        var distinctRoles = input.Roles.Distinct(StringComparer.Ordinal).ToList();
        if (distinctRoles.Count > 0)
        {
            await users.AddToRolesAsync(user, distinctRoles);
        }
        await audit.RecordAsync(SecurityEvents.UserCreated, actor, details: new { roles = distinctRoles, scope = ScopeText(user) }, entityType: nameof(AppUser), entityKey: user.UserName);
        return UseCaseResult<IssuedPassword>.Ok(new IssuedPassword(View(user, distinctRoles), initialPassword));
    }

    /// <summary>Changes roles and scope together, so a role never exists without the scope it needs.</summary>
    public async Task<UseCaseResult<UserView>> AssignAsync(AuditActor actor, string userName, UserInput input)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ActAs(actor);
        ArgumentNullException.ThrowIfNull(input);
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return UseCaseResult<UserView>.NotFound();
        }
        if (actor.UserId is not null && actor.UserId == user.Id)
        {
            // Nobody changes their own privileges: another security administrator must do it.
            return UseCaseResult<UserView>.Forbidden();
        }
        var errors = await ValidateAsync(input);
        if (errors.Count > 0)
        {
            return UseCaseResult<UserView>.Invalid(errors);
        }
        await EnsureRolesAsync();
        var before = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        var wanted = input.Roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var scopeBefore = ScopeText(user);
        ApplyScope(user, input);
        if (!string.IsNullOrWhiteSpace(input.DisplayName))
        {
            user.DisplayName = input.DisplayName.Trim();
        }
        user.Email = string.IsNullOrWhiteSpace(input.Email) ? user.Email : input.Email.Trim();
        await users.UpdateAsync(user);
        await users.RemoveFromRolesAsync(user, before.Except(wanted, StringComparer.Ordinal));
        await users.AddToRolesAsync(user, wanted.Except(before, StringComparer.Ordinal));
        if (!before.SequenceEqual(wanted, StringComparer.Ordinal))
        {
            await audit.RecordAsync(SecurityEvents.RolesChanged, actor, details: new { before, after = wanted }, entityType: nameof(AppUser), entityKey: user.UserName);
        }
        if (!string.Equals(scopeBefore, ScopeText(user), StringComparison.Ordinal))
        {
            await audit.RecordAsync(SecurityEvents.ScopeChanged, actor, details: new { before = scopeBefore, after = ScopeText(user) }, entityType: nameof(AppUser), entityKey: user.UserName);
        }
        // New privileges take effect at the next sign-in; old sessions carry the old claims.
        await users.EndSessionsAsync(user.Id);
        return UseCaseResult<UserView>.Ok(View(user, wanted));
    }

    public Task<UseCaseResult<UserView>> DisableAsync(AuditActor actor, string userName) =>
        ChangeAsync(actor, userName, SecurityEvents.UserDisabled, async user =>
        {
            user.IsActive = false;
            await users.UpdateAsync(user);
            await users.EndSessionsAsync(user.Id);
        });

    public Task<UseCaseResult<UserView>> EnableAsync(AuditActor actor, string userName) =>
        ChangeAsync(actor, userName, SecurityEvents.UserEnabled, async user =>
        {
            user.IsActive = true;
            user.LastActiveUtc = users.UtcNow; // a fresh period before the dormancy rule applies again
            await users.UpdateAsync(user);
        });

    /// <summary>
    /// Disables every active account unused for the configured days (等保 8.1.4.2 c), ends its sessions and records
    /// each with its last activity. Run by <see cref="DormantAccountService"/> every hour; returns the accounts' names.
    /// </summary>
    public async Task<IReadOnlyList<string>> DisableDormantAsync(CancellationToken cancellationToken = default)
    {
        if (security.InactiveAccountDays <= 0)
        {
            return [];
        }
        var actor = AuditActor.System;
        ActAs(actor);
        var cutoff = users.UtcNow.AddDays(-security.InactiveAccountDays);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && (u.LastActiveUtc ?? u.CreatedUtc) < cutoff)
            .OrderBy(u => u.UserName).Select(u => u.UserName!).ToListAsync(cancellationToken);
        var disabled = new List<string>();
        foreach (var name in names)
        {
            var user = await users.FindByNameAsync(name);
            if (user is null || !user.IsActive || !user.IsDormant(security, users.UtcNow))
            {
                continue; // signed in or changed meanwhile
            }
            user.IsActive = false;
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded)
            {
                continue; // an administrator saved it at the same moment; the next sweep looks again
            }
            await users.EndSessionsAsync(user.Id);
            await audit.RecordAsync(SecurityEvents.UserDisabled, actor,
                details: new { reason = "Dormant", lastActiveUtc = user.LastActiveUtc ?? user.CreatedUtc, days = security.InactiveAccountDays },
                entityType: nameof(AppUser), entityKey: user.UserName, cancellationToken: cancellationToken);
            disabled.Add(name);
        }
        return disabled;
    }

    /// <summary>Activates a self-registered account.</summary>
    public Task<UseCaseResult<UserView>> ApproveAsync(AuditActor actor, string userName) =>
        ChangeAsync(actor, userName, SecurityEvents.UserApproved, async user =>
        {
            user.IsActive = true;
            user.LastActiveUtc = users.UtcNow;
            await users.UpdateAsync(user);
        });

    public Task<UseCaseResult<UserView>> UnlockAsync(AuditActor actor, string userName) =>
        ChangeAsync(actor, userName, SecurityEvents.UserUnlocked, async user =>
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        });

    /// <summary>Issues a new temporary password; the user must change it at the next sign-in; their sessions end.</summary>
    public async Task<UseCaseResult<IssuedPassword>> ResetPasswordAsync(AuditActor actor, string userName)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ActAs(actor);
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return UseCaseResult<IssuedPassword>.NotFound();
        }
        var temporary = GenerateTemporaryPassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, temporary);
        if (!result.Succeeded)
        {
            return UseCaseResult<IssuedPassword>.Invalid(IdentityErrors("Password", result));
        }
        user.MustChangePassword = true;
        await users.UpdateAsync(user);
        await audit.RecordAsync(SecurityEvents.PasswordReset, actor, entityType: nameof(AppUser), entityKey: user.UserName);
        return UseCaseResult<IssuedPassword>.Ok(new IssuedPassword(View(user, [.. await users.GetRolesAsync(user)]), temporary));
    }

    private async Task<UseCaseResult<UserView>> ChangeAsync(AuditActor actor, string userName, string action, Func<AppUser, Task> change)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ActAs(actor);
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return UseCaseResult<UserView>.NotFound();
        }
        if (actor.UserId is not null && actor.UserId == user.Id)
        {
            return UseCaseResult<UserView>.Forbidden();
        }
        await change(user);
        await audit.RecordAsync(action, actor, entityType: nameof(AppUser), entityKey: user.UserName);
        return UseCaseResult<UserView>.Ok(View(user, [.. await users.GetRolesAsync(user)]));
    }

    private async Task<List<FieldError>> ValidateAsync(UserInput input)
    {
        var errors = new List<FieldError>();
        foreach (var role in input.Roles.Where(r => !Roles.IsKnown(r)))
        {
            errors.Add(new(nameof(input.Roles), new UserMessage("RoleUnknown", role)));
        }
        if (input.Roles.Count(r => Roles.SeparatedDuties.Contains(r, StringComparer.Ordinal)) > 1)
        {
            errors.Add(new(nameof(input.Roles), new UserMessage("RolesSeparated")));
        }
        await using var db = await contexts.CreateDbContextAsync();
        foreach (var role in input.Roles.Where(Roles.IsKnown))
        {
            var kind = Roles.ScopeOf(role);
            var missing = kind switch
            {
                ScopeKind.Park => string.IsNullOrWhiteSpace(input.ScopeParkCode) || !await db.Parks.AnyAsync(p => p.Code == input.ScopeParkCode),
                ScopeKind.District => string.IsNullOrWhiteSpace(input.ScopeDistrictCode) || !await db.Districts.AnyAsync(d => d.Code == input.ScopeDistrictCode),
                ScopeKind.Organisation => string.IsNullOrWhiteSpace(input.ScopeOrganisationCreditCode)
                    || !await db.Organisations.AnyAsync(o => o.CreditCode == CreditCode.Normalize(input.ScopeOrganisationCreditCode)),
                _ => false,
            };
            if (missing)
            {
                errors.Add(new("Scope" + kind, new UserMessage("ScopeRequired", role, new UserMessage("Scope." + kind))));
            }
        }
        return errors;
    }

    private static void ApplyScope(AppUser user, UserInput input)
    {
        var kinds = input.Roles.Where(Roles.IsKnown).Select(Roles.ScopeOf).ToHashSet();
        user.ScopeParkCode = kinds.Contains(ScopeKind.Park) ? input.ScopeParkCode?.Trim() : null;
        user.ScopeDistrictCode = kinds.Contains(ScopeKind.District) ? input.ScopeDistrictCode?.Trim() : null;
        user.ScopeOrganisationCreditCode = kinds.Contains(ScopeKind.Organisation) ? CreditCode.Normalize(input.ScopeOrganisationCreditCode) : null;
    }

    private static string ScopeText(AppUser u) => $"park={u.ScopeParkCode};district={u.ScopeDistrictCode};org={u.ScopeOrganisationCreditCode}";

    internal static UserView View(AppUser u, IReadOnlyList<string> roleNames) => new(
        u.Id, u.UserName ?? "", u.DisplayName, u.Email, roleNames, u.ScopeParkCode, u.ScopeDistrictCode, u.ScopeOrganisationCreditCode,
        u.IsActive, u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow, u.TwoFactorEnabled, u.MustChangePassword, u.CreatedUtc, u.LastActiveUtc);

    private static List<FieldError> IdentityErrors(string field, IdentityResult result) =>
        result.Errors.Select(e => new FieldError(field, UserMessageCodec.Decode(e))).ToList();

    /// <summary>16 characters from all four classes, from a CSPRNG, without look-alike characters.</summary>
    public static string GenerateTemporaryPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnpqrstuvwxyz", digits = "23456789", symbols = "!#%+-=?@";
        var all = upper + lower + digits + symbols;
        var chars = new List<char>
        {
            upper[RandomNumberGenerator.GetInt32(upper.Length)], lower[RandomNumberGenerator.GetInt32(lower.Length)],
            digits[RandomNumberGenerator.GetInt32(digits.Length)], symbols[RandomNumberGenerator.GetInt32(symbols.Length)],
        };
        while (chars.Count < 16)
        {
            chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        }
        return new string([.. chars.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue))]);
    }
}

/// <summary>Runs the dormant-account sweep at start-up and then every hour.</summary>
public sealed class DormantAccountService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DormantAccountService> logger)
    : HourlySweep(scopes, clock, logger)
{
    protected override async Task<string?> SweepAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var disabled = await services.GetRequiredService<UserAdministration>().DisableDormantAsync(cancellationToken);
        return disabled.Count > 0 ? $"disabled {disabled.Count} dormant account(s): {string.Join(", ", disabled)}" : null;
    }
}
