using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Linkage;

namespace Zhangjiang.E2E;

/// <summary>A district officer fills in the district's mechanism, records a meeting with a decision and makes it a linkage item.</summary>
public sealed class CoordinationJourneyTests
{
    [Fact]
    public async Task A_district_records_a_meeting_and_turns_its_decision_into_a_linkage_item()
    {
        await using var session = await ChromiumSession.StartAsync();
        var officer = await session.Factory.CreateUserAsync("do-pudong", Roles.DistrictOfficer, district: "310115");
        var page = await session.NewPageAsync();
        await session.SignInAsync(page, officer);
        await page.GotoAsync($"{session.BaseUrl}/districts/310115");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.FillAsync("#zj-district-leader", "张三");
        await page.ClickAsync("#zj-district-add-member");
        await page.Locator("#zj-district-members tbody tr").Last.Locator("input").Nth(0).FillAsync("李四");
        await page.Locator("#zj-district-members tbody tr").Last.Locator("input").Nth(1).FillAsync("副区长");
        await page.Locator("#zj-district-members tbody tr").Last.Locator("input").Nth(2).FillAsync("浦东新区人民政府");
        await page.Locator("#zj-district-members tbody tr").Last.Locator("input").Nth(2).PressAsync("Tab");
        await page.ClickAsync("#zj-district-save");
        await page.WaitForSelectorAsync("text=(do-pudong)");

        await page.ClickAsync("#zj-district-new-meeting");
        await page.WaitForSelectorAsync("#zj-meeting-editor");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.FillAsync("#zj-meeting-title", "2026 年第二次区级统筹协调会议");
        await page.FillAsync("#zj-meeting-minutes", "会议听取了张江科学城、金桥园工作汇报，研究了重大项目推进事项。");
        await page.Locator("#zj-meeting-decisions tbody tr").First.Locator("textarea").First.FillAsync("推动张江科学城集成电路设计产业园二期建设");
        await page.Locator("#zj-meeting-decisions tbody tr").First.Locator("input").Nth(0).FillAsync("区科经委");
        await page.Locator("#zj-meeting-decisions tbody tr").First.Locator("input").Nth(1).FillAsync("2027-06-30");
        await page.Locator("#zj-meeting-decisions tbody tr").First.Locator("input").Nth(1).PressAsync("Tab");
        await page.ClickAsync("#zj-meeting-save");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/districts/meetings/[0-9a-f-]{36}$"));
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.Locator(".zj-decision-propose").First.ClickAsync();
        await page.WaitForSelectorAsync(".zj-decision-item:has-text('LD-')");
        await ChromiumSession.ShotAsync(page, "district-meeting.zh-CN");
        await page.Context.AddCookiesAsync([new Cookie { Name = "zj-culture", Value = "c%3Den%7Cuic%3Den", Url = session.BaseUrl }]);
        await page.ReloadAsync();
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync(".zj-decision-item:has-text('Drafting')");
        await ChromiumSession.ShotAsync(page, "district-meeting.en");
        await page.GotoAsync($"{session.BaseUrl}/districts/310115");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-district-meetings");
        await ChromiumSession.ShotAsync(page, "district.en");

        // The city finds the proposal among its drafts.
        var city = await session.NewPageAsync();
        await session.SignInAsync(city, await session.Factory.CreateUserAsync("city-staff", Roles.CityStaff));
        await city.GotoAsync($"{session.BaseUrl}/districts");
        await ChromiumSession.WaitInteractiveAsync(city);
        await city.WaitForSelectorAsync("#zj-districts :text('浦东新区')");
        await ChromiumSession.ShotAsync(city, "districts.zh-CN");
        await city.GotoAsync($"{session.BaseUrl}/districts/310115");
        await ChromiumSession.WaitInteractiveAsync(city);
        await city.WaitForSelectorAsync("#zj-district-meetings");
        await ChromiumSession.ShotAsync(city, "district.zh-CN");

        await using var check = session.Factory.Database.CreateContext();
        var item = await check.LinkageItems.Include(i => i.Units).SingleAsync();
        Assert.Equal((LinkageStage.Drafting, new DateOnly(2027, 6, 30)), (item.Stage, item.DueOn));
        Assert.Contains(item.Units, u => u.Kind == LinkageUnitKind.District && u.Code == "310115");
        Assert.Equal("张三", (await check.DistrictMechanisms.SingleAsync(m => m.DistrictCode == "310115")).LeaderName);
    }
}
