using System.Net;
using System.Net.Sockets;
using System.Text;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Notifications;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Notifications;

public sealed class NotificationMailerTests
{
    private const string Firm = "91310000MA1FL8XQ0B";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Notices_are_mailed_once_to_their_audience_in_each_accounts_language_and_old_ones_are_not(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var contexts = database.Factory(clock);
        await using (var db = database.CreateContext(clock))
        {
            db.Actor = AuditActor.System;
            foreach (var role in new[] { Roles.Enterprise, Roles.CityStaff })
            {
                db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
            }
            await db.SaveChangesAsync(ct);
            var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
            void User(string name, string role, string? email, string culture, string? org = null, bool active = true)
            {
                var user = new AppUser { UserName = name, NormalizedUserName = name.ToUpperInvariant(), Email = email, Culture = culture, ScopeOrganisationCreditCode = org, IsActive = active };
                db.Users.Add(user);
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[role] });
            }
            User("firm-zh", Roles.Enterprise, "zh@firm.example", "zh-CN", Firm);
            User("firm-en", Roles.Enterprise, "en@firm.example", "en", Firm);
            User("firm-no-mail", Roles.Enterprise, null, "zh-CN", Firm);
            User("firm-disabled", Roles.Enterprise, "off@firm.example", "zh-CN", Firm, active: false);
            User("city", Roles.CityStaff, "city@zj.example", "zh-CN");
            Notify.Add(db, Audiences.Organisation(Firm), new UserMessage("NotifyMilestoneDue", "ZJ2027-01-0001-HT", 1, "2027-06-08"), "/fund/contracts/x");
            Notify.Add(db, Audiences.City, new UserMessage("NotifyMidtermDue", "ZJ2027-01-0001-HT", "示例企业", "2027-06-30"), null);
            await db.SaveChangesAsync(ct);
        }

        // Without an SMTP host nothing is sent and nothing is marked.
        Assert.Equal((0, 0), await new NotificationMailer(contexts, new SmtpOptions(), NullLogger<NotificationMailer>.Instance).SendPendingAsync(ct));

        using var server = new RecordingSmtpServer();
        var options = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Security = SecureSocketOptions.None, From = "noreply@zj.example", SiteUrl = "https://zj.example/" };
        var mailer = new NotificationMailer(contexts, options, NullLogger<NotificationMailer>.Instance);
        Assert.Equal((2, 3), await mailer.SendPendingAsync(ct));
        var mails = server.Messages;
        Assert.Equal(["city@zj.example", "en@firm.example", "zh@firm.example"], mails.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.Contains("milestone 1 is due on 2027-06-08", mails.Single(m => m.To == "en@firm.example").Data, StringComparison.Ordinal);
        Assert.Contains("https://zj.example/fund/contracts/x", mails.Single(m => m.To == "en@firm.example").Data, StringComparison.Ordinal);
        Assert.Contains("=?utf-8?", mails.Single(m => m.To == "zh@firm.example").Data, StringComparison.OrdinalIgnoreCase); // a Chinese subject, encoded

        // Sent once: a second round finds nothing. A notice older than two days when first seen is marked, not mailed.
        Assert.Equal((0, 0), await mailer.SendPendingAsync(ct));
        await using (var db = database.CreateContext(clock))
        {
            db.Actor = AuditActor.System;
            var old = Notify.Add(db, Audiences.City, new UserMessage("NotifyMidtermDue", "ZJ2027-01-0002-HT", "另一家", "2027-05-01"), null);
            await db.SaveChangesAsync(ct);
            old.CreatedUtc = clock.GetUtcNow().UtcDateTime.AddDays(-3);
            await db.SaveChangesAsync(ct);
        }
        Assert.Equal((1, 0), await mailer.SendPendingAsync(ct));
        Assert.Equal(3, server.Messages.Count);
        await using var check = database.CreateContext();
        Assert.Equal(0, await check.Notifications.CountAsync(n => n.MailedUtc == null, ct));
    }

    /// <summary>Just enough SMTP (RFC 5321, no extensions) on loopback to receive what the mailer sends and keep it.</summary>
    private sealed class RecordingSmtpServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<(string To, string Data)> _messages = [];
        private readonly CancellationTokenSource _stop = new();

        public RecordingSmtpServer()
        {
            _listener.Start();
            _ = Task.Run(AcceptAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public IReadOnlyList<(string To, string Data)> Messages
        {
            get
            {
                lock (_messages)
                {
                    return _messages.ToList();
                }
            }
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using var _ = client;
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost test SMTP");
            var recipients = new List<string>();
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "MAIL":
                        recipients.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        recipients.Add(line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.IndexOf('>', StringComparison.Ordinal)]);
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                        {
                            data.AppendLine(dataLine);
                        }
                        lock (_messages)
                        {
                            _messages.AddRange(recipients.Select(r => (r, data.ToString())));
                        }
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
