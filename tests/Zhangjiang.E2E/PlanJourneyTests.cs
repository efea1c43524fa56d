using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Plans;

namespace Zhangjiang.E2E;

/// <summary>A park manager adds a target to the park's plan and submits it; the city clears and publishes it; others read it.</summary>
public sealed class PlanJourneyTests
{
    [Fact]
    public async Task A_park_edits_and_submits_its_plan_and_the_city_publishes_it()
    {
        await using var session = await ChromiumSession.StartAsync();
        Guid planId;
        await using (var db = session.Factory.Database.CreateContext())
        {
            planId = (await db.ParkPlans.SingleAsync(p => p.ParkCode == "jinqiao")).Id;
        }
        var manager = await session.Factory.CreateUserAsync("pm-jinqiao", Roles.ParkManager, park: "jinqiao");
        var page = await session.NewPageAsync();
        await session.SignInAsync(page, manager);
        await page.GotoAsync($"{session.BaseUrl}/plans");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-plans :text('金桥园')");
        await ChromiumSession.ShotAsync(page, "plans.zh-CN");

        await page.GotoAsync($"{session.BaseUrl}/plans/{planId}");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-plan-editor");
        await page.ClickAsync("#zj-plan-add-target");
        var row = page.Locator("#zj-plan-targets-editor tbody tr").Last;
        await row.Locator("input").Nth(0).FillAsync("规上工业总产值");
        await row.Locator("input").Nth(1).FillAsync("亿元");
        await row.Locator("input").Nth(3).FillAsync("2500");
        await row.Locator("input").Nth(4).FillAsync("2023");
        await row.Locator("input").Nth(5).FillAsync("3000");
        await row.Locator("input").Nth(6).FillAsync("2026");
        await row.Locator("input").Nth(6).PressAsync("Tab");
        await ChromiumSession.ShotAsync(page, "plan-editor.zh-CN");
        await page.ClickAsync("#zj-plan-submit");
        await page.WaitForSelectorAsync("#zj-plan-status:has-text('已提交')");

        // The city clears it and publishes it as version 1.
        var staff = await session.Factory.CreateUserAsync("city-staff", Roles.CityStaff);
        var cityPage = await session.NewPageAsync();
        await session.SignInAsync(cityPage, staff);
        await cityPage.GotoAsync($"{session.BaseUrl}/plans/{planId}");
        await ChromiumSession.WaitInteractiveAsync(cityPage);
        await cityPage.ClickAsync("#zj-plan-approve");
        await cityPage.WaitForSelectorAsync("#zj-plan-status:has-text('审核通过')");
        await cityPage.ClickAsync("#zj-plan-publish");
        await cityPage.WaitForSelectorAsync("#zj-plan-status:has-text('已发布')");
        await cityPage.WaitForSelectorAsync("#zj-plan-targets :text('规上工业总产值')");
        await cityPage.WaitForSelectorAsync("#zj-plan-versions :text('第 1 版')");
        await ChromiumSession.ShotAsync(cityPage, "plan-published.zh-CN");
        await cityPage.Context.AddCookiesAsync([new Cookie { Name = "zj-culture", Value = "c%3Den%7Cuic%3Den", Url = session.BaseUrl }]);
        await cityPage.ReloadAsync();
        await ChromiumSession.WaitInteractiveAsync(cityPage);
        await cityPage.WaitForSelectorAsync("#zj-plan-status:has-text('Published')");
        await ChromiumSession.ShotAsync(cityPage, "plan-published.en");
        await cityPage.GotoAsync($"{session.BaseUrl}/plans");
        await ChromiumSession.WaitInteractiveAsync(cityPage);
        await cityPage.WaitForSelectorAsync("#zj-plans :text('Jinqiao')");
        await ChromiumSession.ShotAsync(cityPage, "plans.en");

        // The park starts a revision: the editor is back, in English here.
        await page.Context.AddCookiesAsync([new Cookie { Name = "zj-culture", Value = "c%3Den%7Cuic%3Den", Url = session.BaseUrl }]);
        await page.GotoAsync($"{session.BaseUrl}/plans/{planId}");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.ClickAsync("#zj-plan-revise");
        await page.WaitForSelectorAsync("#zj-plan-editor");
        await ChromiumSession.ShotAsync(page, "plan-editor.en");

        await using var check = session.Factory.Database.CreateContext();
        var plan = await check.ParkPlans.Include(p => p.Targets).SingleAsync(p => p.Id == planId);
        Assert.Equal((PlanWorkflow.Drafting, 2, 3000.0), (plan.Workflow, plan.VersionNumber, plan.Targets.Single().TargetValue!.Value));
        Assert.Equal(1, await check.ParkPlanVersions.CountAsync(v => v.PlanId == planId));
    }

