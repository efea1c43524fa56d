using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Coordination;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Linkage;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Linkage;

public sealed class DistrictCoordinationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_district_records_its_mechanism_and_meetings_and_turns_a_decision_into_a_linkage_item(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 2, 0, 0, TimeSpan.Zero));
        var coordination = new DistrictCoordination(database.Factory(clock));
        var items = new LinkageItems(database.Factory(clock));
        var city = TestPrincipals.User(Roles.CityStaff, name: "city-staff");
        var pudong = TestPrincipals.User(Roles.DistrictOfficer, name: "pudong-officer", district: "310115");
        var yangpu = TestPrincipals.User(Roles.DistrictOfficer, name: "yangpu-officer", district: "310110");
        var jinqiao = TestPrincipals.User(Roles.ParkManager, park: "jinqiao", name: "pm-jinqiao");
        var firm = TestPrincipals.User(Roles.Enterprise, name: "firm", org: "91310000MA1FL8XQ0B");

        // Seeded from the seed's sentence: every district with a park has a mechanism led by its principal leaders, covering its parks.
        var all = await coordination.ListAsync(city, ct);
        Assert.Equal(16, all.Count);
        Assert.Equal(6, all.Single(d => d.Code == "310115").Parks); // 金桥, 陆家嘴, 自贸保税, 世博, 张江科学城, 临港
        Assert.Equal("区主要领导", all.Single(d => d.Code == "310115").LeaderTitle);
        Assert.Equal(["310115"], (await coordination.ListAsync(pudong, ct)).Select(d => d.Code));
        Assert.Equal(["310115"], (await coordination.ListAsync(jinqiao, ct)).Select(d => d.Code));
        Assert.Empty(await coordination.ListAsync(firm, ct));

        // The district fills in its mechanism; another district cannot, nor can a park; a stale version is refused.
        var view = (await coordination.GetAsync(pudong, "310115", ct)).Value!;
        Assert.Contains(view.Parks, p => p.Code == "jinqiao");
        var mechanism = new MechanismInput("张三", "区长", [new MechanismMember("李四", "副区长", "浦东新区人民政府"), new MechanismMember("王五", "主任", "浦东新区科经委")],
            view.Parks.Select(p => p.Code).ToList(), new DateOnly(2024, 3, 1), view.Remit, view.Source, view.Version);
        Assert.Equal(UseCaseStatus.NotFound, (await coordination.SaveMechanismAsync(yangpu, TestPrincipals.Actor(), "310115", mechanism, ct)).Status);
        Assert.Equal(UseCaseStatus.Forbidden, (await coordination.SaveMechanismAsync(jinqiao, TestPrincipals.Actor(), "310115", mechanism, ct)).Status);
        Assert.Equal(UseCaseStatus.Invalid, (await coordination.SaveMechanismAsync(pudong, TestPrincipals.Actor(), "310115", mechanism with { ParkCodes = ["nowhere"] }, ct)).Status);
        view = (await coordination.SaveMechanismAsync(pudong, TestPrincipals.Actor("pudong-officer"), "310115", mechanism, ct)).Value!;
        Assert.Equal(("张三", 2), (view.LeaderName, view.Members.Count));
        Assert.Equal(UseCaseStatus.Conflict, (await coordination.SaveMechanismAsync(pudong, TestPrincipals.Actor(), "310115", mechanism, ct)).Status);

        // A meeting with minutes and decisions.
        var input = new MeetingInput("2026 年第二次区级统筹协调会议", new DateOnly(2026, 11, 20), "浦东新区人民政府", "张三", "区科经委、区发改委、张江集团",
            "会议听取了张江科学城、金桥园工作汇报……",
            [new DecisionInput("推动张江科学城集成电路设计产业园二期建设", "区科经委", new DateOnly(2027, 6, 30)), new DecisionInput("研究金桥园低效用地盘活政策", "区规划资源局", null)],
            Guid.Empty);
        Assert.Equal(UseCaseStatus.Forbidden, (await coordination.CreateMeetingAsync(jinqiao, TestPrincipals.Actor(), "310115", input, ct)).Status);
        var meeting = (await coordination.CreateMeetingAsync(pudong, TestPrincipals.Actor("pudong-officer"), "310115", input, ct)).Value!;
        Assert.Equal(2, meeting.Decisions.Count);
        Assert.Equal(UseCaseStatus.Ok, (await coordination.GetMeetingAsync(jinqiao, meeting.Id, ct)).Status);
        Assert.Equal(UseCaseStatus.NotFound, (await coordination.GetMeetingAsync(yangpu, meeting.Id, ct)).Status);

        // The first decision becomes a linkage item drafted for the city, with the decision as its source.
        var first = meeting.Decisions[0];
        meeting = (await coordination.ProposeLinkageAsync(pudong, TestPrincipals.Actor("pudong-officer"), meeting.Id, first.Id, new ProposeLinkageInput(LinkageKind.MajorProject, null), ct)).Value!;
        var proposed = meeting.Decisions[0];
        Assert.Equal((LinkageStage.Drafting, "LD-2026-001"), (proposed.LinkageStage!.Value, proposed.LinkageNumber));
        Assert.Equal("CoordinationAlreadyProposed", (await coordination.ProposeLinkageAsync(pudong, TestPrincipals.Actor(), meeting.Id, first.Id,
            new ProposeLinkageInput(LinkageKind.MajorProject, null), ct)).Errors.Single().Message.Key);
        // The second has no deadline of its own: one must be given.
        Assert.Equal(UseCaseStatus.Invalid, (await coordination.ProposeLinkageAsync(pudong, TestPrincipals.Actor(), meeting.Id, meeting.Decisions[1].Id,
            new ProposeLinkageInput(LinkageKind.PlanPolicy, null), ct)).Status);
        var item = (await items.GetAsync(city, proposed.LinkageItemId!.Value, ct)).Value!;
        Assert.Equal((first.Id, new DateOnly(2027, 6, 30)), (item.DecisionId!.Value, item.DueOn));
        Assert.Contains("2026 年第二次区级统筹协调会议", item.Source, StringComparison.Ordinal);
        Assert.Equal(["zjoffice", "310115"], item.Units.Select(u => u.Unit.Code));
        Assert.Equal(UseCaseStatus.NotFound, (await items.GetAsync(pudong, item.Id, ct)).Status); // drafts are the city's until assigned

        // Saving the minutes keeps the decision that became an item; removing it is refused.
        meeting = (await coordination.SaveMeetingAsync(pudong, TestPrincipals.Actor("pudong-officer"), meeting.Id, input with
        {
            Minutes = "会议纪要（定稿）", Decisions = meeting.Decisions.Select(d => new DecisionInput(d.Text, d.Owner, d.DueOn, d.Id)).ToList(), Version = meeting.Version,
        }, ct)).Value!;
        Assert.Equal(item.Id, meeting.Decisions[0].LinkageItemId);
        Assert.Equal("CoordinationDecisionLinked", (await coordination.SaveMeetingAsync(pudong, TestPrincipals.Actor(), meeting.Id, input with
        {
            Decisions = [new DecisionInput(meeting.Decisions[1].Text, null, null, meeting.Decisions[1].Id)], Version = meeting.Version,
        }, ct)).Errors.Single().Message.Key);
        await using var db = database.CreateContext();
        Assert.True(await db.Notifications.AnyAsync(n => n.Audience == "city" && n.TextZh.Contains("LD-2026-001"), ct));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(MeetingDecision) && a.UserName == "pudong-officer", ct));
    }
}
