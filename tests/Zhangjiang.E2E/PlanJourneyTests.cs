using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
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
}
