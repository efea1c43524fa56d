using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Zhangjiang.Platform;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Benchmarks;

/// <summary>
/// The enterprises issue's roll-up figure, warm (as the web host runs it): every seeded formula over 1,000,920 firm-years
/// (147,000 demo firms × 10 years through the real importer) on PostgreSQL, computing and replacing all park values.
/// Target: under 2 s. Needs ZJ_BENCH_PG (an empty database; bench/scripts/search-postgres.sh sets one up and takes a
/// --filter: `bench/scripts/search-postgres.sh` runs the search, `bench/scripts/search-postgres.sh --filter '*Rollup*'` this).
/// </summary>
[SimpleJob(warmupCount: 1, iterationCount: 8)]
public class RollupBenchmarks
{
    private ServiceProvider _services = null!;
    private string _folder = null!;
    private static readonly ClaimsPrincipal City = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "bench"), new Claim(ClaimTypes.Role, Roles.CityStaff)], "bench"));

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("ZJ_BENCH_PG")
            ?? throw new InvalidOperationException("Set ZJ_BENCH_PG to the connection string of an empty PostgreSQL database.");
        _folder = Path.Combine(Path.GetTempPath(), "zj-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", connection);
            await command.ExecuteNonQueryAsync();
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = connectionString,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddZhangjiangPlatform(_folder);
        services.AddAuthorizationCore();
        _services = services.BuildServiceProvider();
        using var scope = _services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().MigrateAsync();
        var summary = await scope.ServiceProvider.GetRequiredService<EnterpriseDemo>()
            .GenerateAsync(147_000, 10, 7, 2025, Path.Combine(_folder, "firms.csv"));
        if (!summary.Import.Succeeded || summary.Rows < 1_000_000)
        {
            throw new InvalidOperationException("The benchmark data did not import.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "roll-up, all formulas, all years, 1,000,920 firm-years (PostgreSQL)")]
    public async Task<int> Rollup()
    {
        using var scope = _services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<StatisticsRollup>().ComputeAsync(City, AuditActor.System);
        return result.Value!.Values;
    }
}
