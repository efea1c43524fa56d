using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Platform.Features.Notifications;

/// <summary>The SMTP server notices are mailed through (configuration section "Smtp"); no host, no e-mail.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>None, Auto, StartTls or SslOnConnect (MailKit's names).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "noreply@zhangjiang.example";
    public string FromName { get; set; } = "张江高新区园区治理平台";
    /// <summary>Where the links in a mail point (e.g. https://zj.example.gov.cn).</summary>
    public string? SiteUrl { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>
/// Mails the notices not yet mailed to the active accounts of their audience that have an e-mail address, each in the
/// account's language, then marks them mailed. Notices older than two days when first seen (the server was configured
/// later, or was down) are marked without mailing, so a new SMTP setting does not flood inboxes with old news. A
/// failed connection leaves the batch for the next round.
/// </summary>
public sealed class NotificationMailer(IDbContextFactory<ZjDbContext> contexts, SmtpOptions options, ILogger<NotificationMailer> logger)
{
    public const int BatchSize = 200;

    /// <returns>How many notices were handled and how many e-mails sent.</returns>
    public async Task<(int Notices, int Mails)> SendPendingAsync(CancellationToken cancellationToken = default)
    {
        if (!options.Enabled)
        {
            return (0, 0);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = AuditActor.System;
        var now = db.UtcNow;
        var pending = await db.Notifications.Where(n => n.MailedUtc == null).OrderBy(n => n.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return (0, 0);
        }
        var messages = new List<MimeMessage>();
        // A batch holds many notices for few audiences (the city, one organisation): each audience is looked up once.
        var recipients = new Dictionary<string, List<(string Email, string Culture)>>(StringComparer.Ordinal);
        foreach (var notice in pending.Where(n => n.CreatedUtc >= now.AddDays(-2)))
        {
            if (!recipients.TryGetValue(notice.Audience, out var accounts))
            {
                recipients[notice.Audience] = accounts = await RecipientsAsync(db, notice.Audience, cancellationToken);
            }
            foreach (var (email, culture) in accounts)
            {
                var zh = !culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);
                var text = zh ? notice.TextZh : notice.TextEn;
                var message = new MimeMessage();
                message.From.Add(new MailboxAddress(options.FromName, options.From));
                message.To.Add(MailboxAddress.Parse(email));
                message.Subject = (zh ? "【张江园区治理平台】" : "[Zhangjiang platform] ") + (text.Length > 60 ? text[..60] + "…" : text);
                var link = notice.Link is not null && options.SiteUrl is { } site ? site.TrimEnd('/') + notice.Link : notice.Link;
                message.Body = new TextPart("plain") { Text = link is null ? text : text + "\n\n" + link };
                messages.Add(message);
            }
        }
        if (messages.Count > 0)
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(options.Host!, options.Port, options.Security, cancellationToken);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
            }
            foreach (var message in messages)
            {
                await client.SendAsync(message, cancellationToken);
            }
            await client.DisconnectAsync(true, cancellationToken);
        }
        foreach (var notice in pending)
        {
            notice.MailedUtc = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Mailed {Mails} e-mail(s) for {Notices} notice(s).", messages.Count, pending.Count);
        return (pending.Count, messages.Count);
    }

    private static async Task<List<(string Email, string Culture)>> RecipientsAsync(ZjDbContext db, string audience, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking().Where(u => u.IsActive && u.Email != null && u.Email != "");
        IQueryable<AppUser> chosen;
        if (audience == Audiences.City)
        {
            var roleIds = db.Roles.Where(r => r.Name == Roles.CityAdmin || r.Name == Roles.CityStaff).Select(r => r.Id);
            chosen = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)));
        }
        else if (audience == Audiences.SecurityAdministrators)
        {
            var roleIds = db.Roles.Where(r => r.Name == Roles.SecurityAdmin).Select(r => r.Id);
            chosen = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)));
        }
        else if (audience.StartsWith("org:", StringComparison.Ordinal))
        {
            var code = audience[4..];
            var roleIds = db.Roles.Where(r => r.Name == Roles.Operator || r.Name == Roles.Enterprise).Select(r => r.Id);
            chosen = users.Where(u => u.ScopeOrganisationCreditCode == code && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)));
        }
        else if (audience.StartsWith("park:", StringComparison.Ordinal))
        {
            var code = audience[5..];
            var roleIds = db.Roles.Where(r => r.Name == Roles.ParkManager).Select(r => r.Id);
            chosen = users.Where(u => u.ScopeParkCode == code && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)));
        }
        else if (audience.StartsWith("district:", StringComparison.Ordinal))
        {
            var code = audience[9..];
            var roleIds = db.Roles.Where(r => r.Name == Roles.DistrictOfficer).Select(r => r.Id);
            chosen = users.Where(u => u.ScopeDistrictCode == code && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)));
        }
        else if (audience.StartsWith("user:", StringComparison.Ordinal))
        {
            var name = audience[5..];
            chosen = users.Where(u => u.UserName == name);
        }
        else
        {
            return [];
        }
        return (await chosen.Select(u => new { u.Email, u.Culture }).ToListAsync(cancellationToken)).Select(u => (u.Email!, u.Culture)).ToList();
    }
}

/// <summary>Mails pending notices every minute while an SMTP host is configured.</summary>
public sealed class NotificationMailerService(IServiceScopeFactory scopes, SmtpOptions options, TimeProvider clock, ILogger<NotificationMailerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var mailer = scope.ServiceProvider.GetRequiredService<NotificationMailer>();
                while ((await mailer.SendPendingAsync(stoppingToken)).Notices == NotificationMailer.BatchSize)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Mailing notices failed; trying again in a minute.");
            }
        }
    }
}
