using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Files;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Linkage;
using Zhangjiang.Platform.Features.Notifications;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Linkage;

public sealed class LinkageItemsTests
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    [Fact]
    public void The_light_is_red_when_anything_is_overdue_yellow_when_behind_blue_when_due_soon_and_says_why()
    {
        var assigned = new DateTime(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc); // 1 March in Shanghai
        LinkageItem Item() => new()
        {
            Number = "LD-2026-001", TitleZh = "t", CreatedBy = "c", UpdatedBy = "c", Stage = LinkageStage.Assigned, AssignedUtc = assigned, DueOn = new DateOnly(2026, 12, 31),
            FeedbackEveryDays = 30,
            Units =
            [
                new LinkageUnit { Kind = LinkageUnitKind.CityDepartment, Code = "stcsm", Role = LinkageUnitRole.Lead, SignedUtc = assigned },
                new LinkageUnit { Kind = LinkageUnitKind.District, Code = "310115", Role = LinkageUnitRole.Co },
            ],
            Nodes = [new LinkageNode { Id = 7, Title = "完成立项审批", DueOn = new DateOnly(2026, 4, 30) }],
        };
        static LocalText Name(LinkageUnitKind kind, string code) => code == "310115" ? new LocalText("浦东新区", "Pudong New Area") : new LocalText(code, code);
        LightAssessment Assess(LinkageItem item, DateOnly today, int? percent = null, IEnumerable<LinkageFeedback>? feedback = null) =>
            LinkageDeadlines.Assess(item, LinkageDeadlines.Open(item, feedback ?? [], []), percent, today, Name);

        // 2 March: Pudong's sign-off (due 4 March) falls due within a week: blue, and the reason names it.
        var blue = Assess(Item(), new DateOnly(2026, 3, 2));
        Assert.Equal(TrafficLight.Blue, blue.Light);
        Assert.Equal("The sign-off of Pudong New Area falls due in 2 day(s) (2026-03-04).", blue.Why[0].Render(En));
        // 6 March: two days late.
        var red = Assess(Item(), new DateOnly(2026, 3, 6));
        Assert.Equal(TrafficLight.Red, red.Light);
        Assert.Equal("浦东新区的签收已逾期 2 天（时限 2026-03-04）。", red.Why.Single().Render(Zh));
        // Signed and fed back; mid-May the node is overdue.
        var signed = Item();
        signed.Units[1].SignedUtc = assigned;
        var feedback = new[] { new LinkageFeedback { UnitKind = LinkageUnitKind.District, UnitCode = "310115", Narrative = "n", SubmittedBy = "x", SubmittedUtc = new DateTime(2026, 5, 1, 2, 0, 0, DateTimeKind.Utc) } };
        var cityFeedback = new LinkageFeedback { UnitKind = LinkageUnitKind.CityDepartment, UnitCode = "stcsm", Narrative = "n", SubmittedBy = "x", SubmittedUtc = new DateTime(2026, 5, 1, 2, 0, 0, DateTimeKind.Utc) };
        var nodeLate = Assess(signed, new DateOnly(2026, 5, 10), feedback: [.. feedback, cityFeedback]);
        Assert.Equal(TrafficLight.Red, nodeLate.Light);
        Assert.Contains("完成立项审批", nodeLate.Why.Single().Render(En), StringComparison.Ordinal);
        // The node met; in August the last report says 10 % while 5 of 10 months have passed: behind, yellow.
        signed.Nodes[0].Status = NodeStatus.Met;
        signed.Nodes[0].DoneOn = new DateOnly(2026, 4, 20);
        var fresh = new[]
        {
            new LinkageFeedback { UnitKind = LinkageUnitKind.District, UnitCode = "310115", Narrative = "n", SubmittedBy = "x", SubmittedUtc = new DateTime(2026, 7, 20, 2, 0, 0, DateTimeKind.Utc) },
            new LinkageFeedback { UnitKind = LinkageUnitKind.CityDepartment, UnitCode = "stcsm", Narrative = "n", SubmittedBy = "x", SubmittedUtc = new DateTime(2026, 7, 20, 2, 0, 0, DateTimeKind.Utc) },
        };
        var behind = Assess(signed, new DateOnly(2026, 8, 1), percent: 10, feedback: fresh);
        Assert.Equal(TrafficLight.Yellow, behind.Light);
        Assert.Contains("10%", behind.Why.Single().Render(En), StringComparison.Ordinal);
        var green = Assess(signed, new DateOnly(2026, 8, 1), percent: 50, feedback: fresh);
        Assert.Equal(TrafficLight.Green, green.Light);
        // A node not met is red whatever the dates say.
        signed.Nodes[0].Status = NodeStatus.NotMet;
        Assert.Equal(TrafficLight.Red, Assess(signed, new DateOnly(2026, 8, 1), percent: 50, feedback: fresh).Light);
        // Feedback is due a cadence after the last one, but never after the item's deadline.
        Assert.Equal(new DateOnly(2026, 12, 31), LinkageDeadlines.NextFeedbackDue(signed, new DateOnly(2026, 3, 1),
            [new LinkageFeedback { UnitKind = LinkageUnitKind.District, UnitCode = "310115", Narrative = "n", SubmittedBy = "x", SubmittedUtc = new DateTime(2026, 12, 20, 2, 0, 0, DateTimeKind.Utc) }]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_item_goes_round_the_loop_each_unit_acts_only_for_itself_late_steps_are_reminded_and_escalated(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));
        var items = new LinkageItems(database.Factory(clock));
        var league = new LinkageLeague(database.Factory(clock));
        var reminders = new DeadlineReminders(database.Factory(clock));
        var staff = TestPrincipals.User(Roles.CityStaff, name: "city-staff");
        var admin = TestPrincipals.User(Roles.CityAdmin, name: "city-admin");
        var pudong = TestPrincipals.User(Roles.DistrictOfficer, name: "pudong-officer", district: "310115");
        var yangpuDistrict = TestPrincipals.User(Roles.DistrictOfficer, name: "yangpu-officer", district: "310110");
        var xuhui = TestPrincipals.User(Roles.DistrictOfficer, name: "xuhui-officer", district: "310104");
        var yangpuPark = TestPrincipals.User(Roles.ParkManager, park: "yangpu", name: "pm-yangpu");
        var jinqiao = TestPrincipals.User(Roles.ParkManager, park: "jinqiao", name: "pm-jinqiao");
        var firm = TestPrincipals.User(Roles.Enterprise, name: "firm", org: "91310000MA1FL8XQ0B");

        var input = new LinkageItemInput
        {
            Kind = LinkageKind.MajorProject, TitleZh = "张江集成电路中试平台建设", Source = "加强市区联动 进一步推动区域科技创新工作方案", DueOn = new DateOnly(2026, 12, 31),
            FeedbackEveryDays = 30,
            Units =
            [
                new(LinkageUnitKind.CityDepartment, "stcsm", LinkageUnitRole.Lead),
                new(LinkageUnitKind.District, "310115", LinkageUnitRole.Co),
                new(LinkageUnitKind.Park, "yangpu", LinkageUnitRole.Co),
            ],
            Nodes = [new("完成立项审批", NodeType.Approval, new DateOnly(2026, 4, 30)), new("主体结构封顶", NodeType.Delivery, new DateOnly(2026, 9, 30))],
        };
        // A major project without its investment, location and stage is refused, naming each; districts cannot draft items.
        var refused = await items.CreateAsync(staff, TestPrincipals.Actor("city-staff"), input, ct);
        Assert.Equal(UseCaseStatus.Invalid, refused.Status);
        Assert.Equal(["InvestmentWan", "Location", "ProjectStage"], refused.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Equal(UseCaseStatus.Forbidden, (await items.CreateAsync(pudong, TestPrincipals.Actor(), input, ct)).Status);
        Assert.Equal(UseCaseStatus.Invalid, (await items.CreateAsync(staff, TestPrincipals.Actor(), input with { Units = [input.Units[1], input.Units[2]], InvestmentWan = 1, Location = "x", ProjectStage = ProjectStage.Approval }, ct)).Status);
        input = input with { InvestmentWan = 52000m, Location = "浦东新区张江路", ParkCode = "yangpu", ProjectStage = ProjectStage.Approval };
        var item = (await items.CreateAsync(staff, TestPrincipals.Actor("city-staff"), input, ct)).Value!;
        Assert.Equal("LD-2026-001", item.Number);

        // A draft is the city's alone.
        Assert.Equal(UseCaseStatus.NotFound, (await items.GetAsync(pudong, item.Id, ct)).Status);
        item = (await items.AssignAsync(staff, TestPrincipals.Actor("city-staff"), item.Id, item.Version, ct)).Value!;
        Assert.Equal(LinkageStage.Assigned, item.Stage);
        Assert.Equal(UseCaseStatus.Conflict, (await items.AssignAsync(staff, TestPrincipals.Actor("city-staff"), item.Id, Guid.NewGuid(), ct)).Status);

        // Who sees it: its units, and the district of a park on it; not other parks, districts or firms.
        Assert.Equal(UseCaseStatus.Ok, (await items.GetAsync(pudong, item.Id, ct)).Status);
        Assert.Equal(UseCaseStatus.Ok, (await items.GetAsync(yangpuPark, item.Id, ct)).Status);
        Assert.Equal(UseCaseStatus.Ok, (await items.GetAsync(yangpuDistrict, item.Id, ct)).Status);
        foreach (var outsider in new[] { jinqiao, xuhui, firm })
        {
            Assert.Equal(UseCaseStatus.NotFound, (await items.GetAsync(outsider, item.Id, ct)).Status);
            Assert.Empty(await items.ListAsync(outsider, null, ct));
            Assert.Equal(UseCaseStatus.NotFound, (await items.SignAsync(outsider, TestPrincipals.Actor(), item.Id, new UnitChoice(), ct)).Status);
        }
        // Yangpu's district sees the item but does not act for the park.
        Assert.Equal(UseCaseStatus.Invalid, (await items.SignAsync(yangpuDistrict, TestPrincipals.Actor(), item.Id, new UnitChoice(), ct)).Status);
        Assert.Equal(UseCaseStatus.Forbidden, (await items.UpdateNodeAsync(pudong, TestPrincipals.Actor(), item.Id, item.Nodes[0].Id, new NodeUpdateInput(NodeStatus.Met, new DateOnly(2026, 3, 1), null), ct)).Status);

        // Every unit is told; the lead and Pudong sign on the day.
        await using (var db = database.CreateContext())
        {
            Assert.Equal(["city", "district:310115", "park:yangpu"], (await db.Notifications.Select(n => n.Audience).ToListAsync(ct)).Order(StringComparer.Ordinal));
        }
        await items.SignAsync(staff, TestPrincipals.Actor("city-staff"), item.Id, new UnitChoice(), ct);
        item = (await items.SignAsync(pudong, TestPrincipals.Actor("pudong-officer"), item.Id, new UnitChoice(), ct)).Value!;
        Assert.Equal(UseCaseStatus.Invalid, (await items.SignAsync(pudong, TestPrincipals.Actor(), item.Id, new UnitChoice(), ct)).Status);
        var notSigned = await items.FeedbackAsync(yangpuPark, TestPrincipals.Actor("pm-yangpu"), item.Id, new LinkageFeedbackInput("已开展前期工作"), null, ct);
        Assert.Equal("LinkageSignFirst", notSigned.Errors.Single().Message.Key);

        // 5 March: Yangpu's sign-off (due 4 March) is overdue — red, with the reason — and the park is reminded once.
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 5, 2, 0, 0, TimeSpan.Zero));
        item = (await items.GetAsync(staff, item.Id, ct)).Value!;
        Assert.Equal(TrafficLight.Red, item.Light);
        Assert.Contains("杨浦", item.Why.Single().Render(Zh), StringComparison.Ordinal);
        Assert.Equal(1, await reminders.SweepAsync(ct));
        Assert.Equal(0, await reminders.SweepAsync(ct));
        // A week after the deadline the city hears of it (escalation).
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 12, 2, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await reminders.SweepAsync(ct));
        await using (var db = database.CreateContext())
        {
            var escalated = await db.Notifications.SingleAsync(n => n.DedupKey!.StartsWith("lk-esc:"), ct);
            Assert.Equal("city", escalated.Audience);
            Assert.Contains("杨浦", escalated.TextZh, StringComparison.Ordinal);
        }
        // The city urges the park (督办单); the park signs late and answers.
        item = (await items.UrgeAsync(staff, TestPrincipals.Actor("city-staff"), item.Id, new UrgingInput(LinkageUnitKind.Park, "yangpu", "请立即签收并报送进展", new DateOnly(2026, 3, 15)), ct)).Value!;
        var urging = item.Urgings.Single();
        Assert.Equal("DB-2026-001", urging.Number);
        Assert.Equal(UseCaseStatus.Invalid, (await items.RespondAsync(pudong, TestPrincipals.Actor(), item.Id, urging.Id, new UrgingResponseInput("x"), ct)).Status);
        await items.SignAsync(yangpuPark, TestPrincipals.Actor("pm-yangpu"), item.Id, new UnitChoice(), ct);
        item = (await items.RespondAsync(yangpuPark, TestPrincipals.Actor("pm-yangpu"), item.Id, urging.Id, new UrgingResponseInput("已签收，3 月 20 日前报送进展"), ct)).Value!;
        Assert.NotNull(item.Urgings.Single().RespondedUtc);
        Assert.True(item.Units.Single(u => u.Unit.Code == "yangpu").SignedLate);

        // Feedback with evidence: a file that is not a document is refused and nothing is written; a PDF is kept.
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 20, 2, 0, 0, TimeSpan.Zero));
        var bad = await items.FeedbackAsync(pudong, TestPrincipals.Actor("pudong-officer"), item.Id, new LinkageFeedbackInput("完成选址", 10, ProjectStage.Approval),
            [new UploadedFile("run.exe", [0x4D, 0x5A, 0x90, 0x00])], ct);
        Assert.Equal(UseCaseStatus.Invalid, bad.Status);
        Assert.Contains("run.exe", bad.Errors.Single().Message.Render(En), StringComparison.Ordinal);
        Assert.Empty((await items.GetAsync(staff, item.Id, ct)).Value!.Feedback);
        var pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"u8.ToArray();
        item = (await items.FeedbackAsync(pudong, TestPrincipals.Actor("pudong-officer"), item.Id, new LinkageFeedbackInput("完成选址", 10, ProjectStage.Approval),
            [new UploadedFile("选址意见书.pdf", pdf)], ct)).Value!;
        var given = item.Feedback.Single();
        Assert.False(given.Late);
        Assert.Equal(new DateOnly(2026, 3, 31), given.DueOn);
        var fileId = given.Files.Single().Id;
        Assert.Equal(pdf, (await items.FileAsync(yangpuDistrict, item.Id, fileId, ct)).Value!.Content);
        Assert.Equal(UseCaseStatus.NotFound, (await items.FileAsync(jinqiao, item.Id, fileId, ct)).Status);
        Assert.Equal(UseCaseStatus.NotFound, (await items.FileAsync(staff, Guid.NewGuid(), fileId, ct)).Status);

        // Close-out: not while a node is open; not verified by whoever asked; returned with a note, then closed.
        item = (await items.UpdateNodeAsync(staff, TestPrincipals.Actor("city-staff"), item.Id, item.Nodes[0].Id, new NodeUpdateInput(NodeStatus.Met, new DateOnly(2026, 3, 18), null), ct)).Value!;
        var early = await items.RequestCloseAsync(staff, TestPrincipals.Actor("city-staff"), item.Id, new CloseRequestInput("已完成", item.Version), ct);
        Assert.Equal("LinkageNodeStillOpen", early.Errors.Single().Message.Key);
        Assert.Equal(UseCaseStatus.Invalid, (await items.UpdateNodeAsync(staff, TestPrincipals.Actor(), item.Id, item.Nodes[1].Id, new NodeUpdateInput(NodeStatus.PartiallyMet, new DateOnly(2026, 3, 19), null), ct)).Status);
        item = (await items.UpdateNodeAsync(staff, TestPrincipals.Actor("city-staff"), item.Id, item.Nodes[1].Id, new NodeUpdateInput(NodeStatus.Met, new DateOnly(2026, 3, 19), null), ct)).Value!;
        item = (await items.RequestCloseAsync(staff, TestPrincipals.Actor("city-staff"), item.Id, new CloseRequestInput("项目已完成立项和主体施工", item.Version), ct)).Value!;
        Assert.Equal(LinkageStage.Verifying, item.Stage);
        Assert.Equal("LinkageVerifierNotRequester", (await items.VerifyAsync(staff, TestPrincipals.Actor("city-staff"), item.Id, new VerifyInput(true, null, item.Version), ct)).Errors.Single().Message.Key);
        Assert.Equal(UseCaseStatus.Invalid, (await items.VerifyAsync(admin, TestPrincipals.Actor("city-admin"), item.Id, new VerifyInput(false, null, item.Version), ct)).Status);
        item = (await items.VerifyAsync(admin, TestPrincipals.Actor("city-admin"), item.Id, new VerifyInput(false, "请补充竣工验收材料", item.Version), ct)).Value!;
        Assert.Equal(LinkageStage.Assigned, item.Stage);
        item = (await items.RequestCloseAsync(staff, TestPrincipals.Actor("city-staff"), item.Id, new CloseRequestInput("已补充验收材料", item.Version), ct)).Value!;
        item = (await items.VerifyAsync(admin, TestPrincipals.Actor("city-admin"), item.Id, new VerifyInput(true, null, item.Version), ct)).Value!;
        Assert.Equal(LinkageStage.Closed, item.Stage);
        Assert.Null(item.Light);
        Assert.Equal(UseCaseStatus.Invalid, (await items.FeedbackAsync(pudong, TestPrincipals.Actor(), item.Id, new LinkageFeedbackInput("x"), null, ct)).Status);
        item = (await items.ReopenAsync(admin, TestPrincipals.Actor("city-admin"), item.Id, new ReopenInput("审计发现问题，重新打开", item.Version), ct)).Value!;
        Assert.Equal(LinkageStage.Assigned, item.Stage);
        Assert.Equal(
            [LinkageAction.Created, LinkageAction.Assigned, LinkageAction.Signed, LinkageAction.Signed, LinkageAction.Urged, LinkageAction.Signed, LinkageAction.UrgingAnswered,
             LinkageAction.FeedbackGiven, LinkageAction.NodeUpdated, LinkageAction.NodeUpdated, LinkageAction.CloseRequested, LinkageAction.Returned, LinkageAction.CloseRequested,
             LinkageAction.Closed, LinkageAction.Reopened],
            item.Trail.Select(t => t.Action));

        // The league table: Pudong did everything on time; Yangpu signed late but answered its urging in time.
        var table = (await league.TableAsync(yangpuPark, cancellationToken: ct)).Value!;
        var pudongRow = table.Single(r => r.Unit.Code == "310115");
        Assert.Equal((1, 1, 0, 100.0), (pudongRow.SignOnTime, pudongRow.FeedbackOnTime, pudongRow.SignLate, pudongRow.Score!.Value));
        var yangpuRow = table.Single(r => r.Unit.Code == "yangpu");
        Assert.Equal((1, 1, 1, 50.0), (yangpuRow.SignLate, yangpuRow.Urgings, yangpuRow.UrgingsOnTime, yangpuRow.Score!.Value));
        Assert.True(pudongRow.Rank < yangpuRow.Rank);
        Assert.Equal(UseCaseStatus.Forbidden, (await league.TableAsync(firm, cancellationToken: ct)).Status);

        // Every write is in the audit log.
        await using (var db = database.CreateContext())
        {
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(LinkageUrging) && a.UserName == "city-staff", ct));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(AttachedFile) && a.UserName == "pudong-officer", ct));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(LinkageUnit) && a.UserName == "pm-yangpu", ct));
        }
    }
}
