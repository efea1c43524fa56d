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
    /// Two-factor is compulsory for CityAdmin and SecurityAdmin always; true makes it compulsory for every role (等保
    /// 8.1.4.1 d, ASVS 6.3.3): each account must enrol an authenticator before it can do anything else.
    /// </summary>
    public bool TwoFactorForEveryRole { get; set; }

    /// <summary>Generated files (workbooks, PDFs) and imports one account may ask for in a minute (ASVS 2.4.1).</summary>
    public int CostlyCallsPerMinute { get; set; } = 30;

    /// <summary>An account not signed in for this many days is disabled (等保 8.1.4.2 c); 0 turns it off.</summary>
    public int InactiveAccountDays { get; set; } = 90;

    /// <summary>
    /// Networks (CIDR, e.g. "10.20.0.0/16") from which the administrator duties (CityAdmin, SecurityAdmin, AuditAdmin)
    /// may work (等保 8.1.4.4 c). Empty: no restriction, for a single machine; set it in production.
    /// </summary>
    public string[] AdminNetworks { get; set; } = [];

    /// <summary>
    /// Security failures (wrong passwords, lockouts, wrong codes, refusals, rate-limit rejections) within one minute on
    /// one instance that raise an intrusion alarm (等保 8.1.4.4 f); 0 turns it off.
    /// </summary>
    public int AlarmFailuresPerMinute { get; set; } = 20;

    /// <summary>
    /// ClamAV's clamd, which scans every kept upload (等保 8.1.4.5): "host:port" (TCP, port 3310 by default) or the path
    /// of its Unix socket (Debian: /run/clamav/clamd.ctl). Empty: uploads are not scanned (development only).
    /// </summary>
    public string? ClamAv { get; set; }

    public int ClamAvTimeoutSeconds { get; set; } = 30;

    /// <summary>Host and port of a TCP <see cref="ClamAv"/> ("host" alone means port 3310); null when it is not one.</summary>
    public (string Host, int Port)? ClamAvEndpoint()
    {
        var address = ClamAv?.Trim() ?? "";
        if (address.Length == 0 || address.StartsWith('/'))
        {
            return null;
        }
        var colon = address.LastIndexOf(':');
        if (colon < 0)
        {
            return (address, 3310);
        }
        return colon > 0 && int.TryParse(address[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? (address[..colon], port)
            : null;
    }

    /// <summary>
    /// Cookies are Secure with the __Host- prefix. Turn off only for plain-http test hosts on a non-loopback
    /// address; browsers treat localhost as secure, so development works with it on.
    /// </summary>
    public bool SecureCookies { get; set; } = true;

    /// <summary>The parsed <see cref="AdminNetworks"/>, set by <see cref="Validate"/> when the options are read.</summary>
    public IReadOnlyList<System.Net.IPNetwork> AdminNetworkList { get; private set; } = [];

    /// <summary>Checks what the configuration says; a mistake stops the start with a message naming the setting.</summary>
    public SecurityOptions Validate()
    {
        var networks = new List<System.Net.IPNetwork>();
        foreach (var text in AdminNetworks)
        {
            if (!System.Net.IPNetwork.TryParse(text?.Trim() ?? "", out var network))
            {
                throw new InvalidOperationException(
                    $"Security:AdminNetworks: \"{text}\" is not a network in CIDR form (e.g. 10.20.0.0/16 or 192.168.5.7/32).");
            }
            networks.Add(network);
        }
        AdminNetworkList = networks;
        if (!string.IsNullOrWhiteSpace(ClamAv) && !ClamAv.Trim().StartsWith('/') && ClamAvEndpoint() is null)
        {
            throw new InvalidOperationException(
                $"Security:ClamAv: \"{ClamAv}\" is neither host:port (e.g. 127.0.0.1:3310) nor the path of clamd's Unix socket (e.g. /run/clamav/clamd.ctl).");
        }
        return this;
    }

    /// <summary>Whether an administrator may work from this address. An unknown address is outside when a list is set.</summary>
    public bool IsAdminNetwork(System.Net.IPAddress? address)
    {
        if (AdminNetworkList.Count == 0)
        {
            return true;
        }
        if (address is null)
        {
            return false;
        }
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return AdminNetworkList.Any(n => n.Contains(plain));
    }

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);
    public TimeSpan AbsoluteTimeout => TimeSpan.FromHours(AbsoluteTimeoutHours);
}
