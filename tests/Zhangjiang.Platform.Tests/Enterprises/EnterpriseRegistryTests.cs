using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Enterprises;

public sealed class EnterpriseRegistryTests
{
    private static readonly ClaimsPrincipal City = TestPrincipals.User(Roles.CityStaff, name: "city-staff");

    private static ClaimsPrincipal Scoped(string role, string claim, string value, string name = "scoped")
    {
        var user = TestPrincipals.User(role, name: name);
        ((ClaimsIdentity)user.Identity!).AddClaim(new Claim(claim, value));
        return user;
    }

    /// <summary>Firms 1–2 in 杨浦 (yangpu), 3 in 嘉定 (jiading), 4–25 in 杨浦 too; firm 1 has contacts and is a high-tech enterprise.</summary>
    private static async Task<(EnterpriseRegistry Registry, string YangpuDistrict)> SeedAsync(TestDatabase database, CancellationToken ct)
    {
        var csv = new StatisticsCsv().Firm(1, 2024).Firm(2, 2024).Firm(3, 2024, "jiading");
        for (var n = 4; n <= 25; n++)
        {
            csv.Firm(n, 2024, change: v => v["industry_code"] = "C3973");
        }
        var imported = await new StatisticsImporter(database.Factory()).ImportAsync(City, TestPrincipals.Actor(), csv.Stream(), "seed.csv", null, ct);
        Assert.True(imported.Succeeded, StatisticsImportTests.Describe(imported));
        await using var db = database.CreateContext();
        db.Actor = TestPrincipals.Actor();
        var firm = await db.Enterprises.SingleAsync(e => e.CreditCode == StatisticsCsv.Code(1), ct);
        (firm.ContactName, firm.ContactPhone, firm.ContactEmail) = ("张三丰", "13812345678", "zhang.san@example.com");
        await db.SaveChangesAsync(ct);
        var award = await new TierAwards(database.Factory(), TestPrincipals.Authorization()).AddAsync(City, TestPrincipals.Actor(), firm.CreditCode, new TierAwardInput
        {
            Tier = EnterpriseTier.HighTechEnterprise, CertificateNumber = "GR202431000123",
            IssuingBody = "上海市高新技术企业认定办公室", AwardedOn = new DateOnly(2024, 12, 1), ExpiresOn = new DateOnly(2099, 11, 30),
        }, ct);
        Assert.True(award.Succeeded);
        var district = await db.Parks.Where(p => p.Code == "yangpu").Select(p => p.DistrictCode).SingleAsync(ct);
        return (new EnterpriseRegistry(database.Factory(), TestPrincipals.Authorization(), new SecurityAudit(database.Factory())), district);
    }

