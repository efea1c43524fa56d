using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Linkage;

namespace Zhangjiang.E2E;

/// <summary>
/// A linkage item's whole life in the browser: the city drafts and assigns it; a district signs and feeds back with a
/// file; the city urges the park, which signs and answers; the city records the node and asks for close-out; a second
/// city user verifies and closes it.
/// </summary>
public sealed class LinkageJourneyTests
{
    [Fact]
    public async Task An_item_is_drafted_assigned_signed_reported_urged_and_closed()
    {
        await using var session = await ChromiumSession.StartAsync();
        var staff = await session.Factory.CreateUserAsync("city-staff", Roles.CityStaff);
        var city = await session.NewPageAsync();
        await session.SignInAsync(city, staff);
        await city.GotoAsync($"{session.BaseUrl}/linkage/new");
        await ChromiumSession.WaitInteractiveAsync(city);
        await city.FillAsync("#zj-linkage-title", "张江科学城企业开办“一件事”改革");
        await city.ClickAsync("#zj-linkage-co");
        await city.Locator(".mud-popover-open .mud-list-item:has-text('浦东新区')").First.ClickAsync();
        await city.Locator(".mud-popover-open .mud-list-item:has-text('杨浦园')").First.ClickAsync();
        // A multi-select stays open until the user clicks elsewhere.
        await city.ClickAsync("h1");
        await city.WaitForSelectorAsync(".mud-popover-open .mud-list-item", new() { State = WaitForSelectorState.Detached });
        await city.ClickAsync("#zj-linkage-add-node");
        await city.Locator("#zj-linkage-nodes-editor tbody tr").Last.Locator("input").First.FillAsync("出台实施细则");
        await city.Locator("#zj-linkage-nodes-editor tbody tr").Last.Locator("input").First.PressAsync("Tab");
        await ChromiumSession.ShotAsync(city, "linkage-editor.zh-CN");
        await city.ClickAsync("#zj-linkage-save");
        await city.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/linkage/[0-9a-f-]{36}$"));
        await ChromiumSession.WaitInteractiveAsync(city);
        await city.ClickAsync("#zj-linkage-assign");
        await city.WaitForSelectorAsync("#zj-linkage-stage:has-text('办理中')");
        var itemUrl = city.Url;

        // The district signs and reports with a file.
        var pudong = await session.NewPageAsync();
        await session.SignInAsync(pudong, await session.Factory.CreateUserAsync("do-pudong", Roles.DistrictOfficer, district: "310115"));
        await pudong.GotoAsync(itemUrl);
        await ChromiumSession.WaitInteractiveAsync(pudong);
        await pudong.Locator(".zj-linkage-sign").First.ClickAsync();
        await pudong.WaitForSelectorAsync("#zj-linkage-feedback-form");
        await pudong.FillAsync("#zj-linkage-narrative", "已完成细则起草，正在征求意见。");
        await pudong.FillAsync("#zj-linkage-percent", "40");
        await pudong.Locator("input.zj-linkage-files").SetInputFilesAsync(new FilePayload
        {
            Name = "征求意见稿.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"u8.ToArray(),
        });
        await pudong.WaitForSelectorAsync("#zj-linkage-feedback-form :text('征求意见稿.pdf')");
        await pudong.ClickAsync("#zj-linkage-feedback-submit");
        await pudong.WaitForSelectorAsync(".zj-linkage-feedback :text('征求意见稿.pdf')");

        // The city urges the park, which has not signed.
        await city.ReloadAsync();
        await ChromiumSession.WaitInteractiveAsync(city);
        await city.Locator(".mud-select:has(#zj-linkage-urge-to)").First.ClickAsync();
        await city.Locator(".mud-popover-open .mud-list-item:has-text('杨浦园')").ClickAsync();
        await city.FillAsync("#zj-linkage-urge-reason", "请尽快签收并报送分园工作进展");
        await city.ClickAsync("#zj-linkage-urge");
        await city.WaitForSelectorAsync(".zj-linkage-urging :text('请尽快签收')");
        await ChromiumSession.ShotAsync(city, "linkage-item.zh-CN");

        var park = await session.NewPageAsync();
        await session.SignInAsync(park, await session.Factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));
        await park.GotoAsync(itemUrl);
        await ChromiumSession.WaitInteractiveAsync(park);
        await park.Locator(".zj-linkage-sign").First.ClickAsync();
        await park.WaitForSelectorAsync("#zj-linkage-feedback-form");
        await park.Locator(".zj-linkage-response input").FillAsync("已签收，本周报送进展。");
        await park.Locator(".zj-linkage-response input").PressAsync("Tab");
        await park.Locator(".zj-linkage-respond").ClickAsync();
        await park.WaitForSelectorAsync(".zj-linkage-urging :text('已签收，本周报送进展。')");

