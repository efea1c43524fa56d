using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Enterprises;

/// <summary>
/// `zj import statistics` killed with SIGKILL while it writes: after the kill nothing of the import remains, and the
/// same file imports cleanly afterwards.
/// </summary>
public sealed class StatisticsImportKillTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_process_killed_mid_import_leaves_nothing_and_the_import_can_be_repeated(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var folder = Directory.CreateTempSubdirectory("zj-kill-");
        try
        {
            var csv = new StatisticsCsv();
            for (var n = 1; n <= 30_000; n++)
            {
                csv.Firm(n, 2024, n % 3 == 0 ? "jiading" : "yangpu");
            }
            var path = Path.Combine(folder.FullName, "big.csv");
            await File.WriteAllTextAsync(path, csv.Text(), ct);

            var keys = provider == "Postgres" ? StatisticsKeys(database) : [];
            var zj = Path.Combine(AppContext.BaseDirectory, "zj.dll");
            var start = new ProcessStartInfo("dotnet", [zj, "import", "statistics", path])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder.FullName,
            };
            start.Environment["Database__Provider"] = provider;
            start.Environment["ZJ_PAUSE_AT"] = FaultPoints.StatisticsImportWriting;
            start.Environment["Database__ConnectionString"] = provider == "Postgres" ? database.Options.ConnectionString : "Data Source=" + database.Options.SqlitePath;
            using var process = Process.Start(start)!;
            // zj holds at the fault point inside its write transaction, after the first 10,000 statistics rows.
            string? line;
            while ((line = process.StandardError.ReadLine()) is not null && !line.Contains("paused at", StringComparison.Ordinal))
            {
            }
            if (line is null)
            {
                Assert.Fail("zj ended without reaching the fault point: " + process.StandardOutput.ReadToEnd());
            }
            if (provider == "Postgres")
            {
                Assert.True(IsCopyRunning(database), "the statistics COPY should be open while zj is held");
                // A first load into the empty table: its keys are dropped inside zj's transaction, under an exclusive lock.
                Assert.Contains("AccessExclusiveLock", StatisticsTableLocks(database));
            }
            // SIGKILL, as kill -9 or the OOM killer: no handler in zj runs.
            process.Kill();
            await process.WaitForExitAsync(ct);
            Assert.Equal(137, process.ExitCode);

            await using (var db = database.CreateContext())
            {
                Assert.Equal(0, await db.EnterpriseYearStatistics.CountAsync(ct));
                Assert.Equal(0, await db.Enterprises.CountAsync(ct));
                Assert.Equal(0, await db.EnterpriseParkAssignments.CountAsync(ct));
                Assert.Equal(0, await db.StatisticsImports.CountAsync(ct));
            }

            if (provider == "Postgres")
            {
                Assert.Equal(keys, StatisticsKeys(database));   // the kill rolled the dropped keys back too
            }

            await using var file = File.OpenRead(path);
            var outcome = await new StatisticsImporter(database.Factory()).ImportAsync(
                TestPrincipals.User(Roles.CityAdmin), TestPrincipals.Actor(), file, "big.csv", null, ct);
            Assert.True(outcome.Succeeded, StatisticsImportTests.Describe(outcome));
            await using (var db = database.CreateContext())
            {
                Assert.Equal(30_000, await db.EnterpriseYearStatistics.CountAsync(ct));
                Assert.Equal(10_000, await db.Enterprises.CountAsync(e => e.ParkCode == "jiading", ct));
            }
            if (provider == "Postgres")
            {
                Assert.Equal(keys, StatisticsKeys(database));   // built again after the first load, as the migrations made them
                await using var db = database.CreateContext();
                // and they work: the planner finds a firm by its key through the rebuilt primary key.
                Assert.Equal(1, await db.EnterpriseYearStatistics.CountAsync(s => s.CreditCode == StatisticsCsv.Code(7) && s.Year == 2024, ct));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The indexes of the tables a first load rebuilds, as PostgreSQL's catalogue defines them.</summary>
    internal static List<string> StatisticsKeys(TestDatabase database)
    {
        using var db = database.CreateContext();
        var keys = db.Database.SqlQueryRaw<string>("""
            SELECT indexdef AS "Value" FROM pg_indexes
            WHERE tablename IN ('EnterpriseYearStatistics', 'Enterprises', 'EnterpriseParkAssignments') ORDER BY tablename, indexname
            """).ToList();
        Assert.Contains(keys, k => k.Contains("UNIQUE INDEX \"PK_EnterpriseYearStatistics\"", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.Contains("USING gin (\"NameGrams\")", StringComparison.Ordinal));
        Assert.True(keys.Count >= 9, string.Join("\n", keys));
        return keys;
    }

    private static List<string> StatisticsTableLocks(TestDatabase database)
    {
        using var db = database.CreateContext();
        return db.Database.SqlQueryRaw<string>(
            "SELECT mode AS \"Value\" FROM pg_locks WHERE relation = '\"EnterpriseYearStatistics\"'::regclass AND granted").ToList();
    }

    private static bool IsCopyRunning(TestDatabase database)
    {
        using var db = database.CreateContext();
        return db.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE query LIKE 'COPY \"EnterpriseYearStatistics\"%'").Single() > 0;
    }
}