    [Fact]
    public async Task Code_prefix_searches_hold_on_a_database_that_sorts_by_language_rules()
    {
        // ICU (and glibc) language collations sort punctuation before digits: an upper bound such as 'C39~' or 'C3:'
        // then falls below every code it should cover. The cluster's own C.UTF-8 locale cannot show it.
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync("Postgres", postgresIcuLocale: "en-US");
        var (registry, _) = await SeedAsync(database, ct);

        Assert.Equal(22, (await registry.SearchAsync(City, new EnterpriseQuery { Industry = "C39" }, ct)).Total);
        Assert.Equal(22, (await registry.SearchAsync(City, new EnterpriseQuery { Industry = "C3973" }, ct)).Total);
        Assert.Equal(0, (await registry.SearchAsync(City, new EnterpriseQuery { Industry = "C4" }, ct)).Total);
        Assert.Equal(StatisticsCsv.Code(3), (await registry.SearchAsync(City, new EnterpriseQuery { Text = StatisticsCsv.Code(3)[..17] }, ct)).Rows.Single().CreditCode);
        Assert.Equal(25, (await registry.SearchAsync(City, new EnterpriseQuery { Text = StatisticsCsv.Code(3)[..10] }, ct)).Total);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_role_finds_only_the_firms_of_its_scope(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var (registry, yangpuDistrict) = await SeedAsync(database, ct);
        var firm1 = StatisticsCsv.Code(1);
        var firm3 = StatisticsCsv.Code(3);

        var enterprise = Scoped(Roles.Enterprise, ZjClaims.Organisation, firm1, "firm-1");
        var own = await registry.SearchAsync(enterprise, new EnterpriseQuery(), ct);
        Assert.Equal([firm1], own.Rows.Select(r => r.CreditCode));
        Assert.Equal(UseCaseStatus.NotFound, (await registry.GetAsync(enterprise, StatisticsCsv.Code(2), ct)).Status);
        Assert.True((await registry.GetAsync(enterprise, firm1, ct)).Succeeded);

        var yangpu = TestPrincipals.User(Roles.ParkManager, "yangpu", "yangpu-manager");
        Assert.Equal(24, (await registry.SearchAsync(yangpu, new EnterpriseQuery(), ct)).Total);
        Assert.Equal(UseCaseStatus.NotFound, (await registry.GetAsync(yangpu, firm3, ct)).Status);
        Assert.Equal(0, (await registry.SearchAsync(yangpu, new EnterpriseQuery { ParkCode = "jiading" }, ct)).Total);

        var districtOfficer = Scoped(Roles.DistrictOfficer, ZjClaims.District, yangpuDistrict, "district");
        Assert.Equal(24, (await registry.SearchAsync(districtOfficer, new EnterpriseQuery(), ct)).Total);
        var seenByDistrict = (await registry.GetAsync(districtOfficer, firm1, ct)).Value!;
        Assert.False(seenByDistrict.CanEdit);
        Assert.False(seenByDistrict.CanRevealContacts);

        Assert.Equal(25, (await registry.SearchAsync(City, new EnterpriseQuery(), ct)).Total);
        Assert.Equal(0, (await registry.SearchAsync(TestPrincipals.User(Roles.Reviewer), new EnterpriseQuery(), ct)).Total);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Search_by_partial_chinese_name_code_tier_and_industry_is_paged(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var (registry, _) = await SeedAsync(database, ct);

        var byName = await registry.SearchAsync(City, new EnterpriseQuery { Text = "科技有限公司2" }, ct);
        Assert.Equal(["测试科技有限公司2", "测试科技有限公司20", "测试科技有限公司21", "测试科技有限公司22", "测试科技有限公司23", "测试科技有限公司24", "测试科技有限公司25"],
            byName.Rows.Select(r => r.NameZh));
        var byCode = await registry.SearchAsync(City, new EnterpriseQuery { Text = StatisticsCsv.Code(3)[..17].ToLowerInvariant() }, ct);
        Assert.Equal(StatisticsCsv.Code(3), byCode.Rows.Single().CreditCode);
        var hte = await registry.SearchAsync(City, new EnterpriseQuery { Tier = EnterpriseTier.HighTechEnterprise }, ct);
        Assert.Equal([EnterpriseTier.HighTechEnterprise], hte.Rows.Single().Tiers);
        Assert.Equal(22, (await registry.SearchAsync(City, new EnterpriseQuery { Industry = "c39" }, ct)).Total);
        Assert.Equal(22, (await registry.SearchAsync(City, new EnterpriseQuery { Industry = "C3973" }, ct)).Total);
        Assert.Equal(0, (await registry.SearchAsync(City, new EnterpriseQuery { Industry = "C4" }, ct)).Total);
        Assert.Equal(0, (await registry.SearchAsync(City, new EnterpriseQuery { Industry = "C3%" }, ct)).Total);
        Assert.Equal(1, (await registry.SearchAsync(City, new EnterpriseQuery { Tier = EnterpriseTier.HighTechEnterprise, Industry = "I65" }, ct)).Total);
        Assert.Equal(0, (await registry.SearchAsync(City, new EnterpriseQuery { Tier = EnterpriseTier.HighTechEnterprise, Industry = "C39" }, ct)).Total);

        var second = await registry.SearchAsync(City, new EnterpriseQuery { Industry = "C", PageSize = 10, Page = 3 }, ct);
        Assert.Equal((22, 2), (second.Total, second.Rows.Count));
        var huge = await registry.SearchAsync(City, new EnterpriseQuery { PageSize = 10_000 }, ct);
        Assert.Equal(EnterpriseRegistry.MaxPageSize, huge.PageSize);
    }

    [Theory]
    [InlineData("上海张江芯创集成电路有限公司", null)]
    [InlineData("测试 科技\t有限公司", "Zhangjiang  Micro-Electronics Co., Ltd.")]
    [InlineData("啊啊啊啊", "AAaa aa")]
    [InlineData("单", "")]
    [InlineData("𠀀𠀁 科技", "\U00010400\U00010428 DESERET")]
    [InlineData("İstanbul ΣΑΣ 公司", "ǅemal")]
    public void The_packed_bigrams_of_a_name_are_those_of_its_bigram_strings(string nameZh, string? nameEn)
    {
        // The importer's string-free packing must give what the rename path (Pack of the bigram strings) gives, or a
        // firm imported and then renamed would be found by different texts.
        var longName = string.Concat(Enumerable.Repeat(nameZh, 40));
        Assert.Equal(EnterpriseNameIndex.Pack(EnterpriseNameIndex.Grams(nameZh, nameEn)), EnterpriseNameIndex.GramArray(nameZh, nameEn));
        Assert.Equal(EnterpriseNameIndex.Pack(EnterpriseNameIndex.Grams(longName, nameEn)), EnterpriseNameIndex.GramArray(longName, nameEn));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_name_index_follows_imports_and_renames_and_finds_the_same_firms_as_a_scan(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var (registry, _) = await SeedAsync(database, ct);
        await using (var db = database.CreateContext())
        {
            // Every imported firm's bigrams are indexed: 测试科技有限公司N has the bigrams of 测试科技有限公司 plus its number's.
            var keji = EnterpriseNameIndex.Pack(EnterpriseNameIndex.QueryGrams("科技")).Single();
            Assert.Equal(25, provider == "Postgres"
                ? await db.Enterprises.CountAsync(e => e.NameGrams!.Contains(keji), ct)
                : await db.EnterpriseNameGrams.Where(g => g.Gram == "科技").CountAsync(ct));
        }
        var yangpu = TestPrincipals.User(Roles.ParkManager, "yangpu");
        foreach (var text in new[] { "科技", "有限公司1", "司2", "测", "试科技有限公司25" })
        {
            // City-wide searches go through the index; a park manager's scoped search scans: both give the park's firms alike.
            var zone = await registry.SearchAsync(City, new EnterpriseQuery { Text = text, ParkCode = null, PageSize = 100 }, ct);
            var inPark = await registry.SearchAsync(yangpu, new EnterpriseQuery { Text = text, PageSize = 100 }, ct);
            Assert.Equal(inPark.Rows.Select(r => r.CreditCode), zone.Rows.Where(r => r.ParkCode == "yangpu").Select(r => r.CreditCode));
            Assert.All(zone.Rows, r => Assert.Contains(text, r.NameZh, StringComparison.Ordinal));
        }

        // A rename moves the firm from its old bigrams to its new ones; English names are indexed lower-cased.
        var profile = (await registry.GetAsync(City, StatisticsCsv.Code(7), ct)).Value!;
        var renamed = await registry.UpdateAsync(City, TestPrincipals.Actor(), StatisticsCsv.Code(7), new EnterpriseInput
        {
            NameZh = "张江芯片设计有限公司", NameEn = "Zhangjiang Chip Design Co", Version = profile.Version,
        }, ct);
        Assert.True(renamed.Succeeded);
        Assert.Equal(StatisticsCsv.Code(7), (await registry.SearchAsync(City, new EnterpriseQuery { Text = "芯片" }, ct)).Rows.Single().CreditCode);
        Assert.Equal(StatisticsCsv.Code(7), (await registry.SearchAsync(City, new EnterpriseQuery { Text = "Chip Des" }, ct)).Rows.Single().CreditCode);
        Assert.Empty((await registry.SearchAsync(City, new EnterpriseQuery { Text = "测试科技有限公司7" }, ct)).Rows);
        Assert.Equal(24, (await registry.SearchAsync(City, new EnterpriseQuery { Text = "科技" }, ct)).Total);

        // A database from before the index: emptied, then rebuilt by the seed step.
        await using (var db = database.CreateContext())
        {
            if (provider == "Postgres")
            {
                await db.Enterprises.ExecuteUpdateAsync(s => s.SetProperty(e => e.NameGrams, (int[]?)null), ct);
            }
            else
            {
                await db.EnterpriseNameGrams.ExecuteDeleteAsync(ct);
            }
            Assert.Equal(25, await EnterpriseNameIndex.BuildIfMissingAsync(db, ct));
            Assert.Equal(0, await EnterpriseNameIndex.BuildIfMissingAsync(db, ct));
        }
        Assert.Equal(StatisticsCsv.Code(7), (await registry.SearchAsync(City, new EnterpriseQuery { Text = "芯片设计" }, ct)).Rows.Single().CreditCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Contacts_are_masked_until_revealed_with_a_purpose_and_every_reveal_is_audited(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var (registry, yangpuDistrict) = await SeedAsync(database, ct);
        var firm1 = StatisticsCsv.Code(1);
        var yangpu = TestPrincipals.User(Roles.ParkManager, "yangpu", "yangpu-manager");

        var profile = (await registry.GetAsync(yangpu, firm1, ct)).Value!;
        Assert.Equal(new EnterpriseContacts("张**", "138****5678", "z***@example.com", true), profile.Contacts);
        Assert.True(profile.CanRevealContacts);

        Assert.Equal(UseCaseStatus.Invalid, (await registry.RevealContactsAsync(yangpu, TestPrincipals.Actor("yangpu-manager"), firm1, " ", ct)).Status);
        var revealed = await registry.RevealContactsAsync(yangpu, TestPrincipals.Actor("yangpu-manager"), firm1, "高企复核电话核实", ct);
        Assert.Equal(("张三丰", "13812345678", false), (revealed.Value!.Name, revealed.Value.Phone, revealed.Value.Masked));
        var district = Scoped(Roles.DistrictOfficer, ZjClaims.District, yangpuDistrict);
        Assert.Equal(UseCaseStatus.Forbidden, (await registry.RevealContactsAsync(district, TestPrincipals.Actor(), firm1, "想看看", ct)).Status);
        Assert.Equal(UseCaseStatus.NotFound,
            (await registry.RevealContactsAsync(TestPrincipals.User(Roles.ParkManager, "jiading"), TestPrincipals.Actor(), firm1, "想看看而已", ct)).Status);

        await using (var db = database.CreateContext())
        {
            var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == SecurityEvents.PersonalDataRevealed, ct);
            Assert.Equal(("yangpu-manager", firm1), (audit.UserName, audit.EntityKey));
            Assert.Contains("高企复核电话核实", audit.Changes, StringComparison.Ordinal);
        }

        // A form sent back with the masked values keeps the stored contacts; a new value replaces them.
        var input = new EnterpriseInput
        {
            NameZh = profile.NameZh, IndustryCode = "6513", Ownership = EnterpriseOwnership.ForeignInvested, CountryOfOrigin = "it",
            ContactName = profile.Contacts.Name, ContactPhone = profile.Contacts.Phone, ContactEmail = "li.si@example.com", Version = profile.Version,
        };
        var updated = await registry.UpdateAsync(yangpu, TestPrincipals.Actor("yangpu-manager"), firm1, input, ct);
        Assert.True(updated.Succeeded);
        Assert.Equal(("I6513", "IT", "l***@example.com"), (updated.Value!.IndustryCode, updated.Value.CountryOfOrigin, updated.Value.Contacts.Email));
        await using (var db = database.CreateContext())
        {
            var stored = await db.Enterprises.AsNoTracking().SingleAsync(e => e.CreditCode == firm1, ct);
            Assert.Equal(("张三丰", "13812345678", "li.si@example.com"), (stored.ContactName, stored.ContactPhone, stored.ContactEmail));
        }

        // The same stale version a second time is a conflict, not a silent overwrite.
        var stale = await registry.UpdateAsync(City, TestPrincipals.Actor(), firm1, input with { NameZh = "改名" }, ct);
        Assert.Equal(UseCaseStatus.Conflict, stale.Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_move_keeps_the_park_history_and_changes_who_sees_the_firm(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var (registry, _) = await SeedAsync(database, ct);
        var firm2 = StatisticsCsv.Code(2);
        var yangpu = TestPrincipals.User(Roles.ParkManager, "yangpu", "yangpu-manager");

        Assert.Equal(UseCaseStatus.Forbidden, (await registry.MoveAsync(yangpu, TestPrincipals.Actor(), firm2, "lingang", new DateOnly(2025, 7, 1), "迁入临港", ct)).Status);
        Assert.Equal(UseCaseStatus.Invalid, (await registry.MoveAsync(City, TestPrincipals.Actor(), firm2, "lingang", new DateOnly(2023, 7, 1), "迁入临港", ct)).Status);
        var moved = await registry.MoveAsync(City, TestPrincipals.Actor(), firm2, "lingang", new DateOnly(2025, 7, 1), "迁入临港新片区", ct);

        Assert.True(moved.Succeeded, string.Join("; ", moved.Errors.Select(e => e.Message.ToString())));
        Assert.Equal(
        [
            new ParkStay("yangpu", new DateOnly(2024, 1, 1), new DateOnly(2025, 6, 30), "首次报送年度统计 First annual statistics report"),
            new ParkStay("lingang", new DateOnly(2025, 7, 1), null, "迁入临港新片区"),
        ], moved.Value!.Parks);
        Assert.Equal(UseCaseStatus.NotFound, (await registry.GetAsync(yangpu, firm2, ct)).Status);
        Assert.True((await registry.GetAsync(TestPrincipals.User(Roles.ParkManager, "lingang"), firm2, ct)).Succeeded);
        // The 2024 statistics stay with the park the firm reported in.
        Assert.Equal("yangpu", moved.Value.Statistics.Single().ParkCode);

        // Lingang follows the foreign firms that land there, and when: an Italian-invested firm found by its country.
        var italian = await registry.UpdateAsync(City, TestPrincipals.Actor(), firm2, new EnterpriseInput
        {
            NameZh = moved.Value.NameZh, Ownership = EnterpriseOwnership.ForeignInvested, CountryOfOrigin = "it", Version = moved.Value.Version,
        }, ct);
        Assert.True(italian.Succeeded);
        var landed = await registry.SearchAsync(TestPrincipals.User(Roles.ParkManager, "lingang"), new EnterpriseQuery { Country = "IT" }, ct);
        var row = Assert.Single(landed.Rows);
        Assert.Equal((firm2, "IT", new DateOnly(2025, 7, 1)), (row.CreditCode, row.CountryOfOrigin, row.InParkSince));
        Assert.Empty((await registry.SearchAsync(City, new EnterpriseQuery { Country = "DE" }, ct)).Rows);
    }
}
