using Zhangjiang.Platform.Common;
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
    }
}