    [Fact]
    public async Task A_park_writes_and_submits_a_progress_report_and_sees_why_a_target_is_behind()
    {
        await using var session = await ChromiumSession.StartAsync();
        var city = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "city-staff"), new Claim(ClaimTypes.Role, Roles.CityStaff)], "test"));
        var year = session.Factory.Clock.GetUtcNow().Year;
        var planId = await session.Factory.WithServicesAsync(async sp =>
        {
            var plans = sp.GetRequiredService<ParkPlans>();
            var id = (await plans.ListAsync(city)).Single(p => p.ParkCode == "jinqiao").Id;
            var draft = (await plans.GetAsync(city, id)).Value!;
            var plan = (await plans.SaveAsync(city, AuditActor.System, id, new PlanInput
            {
                TitleZh = draft.TitleZh, TitleEn = draft.TitleEn, PositioningZh = draft.PositioningZh, PositioningEn = draft.PositioningEn, Source = draft.Source,
                Targets =
                [
                    new("规上工业总产值", "Industrial output", "亿元", TargetDirection.Increase, 2500, year - 2, 3000, year + 1, null, null),
                    new("“金桥智造城”基本建成", "Jinqiao Smart Manufacturing City takes shape", null, TargetDirection.Qualitative, null, null, null, year + 1, null, null),
                ],
                Version = draft.Version,
            })).Value!;
            plan = (await plans.SubmitAsync(city, AuditActor.System, id, plan.Version)).Value!;
            plan = (await plans.ReviewAsync(city, AuditActor.System, id, new PlanReviewInput(true, null, plan.Version))).Value!;
            await plans.PublishAsync(city, AuditActor.System, id, plan.Version);
            return id;
        });

        var manager = await session.Factory.CreateUserAsync("pm-jinqiao", Roles.ParkManager, park: "jinqiao");
        var page = await session.NewPageAsync();
        await session.SignInAsync(page, manager);
        await page.GotoAsync($"{session.BaseUrl}/plans/{planId}");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-plan-progress");
        await page.Locator("#zj-plan-progress .zj-open-report").First.ClickAsync();
        await page.WaitForSelectorAsync("#zj-plan-report");
        await page.Locator("#zj-plan-report .zj-report-value input").First.FillAsync("2600");
        await page.FillAsync("#zj-report-narrative", "产值增长放缓，两个重点项目延期投产。");
        await page.Locator("#zj-report-narrative").PressAsync("Tab");
        // Submitting without the stated target's assessment is refused and says which target.
        await page.ClickAsync("#zj-report-submit");
        await page.WaitForSelectorAsync("#zj-plan-errors :text('金桥智造城')");
        await page.Locator("#zj-plan-report .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item:has-text('有风险')").ClickAsync();
        await ChromiumSession.ShotAsync(page, "plan-report.zh-CN");
        await page.ClickAsync("#zj-report-submit");
        await page.WaitForSelectorAsync("#zj-plan-progress :text('已提交')");
        await page.WaitForSelectorAsync("#zj-plan-progress .zj-target-progress :text('滞后')");
        await ChromiumSession.ShotAsync(page, "plan-progress.zh-CN");
        await page.Context.AddCookiesAsync([new Cookie { Name = "zj-culture", Value = "c%3Den%7Cuic%3Den", Url = session.BaseUrl }]);
        await page.ReloadAsync();
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-plan-progress .zj-target-progress :text('Off track')");
        await ChromiumSession.ShotAsync(page, "plan-progress.en");

        await using var check = session.Factory.Database.CreateContext();
        var report = await check.PlanReports.Include(r => r.Values).SingleAsync(r => r.PlanId == planId);
        Assert.Equal((PlanReportStatus.Submitted, 2), (report.Status, report.Values.Count));
        Assert.Contains(report.Values, v => v.Actual == 2600);
        Assert.Contains(report.Values, v => v.Assessment == TargetStatus.AtRisk);
    }

    [Fact]
    public async Task A_park_turns_a_weak_link_of_its_scorecard_into_a_plan_target()
    {
        await using var session = await ChromiumSession.StartAsync();
        var rounds = await session.Factory.WithServicesAsync(sp => sp.GetRequiredService<Zhangjiang.Platform.Features.Evaluation.EvaluationDemo>().GenerateAsync(2022));
        var published = rounds.Last(r => r.Status == Zhangjiang.Platform.Features.Evaluation.RoundStatus.Published).Id;
        var manager = await session.Factory.CreateUserAsync("pm-jiading", Roles.ParkManager, park: "jiading");
        var page = await session.NewPageAsync();
        await session.SignInAsync(page, manager);
        await page.GotoAsync($"{session.BaseUrl}/evaluation/rounds/{published}/scorecards/jiading");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.ClickAsync("#zj-scorecard-to-plan");
        await page.WaitForSelectorAsync("#zj-plan-weak-links .zj-weak-link");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.Locator("#zj-plan-weak-links .zj-weak-as-target").First.ClickAsync();
        await page.WaitForSelectorAsync("#zj-plan-errors, #zj-plan-weak-links .zj-weak-answered");
        Assert.Equal(0, await page.Locator("#zj-plan-errors").CountAsync());
        await page.Locator("#zj-plan-weak-links .zj-weak-as-task").First.ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#zj-plan-weak-links .zj-weak-answered').length >= 2");
        await ChromiumSession.ShotAsync(page, "plan-weak-links.zh-CN");
        await page.Context.AddCookiesAsync([new Cookie { Name = "zj-culture", Value = "c%3Den%7Cuic%3Den", Url = session.BaseUrl }]);
        await page.ReloadAsync();
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-plan-weak-links :text('Weak links answered')");
        await ChromiumSession.ShotAsync(page, "plan-weak-links.en");

        await using var check = session.Factory.Database.CreateContext();
        var plan = await check.ParkPlans.Include(p => p.Targets).Include(p => p.Tasks).SingleAsync(p => p.ParkCode == "jiading");
        Assert.Single(plan.Targets, t => t.IndicatorCode is not null && t.Source!.Contains("薄弱环节", StringComparison.Ordinal));
        Assert.Single(plan.Tasks, t => t.IndicatorCode is not null);
    }
}
