using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Enterprises;

public sealed class TierAwardsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_city_records_and_revokes_awards_and_each_park_sees_its_expiring_ones(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var city = TestPrincipals.User(Roles.CityStaff, name: "city-staff");
        var csv = new StatisticsCsv().Firm(1, 2024).Firm(2, 2024).Firm(3, 2024, "jiading");
        Assert.True((await new StatisticsImporter(database.Factory()).ImportAsync(city, TestPrincipals.Actor(), csv.Stream(), "a.csv", null, ct)).Succeeded);
        var awards = new TierAwards(database.Factory(), TestPrincipals.Authorization());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Guid firstVersion;
        await using (var db = database.CreateContext())
        {
            firstVersion = db.Enterprises.Single(e => e.CreditCode == StatisticsCsv.Code(1)).Version;
        }

        // Default validity: three years for a high-tech enterprise, from the award date.
        var hte = await awards.AddAsync(city, TestPrincipals.Actor("city-staff"), StatisticsCsv.Code(1),
            new TierAwardInput { Tier = EnterpriseTier.HighTechEnterprise, CertificateNumber = "GR202331001234", IssuingBody = "上海市高新技术企业认定办公室", AwardedOn = today.AddYears(-3).AddDays(20) }, ct);
        Assert.True(hte.Succeeded);
        var hteExpiry = today.AddYears(-3).AddDays(20).AddYears(3).AddDays(-1);
        Assert.Equal(hteExpiry, hte.Value!.ExpiresOn);
        var later = await awards.AddAsync(city, TestPrincipals.Actor(), StatisticsCsv.Code(2),
            new TierAwardInput { Tier = EnterpriseTier.SpecialisedSme, CertificateNumber = "ZJTX-2024-88", AwardedOn = today.AddYears(-1), ExpiresOn = today.AddDays(200) }, ct);
        Assert.True(later.Succeeded);
        Assert.True((await awards.AddAsync(city, TestPrincipals.Actor(), StatisticsCsv.Code(3),
            new TierAwardInput { Tier = EnterpriseTier.TechSme, CertificateNumber = "2024310115A0001", AwardedOn = today.AddMonths(-11) }, ct)).Succeeded);
        Assert.Equal(UseCaseStatus.Invalid, (await awards.AddAsync(city, TestPrincipals.Actor(), StatisticsCsv.Code(3),
            new TierAwardInput { Tier = EnterpriseTier.Gazelle, CertificateNumber = "x", AwardedOn = today, ExpiresOn = today.AddDays(-1) }, ct)).Status);
        Assert.Equal(UseCaseStatus.Forbidden, (await awards.AddAsync(TestPrincipals.User(Roles.ParkManager, "yangpu"), TestPrincipals.Actor(), StatisticsCsv.Code(1),
            new TierAwardInput { Tier = EnterpriseTier.Gazelle, CertificateNumber = "x", AwardedOn = today }, ct)).Status);

        // Each award sets its tier's bit on the firm (the search's prefilter) without touching the firm's version.
        var registry = new EnterpriseRegistry(database.Factory(), TestPrincipals.Authorization(), new SecurityAudit(database.Factory()));
        await using (var db = database.CreateContext())
        {
            var firms = db.Enterprises.OrderBy(e => e.CreditCode).ToList();
            Assert.Equal([EnterpriseTiers.Bit(EnterpriseTier.HighTechEnterprise), EnterpriseTiers.Bit(EnterpriseTier.SpecialisedSme), EnterpriseTiers.Bit(EnterpriseTier.TechSme)],
                firms.Select(e => e.TiersAwarded));
            Assert.Equal(firstVersion, firms[0].Version);
        }
        Assert.Equal([StatisticsCsv.Code(1)], (await registry.SearchAsync(city, new EnterpriseQuery { Tier = EnterpriseTier.HighTechEnterprise }, ct)).Rows.Select(r => r.CreditCode));
        Assert.Equal([StatisticsCsv.Code(2)], (await registry.SearchAsync(city, new EnterpriseQuery { Tier = EnterpriseTier.SpecialisedSme }, ct)).Rows.Select(r => r.CreditCode));
        Assert.Empty((await registry.SearchAsync(city, new EnterpriseQuery { Tier = EnterpriseTier.Gazelle }, ct)).Rows);

        var zone = await awards.ExpiringAsync(city, 90, ct);
        var techSmeExpiry = today.AddMonths(-11).AddYears(1).AddDays(-1);
        Assert.Equal([(StatisticsCsv.Code(1), hteExpiry.DayNumber - today.DayNumber), (StatisticsCsv.Code(3), techSmeExpiry.DayNumber - today.DayNumber)],
            zone.Select(a => (a.CreditCode, a.DaysLeft)));
        var yangpu = await awards.ExpiringAsync(TestPrincipals.User(Roles.ParkManager, "yangpu"), 365, ct);
        Assert.Equal([StatisticsCsv.Code(1), StatisticsCsv.Code(2)], yangpu.Select(a => a.CreditCode));

        var revoked = await awards.RevokeAsync(city, TestPrincipals.Actor("city-staff"), hte.Value.Id, today, "抽查不合格", Guid.Empty, ct);
        Assert.Equal(UseCaseStatus.Conflict, revoked.Status);
        await using (var db = database.CreateContext())
        {
            var version = db.TierAwards.Single(a => a.Id == hte.Value.Id).Version;
            revoked = await awards.RevokeAsync(city, TestPrincipals.Actor("city-staff"), hte.Value.Id, today, "抽查不合格", version, ct);
        }
        Assert.True(revoked.Succeeded);
        Assert.False(revoked.Value!.ValidToday);
        Assert.DoesNotContain(await awards.ExpiringAsync(city, 90, ct), a => a.CreditCode == StatisticsCsv.Code(1));
        // Revoked today: the bit stays (it only narrows the search), the award's dates decide.
        Assert.Empty((await registry.SearchAsync(city, new EnterpriseQuery { Tier = EnterpriseTier.HighTechEnterprise }, ct)).Rows);

        // A second tier for the same firm adds its bit to the first.
        Assert.True((await awards.AddAsync(city, TestPrincipals.Actor(), StatisticsCsv.Code(1),
            new TierAwardInput { Tier = EnterpriseTier.Gazelle, CertificateNumber = "DL-2026-1", AwardedOn = today }, ct)).Succeeded);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(EnterpriseTiers.Bit(EnterpriseTier.HighTechEnterprise) | EnterpriseTiers.Bit(EnterpriseTier.Gazelle),
                db.Enterprises.Single(e => e.CreditCode == StatisticsCsv.Code(1)).TiersAwarded);
        }
        Assert.Equal([StatisticsCsv.Code(1)], (await registry.SearchAsync(city, new EnterpriseQuery { Tier = EnterpriseTier.Gazelle }, ct)).Rows.Select(r => r.CreditCode));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Upgrading_a_database_sets_the_tier_bits_of_the_awards_it_already_holds(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using (var db = database.CreateContext())
        {
            // The schema just before the bits existed, with three firms: two awards of one tier, two tiers, none.
            await db.GetService<IMigrator>().MigrateAsync("NameIndexInFirmRow", ct);
            var now = DateTime.UtcNow;
            foreach (var n in new[] { 1, 2, 3 })
            {
                var code = StatisticsCsv.Code(n);
                var name = $"升级测试{n}";
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "Enterprises" ("CreditCode", "NameZh", "Ownership", "IsDemo", "CreatedUtc", "Version")
                    VALUES ({code}, {name}, {"Private"}, {false}, {now}, {Guid.NewGuid()})
                    """, ct);
            }
            foreach (var (n, tier) in new[] { (1, "HighTechEnterprise"), (1, "HighTechEnterprise"), (2, "TechSme"), (2, "Listed") })
            {
                var code = StatisticsCsv.Code(n);
                var on = new DateOnly(2024, 5, 1);
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "TierAwards" ("Id", "CreditCode", "Tier", "CertificateNumber", "IssuingBody", "AwardedOn", "CreatedUtc", "Version")
                    VALUES ({Guid.NewGuid()}, {code}, {tier}, {"C-" + tier}, {""}, {on}, {now}, {Guid.NewGuid()})
                    """, ct);
            }
        }
        await new DatabaseMaintenance(database.Factory()).MigrateAsync(ct);

        await using (var db = database.CreateContext())
        {
            Assert.Equal(
                [EnterpriseTiers.Bit(EnterpriseTier.HighTechEnterprise), EnterpriseTiers.Bit(EnterpriseTier.TechSme) | EnterpriseTiers.Bit(EnterpriseTier.Listed), 0],
                await db.Enterprises.OrderBy(e => e.CreditCode).Select(e => e.TiersAwarded).ToListAsync(ct));
        }
    }
}
