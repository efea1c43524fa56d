using Microsoft.AspNetCore.Identity;

namespace Zhangjiang.Platform.Features.Identity;

/// <summary>A platform account. Its scope says which park, district or organisation it works for.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Scope: at most one of these is set, matching the user's role (see <see cref="Roles"/>).</summary>
    public string? ScopeParkCode { get; set; }
    public string? ScopeDistrictCode { get; set; }
    public string? ScopeOrganisationCreditCode { get; set; }

    /// <summary>Self-registered accounts start inactive until the park or the city approves them.</summary>
    public bool IsActive { get; set; } = true;
    public bool MustChangePassword { get; set; }
    public DateTime? PasswordChangedUtc { get; set; }

    /// <summary>UI culture the user chose ("zh-CN" or "en").</summary>
    public string Culture { get; set; } = "zh-CN";

    /// <summary>The last accepted TOTP time step: a code is accepted once only.</summary>
    public long LastTotpTimeStep { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>
    /// The last successful sign-in, or when an administrator (re)activated the account. An account unused for
    /// <see cref="SecurityOptions.InactiveAccountDays"/> is disabled (等保 8.1.4.2 c: 及时停用多余、过期账户).
    /// </summary>
    public DateTime? LastActiveUtc { get; set; }

    /// <summary>Unused for longer than the configured days: sign-in is refused and the daily sweep disables it.</summary>
    public bool IsDormant(SecurityOptions security, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(security);
        return security.InactiveAccountDays > 0 && (LastActiveUtc ?? CreatedUtc) < nowUtc.AddDays(-security.InactiveAccountDays);
    }

    /// <summary>For self-registered experts: the institution they work for (shown to approvers).</summary>
    public string? Institution { get; set; }

    /// <summary>Set when the account registered itself; cleared when approved.</summary>
    public bool AwaitingApproval { get; set; }
}

/// <summary>Earlier password hashes, so the last five cannot be reused.</summary>
public sealed class PasswordHistoryEntry
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string PasswordHash { get; set; }
    public DateTime ChangedUtc { get; set; }
}

/// <summary>
/// A server-side sign-in session. The cookie carries only this row's key, so signing out, disabling an
/// account or changing a password ends the session everywhere, on every web instance.
/// </summary>
public sealed class UserSession
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public required byte[] Ticket { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime LastSeenUtc { get; set; }
    public DateTime ExpiresUtc { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
}
