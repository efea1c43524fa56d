namespace Zhangjiang.Platform.Features.Identity;

/// <summary>
/// Configuration section "Security": the figures 等保 2.0 level 3 and ASVS 5.0 level 2 ask for, in one place
/// (docs/security.md explains each).
/// </summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    public int PasswordMinLength { get; set; } = 12;
    public int PasswordHistory { get; set; } = 5;
    public int PasswordExpiryDays { get; set; } = 90;
    public int TemporaryPasswordHours { get; set; } = 72;
    public int PasswordHashIterations { get; set; } = 210_000;
    public int LockoutFailures { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 30;
    public int IdleTimeoutMinutes { get; set; } = 30;
    public int AbsoluteTimeoutHours { get; set; } = 8;
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// Cookies are Secure with the __Host- prefix. Turn off only for plain-http test hosts on a non-loopback
    /// address; browsers treat localhost as secure, so development works with it on.
    /// </summary>
    public bool SecureCookies { get; set; } = true;

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);
    public TimeSpan AbsoluteTimeout => TimeSpan.FromHours(AbsoluteTimeoutHours);
}
