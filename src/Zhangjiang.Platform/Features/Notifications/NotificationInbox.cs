using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;

namespace Zhangjiang.Platform.Features.Notifications;

public sealed record NotificationView(long Id, string Text, string? Link, DateTime CreatedUtc, bool Read);

public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, int Unread);

/// <summary>A user's notices: those for the user, their organisation, and the city if they are city staff.</summary>
public sealed class NotificationInbox(IDbContextFactory<ZjDbContext> contexts)
{
    public const int PageSize = 50;

    /// <summary>The latest notices (newest first, at most <see cref="PageSize"/>, before <paramref name="beforeId"/> when given) and the unread count.</summary>
    public async Task<NotificationPage> ListAsync(ClaimsPrincipal user, bool zh, bool unreadOnly = false, long? beforeId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = user.Identity?.Name ?? "";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = Mine(db, user);
        var unread = await mine.CountAsync(n => !db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserName == name), cancellationToken);
        var query = mine;
        if (unreadOnly)
        {
            query = query.Where(n => !db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserName == name));
        }
        if (beforeId is { } before)
        {
            query = query.Where(n => n.Id < before);
        }
        var items = await query.OrderByDescending(n => n.Id).Take(PageSize)
            .Select(n => new NotificationView(n.Id, zh ? n.TextZh : n.TextEn, n.Link, n.CreatedUtc, db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserName == name)))
            .ToListAsync(cancellationToken);
        return new NotificationPage(items, unread);
    }

    public async Task<int> UnreadCountAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = user.Identity?.Name ?? "";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Mine(db, user).CountAsync(n => !db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserName == name), cancellationToken);
    }

    /// <summary>Marks the given notices (or, with none given, all of the user's) read; notices not addressed to the user are ignored.</summary>
    public async Task<int> MarkReadAsync(ClaimsPrincipal user, AuditActor actor, IReadOnlyCollection<long>? ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        var name = user.Identity?.Name ?? "";
        if (name.Length == 0)
        {
            return 0;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var query = Mine(db, user).Where(n => !db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserName == name));
        if (ids is { Count: > 0 })
        {
            var list = ids.Take(1000).ToList();
            query = query.Where(n => list.Contains(n.Id));
        }
        var unread = await query.Select(n => n.Id).Take(5000).ToListAsync(cancellationToken);
        var now = db.UtcNow;
        db.NotificationReads.AddRange(unread.Select(id => new NotificationRead { NotificationId = id, UserName = name, ReadUtc = now }));
        await db.SaveChangesAsync(cancellationToken);
        return unread.Count;
    }

    private static IQueryable<Notification> Mine(ZjDbContext db, ClaimsPrincipal user)
    {
        var audiences = Audiences.Of(user).ToList();
        return db.Notifications.AsNoTracking().Where(n => audiences.Contains(n.Audience));
    }
}
