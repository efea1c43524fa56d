using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Evaluation;

public sealed class FrameworkCatalogTests
{
    private static readonly System.Security.Claims.ClaimsPrincipal CityAdmin = TestPrincipals.User(Roles.CityAdmin);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_two_national_templates_are_seeded_published_with_their_sources_and_no_invented_weights(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var catalog = new FrameworkCatalog(database.Factory(), TestPrincipals.Authorization());
        var list = (await catalog.ListAsync(TestPrincipals.User(Roles.ParkManager, "jiading"), ct)).Value!;
        Assert.Equal(["MOST-2021", "NHTZ-INNOVATION-2013"], list.Select(f => f.Family));
        Assert.All(list, f => Assert.Equal(FrameworkStatus.Published, f.Status));

        var innovation = (await catalog.GetAsync(CityAdmin, list.Single(f => f.Family == "NHTZ-INNOVATION-2013").Id, ct)).Value!;
        Assert.Equal(25, innovation.Indicators.Count(i => i.Level == 1));
        Assert.Equal([20.0, 20, 25, 10, 25], innovation.Indicators.Where(i => i.Level == 2).Select(i => i.Weight!.Value));
        Assert.All(innovation.Indicators.Where(i => i.Level == 1), i => Assert.Null(i.Weight)); // the source gives none
        Assert.All(innovation.Indicators, i => Assert.Contains("yuntihai.com", i.Source, StringComparison.Ordinal));
        Assert.Equal(-1, innovation.Indicators.Single(i => i.Code == "A5_3").Direction);

        var most = (await catalog.GetAsync(CityAdmin, list.Single(f => f.Family == "MOST-2021").Id, ct)).Value!;
        Assert.Equal([20.0, 20, 15, 15, 30], most.Indicators.Where(i => i.Level == 2).Select(i => i.Weight!.Value));
        Assert.Equal(0.8, most.Indicators.Single(i => i.Code == "D1_1").Weight);
        Assert.Equal(1.2, most.Indicators.Single(i => i.Code == "D1_2").Weight);
        Assert.Equal(2, most.Indicators.Count(i => i.Level == 1 && i.Weight is not null));
        // Every template is a valid framework for the engine.
        Assert.Equal(41, FrameworkCatalog.ToEngine(most.Indicators).IndicatorCount);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_new_version_is_a_draft_that_can_be_edited_and_published_then_is_frozen(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var catalog = new FrameworkCatalog(database.Factory(), TestPrincipals.Authorization());
        var template = (await catalog.ListAsync(CityAdmin, ct)).Value!.Single(f => f.Family == "NHTZ-INNOVATION-2013");

        var draft = (await catalog.NewVersionAsync(CityAdmin, TestPrincipals.Actor(), template.Id, ct)).Value!;
        Assert.Equal(2, draft.VersionNumber);
        Assert.Equal(FrameworkStatus.Draft, draft.Status);
        Assert.Equal(UseCaseStatus.Conflict, (await catalog.NewVersionAsync(CityAdmin, TestPrincipals.Actor(), template.Id, ct)).Status);

        var indicators = draft.Indicators.Select(i => i.Code == "A1_1" ? i with { Weight = 2, CompareInternational = true } : i).ToList();
        indicators.Add(new IndicatorInput { Code = "A1_6", NameZh = "新增指标", Level = 1, ParentCode = "A1", ShanghaiCharacteristic = true });
        var edited = await catalog.UpdateDraftAsync(CityAdmin, TestPrincipals.Actor(), draft.Id, Input(draft, indicators), ct);
        Assert.Equal(UseCaseStatus.Ok, edited.Status);
        Assert.Equal(26, edited.Value!.Indicators.Count(i => i.Level == 1));

        // A second editor who started from the old version is told, and nothing of theirs is saved.
        var stale = await catalog.UpdateDraftAsync(CityAdmin, TestPrincipals.Actor("other"), draft.Id, Input(draft, draft.Indicators) with { NameZh = "别人的修改" }, ct);
        Assert.Equal(UseCaseStatus.Conflict, stale.Status);

        var published = await catalog.PublishAsync(CityAdmin, TestPrincipals.Actor(), draft.Id, edited.Value.Version, ct);
        Assert.Equal(FrameworkStatus.Published, published.Value!.Status);
        var frozen = await catalog.UpdateDraftAsync(CityAdmin, TestPrincipals.Actor(), draft.Id, Input(published.Value, published.Value.Indicators), ct);
        Assert.Equal(UseCaseStatus.Invalid, frozen.Status);
        Assert.Equal("FrameworkFrozen", frozen.Errors.Single().Message.Key);

        await using var db = database.CreateContext();
        var trail = await db.AuditEntries.Where(a => a.EntityType == nameof(EvaluationIndicator) && a.UserName == "tester").ToListAsync(ct);
        Assert.Contains(trail, a => a.Action == "Update" && a.Changes!.Contains("\"Weight\":[null,\"2\"]", StringComparison.Ordinal));
        Assert.Contains(trail, a => a.Action == "Create" && a.Changes!.Contains("A1_6", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bad_frameworks_are_refused_naming_each_code_and_change_nothing(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var catalog = new FrameworkCatalog(database.Factory(), TestPrincipals.Authorization());
        var template = (await catalog.ListAsync(CityAdmin, ct)).Value!.Single(f => f.Family == "MOST-2021");
        var draft = (await catalog.NewVersionAsync(CityAdmin, TestPrincipals.Actor(), template.Id, ct)).Value!;
        var broken = draft.Indicators.ToList();
        broken.Add(broken[10] with { NameZh = "重复" });
        broken.Add(new IndicatorInput { Code = "X1", NameZh = "孤儿", Level = 1, ParentCode = "D9" });
        broken.Add(new IndicatorInput { Code = "X2", NameZh = "方向错误", Level = 1, ParentCode = "D1", Direction = 0, Weight = -1 });
        var result = await catalog.UpdateDraftAsync(CityAdmin, TestPrincipals.Actor(), draft.Id, Input(draft, broken), ct);
        Assert.Equal(UseCaseStatus.Invalid, result.Status);
        var keys = result.Errors.Select(e => e.Message.Key + ":" + string.Join(",", e.Message.Args)).ToList();
        Assert.Contains($"IndicatorCodeDuplicate:{broken[10].Code}", keys);
        Assert.Contains("IndicatorParentUnknown:X1,D9", keys);
        Assert.Contains("IndicatorDirectionInvalid:X2", keys);
        Assert.Contains("IndicatorWeightInvalid:X2", keys);
        Assert.Equal(draft.Indicators.Count, (await catalog.GetAsync(CityAdmin, draft.Id, ct)).Value!.Indicators.Count);
    }

    [Theory]
    [InlineData(Roles.CityStaff)]
    [InlineData(Roles.ParkManager)]
    [InlineData(Roles.DistrictOfficer)]
    [InlineData(Roles.Enterprise)]
    public async Task Only_the_city_administrator_changes_frameworks(string role)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var catalog = new FrameworkCatalog(database.Factory(), TestPrincipals.Authorization());
        var user = TestPrincipals.User(role, role == Roles.ParkManager ? "jiading" : null);
        var template = (await catalog.ListAsync(user, ct)).Value!.First();
        Assert.Equal(UseCaseStatus.Forbidden, (await catalog.NewVersionAsync(user, TestPrincipals.Actor(), template.Id, ct)).Status);
        Assert.Equal(UseCaseStatus.Forbidden, (await catalog.PublishAsync(user, TestPrincipals.Actor(), template.Id, Guid.Empty, ct)).Status);
    }

    private static FrameworkInput Input(FrameworkDetail detail, IReadOnlyList<IndicatorInput> indicators) => new()
    {
        NameZh = detail.NameZh, NameEn = detail.NameEn, DescriptionZh = detail.DescriptionZh, DescriptionEn = detail.DescriptionEn,
        Source = detail.Source, Indicators = indicators, Version = detail.Version,
    };
}
