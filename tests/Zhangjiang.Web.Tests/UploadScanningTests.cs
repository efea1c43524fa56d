using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Files;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Network;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.Web.Tests;

/// <summary>
/// 等保 8.1.4.5 / ASVS 5.4.3: a kept upload goes through ClamAV's clamd before it is stored. A stand-in clamd on loopback
/// speaks the real INSTREAM protocol (a production clamd is Debian's clamav-daemon), so the client, the configuration
/// and the refusal path are the ones in use; the use case is the app's own, resolved from its container.
/// </summary>
public sealed class UploadScanningTests
{
    // The standard anti-virus test string, put together at run time so this source file does not trip a scanner itself.
    private static readonly string Eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_file_with_malware_is_refused_and_recorded_and_an_unreachable_scanner_refuses_every_upload(string provider)
    {
        await using var clamd = new FakeClamd();
        await using var factory = await ZjWebFactory.StartAsync(provider, new Dictionary<string, string?> { ["Security:ClamAv"] = $"127.0.0.1:{clamd.Port}" });
        var city = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "city-staff"), new Claim(ClaimTypes.Role, Roles.CityStaff)], "test"));
        var actor = new AuditActor(null, "city-staff", "10.20.0.8");
        Task<UseCaseResult<NetworkOverview>> SaveEventAsync(string title, params UploadedFile[] files) => factory.WithServicesAsync(sp =>
            sp.GetRequiredService<PartnerNetwork>().SaveEventAsync(city, actor,
                new EventInput(null, NetworkEventKind.Forum, title, null, new DateOnly(2026, 11, 1), "张江", null, null, null, Guid.Empty), files));
        var clean = new UploadedFile("论坛纪要.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"));
        var infected = new UploadedFile("议程.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n" + Eicar + "\n%%EOF\n"));

        var accepted = await SaveEventAsync("合作论坛", clean);
        Assert.True(accepted.Succeeded);
        Assert.Equal([clean.Content.Length], clamd.Scanned);

        // One infected file among two: nothing of the save is kept, the refusal names the file and the signature.
        var refused = await SaveEventAsync("第二次论坛", clean, infected);
        Assert.Equal(UseCaseStatus.Invalid, refused.Status);
        var error = Assert.Single(refused.Errors);
        Assert.Equal("FileInfected", error.Message.Key);
        Assert.Equal(["议程.pdf", "Eicar-Test-Signature"], error.Message.Args.Select(a => a.ToString()));
        await using (var db = factory.Database.CreateContext())
        {
            Assert.Equal(1, await db.StoredFiles.CountAsync());
            Assert.False(await db.NetworkEvents.AnyAsync(e => e.TitleZh == "第二次论坛"));
            var finding = await db.AuditEntries.SingleAsync(a => a.Action == SecurityEvents.MalwareFound);
            Assert.Equal(("city-staff", "10.20.0.8", "Failure"), (finding.UserName, finding.IpAddress, finding.Outcome));
            Assert.Contains("Eicar-Test-Signature", finding.Changes, StringComparison.Ordinal);
        }

        // The scanner stops answering: uploads are refused rather than kept unscanned (fail closed).
        clamd.HangUp = true;
        var unscanned = await SaveEventAsync("第三次论坛", clean);
        Assert.Equal("FileScanUnavailable", Assert.Single(unscanned.Errors).Message.Key);
        await using (var db = factory.Database.CreateContext())
        {
            Assert.Equal(1, await db.StoredFiles.CountAsync());
        }
    }

    /// <summary>clamd's INSTREAM on a loopback port: "stream: OK", or "stream: Eicar-Test-Signature FOUND" when the EICAR string is inside.</summary>
    private sealed class FakeClamd : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public FakeClamd()
        {
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public bool HangUp { get; set; }
        public List<int> Scanned { get; } = [];

        private async Task ServeAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                await using var stream = client.GetStream();
                if (HangUp)
                {
                    continue;
                }
                var command = new byte["zINSTREAM\0".Length];
                await stream.ReadExactlyAsync(command, _stop.Token);
                Assert.Equal("zINSTREAM\0", Encoding.ASCII.GetString(command));
                var content = new MemoryStream();
                var length = new byte[4];
                while (true)
                {
                    await stream.ReadExactlyAsync(length, _stop.Token);
                    var size = BinaryPrimitives.ReadInt32BigEndian(length);
                    if (size == 0)
                    {
                        break;
                    }
                    var chunk = new byte[size];
                    await stream.ReadExactlyAsync(chunk, _stop.Token);
                    content.Write(chunk);
                }
                lock (Scanned)
                {
                    Scanned.Add((int)content.Length);
                }
                var found = Encoding.ASCII.GetString(content.ToArray()).Contains(Eicar, StringComparison.Ordinal);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(found ? "stream: Eicar-Test-Signature FOUND\0" : "stream: OK\0"), _stop.Token);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }
            catch (SocketException)
            {
            }
            _stop.Dispose();
        }
    }
}
