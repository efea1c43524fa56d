using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Organisations;

namespace Zhangjiang.E2E;

/// <summary>An enterprise applies in the browser: starts under a topic, fills the form (saved as it goes), attaches a PDF, sees every check pass and submits.</summary>
public sealed class FundApplicationJourneyTests
{
    internal static readonly string Firm = EnterpriseDemo.Code(1);

    /// <summary>A registered high-tech firm in yangpu and an open call on the cultivation topic with a budget.</summary>
    internal static async Task<Guid> OpenCallWithFirmAsync(ChromiumSession session)
    {
        await using (var db = session.Factory.Database.CreateContext())
        {
            db.Actor = AuditActor.System;
            db.Organisations.Add(new Organisation { CreditCode = Firm, NameZh = "上海示例芯片科技有限公司", Kind = OrganisationKind.Enterprise, ParkCode = "yangpu" });
            db.Enterprises.Add(new Enterprise { CreditCode = Firm, NameZh = "上海示例芯片科技有限公司", ParkCode = "yangpu" });
            db.TierAwards.Add(new TierAward
            {
                Id = Guid.NewGuid(), CreditCode = Firm, Tier = EnterpriseTier.HighTechEnterprise, AwardedOn = new DateOnly(2025, 12, 1), ExpiresOn = new DateOnly(2028, 11, 30),
            });
            await db.SaveChangesAsync();
        }
        return await session.Factory.WithServicesAsync(async sp =>
        {
            var city = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.CityStaff)], "test"));
            var now = session.Factory.Clock.GetUtcNow().UtcDateTime;
            var year = now.Year;
            await sp.GetRequiredService<FundSetup>().SetBudgetAsync(city, AuditActor.System, "gradient-cultivation", year, new FundBudgetInput { AmountFen = 50_000_000_00 });
            var calls = sp.GetRequiredService<FundCalls>();
            var rules = FundCallRules.Template(["gradient-cultivation"], ["operating-agency", "enterprise"]) with
            {
                EnterpriseTiers = [EnterpriseTier.HighTechEnterprise],
            };
            var draft = (await calls.CreateAsync(city, AuditActor.System, new FundCallInput
            {
                Year = year, TitleZh = $"{year}年度张江专项（梯度培育）申报指南", TitleEn = $"Zhangjiang special fund {year}: gradient cultivation",
                GuideZh = "支持高新技术企业开展技术攻关与平台建设。", OpensUtc = now.AddDays(-1), ClosesUtc = now.AddDays(30), ReviewDeadlineUtc = now.AddDays(60), Rules = rules,
            })).Value!;
            return (await calls.OpenAsync(city, AuditActor.System, draft.Id, draft.Version)).Value!.Id;
        });
    }

    [Fact]
    public async Task An_enterprise_fills_in_its_application_attaches_a_pdf_and_submits_it()
    {
        await using var session = await ChromiumSession.StartAsync();
        var callId = await OpenCallWithFirmAsync(session);
        var user = await session.Factory.CreateUserAsync("firm-user", Roles.Enterprise, org: Firm);
        var page = await session.NewPageAsync();
        await session.SignInAsync(page, user);

        await page.GotoAsync($"{session.BaseUrl}/fund/calls/{callId}");
        await ChromiumSession.WaitInteractiveAsync(page);
        await ChromiumSession.ShotAsync(page, "fund-apply-call.zh-CN");
        await page.ClickAsync("#zj-apply-start");
        await page.WaitForURLAsync(url => url.Contains("/fund/applications/", StringComparison.Ordinal));
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-application-form");
        var applicationUrl = page.Url;

        await page.FillAsync("#zj-project-title", "车规级芯片测试平台建设");
        var longAnswers = page.Locator("#zj-application-form textarea");
        for (var i = 0; i < 4; i++)
        {
            await longAnswers.Nth(i).FillAsync("内容" + i);
        }
        await page.ClickAsync("#zj-budget-add");
        var budgetRow = page.Locator("#zj-application-budget tbody tr").First;
        await budgetRow.Locator("input").Nth(0).FillAsync("设备购置费");
        await budgetRow.Locator("input").Nth(2).FillAsync("120");
        await budgetRow.Locator("input").Nth(3).FillAsync("130");
        await budgetRow.Locator("input").Nth(3).PressAsync("Tab");
        await page.WaitForSelectorAsync("#zj-budget-fund-total:has-text('120')");
        await page.ClickAsync("#zj-target-add");
        var targetRow = page.Locator("#zj-application-targets tbody tr").First;
        await targetRow.Locator("input").Nth(0).FillAsync("服务企业数");
        await targetRow.Locator("input").Nth(1).FillAsync("家");
        await targetRow.Locator("input").Nth(3).FillAsync("50");
        await targetRow.Locator("input").Nth(4).FillAsync("2028-12-31");
        await targetRow.Locator("input").Nth(4).PressAsync("Enter");
        await page.ClickAsync("#zj-member-add");
        var memberRow = page.Locator("#zj-application-team tbody tr").First;
        await memberRow.Locator("input").Nth(0).FillAsync("张伟");
        await memberRow.Locator("input").Nth(3).FillAsync("项目负责人");
        await memberRow.Locator("input").Nth(3).PressAsync("Tab");

        // A PDF by its content; a text file named .pdf is refused.
        var pdf = Path.Combine(Path.GetTempPath(), $"zj-{Guid.NewGuid():N}-可行性研究报告.pdf");
        await File.WriteAllTextAsync(pdf, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
        await page.SetInputFilesAsync(".zj-attachment-input", pdf);
        await page.WaitForSelectorAsync("#zj-application-attachments a:has-text('可行性研究报告.pdf')");
        File.Delete(pdf);

        // Saved as it goes: the stored draft catches up with the page, and every check passes.
        await page.WaitForSelectorAsync("#zj-autosave:has-text('已自动保存')");
        await page.ClickAsync("#zj-recheck");
        await page.WaitForSelectorAsync("#zj-application-checks .zj-check-failed", new() { State = WaitForSelectorState.Detached });
        await ChromiumSession.ShotAsync(page, "fund-application-draft.zh-CN");
        await using (var db = session.Factory.Database.CreateContext())
        {
            var stored = await db.FundApplications.Include(a => a.BudgetLines).Include(a => a.Targets).SingleAsync();
            Assert.Equal(("车规级芯片测试平台建设", 120_0000_00L, 130_0000_00L, new DateOnly(2028, 12, 31)),
                (stored.ProjectTitle, stored.RequestedFen, stored.SelfFundingFen, stored.Targets.Single().DueOn));
        }

        await page.ClickAsync("#zj-application-submit");
        try
        {
            await page.WaitForSelectorAsync("#zj-application-copy");
        }
        finally
        {
            await ChromiumSession.ShotAsync(page, "fund-application-submitted.zh-CN");
        }
        var tracking = await page.InnerTextAsync("#zj-tracking-number");
        Assert.Matches(@"^ZJ\d{4}-01-0001$", tracking);
        Assert.Contains("已提交", await page.InnerTextAsync("#zj-application-status"), StringComparison.Ordinal);

        // The copy downloads as a PDF named by the tracking number.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#zj-application-copy"));
        Assert.Equal(tracking + ".pdf", download.SuggestedFilename);
        var saved = Path.Combine(ChromiumSession.ScreenshotFolder, "fund-application-copy.pdf");
        await download.SaveAsAsync(saved);
        Assert.True((await File.ReadAllBytesAsync(saved)).AsSpan().StartsWith("%PDF-"u8));

        // After the deadline the city ends submissions and runs the formal review in the browser: returned for correction.
        session.Factory.Clock.Advance(TimeSpan.FromDays(31));
        var staff = await session.Factory.CreateUserAsync("city-staff", Roles.CityStaff);
        var cityPage = await session.NewPageAsync();
        await session.SignInAsync(cityPage, staff);
        await cityPage.GotoAsync($"{session.BaseUrl}/fund/calls/{callId}");
        await ChromiumSession.WaitInteractiveAsync(cityPage);
        await cityPage.ClickAsync("#zj-call-close");
        await cityPage.WaitForSelectorAsync("#zj-call-status:has-text('形式审查')");
        await cityPage.GotoAsync(applicationUrl);
        await ChromiumSession.WaitInteractiveAsync(cityPage);
        await cityPage.WaitForSelectorAsync("#zj-formal-review");
        var items = cityPage.Locator("#zj-formal-review .zj-review-item input[type=checkbox]");
        for (var i = 0; i < await items.CountAsync(); i++)
        {
            await items.Nth(i).CheckAsync();
        }
        await items.Nth(2).UncheckAsync();
        await cityPage.ClickAsync("#zj-review-pass");
        await cityPage.WaitForSelectorAsync("#zj-application-errors:has-text('全部审查项通过才能判定通过')");
        await cityPage.FillAsync("#zj-review-reason", "请补充自筹资金到位证明");
        await ChromiumSession.ShotAsync(cityPage, "fund-formal-review.zh-CN");
        await cityPage.ClickAsync("#zj-review-return");
        await cityPage.WaitForSelectorAsync("#zj-application-status:has-text('退回补正')");

        // A month has passed on the server's clock: the enterprise's session has timed out, so it signs in again.
        await session.SignInAsync(page, user);
        await page.GotoAsync(applicationUrl);
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-returned:has-text('请补充自筹资金到位证明')");
        await ChromiumSession.ShotAsync(page, "fund-application-returned.zh-CN");
        Assert.True(await page.Locator("#zj-application-submit").IsVisibleAsync());
    }
}
