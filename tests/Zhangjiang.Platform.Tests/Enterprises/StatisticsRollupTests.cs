using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Enterprises;

public sealed class StatisticsRollupTests
{
    private static readonly System.Security.Claims.ClaimsPrincipal City = TestPrincipals.User(Roles.CityStaff, name: "city-staff");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Park_indicators_roll_up_from_firm_rows_with_lineage_and_audited_exclusions(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var csv = new StatisticsCsv()
            .Firm(1, 2024)                                                                                  // revenue 12000, R&D 900.5
            .Firm(2, 2024, scale: 0.5, change: v => v["rd_expenditure"] = "")                                // R&D not reported
            .Firm(3, 2024, change: v => { v["revenue"] = "60000"; v["rd_expenditure"] = "4000"; })          // an R&D leader
            .Firm(4, 2024, "jiading")
            .Firm(1, 2023, scale: 0.9);
        Assert.True((await new StatisticsImporter(database.Factory()).ImportAsync(City, TestPrincipals.Actor(), csv.Stream(), "r.csv", null, ct)).Succeeded);
        var rollup = new StatisticsRollup(database.Factory());

        Assert.Equal(UseCaseStatus.Forbidden, (await rollup.ComputeAsync(TestPrincipals.User(Roles.ParkManager, "yangpu"), TestPrincipals.Actor(), null, ct)).Status);
        var summary = await rollup.ComputeAsync(City, TestPrincipals.Actor("city-staff"), null, ct);
        Assert.True(summary.Succeeded, string.Join("; ", summary.Errors.Select(e => e.Message.ToString())));
        Assert.Equal([2023, 2024], summary.Value!.Years);

        async Task<ParkStatisticValue> Value(string park, int year, string code)
        {
            await using var db = database.CreateContext();
            return await db.ParkStatisticValues.AsNoTracking().SingleAsync(v => v.ParkCode == park && v.Year == year && v.FormulaCode == code, ct);
        }
        Assert.Equal(3, (await Value("yangpu", 2024, "FIRMS")).Value);
        Assert.Equal((900.5 + 4000) / (12000 + 6000 + 60000) * 100, (await Value("yangpu", 2024, "RD_INTENSITY")).Value!.Value, 9);
        Assert.Equal(1, (await Value("yangpu", 2024, "RD_LEADERS")).Value);
        Assert.Equal((12000 + 6000 + 60000) / 10000.0, (await Value("yangpu", 2024, "REVENUE")).Value!.Value, 9);
        Assert.Null((await Value("yangpu", 2024, "GRADUATE_SHARE")).Value);   // nobody reported degrees: missing, not zero
        Assert.Equal(1, (await Value("jiading", 2024, "FIRMS")).Value);

        // Lineage: the firms behind the value, each with its part of each aggregate.
        var lineage = (await rollup.LineageAsync(TestPrincipals.User(Roles.ParkManager, "yangpu"), "yangpu", 2024, "RD_INTENSITY", cancellationToken: ct)).Value!;
        Assert.Equal(["sum(rd_expenditure)", "sum(revenue)"], lineage.Aggregates);
        Assert.Equal([900.5 + 4000, 78000.0], lineage.AggregateValues.Select(v => v!.Value));
        Assert.Equal([null, 6000.0], lineage.Firms.Single(f => f.CreditCode == StatisticsCsv.Code(2)).Parts);
        Assert.Equal(UseCaseStatus.NotFound, (await rollup.LineageAsync(TestPrincipals.User(Roles.ParkManager, "jiading"), "yangpu", 2024, "RD_INTENSITY", cancellationToken: ct)).Status);

        // Excluding a firm-year takes the city and a reason; the audit trail keeps both.
        Assert.Equal(UseCaseStatus.Forbidden, (await rollup.SetExclusionAsync(TestPrincipals.User(Roles.ParkManager, "yangpu"), TestPrincipals.Actor(), StatisticsCsv.Code(3), 2024, "x", ct)).Status);
        Assert.True((await rollup.SetExclusionAsync(City, TestPrincipals.Actor("city-staff"), StatisticsCsv.Code(3), 2024, "已迁出，统计口径归属临港", ct)).Value);
        await rollup.ComputeAsync(City, TestPrincipals.Actor("city-staff"), [2024], ct);
        var firms = await Value("yangpu", 2024, "FIRMS");
        Assert.Equal((2.0, 2, 1), (firms.Value!.Value, firms.Firms, firms.ExcludedFirms));
        Assert.Equal(0, (await Value("yangpu", 2024, "RD_LEADERS")).Value);
        Assert.Equal(900.5 / 18000 * 100, (await Value("yangpu", 2024, "RD_INTENSITY")).Value!.Value, 9);
        Assert.Equal(900.5 / 12000 * 100, (await Value("yangpu", 2023, "RD_INTENSITY")).Value!.Value, 9);   // 2023 kept from the first run
        var excluded = (await rollup.LineageAsync(City, "yangpu", 2024, "FIRMS", cancellationToken: ct)).Value!.Firms.Last();
        Assert.Equal((StatisticsCsv.Code(3), "已迁出，统计口径归属临港"), (excluded.CreditCode, excluded.ExclusionReason));

        await using (var db = database.CreateContext())
        {
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "StatisticsRollup", ct));
            var change = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityType == nameof(EnterpriseYearStatistics) && a.Action == "Update", ct);
            Assert.Contains("已迁出", change.Changes, StringComparison.Ordinal);
        }
    }
}
