using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Notifications;

namespace Zhangjiang.Platform.Features.Auditing;

/// <summary>
/// 等保 8.1.4.4 f (检测入侵行为并报警): counts security failures on this instance — wrong passwords, lockouts, wrong
/// second factors, refused requests, rate-limit rejections — and when one minute holds
/// <see cref="SecurityOptions.AlarmFailuresPerMinute"/> of them, raises one alarm: an audit event, a critical log line
/// (for the central log, docs/operations.md) and a notice to the security administrators. Then it stays quiet for a
/// minute, so a long attack gives one alarm a minute rather than one per failure.
/// </summary>
/// <remarks>
/// Each web instance counts its own traffic: with two instances behind the proxy an attack spread evenly needs twice
/// the figure before either raises the alarm. The audit trail holds every single failure for the audit administrator.
/// </remarks>
public sealed class IntrusionAlarm(IServiceScopeFactory scopes, SecurityOptions security, TimeProvider clock, ILogger<IntrusionAlarm> logger)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Security events that count as failures.</summary>
    public static readonly IReadOnlySet<string> Failures = new HashSet<string>(StringComparer.Ordinal)
    {
        SecurityEvents.SignInFailed, SecurityEvents.LockedOut, SecurityEvents.TwoFactorFailed, SecurityEvents.AccessDenied,
        SecurityEvents.RateLimited, SecurityEvents.MalwareFound,
    };

    private readonly Lock _gate = new();
    private readonly Queue<(DateTime At, string? Address)> _recent = new();
    private DateTime _quietUntil = DateTime.MinValue;

    /// <summary>Counts the event if it is a failure; raises the alarm when the minute is full.</summary>
    public async Task ObserveAsync(string action, string? address, CancellationToken cancellationToken = default)
    {
        if (security.AlarmFailuresPerMinute <= 0 || !Failures.Contains(action))
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        int count;
        List<string> addresses;
        lock (_gate)
        {
            _recent.Enqueue((now, address));
            while (_recent.Count > 0 && _recent.Peek().At <= now - Window)
            {
                _recent.Dequeue();
            }
            if (_recent.Count < security.AlarmFailuresPerMinute || now < _quietUntil)
            {
                return;
            }
            _quietUntil = now + Window;
            count = _recent.Count;
            addresses = _recent.GroupBy(r => r.Address ?? "?").OrderByDescending(g => g.Count()).Take(5)
                .Select(g => $"{g.Key} ×{g.Count()}").ToList();
        }
        logger.LogCritical("Intrusion alarm: {Count} security failures within a minute, from {Addresses}", count, string.Join(", ", addresses));
        // A singleton (the count spans requests), so the database is reached through a scope of its own.
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ZjDbContext>>().CreateDbContextAsync(cancellationToken);
        db.Actor = AuditActor.System;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.AppendEventAsync(AuditKind.Security, SecurityEvents.IntrusionSuspected, AuditActor.System,
            details: new { failures = count, windowSeconds = (int)Window.TotalSeconds, addresses }, outcome: "Alarm", cancellationToken: cancellationToken);
        Notify.Add(db, Audiences.SecurityAdministrators,
            new UserMessage("NotifyIntrusionSuspected", count, string.Join(", ", addresses), ShanghaiTime.Moment(now)), link: "/users");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
