using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Auditing;

/// <summary>Security events (等保 安全审计): sign-in success and failure, lockout, role and scope changes, exports.</summary>
public static class SecurityEvents
{
    public const string SignIn = "SignIn";
    public const string SignInFailed = "SignInFailed";
    public const string LockedOut = "LockedOut";
    public const string SignOut = "SignOut";
    public const string TwoFactorFailed = "TwoFactorFailed";
    public const string TwoFactorEnabled = "TwoFactorEnabled";
    public const string PasswordChanged = "PasswordChanged";
    public const string PasswordReset = "PasswordReset";
    public const string UserCreated = "UserCreated";
    public const string UserDisabled = "UserDisabled";
    public const string UserEnabled = "UserEnabled";
    public const string UserUnlocked = "UserUnlocked";
    public const string UserApproved = "UserApproved";
    public const string RolesChanged = "RolesChanged";
    public const string ScopeChanged = "ScopeChanged";
    public const string Export = "Export";
    public const string SessionExpired = "SessionExpired";
    public const string AccessDenied = "AccessDenied";
    public const string SetupTokenUsed = "SetupTokenUsed";
    /// <summary>Personal data shown unmasked (PIPL), with the purpose stated.</summary>
    public const string PersonalDataRevealed = "PersonalDataRevealed";
    /// <summary>A request refused by a rate limit (counted by the intrusion alarm, not written one by one).</summary>
    public const string RateLimited = "RateLimited";
    /// <summary>An upload in which the virus scanner found malware (等保 8.1.4.5); it was refused.</summary>
    public const string MalwareFound = "MalwareFound";
    /// <summary>The intrusion alarm: many security failures within a minute (等保 8.1.4.4 f).</summary>
    public const string IntrusionSuspected = "IntrusionSuspected";
}

/// <summary>Audit JSON keeps Chinese readable (it is shown as text, never as HTML).</summary>
public static class AuditJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <param name="alarm">Counts failures towards the intrusion alarm (from the container); absent only where a test builds the service by hand.</param>
public sealed class SecurityAudit(IDbContextFactory<ZjDbContext> contexts, IntrusionAlarm? alarm = null)
{
    /// <summary>Appends one security event. A failure here fails the caller: an unrecorded event is not allowed.</summary>
    public async Task RecordAsync(
        string action, AuditActor actor, string outcome = "Success", object? details = null,
        string? entityType = null, string? entityKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.AppendEventAsync(AuditKind.Security, action, actor, details, entityType, entityKey, outcome, cancellationToken);
        if (alarm is not null)
        {
            await alarm.ObserveAsync(action, actor.IpAddress, cancellationToken);
        }
    }
}
