using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.E2E;

/// <summary>The partner network: the graph of the seeded alliances, and an agreement recorded by the city that is soon to expire.</summary>
public sealed class NetworkJourneyTests
{
    [Fact]
    public async Task The_city_records_an_agreement_and_sees_its_expiry_warned_on_the_network_page()
    {
        await using var session = await ChromiumSession.StartAsync();
        var page = await session.NewPageAsync();
        await session.SignInAsync(page, await session.Factory.CreateUserAsync("city-staff", Roles.CityStaff));
        await page.GotoAsync($"{session.BaseUrl}/network");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync(".zj-chart svg text:has-text('长三角国家高新区联盟')");
        await ChromiumSession.ShotAsync(page, "network-graph.zh-CN");

        await page.Locator(".mud-tab:has-text('合作协议')").ClickAsync();
        await page.FillAsync("#zj-agreement-title", "张江—合肥高新区战略合作协议");
        await page.Locator(".mud-select:has(#zj-agreement-parties)").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item:has-text('上海张江高新区')").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item:has-text('合肥高新区')").ClickAsync();
        await page.ClickAsync("h1");
        var today = session.Factory.Clock.GetUtcNow().UtcDateTime.AddHours(8);
        await page.FillAsync("#zj-agreement-signed", today.AddYears(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#zj-agreement-signed").PressAsync("Tab");
        await page.FillAsync("#zj-agreement-expires", today.AddDays(40).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#zj-agreement-expires").PressAsync("Tab");
        await page.ClickAsync("#zj-agreement-save");
        await page.WaitForSelectorAsync(".zj-agreement-expiring:has-text('张江—合肥高新区战略合作协议')");
        await ChromiumSession.ShotAsync(page, "network-agreements.zh-CN");

        await page.Context.AddCookiesAsync([new Cookie { Name = "zj-culture", Value = "c%3Den%7Cuic%3Den", Url = session.BaseUrl }]);
        await page.ReloadAsync();
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync(".zj-chart svg text:has-text('Yangtze River Delta')");
        await ChromiumSession.ShotAsync(page, "network-graph.en");
        await page.Locator(".mud-tab:has-text('Alliances')").ClickAsync();
        await page.WaitForSelectorAsync(".zj-alliance:has-text('founded 2024-09-08')");
        await ChromiumSession.ShotAsync(page, "network-alliances.en");

        await using var check = session.Factory.Database.CreateContext();
        var agreement = await check.PartnerAgreements.SingleAsync();
        Assert.Equal("zhangjiang,hefei-htz", agreement.Parties);
    }
}
