using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.E2E;

/// <summary>
/// Every page in zh-CN and en, as the role that uses it: a screenshot for people to look at
/// (artifacts/screenshots/), and a check that no page shows a raw resource key instead of text.
/// </summary>
public sealed partial class ScreenshotTourTests
{
    private static readonly (string Name, string Path, string Role)[] Pages =
    [
        ("home", "/", "anonymous"),
        ("parks", "/parks", "anonymous"),
        ("park-detail", "/parks/science-city", "anonymous"),
        ("login", "/account/login", "anonymous"),
        ("register", "/account/register", "anonymous"),
        ("registrations", "/registrations", Roles.ParkManager),
        ("park-edit", "/parks/yangpu/edit", Roles.ParkManager),
        ("organisations", "/organisations", Roles.ParkManager),
        ("organisation-new", "/organisations/new", Roles.ParkManager),
        ("account", "/account", Roles.ParkManager),
        ("change-password", "/account/change-password", Roles.ParkManager),
        ("two-factor", "/account/two-factor", Roles.ParkManager),
        ("audit", "/admin/audit", Roles.AuditAdmin),
        ("users", "/admin/users", Roles.SecurityAdmin),
    ];

    [Fact]
    public async Task Every_page_renders_translated_in_both_languages()
    {
        await using var session = await ChromiumSession.StartAsync();
        var users = new Dictionary<string, Zhangjiang.Tests.Shared.Web.TestUser>
        {
            [Roles.ParkManager] = await session.Factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"),
            [Roles.AuditAdmin] = await session.Factory.CreateUserAsync("auditor", Roles.AuditAdmin),
            [Roles.SecurityAdmin] = await session.Factory.CreateUserAsync("security", Roles.SecurityAdmin),
            [Roles.CityAdmin] = await session.Factory.CreateUserAsync("city-admin", Roles.CityAdmin),
        };
        // The evaluation pages need rounds: the demo builds three published years and an open one.
        var demo = await session.Factory.WithServicesAsync(sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Zhangjiang.Platform.Features.Evaluation.EvaluationDemo>(sp).GenerateAsync(2022));
        var published = demo.Last(r => r.Status == Zhangjiang.Platform.Features.Evaluation.RoundStatus.Published).Id;
        var open = demo.Single(r => r.Status == Zhangjiang.Platform.Features.Evaluation.RoundStatus.Open).Id;
        var framework = await session.Factory.WithServicesAsync(async sp =>
        {
            var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Zhangjiang.Platform.Data.ZjDbContext>(sp);
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.EvaluationFrameworks, f => f.Family == "MOST-2021");
        });
        (string Name, string Path, string Role)[] evaluationPages =
        [
            ("portal-evaluation", "/portal/evaluation", "anonymous"),
            ("evaluation", "/evaluation", Roles.ParkManager),
            ("submission", $"/evaluation/rounds/{open}/submissions/yangpu", Roles.ParkManager),
            ("ranking", $"/evaluation/rounds/{published}/ranking", Roles.ParkManager),
            ("scorecard", $"/evaluation/rounds/{published}/scorecards/yangpu", Roles.ParkManager),
            ("evaluation-city", "/evaluation", Roles.CityAdmin),
            ("round", $"/evaluation/rounds/{published}", Roles.CityAdmin),
            ("round-new", "/evaluation/rounds/new", Roles.CityAdmin),
            ("frameworks", "/evaluation/frameworks", Roles.CityAdmin),
            ("benchmarks", "/evaluation/benchmarks", Roles.CityAdmin),
            ("framework", $"/evaluation/frameworks/{framework.Id}", Roles.CityAdmin),
            ("ranking-city", $"/evaluation/rounds/{published}/ranking", Roles.CityAdmin),
        ];
        // The enterprise pages need firms: 300 demo firms over six years, their awards, and the roll-up.
        var lastYear = DateTime.UtcNow.Year - 1;
        var csv = Path.Combine(Path.GetTempPath(), $"zj-tour-{Guid.NewGuid():N}.csv");
        await session.Factory.WithServicesAsync(async sp =>
        {
            var services = sp;
            await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Zhangjiang.Platform.Features.Enterprises.EnterpriseDemo>(services)
                .GenerateAsync(300, 6, 7, lastYear, csv);
            var city = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, Roles.CityAdmin)], "tour"));
            return await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Zhangjiang.Platform.Features.Enterprises.StatisticsRollup>(services)
                .ComputeAsync(city, Zhangjiang.Platform.Features.Auditing.AuditActor.System);
        });
        File.Delete(csv);
        var firm = Zhangjiang.Platform.Features.Enterprises.EnterpriseDemo.Code(1);
        (string Name, string Path, string Role)[] enterprisePages =
        [
            ("enterprises", "/enterprises", Roles.CityAdmin),
            ("enterprise", $"/enterprises/{firm}", Roles.CityAdmin),
            ("expiring", "/enterprises/expiring", Roles.CityAdmin),
            ("cultivation-zone", "/enterprises/cultivation", Roles.CityAdmin),
            ("rollup", "/enterprises/rollup", Roles.CityAdmin),
            ("tier-rules", "/enterprises/tier-rules", Roles.CityAdmin),
            ("enterprises-park", "/enterprises", Roles.ParkManager),
            ("statistics-import", "/enterprises/statistics", Roles.ParkManager),
            ("cultivation", "/enterprises/cultivation", Roles.ParkManager),
            ("fund", "/fund", Roles.CityAdmin),
            ("fund-park", "/fund", Roles.ParkManager),
        ];
        // The fund page shows topic budgets: two topics this year.
        await session.Factory.WithServicesAsync(async sp =>
        {
            var setup = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Zhangjiang.Platform.Features.Fund.FundSetup>(sp);
            var city = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, Roles.CityAdmin)], "tour"));
            await setup.SetBudgetAsync(city, Zhangjiang.Platform.Features.Auditing.AuditActor.System, "park-construction", DateTime.UtcNow.Year,
                new Zhangjiang.Platform.Features.Fund.FundBudgetInput { AmountFen = 8_000_000_000 });
            return await setup.SetBudgetAsync(city, Zhangjiang.Platform.Features.Auditing.AuditActor.System, "gradient-cultivation", DateTime.UtcNow.Year,
                new Zhangjiang.Platform.Features.Fund.FundBudgetInput { AmountFen = 12_345_600_00 });
        });
        // The call pages: an open call on the two funded topics, and a draft from the template.
        var (openCall, draftCall) = await session.Factory.WithServicesAsync(async sp =>
        {
            var calls = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Zhangjiang.Platform.Features.Fund.FundCalls>(sp);
            var city = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, Roles.CityAdmin)], "tour"));
            var now = session.Factory.Clock.GetUtcNow().UtcDateTime;
            var input = new Zhangjiang.Platform.Features.Fund.FundCallInput
            {
                Year = DateTime.UtcNow.Year, TitleZh = $"{DateTime.UtcNow.Year}年度张江专项（第一批）申报指南", TitleEn = $"Zhangjiang special fund {DateTime.UtcNow.Year}, first call",
                GuideZh = "一、支持方向\n围绕建设世界领先科技园区，支持高质量科技园区建设和梯度培育科技创新企业。\n二、申报要求\n申报主体注册在张江高新区各分园内，信用良好。",
                GuideEn = "1. What is supported\nHigh-quality science park construction and the gradient cultivation of tech enterprises.\n2. Who may apply\nApplicants registered in a sub-park of the zone, in good standing.",
                OpensUtc = now.AddDays(-1), ClosesUtc = now.AddDays(30), ReviewDeadlineUtc = now.AddDays(60),
            };
            var auditor = Zhangjiang.Platform.Features.Auditing.AuditActor.System;
            var open = (await calls.CreateAsync(city, auditor, input)).Value!;
            var rules = open.Rules with { Topics = open.Rules.Topics.Where(t => t.TopicCode != "innovation-ecosystem").ToList() };
            open = (await calls.UpdateAsync(city, auditor, open.Id, input with { Rules = rules, Version = open.Version })).Value!;
            open = (await calls.OpenAsync(city, auditor, open.Id, open.Version)).Value!;
            var draft = (await calls.CreateAsync(city, auditor, input with { TitleZh = "草稿：第二批申报指南", TitleEn = "Draft: second call" })).Value!;
            return (open.Id, draft.Id);
        });
        // An enterprise's submitted application to the open call (the demo firm, registered as an organisation for its account).
        var application = await session.Factory.WithServicesAsync(async sp =>
        {
            var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Zhangjiang.Platform.Data.ZjDbContext>(sp);
            db.Actor = Zhangjiang.Platform.Features.Auditing.AuditActor.System;
            db.Organisations.Add(new Zhangjiang.Platform.Features.Organisations.Organisation
            {
                CreditCode = firm, NameZh = "示例企业", Kind = Zhangjiang.Platform.Features.Organisations.OrganisationKind.Enterprise,
            });
            await db.SaveChangesAsync();
            var apps = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Zhangjiang.Platform.Features.Fund.FundApplications>(sp);
            var applicant = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, Roles.Enterprise), new System.Security.Claims.Claim(Zhangjiang.Platform.Authorization.ZjClaims.Organisation, firm)], "tour"));
            var auditor = Zhangjiang.Platform.Features.Auditing.AuditActor.System;
            var started = (await apps.StartAsync(applicant, auditor, openCall, "gradient-cultivation")).Value!;
            var saved = (await apps.SaveAsync(applicant, auditor, started.Summary.Id, new Zhangjiang.Platform.Features.Fund.FundApplicationInput
            {
                ProjectTitle = "车规级芯片可靠性测试公共服务平台",
                Answers = new Dictionary<string, string?>
                {
                    ["summary"] = "面向园区集成电路企业建设车规级芯片可靠性测试平台。", ["background"] = "园区车规芯片企业送测周期长、成本高。",
                    ["plan"] = "第一年完成设备采购与实验室建设，第二年通过CNAS认可并对外服务。", ["outcomes"] = "服务企业50家，测试收入800万元。",
                },
                BudgetLines = [new("设备购置费", "高低温试验箱等", 120_0000_00, 100_0000_00), new("人员费", null, 30_0000_00, 60_0000_00)],
                Targets = [new("服务企业数", "家", 5, 50, new DateOnly(DateTime.UtcNow.Year + 2, 6, 30)), new("测试收入", "万元", null, 800, new DateOnly(DateTime.UtcNow.Year + 2, 12, 31))],
                Team = [new("张伟", "高级工程师", "示例企业", "项目负责人"), new("李娜", "工程师", "示例企业", "测试方法开发")],
                Version = started.Version,
            })).Value!;
            await apps.AttachAsync(applicant, auditor, saved.Summary.Id, "可行性研究报告.pdf", System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"));
            var version = (await apps.GetAsync(applicant, saved.Summary.Id)).Value!.Version;
            var submitted = await apps.SubmitAsync(applicant, auditor, saved.Summary.Id, version);
            Assert.True(submitted.Succeeded, string.Join("; ", submitted.Errors.Select(e => e.Field + ": " + e.Message)));
            return saved.Summary.Id;
        });
        enterprisePages =
        [
            .. enterprisePages,
            ("fund-calls", "/fund/calls", Roles.CityAdmin),
            ("fund-call-draft", $"/fund/calls/{draftCall}", Roles.CityAdmin),
            ("fund-call-open-city", $"/fund/calls/{openCall}", Roles.CityAdmin),
            ("fund-calls-park", "/fund/calls", Roles.ParkManager),
            ("fund-call", $"/fund/calls/{openCall}", Roles.ParkManager),
            ("fund-call-applicant", $"/fund/calls/{openCall}", Roles.Enterprise),
            ("fund-applications-firm", "/fund/applications", Roles.Enterprise),
            ("fund-application", $"/fund/applications/{application}", Roles.Enterprise),
            ("fund-applications", "/fund/applications", Roles.CityAdmin),
            ("fund-application-city", $"/fund/applications/{application}", Roles.CityAdmin),
            ("fund-experts", "/fund/experts", Roles.CityAdmin),
        ];
        await session.Factory.WithServicesAsync(async sp =>
        {
            var pool = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Zhangjiang.Platform.Features.Fund.FundExperts>(sp);
            var city = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, Roles.CityAdmin)], "tour"));
            foreach (var (name, institution, topics) in new[]
            {
                ("王建国", "上海交通大学", new[] { "park-construction", "innovation-ecosystem" }), ("李华", "复旦大学", new[] { "gradient-cultivation" }),
                ("陈明", "上海市科学学研究所", new[] { "park-construction", "gradient-cultivation", "innovation-ecosystem" }),
            })
            {
                await pool.SaveAsync(city, Zhangjiang.Platform.Features.Auditing.AuditActor.System, null, new Zhangjiang.Platform.Features.Fund.FundExpertInput
                {
                    Name = name, Institution = institution, Title = "教授", Topics = topics, Industries = ["C39"],
                });
            }
            return 0;
        });
        users[Roles.Enterprise] = await session.Factory.CreateUserAsync("firm-user", Roles.Enterprise, org: firm);
        var setupToken = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Zhangjiang.Web.Features.Identity.SetupToken>(session.Factory.Services).Issue();
        var pages = Pages.Append((Name: "setup", Path: "/account/setup?token=" + setupToken, Role: "anonymous")).Concat(evaluationPages).Concat(enterprisePages).ToArray();
        var keys = ResourceKeys();
        var problems = new List<string>();
        foreach (var culture in new[] { "zh-CN", "en" })
        {
            foreach (var role in pages.Select(p => p.Role).Distinct())
            {
                var page = await session.NewPageAsync();
                if (culture == "en")
                {
                    await page.Context.AddCookiesAsync([new Cookie { Name = "zj-culture", Value = "c%3Den%7Cuic%3Den", Url = session.BaseUrl }]);
                }
                if (users.TryGetValue(role, out var user))
                {
                    await session.SignInAsync(page, user);
                }
                foreach (var (name, path, _) in pages.Where(p => p.Role == role))
                {
                    await page.GotoAsync(session.BaseUrl + path);
                    if (await page.Locator("#zj-render-mode").CountAsync() > 0 && !path.StartsWith("/account/", StringComparison.Ordinal))
                    {
                        await ChromiumSession.WaitInteractiveAsync(page);
                    }
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    await ChromiumSession.ShotAsync(page, $"{name}.{culture}");
                    // Audit rows hold technical data (field names, event codes) on purpose: the UI around them is checked.
                    var text = await page.EvaluateAsync<string>("() => { const b = document.body.cloneNode(true); b.querySelectorAll('.zj-data').forEach(e => e.remove()); return b.innerText; }");
                    problems.AddRange(keys.Where(k => Regex.IsMatch(text, $@"(?<![A-Za-z.]){Regex.Escape(k)}(?![A-Za-z])")).Select(k => $"{name} ({culture}): raw key '{k}'"));
                    if (culture == "zh-CN" && !HanText().IsMatch(await page.InnerTextAsync("h1")))
                    {
                        problems.Add($"{name} (zh-CN): heading is not in Chinese");
                    }
                }
                await page.Context.CloseAsync();
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Resource keys that would never appear as real text (camel-case or dotted, e.g. NavParks, Role.CityAdmin).</summary>
    private static List<string> ResourceKeys()
    {
        var root = Zhangjiang.Platform.Data.DatabaseSetup.FindDataRoot(AppContext.BaseDirectory);
        var resx = XDocument.Load(Path.Combine(root, "src", "Zhangjiang.Web", "Resources", "UiText.resx"));
        return resx.Root!.Elements("data").Select(d => d.Attribute("name")!.Value)
            .Where(k => k.Contains('.', StringComparison.Ordinal) || CamelCase().IsMatch(k))
            .ToList();
    }

    [GeneratedRegex("^[A-Z][a-z0-9]+[A-Z]")]
    private static partial Regex CamelCase();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HanText();
}
