using System.Security.Claims;
using Microsoft.Extensions.Time.Testing;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Organisations;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Fund;

/// <summary>
/// A database with an open 2027 call (two topics, both kinds, high-tech tier required, largest grant 200 万元, 1:1
/// self-funding), a firm in yangpu holding the high-tech tier, an operating agency of jiading, and a clock to move.
/// </summary>
internal sealed class FundWorld : IAsyncDisposable
{
    public static readonly DateTime Start = new(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly string Firm = EnterpriseDemo.Code(1);
    public static readonly string OtherFirm = EnterpriseDemo.Code(2);
    public const string Agency = "914403001922038216";

    private FundWorld(TestDatabase database, FakeTimeProvider clock)
    {
        Database = database;
        Clock = clock;
        var auth = TestPrincipals.Authorization();
        Calls = new FundCalls(database.Factory(clock), auth);
        Applications = new FundApplications(database.Factory(clock), auth);
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; }
    public FundCalls Calls { get; }
    public FundApplications Applications { get; }
    public FundCallDetail Call { get; private set; } = null!;

    public static ClaimsPrincipal City => TestPrincipals.User(Roles.CityStaff, name: "city-staff");
    public static ClaimsPrincipal FirmUser => TestPrincipals.User(Roles.Enterprise, name: "firm-user", org: Firm);
    public static ClaimsPrincipal OtherFirmUser => TestPrincipals.User(Roles.Enterprise, name: "other-firm", org: OtherFirm);
    public static ClaimsPrincipal AgencyUser => TestPrincipals.User(Roles.Operator, name: "agency-user", org: Agency);

    /// <summary>The call's rules: the template narrowed as described, with a number and a choice question on the cultivation form.</summary>
    public static FundCallRules Rules()
    {
        var template = FundCallRules.Template(["park-construction", "gradient-cultivation"], ["operating-agency", "enterprise"]);
        return template with
        {
            EnterpriseTiers = [EnterpriseTier.HighTechEnterprise],
            MaxGrantFen = 200_0000_00,
            MinSelfFundingPercent = 100,
            Topics =
            [
                template.Topics[0],
                template.Topics[1] with
                {
                    Form =
                    [
                        .. template.Topics[1].Form,
                        new FormField { Key = "jobs", LabelZh = "新增就业（人）", LabelEn = "New jobs", Kind = FormFieldKind.Number, Required = true },
                        new FormField { Key = "stage", LabelZh = "企业发展阶段", LabelEn = "Stage", Kind = FormFieldKind.Choice, Options = ["初创期", "成长期", "成熟期"] },
                    ],
                },
            ],
        };
    }

    public static async Task<FundWorld> CreateAsync(string provider, CancellationToken ct)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var world = new FundWorld(database, new FakeTimeProvider(new DateTimeOffset(Start.AddDays(-5))));
        await using (var db = database.CreateContext())
        {
            db.Actor = Features.Auditing.AuditActor.System;
            db.Enterprises.Add(new Enterprise { CreditCode = Firm, NameZh = "上海示例芯片科技有限公司", ParkCode = "yangpu", CreatedUtc = Start });
            db.Enterprises.Add(new Enterprise { CreditCode = OtherFirm, NameZh = "上海另一家科技有限公司", ParkCode = "yangpu", CreatedUtc = Start });
            db.TierAwards.Add(new TierAward
            {
                Id = Guid.NewGuid(), CreditCode = Firm, Tier = EnterpriseTier.HighTechEnterprise, AwardedOn = new DateOnly(2025, 12, 1),
                ExpiresOn = new DateOnly(2028, 11, 30), CreatedUtc = Start,
            });
            db.Organisations.Add(new Organisation { CreditCode = Agency, NameZh = "嘉定园区运营公司", Kind = OrganisationKind.OperatingAgency, ParkCode = "jiading", CreatedUtc = Start });
            await db.SaveChangesAsync(ct);
        }
        var setup = new FundSetup(database.Factory(world.Clock));
        foreach (var topic in new[] { "park-construction", "gradient-cultivation" })
        {
            await setup.SetBudgetAsync(City, TestPrincipals.Actor(), topic, 2027, new FundBudgetInput { AmountFen = 1000_0000_00 }, ct);
        }
        world.Call = await world.OpenCallAsync(Rules(), ct);
        world.Clock.SetUtcNow(new DateTimeOffset(Start.AddDays(1)));
        return world;
    }

    public async Task<FundCallDetail> OpenCallAsync(FundCallRules rules, CancellationToken ct)
    {
        var draft = (await Calls.CreateAsync(City, TestPrincipals.Actor("city-staff"), FundCallsTests.Input(rules: rules), ct)).Value!;
        var opened = await Calls.OpenAsync(City, TestPrincipals.Actor("city-staff"), draft.Id, draft.Version, ct);
        Assert.True(opened.Succeeded, string.Join("; ", opened.Errors.Select(e => e.Field + ": " + e.Message)));
        return opened.Value!;
    }

    /// <summary>A complete application that passes every rule of the call: 150 万元 requested, 150 万元 self-funded.</summary>
    public static FundApplicationInput Complete(Guid version) => new()
    {
        ProjectTitle = "车规级芯片测试平台建设",
        Answers = new Dictionary<string, string?>
        {
            ["summary"] = "建设车规级芯片可靠性测试平台。", ["background"] = "园区集成电路企业测试需求大。", ["plan"] = "2027年完成设备采购，2028年投入运营。",
            ["outcomes"] = "服务企业50家。", ["jobs"] = "35", ["stage"] = "成长期",
        },
        BudgetLines =
        [
            new("设备购置费", "测试设备", 120_0000_00, 100_0000_00),
            new("人员费", null, 30_0000_00, 50_0000_00),
        ],
        Targets = [new("服务企业数", "家", 0, 50, new DateOnly(2028, 12, 31)), new("测试收入", "万元", null, 800, new DateOnly(2028, 12, 31))],
        Team = [new("张伟", "高级工程师", "上海示例芯片科技有限公司", "项目负责人"), new("李娜", "工程师", null, "测试")],
        Exclusions = [new("王某", "某竞争企业", "存在竞争关系")],
        Version = version,
    };

    /// <summary>The smallest file that is a PDF by its content.</summary>
    public static byte[] Pdf(string text = "plan") => System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {text}\n%%EOF\n");

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
