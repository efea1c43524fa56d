using Microsoft.Playwright;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.E2E;

/// <summary>The home page per role (map of the districts, industries, linkage lights, next obligations) and the public portal.</summary>
public sealed class DashboardJourneyTests
{
    [Fact]
    public async Task The_home_page_shows_the_zone_on_the_district_map_and_the_portal_shows_what_the_city_publishes()
    {
        await using var session = await ChromiumSession.StartAsync();
        // Anyone: the portal with the published plans.
        var visitor = await session.NewPageAsync();
        await visitor.GotoAsync($"{session.BaseUrl}/portal");
        await ChromiumSession.WaitInteractiveAsync(visitor);
        await visitor.WaitForSelectorAsync("#zj-portal-plan-list :text('杨浦园“一园一方案”')");
        Assert.Equal("4", await visitor.InnerTextAsync("#zj-portal-plans"));
        await ChromiumSession.ShotAsync(visitor, "portal.zh-CN");
        await visitor.Context.AddCookiesAsync([new Cookie { Name = "zj-culture", Value = "c%3Den%7Cuic%3Den", Url = session.BaseUrl }]);
        await visitor.ReloadAsync();
        await ChromiumSession.WaitInteractiveAsync(visitor);
        await visitor.WaitForSelectorAsync("#zj-portal-plan-list :text('Yangpu Park')");
        await ChromiumSession.ShotAsync(visitor, "portal.en");

        // The city: the district map (drawn from the offline boundaries), linkage lights and industries.
        var city = await session.NewPageAsync();
        await session.SignInAsync(city, await session.Factory.CreateUserAsync("city-staff", Roles.CityStaff));
        await city.GotoAsync($"{session.BaseUrl}/");
        await ChromiumSession.WaitInteractiveAsync(city);
        await city.WaitForSelectorAsync("#zj-home-map svg text:has-text('浦东新区')");
        await city.WaitForSelectorAsync("#zj-home-linkage");
        await city.WaitForSelectorAsync("#zj-home-industries svg text:has-text('集成电路')");
        await ChromiumSession.ShotAsync(city, "home-city.zh-CN");

        // A park manager: its next obligations (the plan report), in English.
        var park = await session.NewPageAsync();
        await session.SignInAsync(park, await session.Factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));
        await park.Context.AddCookiesAsync([new Cookie { Name = "zj-culture", Value = "c%3Den%7Cuic%3Den", Url = session.BaseUrl }]);
        await park.GotoAsync($"{session.BaseUrl}/");
        await ChromiumSession.WaitInteractiveAsync(park);
        await park.WaitForSelectorAsync("#zj-home-next :text('Progress report')");
        await park.WaitForSelectorAsync("#zj-home-map svg text:has-text('Pudong')");
        await ChromiumSession.ShotAsync(park, "home-park.en");
    }
}
