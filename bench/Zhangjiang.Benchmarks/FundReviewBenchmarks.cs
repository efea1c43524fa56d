using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Zhangjiang.Platform;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Benchmarks;

/// <summary>
/// The fund issue's figures: assigning 300 experts to 2,000 applications, 5 each, under every constraint (target under
/// 2 s), and ranking 2,000 scored applications with the funding line (target under 200 ms). The draw is measured
/// twice: the pure algorithm, and end to end through the use case on a real SQLite database (inputs read, draw,
/// inputs and report stored as JSON, 10,000 assignments written), the call put back to formal review between runs.
/// Applicants carry two team members and one named exclusion each; one expert in ten is tied to some applicant.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class FundReviewBenchmarks
{
    /// <summary>False: a SQLite file; true: the PostgreSQL database named by ZJ_BENCH_PG (emptied first; see <see cref="FundReviewPostgresBenchmarks"/>).</summary>
    protected virtual bool OnPostgres => false;

    public const int Experts = 300, Applications = 2000;
    private static readonly string[] Topics = ["park-construction", "gradient-cultivation", "innovation-ecosystem"];
    private static readonly AuditActor Actor = new(null, "bench", null);
    private static readonly ClaimsPrincipal City = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "bench"), new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, Roles.CityStaff)], "bench"));
    private ServiceProvider _services = null!;
    private string _folder = null!;
    private Guid _callId;
    private List<DrawExpert> _pool = null!;
    private List<DrawApplication> _inputs = null!;

    [GlobalSetup(Targets = [nameof(DrawAlgorithm), nameof(DrawThroughUseCase)])]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    /// <summary>For the ranking: the draw made, every assignment scored (whole 0–100 scores from a fixed generator), the call in its panel.</summary>
    [GlobalSetup(Target = nameof(RankingAndLine))]
    public void SetupScored()
    {
        SetupAsync().GetAwaiter().GetResult();
        if (DrawThroughUseCase() != Applications * 5)
        {
            throw new InvalidOperationException("The draw did not assign five experts to every application.");
        }
        using var scope = _services.CreateScope();
        using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ZjDbContext>>().CreateDbContext();
        db.Database.ExecuteSqlRaw(OnPostgres
            ? "UPDATE \"ReviewAssignments\" SET \"Status\" = 3, \"WeightedScore\" = 40 + floor(random() * 6000) / 100.0"
            : "UPDATE \"ReviewAssignments\" SET \"Status\" = 3, \"WeightedScore\" = 40 + ((abs(random()) % 6000) / 100.0)");
        db.Database.ExecuteSql($"UPDATE \"FundCalls\" SET \"Status\" = {(int)FundCallStatus.Panel} WHERE \"Id\" = {_callId}");
        foreach (var topic in Topics)
        {
            db.FundTopicBudgets.Add(new FundTopicBudget { TopicCode = topic, Year = 2027, AmountFen = 30_000_0000_00L, UpdatedBy = "bench" });
        }
        db.Actor = Actor;
        db.SaveChanges();
    }

    private async Task SetupAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "zj-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        var database = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = "Data Source=" + Path.Combine(_folder, "bench.db"),
        };
        if (OnPostgres)
        {
            var connectionString = Environment.GetEnvironmentVariable("ZJ_BENCH_PG")
                ?? throw new InvalidOperationException("Set ZJ_BENCH_PG to the connection string of an empty PostgreSQL database (bench/scripts/search-postgres.sh does).");
            await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var command = new Npgsql.NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", connection);
                await command.ExecuteNonQueryAsync();
            }
            (database["Database:Provider"], database["Database:ConnectionString"]) = ("Postgres", connectionString);
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddZhangjiangPlatform(_folder);
        services.AddAuthorizationCore();
        _services = services.BuildServiceProvider();
        using var scope = _services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().MigrateAsync();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ZjDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        db.Actor = Actor;
        var parks = await db.Parks.Select(p => p.Code).OrderBy(p => p).ToListAsync();
        var rules = FundCallRules.Template(Topics, ["operating-agency", "enterprise"]);
        var call = new FundCall
        {
            Id = Guid.NewGuid(), ProgrammeCode = "zhangjiang-special", Year = 2027, Code = "ZJ2027-01", TitleZh = "基准测试", TitleEn = "Benchmark",
            Status = FundCallStatus.FormalReview, OpensUtc = DateTime.UtcNow.AddDays(-60), ClosesUtc = DateTime.UtcNow.AddDays(-30),
            ReviewDeadlineUtc = DateTime.UtcNow.AddDays(30), RulesJson = rules.ToJson(), CreatedBy = "bench", CreatedUtc = DateTime.UtcNow,
        };
        call.Topics.AddRange(Topics.Select(t => new FundCallTopic { CallId = call.Id, TopicCode = t }));
        db.FundCalls.Add(call);
        _callId = call.Id;
        for (var i = 1; i <= Applications; i++)
        {
            var code = EnterpriseDemo.Code(i);
            db.Enterprises.Add(new Enterprise { CreditCode = code, NameZh = $"基准企业{i}", ParkCode = parks[i % parks.Count], IndustryCode = $"C{30 + i % 10}" });
            var application = new FundApplication
            {
                Id = Guid.NewGuid(), CallId = call.Id, TopicCode = Topics[i % 3], KindCode = "enterprise", ApplicantCreditCode = code, ApplicantName = $"基准企业{i}",
                ParkCode = parks[i % parks.Count], TrackingNumber = $"ZJ2027-01-{i:0000}", ProjectTitle = $"项目{i}", RequestedFen = 100_0000_00,
                Status = FundApplicationStatus.InReview, CreatedBy = "bench", ExclusionsJson = $"[{{\"Name\":\"专家{(i * 7) % Experts:000}\",\"Institution\":null,\"Reason\":\"竞争\"}}]",
            };
            application.Team.Add(new FundTeamMember { Name = $"成员{i}A", Order = 0 });
            application.Team.Add(new FundTeamMember { Name = $"专家{(i * 13) % Experts:000}", Order = 1 });
            db.FundApplications.Add(application);
        }
        for (var e = 0; e < Experts; e++)
        {
            db.FundExperts.Add(new FundExpert
            {
                Id = Guid.NewGuid(), Name = $"专家{e:000}", Institution = $"研究院{e % 40}", Topics = e % 5 == 0 ? string.Join(",", Topics) : Topics[e % 3],
                Industries = $"C{30 + e % 10}", AffiliatedCreditCodes = e % 10 == 0 ? EnterpriseDemo.Code(e + 1) : "", MaxPerCall = 60, CreatedUtc = DateTime.UtcNow,
            });
        }
        await db.SaveChangesAsync();

        // The pure algorithm's inputs, shaped as the use case builds them.
        var experts = await db.FundExperts.AsNoTracking().ToListAsync();
        _pool = experts.Select(e => new DrawExpert(e.Id, e.Name, e.Institution, e.InstitutionCreditCode,
            e.AffiliatedCreditCodes.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(), e.Topics.Split(',').ToHashSet(), e.Industries.Split(','), e.MaxPerCall, 0)).ToList();
        var apps = await db.FundApplications.AsNoTracking().Include(a => a.Team).ToListAsync();
        _inputs = apps.Select((a, i) => new DrawApplication(a.Id, a.TrackingNumber!, a.TopicCode, a.ApplicantCreditCode, $"C{30 + i % 10}3", null,
            a.Team.Select(m => m.Name).ToHashSet(), [new FundExclusion($"专家{(i * 7) % Experts:000}", null, "竞争")], new HashSet<Guid>(), 5)).ToList();
    }

    [IterationSetup(Target = nameof(DrawThroughUseCase))]
    public void ResetCall()
    {
        using var scope = _services.CreateScope();
        using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ZjDbContext>>().CreateDbContext();
        db.Database.ExecuteSqlRaw("DELETE FROM \"ReviewAssignments\"; DELETE FROM \"FundExpertDraws\";");
        db.Database.ExecuteSql($"UPDATE \"FundCalls\" SET \"Status\" = {(int)FundCallStatus.FormalReview} WHERE \"Id\" = {_callId}");
    }

    [Benchmark(Description = "draw 300 experts × 2,000 applications × 5 (algorithm)")]
    public int DrawAlgorithm() => ExpertDrawing.Draw(_pool, _inputs, 20271).Assignments.Count;

    [Benchmark(Description = "draw 300 × 2,000 × 5 end to end (use case)")]
    public int DrawThroughUseCase()
    {
        using var scope = _services.CreateScope();
        var review = scope.ServiceProvider.GetRequiredService<FundReview>();
        using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ZjDbContext>>().CreateDbContext();
        var version = db.FundCalls.AsNoTracking().Single(c => c.Id == _callId).Version;
        var result = review.StartExpertReviewAsync(City, Actor, _callId, version, 20271).GetAwaiter().GetResult();
        return result.Succeeded ? result.Value!.Assigned : throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    [Benchmark(Description = "ranking and funding line, 2,000 applications × 5 scores (use case)")]
    public int RankingAndLine()
    {
        using var scope = _services.CreateScope();
        var result = scope.ServiceProvider.GetRequiredService<FundDecisions>().RankingAsync(City, _callId).GetAwaiter().GetResult();
        return result.Succeeded ? result.Value!.Sum(t => t.Rows.Count) : throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The same figures on PostgreSQL: run with bench/scripts/search-postgres.sh --filter '*FundReviewPostgres*'.</summary>
public class FundReviewPostgresBenchmarks : FundReviewBenchmarks
{
    protected override bool OnPostgres => true;
}
