using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Fund;

public sealed class FundSetupTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_seeded_frame_is_one_goal_two_applicant_kinds_three_topics_and_seeding_again_adds_nothing(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var programme = await new FundSetup(database.Factory()).GetAsync(ct);

        Assert.NotNull(programme);
        Assert.Contains("世界领先科技园区", programme.GoalZh, StringComparison.Ordinal);
        Assert.Equal(["园区运营机构", "科技企业"], programme.ApplicantKinds.Select(k => k.NameZh));
        Assert.Equal(["高质量科技园区建设", "梯度培育科技创新企业", "优化园区创新创业生态"], programme.Topics.Select(t => t.NameZh));
        Assert.All(programme.Topics, t => Assert.Empty(t.Budgets));
        Assert.Contains("聚焦1项目标、支持2类主体、布局3个专题", programme.Source, StringComparison.Ordinal);

        await using var db = database.CreateContext();
        Assert.Equal(0, await FundSetup.ApplySeedAsync(db, ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_city_sets_topic_budgets_per_year_with_stale_versions_refused_and_every_change_audited(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var setup = new FundSetup(database.Factory());
        var city = TestPrincipals.User(Roles.CityStaff, name: "city-staff");
        const string topic = "gradient-cultivation";

        // 1.2 亿元 = 12,000,000,000 fen: beyond int, exact as long.
        var created = await setup.SetBudgetAsync(city, TestPrincipals.Actor("city-staff"), topic, 2026,
            new FundBudgetInput { AmountFen = 12_000_000_000, Note = " 年度预算 " }, ct);
        Assert.True(created.Succeeded);
        Assert.Equal(("年度预算", "city-staff"), (created.Value!.Note, created.Value.UpdatedBy));

        // A second "create" of the same year, and an update from a stale version, are conflicts that change nothing.
        Assert.Equal(UseCaseStatus.Conflict, (await setup.SetBudgetAsync(city, TestPrincipals.Actor(), topic, 2026, new FundBudgetInput { AmountFen = 1 }, ct)).Status);
        Assert.Equal(UseCaseStatus.Conflict, (await setup.SetBudgetAsync(city, TestPrincipals.Actor(), topic, 2026,
            new FundBudgetInput { AmountFen = 1, Version = Guid.NewGuid() }, ct)).Status);
        var updated = await setup.SetBudgetAsync(city, TestPrincipals.Actor("city-staff"), topic, 2026,
            new FundBudgetInput { AmountFen = 15_000_000_000, Version = created.Value.Version }, ct);
        Assert.True(updated.Succeeded);
        Assert.NotEqual(created.Value.Version, updated.Value!.Version);
        Assert.True((await setup.SetBudgetAsync(city, TestPrincipals.Actor(), topic, 2027, new FundBudgetInput { AmountFen = 0 }, ct)).Succeeded);

        var programme = (await setup.GetAsync(ct))!;
        Assert.Equal([(2026, 15_000_000_000L), (2027, 0L)], programme.Topics.Single(t => t.Code == topic).Budgets.Select(b => (b.Year, b.AmountFen)));
        Assert.Empty(programme.Topics.Single(t => t.Code == "park-construction").Budgets);

        // Bad input names the field; other roles may not set budgets; an unknown topic is not found.
        var invalid = await setup.SetBudgetAsync(city, TestPrincipals.Actor(), topic, 1999, new FundBudgetInput { AmountFen = -5 }, ct);
        Assert.Equal(UseCaseStatus.Invalid, invalid.Status);
        Assert.Equal(["year", "AmountFen"], invalid.Errors.Select(e => e.Field));
        Assert.Equal(UseCaseStatus.Invalid, (await setup.SetBudgetAsync(city, TestPrincipals.Actor(), topic, 2028,
            new FundBudgetInput { AmountFen = FundSetup.MaxBudgetFen + 1 }, ct)).Status);
        foreach (var role in new[] { Roles.ParkManager, Roles.DistrictOfficer, Roles.Enterprise, Roles.Operator, Roles.Reviewer })
        {
            Assert.Equal(UseCaseStatus.Forbidden, (await setup.SetBudgetAsync(TestPrincipals.User(role, "yangpu"), TestPrincipals.Actor(), topic, 2026,
                new FundBudgetInput { AmountFen = 1, Version = updated.Value.Version }, ct)).Status);
        }
        Assert.Equal(UseCaseStatus.NotFound, (await setup.SetBudgetAsync(city, TestPrincipals.Actor(), "no-such-topic", 2026, new FundBudgetInput(), ct)).Status);

        await using var db = database.CreateContext();
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(FundTopicBudget)).OrderBy(a => a.Sequence).ToListAsync(ct);
        Assert.Equal(3, audit.Count);
        Assert.Contains("15000000000", audit[1].Changes, StringComparison.Ordinal);
        Assert.Contains("12000000000", audit[1].Changes, StringComparison.Ordinal);
        Assert.Equal("city-staff", audit[1].UserName);
    }
}
