using Microsoft.EntityFrameworkCore;

namespace Zhangjiang.Platform.Features.Notifications;

public static class NotificationModel
{
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<Notification>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Audience).HasMaxLength(300);
            e.Property(x => x.TextZh).HasMaxLength(2000);
            e.Property(x => x.TextEn).HasMaxLength(2000);
            e.Property(x => x.Link).HasMaxLength(300);
            e.Property(x => x.DedupKey).HasMaxLength(200);
            e.HasIndex(x => new { x.Audience, x.Id });
            // NULLs are distinct in a unique index on both providers: only reminders carry a key.
            e.HasIndex(x => x.DedupKey).IsUnique();
            e.HasIndex(x => x.MailedUtc);
        });
        builder.Entity<NotificationRead>(e =>
        {
            e.HasKey(x => new { x.NotificationId, x.UserName });
            e.Property(x => x.UserName).HasMaxLength(256);
            e.HasOne<Notification>().WithMany().HasForeignKey(x => x.NotificationId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
