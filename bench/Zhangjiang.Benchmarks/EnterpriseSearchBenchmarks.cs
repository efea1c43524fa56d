using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Zhangjiang.Platform;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Benchmarks;

/// <summary>
/// The enterprises issue's search figure: 200,000 firms (the demo generator through the real importer, one year each) in
/// a database built once; a page of results for a rare and a common partial Chinese name across the zone (the name
/// index), a name within one park (a scoped scan), a credit-code prefix, and firms holding a tier in an industry.
/// Target: p95 under 100 ms. SQLite always; PostgreSQL when ZJ_BENCH_PG holds the connection string of an empty
/// database (bench/scripts/search-postgres.sh starts a throw-away cluster and sets it).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 20)]
[Config(typeof(PercentileConfig))]
public class EnterpriseSearchBenchmarks
{
    private ServiceProvider _services = null!;
    private string _folder = null!;
    private static readonly ClaimsPrincipal City = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "bench"), new Claim(ClaimTypes.Role, Roles.CityStaff)], "bench"));
    private static readonly ClaimsPrincipal Yangpu = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "pm"), new Claim(ClaimTypes.Role, Roles.ParkManager), new Claim(Zhangjiang.Platform.Authorization.ZjClaims.Park, "yangpu")], "bench"));

    /// <summary>SQLite, and PostgreSQL when ZJ_BENCH_PG is set; ZJ_BENCH_ONLY=Postgres (or Sqlite) runs one of them.</summary>
    public static IEnumerable<string> Providers() =>
        (Environment.GetEnvironmentVariable("ZJ_BENCH_PG") is { Length: > 0 } ? new[] { "Sqlite", "Postgres" } : ["Sqlite"])
            .Where(p => Environment.GetEnvironmentVariable("ZJ_BENCH_ONLY") is not { Length: > 0 } only || p == only);

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "Sqlite";

    private sealed class PercentileConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public PercentileConfig() => AddColumn(StatisticColumn.P95);
    }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "zj-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        var postgres = Provider == "Postgres";
        if (postgres)
        {
            // A clean schema each run: the same 200,000 firms from the same seed.
            await using var connection = new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable("ZJ_BENCH_PG"));
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", connection);
            await command.ExecuteNonQueryAsync();
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider,
            ["Database:ConnectionString"] = postgres ? Environment.GetEnvironmentVariable("ZJ_BENCH_PG") : "Data Source=" + Path.Combine(_folder, "bench.db"),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddZhangjiangPlatform(_folder);
        services.AddAuthorizationCore();
        _services = services.BuildServiceProvider();
        using var scope = _services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().MigrateAsync();
        var summary = await scope.ServiceProvider.GetRequiredService<EnterpriseDemo>()
            .GenerateAsync(200_000, 1, 11, 2025, Path.Combine(_folder, "firms.csv"));
        if (!summary.Import.Succeeded)
        {
            throw new InvalidOperationException("The benchmark data did not import.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<EnterprisePage> Search(ClaimsPrincipal user, EnterpriseQuery query)
    {
        using var scope = _services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<EnterpriseRegistry>().SearchAsync(user, query);
    }

    [Benchmark(Description = "partial Chinese name, zone-wide")]
    public Task<EnterprisePage> PartialName() => Search(City, new EnterpriseQuery { Text = "芯创集成" });

    [Benchmark(Description = "common two-character name, zone-wide")]
    public Task<EnterprisePage> CommonName() => Search(City, new EnterpriseQuery { Text = "软件" });

    [Benchmark(Description = "partial name, park manager's park")]
    public Task<EnterprisePage> NameInPark() => Search(Yangpu, new EnterpriseQuery { Text = "软件" });

    [Benchmark(Description = "credit-code prefix")]
    public Task<EnterprisePage> CodePrefix() => Search(City, new EnterpriseQuery { Text = "91310000DM01234" });

    [Benchmark(Description = "tier held + industry, page 3")]
    public Task<EnterprisePage> TierAndIndustry() => Search(City, new EnterpriseQuery { Tier = EnterpriseTier.HighTechEnterprise, Industry = "C39", Page = 3 });
}
