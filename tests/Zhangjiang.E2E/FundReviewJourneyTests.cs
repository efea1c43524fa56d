using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.E2E;

/// <summary>An expert declares no conflict and scores an application in the browser; the city sees the panel.</summary>
public sealed class FundReviewJourneyTests
{
    [Fact]
    public async Task An_expert_declares_no_conflict_scores_the_application_and_the_city_sees_it_in_the_panel()
    {
        await using var session = await ChromiumSession.StartAsync();
        var callId = await FundApplicationJourneyTests.OpenCallWithFirmAsync(session);
        var experts = new List<Zhangjiang.Tests.Shared.Web.TestUser>();
        for (var n = 1; n <= 5; n++)
        {
            experts.Add(await session.Factory.CreateUserAsync($"expert{n}", Roles.Reviewer));
        }
        var city = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "city-staff"), new Claim(ClaimTypes.Role, Roles.CityStaff)], "test"));
        var firm = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Enterprise), new Claim(ZjClaims.Organisation, FundApplicationJourneyTests.Firm)], "test"));
        await session.Factory.WithServicesAsync(async sp =>
        {
            var pool = sp.GetRequiredService<FundExperts>();
            for (var n = 1; n <= 5; n++)
            {
                var added = await pool.SaveAsync(city, AuditActor.System, null, new FundExpertInput
                {
                    Name = $"专家{n}", UserName = $"expert{n}", Institution = $"上海某大学{n}", Title = "教授", Topics = ["gradient-cultivation"],
                });
                Assert.True(added.Succeeded, string.Join("; ", added.Errors.Select(e => e.Message)));
            }
            var apps = sp.GetRequiredService<FundApplications>();
            var started = (await apps.StartAsync(firm, AuditActor.System, callId, "gradient-cultivation")).Value!;
            var rules = (await sp.GetRequiredService<FundCalls>().GetAsync(city, callId)).Value!.Rules;
            var saved = (await apps.SaveAsync(firm, AuditActor.System, started.Summary.Id, new FundApplicationInput
            {
                ProjectTitle = "车规级芯片测试平台建设",
                Answers = rules.Topics[0].Form.ToDictionary(f => f.Key, f => (string?)$"{f.LabelZh}：详见附件。"),
                BudgetLines = [new("设备购置费", null, 100_0000_00, 100_0000_00)],
                Targets = [new("服务企业数", "家", 0, 50, new DateOnly(2028, 12, 31))],
                Team = [new("张伟", "高级工程师", null, "项目负责人")],
                Version = started.Version,
            })).Value!;
            await apps.AttachAsync(firm, AuditActor.System, saved.Summary.Id, "可行性研究报告.pdf", System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"));
            var version = (await apps.GetAsync(firm, saved.Summary.Id)).Value!.Version;
            Assert.True((await apps.SubmitAsync(firm, AuditActor.System, saved.Summary.Id, version)).Succeeded);

            session.Factory.Clock.Advance(TimeSpan.FromDays(31));
            var calls = sp.GetRequiredService<FundCalls>();
            var call = (await calls.GetAsync(city, callId)).Value!;
            call = (await calls.CloseSubmissionsAsync(city, AuditActor.System, callId, call.Version)).Value!;
            version = (await apps.GetAsync(city, saved.Summary.Id)).Value!.Version;
            await sp.GetRequiredService<FundFormalReview>().DecideAsync(city, AuditActor.System, saved.Summary.Id, new FormalReviewInput
            {
                Decision = FormalReviewDecision.Pass, Items = rules.Checklist.Select(i => new ChecklistResult(i.Key, true, null)).ToList(), Version = version,
            });
            return (await sp.GetRequiredService<FundReview>().StartExpertReviewAsync(city, AuditActor.System, callId, call.Version)).Value!;
        });

        var page = await session.NewPageAsync();
        await session.SignInAsync(page, experts[0]);
        await page.GotoAsync($"{session.BaseUrl}/fund/reviews");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-my-reviews .zj-declare-none");
        await ChromiumSession.ShotAsync(page, "fund-reviews.zh-CN");
        await page.ClickAsync("#zj-my-reviews .zj-declare-none");
        await page.ClickAsync("#zj-my-reviews .zj-open-review");
        await page.WaitForURLAsync(url => url.Contains("/fund/reviews/", StringComparison.Ordinal));
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-scoring");

        var scores = page.Locator("#zj-scoring .zj-score input");
        var count = await scores.CountAsync();
        Assert.Equal(5, count);
        for (var i = 0; i < count; i++)
        {
            await scores.Nth(i).FillAsync(i == 0 ? "9" : "7");
        }
        await page.FillAsync("#zj-overall-comment", "平台定位清晰，建议支持。");
        await page.Locator("#zj-overall-comment").PressAsync("Tab");
        await page.WaitForSelectorAsync("#zj-weighted-preview:has-text('76')"); // 30 × 0.9 + 70 × 0.7
        await ChromiumSession.ShotAsync(page, "fund-review-scoring.zh-CN");
        await page.ClickAsync("#zj-submit-scores");
        await page.WaitForSelectorAsync("#zj-assignment-status:has-text('已提交')");
        Assert.False(await page.Locator("#zj-submit-scores").IsVisibleAsync());
        // The same pages in English.
        await page.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "zj-culture", Value = "c%3Den%7Cuic%3Den", Url = session.BaseUrl }]);
        await page.ReloadAsync();
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-assignment-status:has-text('Submitted')");
        await ChromiumSession.ShotAsync(page, "fund-review-scoring.en");
        await page.GotoAsync($"{session.BaseUrl}/fund/reviews");
        await ChromiumSession.WaitInteractiveAsync(page);
        await ChromiumSession.ShotAsync(page, "fund-reviews.en");

        await using (var db = session.Factory.Database.CreateContext())
        {
            var stored = await db.ReviewAssignments.Include(a => a.Scores).SingleAsync(a => a.Status == ReviewAssignmentStatus.Submitted);
            Assert.Equal(76.0, stored.WeightedScore);
            Assert.Equal(5, stored.Scores.Count);
        }

        // The city sees the score in the panel view with the expert's name.
        var staff = await session.Factory.CreateUserAsync("city-staff", Roles.CityStaff);
        var cityPage = await session.NewPageAsync();
        await session.SignInAsync(cityPage, staff);
        await cityPage.GotoAsync($"{session.BaseUrl}/fund/calls/{callId}/panel");
        await ChromiumSession.WaitInteractiveAsync(cityPage);
        await cityPage.WaitForSelectorAsync("#zj-panel :text('专家1 76')");
        await ChromiumSession.ShotAsync(cityPage, "fund-panel-city.zh-CN");
        await cityPage.GotoAsync($"{session.BaseUrl}/fund/calls/{callId}");
        await ChromiumSession.WaitInteractiveAsync(cityPage);
        await cityPage.ClickAsync("#zj-call-draws .zj-verify-draw");
        await cityPage.WaitForSelectorAsync("#zj-call-draws :text('复核一致')");
        await ChromiumSession.ShotAsync(cityPage, "fund-call-review-city.zh-CN");
        await cityPage.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "zj-culture", Value = "c%3Den%7Cuic%3Den", Url = session.BaseUrl }]);
        await cityPage.GotoAsync($"{session.BaseUrl}/fund/calls/{callId}/panel");
        await ChromiumSession.WaitInteractiveAsync(cityPage);
        await cityPage.WaitForSelectorAsync("#zj-panel");
        await ChromiumSession.ShotAsync(cityPage, "fund-panel-city.en");

        // After the review deadline the city opens the panel, looks at the funding line and publishes the notice.
        session.Factory.Clock.Advance(TimeSpan.FromDays(31));
        await session.SignInAsync(cityPage, staff);
        await cityPage.GotoAsync($"{session.BaseUrl}/fund/calls/{callId}");
        await ChromiumSession.WaitInteractiveAsync(cityPage);
        await cityPage.ClickAsync("#zj-call-start-panel");
        await cityPage.WaitForURLAsync(url => url.EndsWith("/panel", StringComparison.Ordinal));
        await cityPage.GotoAsync($"{session.BaseUrl}/fund/calls/{callId}/ranking");
        await ChromiumSession.WaitInteractiveAsync(cityPage);
        await cityPage.WaitForSelectorAsync(".zj-ranking-topic :text('Recommended')");
        await ChromiumSession.ShotAsync(cityPage, "fund-ranking.en");
        await cityPage.ClickAsync("#zj-publish-notice");
        await cityPage.WaitForSelectorAsync("#zj-ranking-status:has-text('Public notice')");
        await cityPage.Context.ClearCookiesAsync();
        await session.SignInAsync(cityPage, staff);
        await cityPage.GotoAsync($"{session.BaseUrl}/fund/calls/{callId}");
        await ChromiumSession.WaitInteractiveAsync(cityPage);
        await cityPage.WaitForSelectorAsync("#zj-call-notice :text('车规级芯片测试平台建设')");
        await ChromiumSession.ShotAsync(cityPage, "fund-call-notice.zh-CN");
        await cityPage.GotoAsync($"{session.BaseUrl}/fund/calls/{callId}/ranking");
        await ChromiumSession.WaitInteractiveAsync(cityPage);
        await ChromiumSession.ShotAsync(cityPage, "fund-ranking.zh-CN");
    }
}
