using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.E2E;

/// <summary>The city sets a topic's budget on the fund page in 万元; the table shows it and the database holds it in fen.</summary>
public sealed class FundJourneyTests
{
    [Fact]
    public async Task The_city_sets_a_topic_budget_in_ten_thousand_yuan_and_sees_it_in_the_table()
    {
        await using var session = await ChromiumSession.StartAsync();
        var admin = await session.Factory.CreateUserAsync("city-admin", Roles.CityAdmin);
        var page = await session.NewPageAsync();
        await session.SignInAsync(page, admin);

        await page.GotoAsync(session.BaseUrl + "/fund");
        await ChromiumSession.WaitInteractiveAsync(page);
        var year = DateTime.Today.Year + 1;
        await page.GetByLabel("年度").FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("金额（万元）").FillAsync("1234.56");
        await page.ClickAsync("#zj-fund-save");
        try
        {
            await page.WaitForSelectorAsync("#zj-fund-budgets td:has-text('1,234.56')");
        }
        finally
        {
            await ChromiumSession.ShotAsync(page, "fund-budget-journey.zh-CN");
        }

        await using var db = session.Factory.Database.CreateContext();
        var budget = await db.FundTopicBudgets.SingleAsync(b => b.Year == year);
        Assert.Equal(("park-construction", 1_234_560_000L, "city-admin"), (budget.TopicCode, budget.AmountFen, budget.UpdatedBy));
    }

    [Fact]
    public async Task The_city_drafts_a_call_narrows_it_in_the_editor_and_opens_it_once_its_topic_has_a_budget()
    {
        await using var session = await ChromiumSession.StartAsync();
        var admin = await session.Factory.CreateUserAsync("city-staff", Roles.CityStaff);
        var page = await session.NewPageAsync();
        await session.SignInAsync(page, admin);

        await page.GotoAsync(session.BaseUrl + "/fund/calls");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.ClickAsync("#zj-call-create");
        await page.WaitForURLAsync(url => url.Contains("/fund/calls/", StringComparison.Ordinal) && !url.EndsWith("/calls", StringComparison.Ordinal));
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-call-editor");
        var year = DateTime.Today.Year + 1;

        // Eligibility: seven experts, a largest grant of 150 万元.
        await OpenTabAsync(page, "申报条件", page.GetByLabel("每项评审专家数"));
        await page.GetByLabel("每项评审专家数").FillAsync("7");
        await page.GetByLabel("单项最高资助（万元）").FillAsync("150");
        await ChromiumSession.ShotAsync(page, "fund-call-eligibility.zh-CN");
        // Topics: the call opens only the gradient-cultivation topic.
        await OpenTabAsync(page, "专题与申报表", page.GetByLabel("高质量科技园区建设 — 开放本专题"));
        await page.GetByLabel("高质量科技园区建设 — 开放本专题").UncheckAsync();
        await page.GetByLabel("优化园区创新创业生态 — 开放本专题").UncheckAsync();
        await ChromiumSession.ShotAsync(page, "fund-call-topics.zh-CN");
        // Rubric: a weight changed shows the total is off; saving is refused with the reason, then put right.
        await OpenTabAsync(page, "评分标准", page.Locator("#zj-call-rubric-edit"));
        var firstWeight = page.Locator("#zj-call-rubric-edit tbody tr").First.Locator("input").Nth(4);
        await firstWeight.FillAsync("40");
        await firstWeight.PressAsync("Tab");
        await page.WaitForSelectorAsync("#zj-call-weights:has-text('110')");
        await ChromiumSession.ShotAsync(page, "fund-call-rubric.zh-CN");
        await page.ClickAsync("#zj-call-save");
        await page.WaitForSelectorAsync("#zj-call-errors:has-text('评分权重合计为 110')");
        await firstWeight.FillAsync("30");
        await firstWeight.PressAsync("Tab");
        await page.ClickAsync("#zj-call-save");
        await page.WaitForSelectorAsync("#zj-call-weights:has-text('100')");

        // Opening without a budget names the topic; with one, the call opens and leaves the editor.
        await page.ClickAsync("#zj-call-open");
        await page.WaitForSelectorAsync("#zj-call-errors:has-text('梯度培育科技创新企业')");
        await session.Factory.WithServicesAsync(async sp =>
        {
            var setup = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Zhangjiang.Platform.Features.Fund.FundSetup>(sp);
            var city = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, Roles.CityStaff)], "test"));
            return await setup.SetBudgetAsync(city, Zhangjiang.Platform.Features.Auditing.AuditActor.System, "gradient-cultivation", year,
                new Zhangjiang.Platform.Features.Fund.FundBudgetInput { AmountFen = 20_000_000_00 });
        });
        await page.ClickAsync("#zj-call-open");
        try
        {
            await page.WaitForSelectorAsync("#zj-call-view");
        }
        finally
        {
            await ChromiumSession.ShotAsync(page, "fund-call-opened.zh-CN");
        }
        Assert.Contains("申报中", await page.InnerTextAsync("#zj-call-status"), StringComparison.Ordinal);

        await using var db = session.Factory.Database.CreateContext();
        var call = await db.FundCalls.Include(c => c.Topics).SingleAsync();
        var rules = Zhangjiang.Platform.Features.Fund.FundCallRules.FromJson(call.RulesJson);
        Assert.Equal((Zhangjiang.Platform.Features.Fund.FundCallStatus.Open, year, 7, 150_000_000L), (call.Status, call.Year, rules.ExpertsPerApplication, rules.MaxGrantFen));
        Assert.Equal(["gradient-cultivation"], call.Topics.Select(t => t.TopicCode));
        Assert.Equal(30, rules.Rubric[0].Weight);
    }

    /// <summary>Opens an editor tab and waits for something only its panel shows.</summary>
    private static async Task OpenTabAsync(Microsoft.Playwright.IPage page, string tab, Microsoft.Playwright.ILocator shown)
    {
        await page.GetByRole(Microsoft.Playwright.AriaRole.Tab, new() { Name = tab }).ClickAsync();
        await shown.WaitForAsync();
    }
}
