using System.Security.Claims;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Features.Notifications;
using Zhangjiang.Web.Features.Identity;
using Zhangjiang.Web.Features.Shared;

namespace Zhangjiang.Web.Features.Notifications;

/// <summary>The signed-in user's notices under /api/v1/notifications, in the language of the request.</summary>
public static class NotificationsApi
{
    public sealed record MarkReadBody(IReadOnlyList<long>? Ids);

    public static void MapNotificationsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1/notifications").WithTags("Notifications");
        api.MapGet("/", async (bool? unread, long? before, ClaimsPrincipal user, NotificationInbox inbox, CancellationToken ct) =>
                Results.Ok(await inbox.ListAsync(user, UiCulture.IsChinese, unread ?? false, before, ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithName("ListNotifications").WithSummary("The caller's latest notices (50, newest first; ?before=id pages back, ?unread=true only unread) and the unread count.");
        api.MapPost("/read", async (MarkReadBody body, ClaimsPrincipal user, HttpContext http, NotificationInbox inbox, CancellationToken ct) =>
                Results.Ok(new { marked = await inbox.MarkReadAsync(user, HttpAuditActorAccessor.ActorOf(http), body.Ids, ct) }))
            .RequireAuthorization(Policies.SignedIn)
            .WithName("MarkNotificationsRead").WithSummary("Marks the given notices read (none given: all of the caller's); others' notices are ignored.");
    }
}
