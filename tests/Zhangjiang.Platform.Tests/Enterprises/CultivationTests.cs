using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Enterprises;

/// <summary>Cultivation analytics (ladder per park and year, movements, cohorts), next-tier candidates, jumps to explain.</summary>
public sealed class CultivationTests
{
    private static readonly System.Security.Claims.ClaimsPrincipal City = TestPrincipals.User(Roles.CityStaff, name: "city-staff");

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_ladder_counts_each_parks_firms_at_the_year_end_with_promotions_demotions_and_cohorts(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var csv = new StatisticsCsv().Firm(1, 2020).Firm(2, 2020).Firm(3, 2020).Firm(4, 2020).Firm(6, 2020, "jiading");
        Assert.True((await new StatisticsImporter(database.Factory()).ImportAsync(City, TestPrincipals.Actor(), csv.Stream(), "c.csv", null, ct)).Succeeded);
        await using (var db = database.CreateContext())
        {
            db.Actor = AuditActor.System;
            void Award(int firm, EnterpriseTier tier, DateOnly on, DateOnly? until) => db.TierAwards.Add(new TierAward
            {
                Id = Guid.NewGuid(), CreditCode = StatisticsCsv.Code(firm), Tier = tier, CertificateNumber = $"T{firm}{tier}", AwardedOn = on, ExpiresOn = until,
            });
            Award(1, EnterpriseTier.TechSme, D(2021, 3, 1), D(2022, 2, 28));          // enters 2021, promoted 2022
            Award(1, EnterpriseTier.HighTechEnterprise, D(2022, 6, 1), D(2025, 5, 31));
            Award(2, EnterpriseTier.HighTechEnterprise, D(2021, 5, 1), D(2022, 12, 30)); // enters 2021 high, demoted 2022, leaves 2024
            Award(2, EnterpriseTier.TechSme, D(2022, 1, 1), D(2023, 12, 31));
            Award(3, EnterpriseTier.TechSme, D(2021, 2, 1), null);                      // stays
            Award(4, EnterpriseTier.TechSme, D(2021, 1, 10), null);                     // moves to Jiading in mid-2022
            Award(6, EnterpriseTier.Gazelle, D(2021, 1, 10), null);                     // another park throughout
            var stay = await db.EnterpriseParkAssignments.SingleAsync(a => a.CreditCode == StatisticsCsv.Code(4), ct);
            stay.ToDate = D(2022, 6, 30);
            db.EnterpriseParkAssignments.Add(new EnterpriseParkAssignment { CreditCode = StatisticsCsv.Code(4), ParkCode = "jiading", FromDate = D(2022, 7, 1) });
            await db.SaveChangesAsync(ct);
        }
        var analytics = new CultivationAnalytics(database.Factory());

        var report = (await analytics.ReportAsync(TestPrincipals.User(Roles.ParkManager, "yangpu"), "yangpu", 2021, 2024, ct)).Value!;
        Assert.Equal([2021, 2022, 2023, 2024], report.Years.Select(y => y.Year));
        var y2021 = report.Years[0];
        Assert.Equal((4, 3, 1, 4, 0, 0, 0), (y2021.Firms, y2021.Holding[EnterpriseTier.TechSme], y2021.Holding[EnterpriseTier.HighTechEnterprise],
            y2021.Entered, y2021.Promoted, y2021.Demoted, y2021.Exited));
        Assert.Equal(0, y2021.Holding[EnterpriseTier.Gazelle]);
        // The funnel's mouth: firms that reported statistics in the park that year (all four reported 2020 only).
        var reporting = (await analytics.ReportAsync(City, "yangpu", 2020, 2021, ct)).Value!;
        Assert.Equal([4, 0], reporting.Years.Select(y => y.Reporting));
        var y2022 = report.Years[1];
        Assert.Equal((3, 2, 1, 0, 1, 1, 0), (y2022.Firms, y2022.Holding[EnterpriseTier.TechSme], y2022.Holding[EnterpriseTier.HighTechEnterprise],
            y2022.Entered, y2022.Promoted, y2022.Demoted, y2022.Exited));
        Assert.Equal((3, 0, 0, 0), (report.Years[2].Firms, report.Years[2].Promoted, report.Years[2].Demoted, report.Years[2].Exited));
        Assert.Equal((2, 1), (report.Years[3].Firms, report.Years[3].Exited));

        var cohort = Assert.Single(report.Cohorts);
        Assert.Equal((2021, 4, 1, 1.0), (cohort.Year, cohort.Firms, cohort.Promoted, cohort.MedianYearsToPromotion));
        Assert.Equal([0.25, 0.25, 0.25, 0.25, 2021 + 5 < DateTime.UtcNow.Year ? 0.25 : null], cohort.PromotedWithin);   // a year counts once it has ended

        // The zone: Jiading's firm 4 and firm 6 join the counts.
        var zone = (await analytics.ReportAsync(City, null, 2021, 2022, ct)).Value!;
        Assert.Equal((5, 1), (zone.Years[0].Firms, zone.Years[0].Holding[EnterpriseTier.Gazelle]));
        Assert.Equal(5, zone.Years[1].Firms);   // firm 4 counts in Jiading now

        // Scope: another park's manager and the zone view for a park manager; the district officer of Yangpu sees it.
        Assert.Equal(UseCaseStatus.NotFound, (await analytics.ReportAsync(TestPrincipals.User(Roles.ParkManager, "jiading"), "yangpu", 2021, 2024, ct)).Status);
        Assert.Equal(UseCaseStatus.Forbidden, (await analytics.ReportAsync(TestPrincipals.User(Roles.ParkManager, "yangpu"), null, 2021, 2024, ct)).Status);
        var district = TestPrincipals.User(Roles.DistrictOfficer);
        ((System.Security.Claims.ClaimsIdentity)district.Identity!).AddClaim(new(ZjClaims.District, "310110"));
        Assert.True((await analytics.ReportAsync(district, "yangpu", 2021, 2024, ct)).Succeeded);
        Assert.Equal(UseCaseStatus.Invalid, (await analytics.ReportAsync(City, "yangpu", 2024, 2021, ct)).Status);

        var (years, cohorts) = CultivationAnalytics.Sheets(report);
        Assert.Equal(1, years[1]["晋级 Promoted"]);
        Assert.Equal(0.25, cohorts[0]["1年内晋级 Promoted within 1y"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Candidates_are_the_parks_firms_meeting_a_tier_rule_they_do_not_hold(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var csv = new StatisticsCsv([.. StatisticsCsv.DefaultColumns, "tech_staff", "high_tech_revenue"]);
        foreach (var year in new[] { 2022, 2023, 2024 })
        {
            csv.Firm(1, year, change: v => { v["tech_staff"] = "30"; v["high_tech_revenue"] = "9000"; })       // meets every figure
               .Firm(2, year, change: v => { v["tech_staff"] = "30"; v["high_tech_revenue"] = "1000"; })       // high-tech share too low
               .Firm(3, year, change: v => { v["tech_staff"] = "30"; v["high_tech_revenue"] = "9000"; })       // already holds the tier
               .Firm(4, year, "jiading", change: v => { v["tech_staff"] = "30"; v["high_tech_revenue"] = "9000"; });
        }
        Assert.True((await new StatisticsImporter(database.Factory()).ImportAsync(City, TestPrincipals.Actor(), csv.Stream(), "h.csv", null, ct)).Succeeded);
        await using (var db = database.CreateContext())
        {
            db.Actor = AuditActor.System;
            await db.Enterprises.ExecuteUpdateAsync(s => s.SetProperty(e => e.FoundedOn, D(2015, 1, 1)), ct);
            db.TierAwards.Add(new TierAward { Id = Guid.NewGuid(), CreditCode = StatisticsCsv.Code(3), Tier = EnterpriseTier.HighTechEnterprise, CertificateNumber = "GR1", AwardedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-1) });
            await db.SaveChangesAsync(ct);
        }
        var rules = new TierRules(database.Factory());
        await using (var db = database.CreateContext())
        {
            await TierRules.ApplySeedAsync(db, ct);
        }
        var candidates = new TierCandidates(database.Factory(), TestPrincipals.Authorization(), rules);

        var page = (await candidates.ForParkAsync(TestPrincipals.User(Roles.ParkManager, "yangpu"), "yangpu", 2024, EnterpriseTier.HighTechEnterprise, ct)).Value!;
        Assert.Equal(3, page.FirmsChecked);
        var only = Assert.Single(page.Candidates);
        Assert.Equal(StatisticsCsv.Code(1), only.CreditCode);
        var rd = only.Rule.Criteria.Single(c => c.Criterion.Figure.StartsWith("sum(rd_expenditure", StringComparison.Ordinal));
        Assert.Equal((900.5 * 3 / 36000, 0.04, CriterionOutcome.Met), (rd.Figure!.Value, rd.Threshold!.Value, rd.Outcome));
        Assert.Contains(only.Rule.Criteria, c => c.Outcome == CriterionOutcome.ToVerify);

        var standing = (await candidates.ForFirmAsync(City, StatisticsCsv.Code(2), null, ct)).Value!;
        Assert.Equal(2024, standing.Year);
        var share = standing.Rules.Single(r => r.Tier == EnterpriseTier.HighTechEnterprise).Criteria.Single(c => c.Criterion.Figure == "high_tech_revenue / revenue");
        Assert.Equal((1000 / 12000.0, CriterionOutcome.NotMet), (share.Figure!.Value, share.Outcome));

        Assert.Equal(UseCaseStatus.NotFound, (await candidates.ForParkAsync(TestPrincipals.User(Roles.ParkManager, "jiading"), "yangpu", 2024, null, ct)).Status);
        Assert.Equal(UseCaseStatus.NotFound, (await candidates.ForFirmAsync(TestPrincipals.User(Roles.ParkManager, "jiading"), StatisticsCsv.Code(2), null, ct)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Jumps_are_explained_by_the_park_and_roll_up_values_are_shown_within_scope(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var importer = new StatisticsImporter(database.Factory());
        Assert.True((await importer.ImportAsync(City, TestPrincipals.Actor("city-staff"), new StatisticsCsv().Firm(1, 2023).Firm(2, 2023, "jiading").Stream(), "a.csv", null, ct)).Succeeded);
        Assert.True((await importer.ImportAsync(City, TestPrincipals.Actor("city-staff"),
            new StatisticsCsv().Firm(1, 2024, scale: 5).Firm(2, 2024, "jiading", scale: 5).Stream(), "b.csv", null, ct)).Succeeded);
        var records = new StatisticsRecords(database.Factory());
        var yangpu = TestPrincipals.User(Roles.ParkManager, "yangpu", "yp");

        var mine = await records.AnomaliesAsync(yangpu, null, unexplainedOnly: true, cancellationToken: ct);
        Assert.NotEmpty(mine);
        Assert.All(mine, a => Assert.Equal(StatisticsCsv.Code(1), a.CreditCode));
        var revenue = mine.Single(a => a.Field == "revenue");
        Assert.Equal((12000.0, 60000.0), (revenue.PreviousValue, revenue.Value));
        var jiadingJump = (await records.AnomaliesAsync(City, "jiading", true, cancellationToken: ct)).First();
        var districtOfficer = TestPrincipals.User(Roles.DistrictOfficer);
        ((System.Security.Claims.ClaimsIdentity)districtOfficer.Identity!).AddClaim(new(ZjClaims.District, "310110"));
        Assert.Equal(UseCaseStatus.Forbidden, (await records.ExplainAsync(districtOfficer, TestPrincipals.Actor(), revenue.Id, "并购重组说明", revenue.Version, ct)).Status);
        Assert.Equal(UseCaseStatus.NotFound, (await records.ExplainAsync(yangpu, TestPrincipals.Actor("yp"), jiadingJump.Id, "并购重组", jiadingJump.Version, ct)).Status);
        Assert.Equal(UseCaseStatus.Invalid, (await records.ExplainAsync(yangpu, TestPrincipals.Actor("yp"), revenue.Id, "x", revenue.Version, ct)).Status);
        Assert.Equal(UseCaseStatus.Conflict, (await records.ExplainAsync(yangpu, TestPrincipals.Actor("yp"), revenue.Id, "并购上海某公司", Guid.NewGuid(), ct)).Status);
        var explained = await records.ExplainAsync(yangpu, TestPrincipals.Actor("yp"), revenue.Id, "并购上海某公司，合并报表", revenue.Version, ct);
        Assert.True(explained.Succeeded);
        Assert.Equal("yp", explained.Value!.ExplainedBy);
        Assert.DoesNotContain(await records.AnomaliesAsync(yangpu, null, true, cancellationToken: ct), a => a.Id == revenue.Id);
        await using (var db = database.CreateContext())
        {
            Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(StatisticsAnomaly) && e.EntityKey!.Contains(revenue.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct));
        }

        Assert.Equal(2, (await records.ImportsAsync(City, TestPrincipals.Actor("city-staff"), cancellationToken: ct)).Count);
        Assert.Empty(await records.ImportsAsync(yangpu, TestPrincipals.Actor("yp"), cancellationToken: ct));

        Assert.True((await new StatisticsRollup(database.Factory()).ComputeAsync(City, TestPrincipals.Actor(), null, ct)).Succeeded);
        var table = await records.RollupAsync(yangpu, null, ct);
        Assert.Equal(2024, table.Year);
        Assert.Equal([2024, 2023], table.Years);
        Assert.Equal("yangpu", Assert.Single(table.Parks).ParkCode);
        Assert.Equal(1, table.Parks[0].Values["FIRMS"]);
        Assert.Equal(2, (await records.RollupAsync(City, 2023, ct)).Parks.Count);
    }
}
