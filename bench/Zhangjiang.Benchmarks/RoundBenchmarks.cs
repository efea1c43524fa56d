using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Zhangjiang.Platform;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Parks;

namespace Zhangjiang.Benchmarks;

/// <summary>
/// The evaluation issue's figures: a round of all 178 national high-tech zones × 50 indicators with 1000 uncertainty
/// replications computed and persisted (target under 2 s), and a scorecard (target under 300 ms server time). The
/// round lives in a real SQLite database built once in the setup: 156 synthetic zones beside the 22 parks, a
/// published 5 × 10 framework, every submission filled in and accepted.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class RoundBenchmarks
{
    private ServiceProvider _services = null!;
    private string _folder = null!;
    private Guid _roundId;
    private static readonly AuditActor Actor = new(null, "bench", null);
    private static readonly ClaimsPrincipal City = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "bench"), new Claim(ClaimTypes.Role, Roles.CityAdmin), new Claim(ClaimTypes.Role, Roles.CityStaff)], "bench"));

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "zj-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = "Data Source=" + Path.Combine(_folder, "bench.db"),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddZhangjiangPlatform(_folder);
        services.AddAuthorizationCore();
        _services = services.BuildServiceProvider();
        using var scope = _services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().MigrateAsync();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ZjDbContext>>();

        Guid frameworkId;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Actor = Actor;
            var district = await db.Districts.Select(d => d.Code).FirstAsync();
            for (var z = 23; z <= 178; z++)
            {
                db.Parks.Add(new Park { Code = $"zone-{z:000}", NameZh = $"示例高新区{z}", NameEn = $"Demo zone {z}", DistrictCode = district, DistrictSource = "benchmark" });
            }
            var framework = new EvaluationFramework
            {
                Id = Guid.NewGuid(), Family = "BENCH-50", VersionNumber = 1, NameZh = "基准测试 5×10", NameEn = "Benchmark 5×10", Status = FrameworkStatus.Published,
            };
            framework.Indicators.Add(new EvaluationIndicator { Code = "Index", NameZh = "总分", Level = 3, Weight = 1 });
            for (var d = 1; d <= 5; d++)
            {
                framework.Indicators.Add(new EvaluationIndicator { Code = $"D{d}", NameZh = $"维度{d}", Level = 2, ParentCode = "Index", Weight = d, SortOrder = d });
                for (var i = 1; i <= 10; i++)
                {
                    framework.Indicators.Add(new EvaluationIndicator
                    {
                        Code = $"D{d}_{i}", NameZh = $"指标{d}.{i}", Level = 1, ParentCode = $"D{d}", Direction = i == 10 ? -1 : 1, SortOrder = 10 * d + i,
                    });
                }
            }
            db.EvaluationFrameworks.Add(framework);
            await db.SaveChangesAsync();
            frameworkId = framework.Id;
        }
        var rounds = scope.ServiceProvider.GetRequiredService<EvaluationRounds>();
        var opened = await rounds.OpenAsync(City, Actor, new RoundInput
        {
            Year = 2025, FrameworkId = frameworkId, NameZh = "178 个国家高新区", NameEn = "178 national high-tech zones",
            DeadlineUtc = DateTime.UtcNow.AddDays(1), Method = new EvaluationMethod { UncertaintyReplications = 1000 },
        });
        _roundId = opened.Value!.Id;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var random = new Random(178);
            var values = await db.SubmissionValues.Where(v => db.ParkSubmissions.Any(s => s.Id == v.SubmissionId && s.RoundId == _roundId)).ToListAsync();
            foreach (var v in values)
            {
                v.Value = Math.Round(10 + 90 * random.NextDouble(), 2);
            }
            db.Actor = Actor;
            await db.SaveChangesAsync();
            await db.ParkSubmissions.Where(s => s.RoundId == _roundId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubmissionStatus.Accepted));
            await db.EvaluationRounds.Where(r => r.Id == _roundId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, RoundStatus.Locked));
        }
        // One computation exists before the scorecard benchmark runs.
        await ComputeAndPersist();
    }

    [Benchmark(Description = "Compute and persist a round: 178 zones × 50 indicators, 1000 uncertainty replications (SQLite)")]
    public async Task<ComputationSummary> ComputeAndPersist()
    {
        using var scope = _services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<RoundComputation>().ComputeAsync(City, Actor, _roundId);
        return result.Value ?? throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message.ToString())));
    }

    [Benchmark(Description = "A zone's scorecard (recomputed from the stored input, with contributions and weak links)")]
    public async Task<Scorecard> ScorecardOfOneZone()
    {
        using var scope = _services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<EvaluationResults>().ScorecardAsync(City, _roundId, "zone-100");
        return result.Value ?? throw new InvalidOperationException(result.Status.ToString());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
