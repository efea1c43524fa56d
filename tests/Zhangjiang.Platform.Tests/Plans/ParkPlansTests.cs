using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Plans;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Plans;

public sealed class ParkPlansTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_park_with_a_plan_sentence_gets_its_plan_with_the_stated_target_and_source(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var plans = new ParkPlans(database.Factory());
        var city = TestPrincipals.User(Roles.CityStaff);
        var all = await plans.ListAsync(city, ct);
        Assert.Equal(22, all.Count);
        Assert.Equal(["caohejing", "fengxian", "jiading", "yangpu"], all.Where(p => p.Workflow == PlanWorkflow.Published).Select(p => p.ParkCode));

        var yangpu = (await plans.GetAsync(city, all.Single(p => p.ParkCode == "yangpu").Id, ct)).Value!;
        var target = Assert.Single(yangpu.Targets);
        Assert.Equal((TargetDirection.Qualitative, 2026, "“杨数浦”数字经济为主导的现代产业体系基本成势"), (target.Direction, target.TargetYear, target.NameZh));
        Assert.StartsWith("a modern industrial system led by the 'Yang-Shu-Pu' digital economy", target.NameEn, StringComparison.Ordinal);
        Assert.Equal("seed:000_fcb6976a21c0d86c.txt § 一园一方案 杨浦园", target.Source);
        Assert.Equal("数字经济", yangpu.LeadingIndustries);
        Assert.Equal(2026, yangpu.PeriodTo);
        Assert.Equal([1], yangpu.Versions.Select(v => v.Number));
        var caohejing = (await plans.GetAsync(city, all.Single(p => p.ParkCode == "caohejing").Id, ct)).Value!;
        Assert.StartsWith("基本建成“科创漕河泾”框架体系", Assert.Single(caohejing.Targets).NameZh, StringComparison.Ordinal);
        var jiading = (await plans.GetAsync(city, all.Single(p => p.ParkCode == "jiading").Id, ct)).Value!;
        Assert.Empty(jiading.Targets); // the seed states no dated target for 嘉定: none is invented
        Assert.Equal("汽车“新四化”，集成电路，生物医药", jiading.LeadingIndustries);

        // Seeding again adds nothing.
        await using var db = database.CreateContext();
        Assert.Equal(0, await PlanSeed.ApplyAsync(db, ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_park_drafts_and_submits_the_city_returns_then_publishes_and_a_revision_keeps_the_published_version_for_readers(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var plans = new ParkPlans(database.Factory());
        var city = TestPrincipals.User(Roles.CityStaff, name: "city-staff");
        var manager = TestPrincipals.User(Roles.ParkManager, park: "jinqiao", name: "pm-jinqiao");
        var otherManager = TestPrincipals.User(Roles.ParkManager, park: "yangpu", name: "pm-yangpu");
        var pudong = TestPrincipals.User(Roles.DistrictOfficer, name: "do-pudong", district: "310115");
        var yangpuDistrict = TestPrincipals.User(Roles.DistrictOfficer, name: "do-yangpu", district: "310110");
        var firm = TestPrincipals.User(Roles.Enterprise, name: "firm", org: "91310000MA1FL8XQ0B");
        var id = (await plans.ListAsync(city, ct)).Single(p => p.ParkCode == "jinqiao").Id;

        // A draft is its park's, its district's and the city's: others do not see it at all.
        Assert.DoesNotContain(await plans.ListAsync(firm, ct), p => p.Id == id);
        Assert.Contains(await plans.ListAsync(pudong, ct), p => p.Id == id);
        Assert.Equal(UseCaseStatus.NotFound, (await plans.GetAsync(otherManager, id, ct)).Status);
        Assert.Equal(UseCaseStatus.NotFound, (await plans.GetAsync(yangpuDistrict, id, ct)).Status);
        var draft = (await plans.GetAsync(manager, id, ct)).Value!;
        Assert.True(draft.CanEdit);
        Assert.False((await plans.GetAsync(pudong, id, ct)).Value!.CanEdit);

        var input = new PlanInput
        {
            TitleZh = "金桥园“一园一方案”（2024—2026年）", TitleEn = "Jinqiao Park plan 2024–2026", PeriodFrom = 2024, PeriodTo = 2026,
            PositioningZh = draft.PositioningZh, LeadingIndustries = "未来车，智能造，新通信", Source = draft.Source,
            Targets =
            [
                new("规上工业总产值", "Industrial output", "亿元", TargetDirection.Increase, 2500, 2023, 3000, 2026, null, "园区方案"),
                new("R&D经费投入强度", "R&D intensity", "%", TargetDirection.Increase, 2.8, 2023, 3.5, 2026, "RD_INTENSITY", null),
            ],
            Tasks = [new("建设“金桥智造城”核心区", null, "金桥管理局", [new PlanMilestone("完成空间规划", new DateOnly(2025, 6, 30), false)])],
            Version = draft.Version,
        };
        Assert.Equal(UseCaseStatus.NotFound, (await plans.SaveAsync(otherManager, TestPrincipals.Actor(), id, input, ct)).Status);
        Assert.Equal(UseCaseStatus.Forbidden, (await plans.SaveAsync(pudong, TestPrincipals.Actor(), id, input, ct)).Status);
        var bad = await plans.SaveAsync(manager, TestPrincipals.Actor(), id, input with
        {
            PeriodFrom = 2027, Targets = [input.Targets[0] with { TargetValue = null }, input.Targets[1] with { BaselineYear = 2030 }],
        }, ct);
        Assert.Equal(["PeriodTo", "Targets[0].TargetValue", "Targets[1].TargetYear"], bad.Errors.Select(e => e.Field));
        var saved = (await plans.SaveAsync(manager, TestPrincipals.Actor("pm-jinqiao"), id, input, ct)).Value!;
        Assert.Equal(2, saved.Targets.Count);
        Assert.Equal(UseCaseStatus.Conflict, (await plans.SaveAsync(manager, TestPrincipals.Actor(), id, input, ct)).Status); // stale version

        // Submitted, returned with a note, submitted again, reviewed and published as version 1.
        saved = (await plans.SubmitAsync(manager, TestPrincipals.Actor(), id, saved.Version, ct)).Value!;
        Assert.Equal(UseCaseStatus.Forbidden, (await plans.ReviewAsync(manager, TestPrincipals.Actor(), id, new PlanReviewInput(true, null, saved.Version), ct)).Status);
        Assert.Equal("PlanReturnNote", (await plans.ReviewAsync(city, TestPrincipals.Actor(), id, new PlanReviewInput(false, " ", saved.Version), ct)).Errors.Single().Message.Key);
        saved = (await plans.ReviewAsync(city, TestPrincipals.Actor(), id, new PlanReviewInput(false, "请补充基期数据来源。", saved.Version), ct)).Value!;
        Assert.Equal((PlanWorkflow.Drafting, "请补充基期数据来源。"), (saved.Workflow, saved.ReviewNote));
        saved = (await plans.SubmitAsync(manager, TestPrincipals.Actor(), id, saved.Version, ct)).Value!;
        Assert.Equal("PlanNotReviewed", (await plans.PublishAsync(city, TestPrincipals.Actor(), id, saved.Version, ct)).Errors.Single().Message.Key);
        saved = (await plans.ReviewAsync(city, TestPrincipals.Actor(), id, new PlanReviewInput(true, null, saved.Version), ct)).Value!;
        saved = (await plans.PublishAsync(city, TestPrincipals.Actor("city-staff"), id, saved.Version, ct)).Value!;
        Assert.Equal((PlanWorkflow.Published, 1), (saved.Workflow, saved.Versions.Single().Number));
        await using (var registry = database.CreateContext())
        {
            // The park registry follows: 金桥's plan is now published (the seed said it was not).
            Assert.Equal(Features.Parks.PlanStatus.Published, (await registry.Parks.SingleAsync(p => p.Code == "jinqiao", ct)).PlanStatus);
        }
        Assert.Equal(3000, (await plans.GetAsync(firm, id, ct)).Value!.Targets[0].TargetValue);

        // A revision: the park edits version 2 while everyone else still reads version 1.
        var revision = (await plans.StartRevisionAsync(manager, TestPrincipals.Actor(), id, saved.Version, ct)).Value!;
        Assert.Equal((PlanWorkflow.Drafting, 2), (revision.Workflow, revision.VersionNumber));
        revision = (await plans.SaveAsync(manager, TestPrincipals.Actor(), id, input with { Targets = [input.Targets[0] with { TargetValue = 3200 }], Version = revision.Version }, ct)).Value!;
        var seenByFirm = (await plans.GetAsync(firm, id, ct)).Value!;
        Assert.Equal((1, 3000.0, 2), (seenByFirm.VersionNumber, seenByFirm.Targets[0].TargetValue!.Value, seenByFirm.Targets.Count));
        Assert.Equal(3200, (await plans.GetAsync(manager, id, ct)).Value!.Targets.Single().TargetValue);
        Assert.Equal(3000, (await plans.VersionAsync(manager, id, 1, ct)).Value!.Targets[0].TargetValue);

        await using var db = database.CreateContext();
        Assert.True(await db.AuditEntries.CountAsync(a => a.EntityType == nameof(ParkPlan), ct) >= 8);
    }
}