        // The city signs for the lead, records the node and asks for close-out; another city user verifies and closes.
        await city.ReloadAsync();
        await ChromiumSession.WaitInteractiveAsync(city);
        await city.Locator(".zj-linkage-sign").First.ClickAsync();
        await city.WaitForSelectorAsync("#zj-linkage-units :text('city-staff')");
        await city.ClickAsync("#zj-linkage-node-save");
        await city.WaitForSelectorAsync("#zj-linkage-nodes :text('已完成')");
        await city.FillAsync("#zj-linkage-close-summary", "实施细则已出台，各单位均已落实。");
        await city.Locator("#zj-linkage-close-summary").PressAsync("Tab");
        await city.ClickAsync("#zj-linkage-request-close");
        await city.WaitForSelectorAsync("#zj-linkage-stage:has-text('复核中')");

        var admin = await session.NewPageAsync();
        await session.SignInAsync(admin, await session.Factory.CreateUserAsync("city-admin", Roles.CityAdmin));
        await admin.GotoAsync(itemUrl);
        await ChromiumSession.WaitInteractiveAsync(admin);
        await admin.ClickAsync("#zj-linkage-close-item");
        await admin.WaitForSelectorAsync("#zj-linkage-stage:has-text('已办结')");
        await admin.WaitForSelectorAsync("#zj-linkage-trail :text('办结销号')");

        // The same pages in English.
        await admin.Context.AddCookiesAsync([new Cookie { Name = "zj-culture", Value = "c%3Den%7Cuic%3Den", Url = session.BaseUrl }]);
        await admin.ReloadAsync();
        await ChromiumSession.WaitInteractiveAsync(admin);
        await admin.WaitForSelectorAsync("#zj-linkage-stage:has-text('Closed')");
        await ChromiumSession.ShotAsync(admin, "linkage-item.en");
        await admin.GotoAsync($"{session.BaseUrl}/linkage");
        await ChromiumSession.WaitInteractiveAsync(admin);
        await admin.WaitForSelectorAsync("#zj-linkage-items :text('Plans and policies')");
        await ChromiumSession.ShotAsync(admin, "linkage-list.en");
        await admin.GotoAsync($"{session.BaseUrl}/linkage/league");
        await ChromiumSession.WaitInteractiveAsync(admin);
        await admin.WaitForSelectorAsync("#zj-linkage-league :text('Pudong')");
        await ChromiumSession.ShotAsync(admin, "linkage-league.en");
        await city.GotoAsync($"{session.BaseUrl}/linkage/league");
        await ChromiumSession.WaitInteractiveAsync(city);
        await city.WaitForSelectorAsync("#zj-linkage-league :text('浦东新区')");
        await ChromiumSession.ShotAsync(city, "linkage-league.zh-CN");
        await city.GotoAsync($"{session.BaseUrl}/linkage");
        await ChromiumSession.WaitInteractiveAsync(city);
        await city.WaitForSelectorAsync("#zj-linkage-items :text('一件事')");
        await ChromiumSession.ShotAsync(city, "linkage-list.zh-CN");

        await using var check = session.Factory.Database.CreateContext();
        var item = await check.LinkageItems.Include(i => i.Units).SingleAsync();
        Assert.Equal(LinkageStage.Closed, item.Stage);
        Assert.All(item.Units, u => Assert.NotNull(u.SignedUtc));
        Assert.Equal("city-admin", item.VerifiedBy);
        Assert.Equal(1, await check.AttachedFiles.CountAsync());
        Assert.NotNull((await check.LinkageUrgings.SingleAsync()).RespondedUtc);
    }
}
