using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.E2E;

/// <summary>
/// From the end of the public notice to acceptance in the browser: a city administrator approves, city staff sign the
/// contract and pay the advance, the enterprise reports its milestone and is told, the city accepts it, the final
/// report is rated at acceptance and the project closes when the last tranche is paid.
/// </summary>
public sealed class FundDeliveryJourneyTests
{
    [Fact]
    public async Task An_award_is_approved_contracted_reported_accepted_and_paid_in_the_browser()
    {
        await using var session = await ChromiumSession.StartAsync();
        var callId = await FundApplicationJourneyTests.OpenCallWithFirmAsync(session);
        var city = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "city-staff"), new Claim(ClaimTypes.Role, Roles.CityStaff)], "test"));
        var firm = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Enterprise), new Claim(ZjClaims.Organisation, FundApplicationJourneyTests.Firm)], "test"));
        var year = session.Factory.Clock.GetUtcNow().Year;
        var appId = await session.Factory.WithServicesAsync(async sp =>
        {
            var apps = sp.GetRequiredService<FundApplications>();
            var rules = (await sp.GetRequiredService<FundCalls>().GetAsync(city, callId)).Value!.Rules;
            var started = (await apps.StartAsync(firm, AuditActor.System, callId, "gradient-cultivation")).Value!;
            var saved = (await apps.SaveAsync(firm, AuditActor.System, started.Summary.Id, new FundApplicationInput
            {
                ProjectTitle = "车规级芯片测试平台建设",
                Answers = rules.Topics[0].Form.ToDictionary(f => f.Key, f => (string?)$"{f.LabelZh}：详见附件。"),
                BudgetLines = [new("设备购置费", "测试设备", 120_0000_00, 100_0000_00), new("人员费", null, 30_0000_00, 50_0000_00)],
                Targets = [new("服务企业数", "家", 0, 50, new DateOnly(year + 1, 6, 30)), new("测试收入", "万元", 0, 800, new DateOnly(year + 2, 6, 30))],
                Team = [new("张伟", "高级工程师", null, "项目负责人")],
                Version = started.Version,
            })).Value!;
            Assert.True((await apps.SubmitAsync(firm, AuditActor.System, saved.Summary.Id, saved.Version)).Succeeded);
            return saved.Summary.Id;
        });
        // The review and the notice have their own journeys: here the notice has just ended with the firm recommended.
        await using (var db = session.Factory.Database.CreateContext())
        {
            db.Actor = AuditActor.System;
            var call = await db.FundCalls.SingleAsync(c => c.Id == callId);
            (call.Status, call.NoticeStartsUtc, call.NoticeEndsUtc) = (FundCallStatus.PublicNotice, session.Factory.Clock.GetUtcNow().UtcDateTime.AddDays(-8), session.Factory.Clock.GetUtcNow().UtcDateTime.AddDays(-1));
            var application = await db.FundApplications.SingleAsync(a => a.Id == appId);
            (application.Status, application.FinalScore, application.Rank, application.GrantFen) = (FundApplicationStatus.Recommended, 86.5, 1, 150_0000_00);
            await db.SaveChangesAsync();
        }

        // A city administrator approves the awards.
        var admin = await session.Factory.CreateUserAsync("city-admin", Roles.CityAdmin);
        var page = await session.NewPageAsync();
        await session.SignInAsync(page, admin);
        await page.GotoAsync($"{session.BaseUrl}/fund/calls/{callId}/ranking");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.ClickAsync("#zj-approve");
        await page.WaitForSelectorAsync("#zj-ranking-status:has-text('已立项')");

        // City staff sign the contract from the application and pay the advance.
        var staff = await session.Factory.CreateUserAsync("city-staff", Roles.CityStaff);
        await page.Context.ClearCookiesAsync();
        await session.SignInAsync(page, staff);
        await page.GotoAsync($"{session.BaseUrl}/fund/applications/{appId}");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-sign-contract");
        await ChromiumSession.ShotAsync(page, "fund-application-sign.zh-CN");
        await page.Context.AddCookiesAsync([new Cookie { Name = "zj-culture", Value = "c%3Den%7Cuic%3Den", Url = session.BaseUrl }]);
        await page.ReloadAsync();
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-sign-contract :text('Sign the contract')");
        await ChromiumSession.ShotAsync(page, "fund-application-sign.en");
        await page.Context.AddCookiesAsync([new Cookie { Name = "zj-culture", Value = "c%3Dzh-CN%7Cuic%3Dzh-CN", Url = session.BaseUrl }]);
        await page.ReloadAsync();
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.ClickAsync("#zj-sign-submit");
        await page.WaitForURLAsync(url => url.Contains("/fund/contracts/", StringComparison.Ordinal));
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-contract-status:has-text('已签约')");
        await ChromiumSession.ShotAsync(page, "fund-contract-signed.zh-CN");
        await page.ClickAsync("#zj-contract-tabs .mud-tab:has-text('拨款')");
        await page.FillAsync("#zj-voucher-1", "PZ-2027-0001");
        await page.Locator("#zj-voucher-1").PressAsync("Tab");
        await page.ClickAsync("#zj-pay-1");
        await page.WaitForSelectorAsync("#zj-contract-paid:has-text('60')");
        await ChromiumSession.ShotAsync(page, "fund-contract-payments.zh-CN");

        // The enterprise reports its first milestone; the city is told and accepts it.
        var applicant = await session.Factory.CreateUserAsync("firm-user", Roles.Enterprise, org: FundApplicationJourneyTests.Firm);
        var firmPage = await session.NewPageAsync();
        await session.SignInAsync(firmPage, applicant);
        await firmPage.GotoAsync($"{session.BaseUrl}/fund/contracts/{appId}");
        await ChromiumSession.WaitInteractiveAsync(firmPage);
        await firmPage.ClickAsync("#zj-report-1");
        var kpis = await KpiIdsAsync(session, appId);
        await firmPage.FillAsync($"#zj-actual-{kpis[0]}", "32");
        await firmPage.FillAsync("#zj-report-text", "测试平台一期设备已到位，已服务企业32家。");
        await firmPage.Locator("#zj-report-text").PressAsync("Tab");
        await ChromiumSession.ShotAsync(firmPage, "fund-contract-report.zh-CN");
        await firmPage.ClickAsync("#zj-report-submit");
        await firmPage.WaitForSelectorAsync("#zj-milestone-1 :text('已报告，待审核')");

        await page.GotoAsync($"{session.BaseUrl}/fund/contracts/{appId}");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.ClickAsync("#zj-accept-1");
        await page.WaitForSelectorAsync("#zj-milestone-1 :text('已通过')");
        await page.GotoAsync($"{session.BaseUrl}/notifications");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-notifications :text('已报告第 1 个节点')");

        // The final report; acceptance rates each KPI (suggested from the values reached), and the last tranches are paid.
        await firmPage.GotoAsync($"{session.BaseUrl}/fund/contracts/{appId}");
        await ChromiumSession.WaitInteractiveAsync(firmPage);
        await firmPage.ClickAsync("#zj-report-2");
        await firmPage.FillAsync($"#zj-actual-{kpis[0]}", "56");
        await firmPage.FillAsync($"#zj-actual-{kpis[1]}", "600");
        await firmPage.FillAsync("#zj-report-text", "项目完成：服务企业56家，测试收入600万元。");
        await firmPage.Locator("#zj-report-text").PressAsync("Tab");
        await firmPage.ClickAsync("#zj-report-submit");
        await firmPage.WaitForSelectorAsync("#zj-milestone-2 :text('已报告，待审核')");

        await page.GotoAsync($"{session.BaseUrl}/fund/contracts/{appId}");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.ClickAsync("#zj-contract-tabs .mud-tab:has-text('验收')");
        await page.WaitForSelectorAsync("#zj-acceptance-preview:has-text('75.0')"); // met + partly met
        await page.FillAsync("#zj-acceptance-note", "专家组现场验收，收入指标部分完成。");
        await page.Locator("#zj-acceptance-note").PressAsync("Tab");
        await ChromiumSession.ShotAsync(page, "fund-contract-acceptance.zh-CN");
        await page.ClickAsync("#zj-acceptance-submit");
        await page.WaitForSelectorAsync("#zj-contract-status:has-text('已验收')");
        await page.ClickAsync("#zj-contract-tabs .mud-tab:has-text('拨款')");
        foreach (var order in new[] { 2, 3 })
        {
            await page.FillAsync($"#zj-voucher-{order}", $"PZ-2027-000{order}");
            await page.Locator($"#zj-voucher-{order}").PressAsync("Tab");
            await page.ClickAsync($"#zj-pay-{order}");
            await page.WaitForSelectorAsync($"#zj-tranches tr:has-text('PZ-2027-000{order}')");
        }
        await page.WaitForSelectorAsync("#zj-contract-status:has-text('已结项')");
        await ChromiumSession.ShotAsync(page, "fund-contract-closed.zh-CN");
        await page.GotoAsync($"{session.BaseUrl}/fund/contracts");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-contracts :text('车规级芯片测试平台建设')");
        await ChromiumSession.ShotAsync(page, "fund-contracts.zh-CN");
        await page.GotoAsync($"{session.BaseUrl}/fund/reports");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-stat-awards:has-text('1')");
        await page.WaitForSelectorAsync("#zj-stats-topic canvas, #zj-stats-topic svg");
        await ChromiumSession.ShotAsync(page, "fund-reports.zh-CN");

        // The enterprise was told of each step; the pages in English.
        await firmPage.GotoAsync($"{session.BaseUrl}/notifications");
        await ChromiumSession.WaitInteractiveAsync(firmPage);
        await firmPage.WaitForSelectorAsync("#zj-notifications :text('已结项')");
        await ChromiumSession.ShotAsync(firmPage, "notifications.zh-CN");
        await firmPage.Context.AddCookiesAsync([new Cookie { Name = "zj-culture", Value = "c%3Den%7Cuic%3Den", Url = session.BaseUrl }]);
        await firmPage.ReloadAsync();
        await ChromiumSession.WaitInteractiveAsync(firmPage);
        await firmPage.WaitForSelectorAsync("#zj-notifications :text('Closed')");
        await ChromiumSession.ShotAsync(firmPage, "notifications.en");
        await firmPage.ClickAsync("#zj-notifications-read-all");
        await firmPage.WaitForSelectorAsync("#zj-notifications-count:has-text('0 unread')");
        await page.Context.AddCookiesAsync([new Cookie { Name = "zj-culture", Value = "c%3Den%7Cuic%3Den", Url = session.BaseUrl }]);
        await page.GotoAsync($"{session.BaseUrl}/fund/contracts/{appId}");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-contract-status:has-text('Closed')");
        await ChromiumSession.ShotAsync(page, "fund-contract-closed.en");
        await page.ClickAsync("#zj-contract-tabs .mud-tab:has-text('Acceptance')");
        await page.WaitForSelectorAsync("#zj-acceptance-result");
        await ChromiumSession.ShotAsync(page, "fund-contract-acceptance.en");
        await page.GotoAsync($"{session.BaseUrl}/fund/contracts");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-contracts :text('车规级芯片测试平台建设')");
        await ChromiumSession.ShotAsync(page, "fund-contracts.en");
        await page.GotoAsync($"{session.BaseUrl}/fund/reports");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-stats-topic :text('Gradient cultivation of tech enterprises')");
        await page.WaitForSelectorAsync("#zj-stats-topic canvas, #zj-stats-topic svg");
        await ChromiumSession.ShotAsync(page, "fund-reports.en");

        await using var check = session.Factory.Database.CreateContext();
        var contract = await check.FundContracts.Include(c => c.Tranches).Include(c => c.Kpis).SingleAsync(c => c.ApplicationId == appId);
        Assert.Equal((75.0, true), (contract.PerformanceScore, contract.AcceptancePassed));
        Assert.All(contract.Tranches, t => Assert.Equal(TrancheStatus.Paid, t.Status));
        Assert.Equal([KpiRating.Met, KpiRating.PartlyMet], contract.Kpis.OrderBy(k => k.Order).Select(k => k.Rating!.Value));
    }

    private static async Task<List<int>> KpiIdsAsync(ChromiumSession session, Guid appId)
    {
        await using var db = session.Factory.Database.CreateContext();
        return await db.FundKpis.Where(k => k.ContractId == appId).OrderBy(k => k.Order).Select(k => k.Id).ToListAsync();
    }
}
