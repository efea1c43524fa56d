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
/// a SQLite database built once; a page of results for a partial Chinese name, a name within one park, a credit-code
/// prefix, and firms holding a tier in an industry. Target: p95 under 100 ms.
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

    [Benchmark(Description = "partial name, park manager's park")]
    public Task<EnterprisePage> NameInPark() => Search(Yangpu, new EnterpriseQuery { Text = "软件" });

    [Benchmark(Description = "credit-code prefix")]
    public Task<EnterprisePage> CodePrefix() => Search(City, new EnterpriseQuery { Text = "91310000DM01234" });

    [Benchmark(Description = "tier held + industry, page 3")]
    public Task<EnterprisePage> TierAndIndustry() => Search(City, new EnterpriseQuery { Tier = EnterpriseTier.HighTechEnterprise, Industry = "C39", Page = 3 });
}
