using System.Net;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Benchmarks;

/// <summary>
/// The scorecard page as a signed-in user's browser asks for it: the whole web host in process (SQLite), a GET of
/// /evaluation/rounds/{id}/scorecards/{park}, the server's prerendered HTML back (data loaded, tables rendered). The
/// evaluation issue's target is under 300 ms server time.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 10)]
public partial class ScorecardPageBenchmarks
{
    private const string Password = "Kx9#mPq2$wLr7v";
    // Any type of the web assembly names its entry point; the benchmark project has a Program of its own.
    private WebApplicationFactory<Zhangjiang.Web.Resources.UiText> _factory = null!;
    private HttpClient _client = null!;
    private string _path = null!;
    private string _folder = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "zj-bench-web-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Zhangjiang.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Run from the repository (Zhangjiang.slnx not found above the benchmark).");
        }
        _factory = new WebApplicationFactory<Zhangjiang.Web.Resources.UiText>().WithWebHostBuilder(b =>
        {
            b.UseContentRoot(Path.Combine(root, "src", "Zhangjiang.Web"));
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Database:ConnectionString", "Data Source=" + Path.Combine(_folder, "bench.db"));
            b.UseSetting("Database:MigrateOnStartup", "true");
            b.UseSetting("Security:SecureCookies", "false");
            b.UseSetting("Logging:LogLevel:Default", "Error");
        });
        using (var scope = _factory.Services.CreateScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync(AuditActor.System,
                new UserInput { UserName = "bench-staff", DisplayName = "bench", Roles = [Roles.CityStaff] }, Password, temporary: false);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("user not created");
            }
            var rounds = await scope.ServiceProvider.GetRequiredService<EvaluationDemo>().GenerateAsync(2022);
            _path = $"/evaluation/rounds/{rounds.Last(r => r.Status == RoundStatus.Published).Id}/scorecards/jiading";
        }
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://localhost") });
        var login = await _client.GetStringAsync("/account/login");
        var token = WebUtility.HtmlDecode(Antiforgery().Match(login).Groups[1].Value);
        var signedIn = await _client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "bench-staff", ["password"] = Password, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }));
        if (signedIn.StatusCode != HttpStatusCode.Redirect || signedIn.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"sign-in failed: {signedIn.StatusCode} {signedIn.Headers.Location}");
        }
        var first = await _client.GetStringAsync(_path);
        if (!first.Contains("zj-scorecard-score", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the scorecard did not render");
        }
    }

    [Benchmark(Description = "Scorecard page, server-prerendered HTML for a signed-in city user (22 parks, 41 indicators)")]
    public async Task<int> ScorecardPage() => (await _client.GetStringAsync(_path)).Length;

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _factory.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
