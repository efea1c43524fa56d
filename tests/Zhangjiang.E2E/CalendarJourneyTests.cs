using Microsoft.Playwright;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.E2E;

/// <summary>A park manager's calendar: the park's plan report due in the month grid and the list, and the iCalendar export.</summary>
public sealed class CalendarJourneyTests
{
    [Fact]
    public async Task A_park_sees_its_obligations_in_one_calendar_and_exports_them()
    {
        await using var session = await ChromiumSession.StartAsync();
        var page = await session.NewPageAsync();
        await session.SignInAsync(page, await session.Factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));
        await page.GotoAsync($"{session.BaseUrl}/calendar");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-calendar-list .zj-calendar-entry:has-text('进展报告')");
        await ChromiumSession.ShotAsync(page, "calendar.zh-CN");

        var ics = await page.Context.APIRequest.GetAsync($"{session.BaseUrl}/api/v1/calendar/obligations.ics");
        Assert.Equal(200, ics.Status);
        Assert.StartsWith("text/calendar", ics.Headers["content-type"], StringComparison.Ordinal);
        var text = await ics.TextAsync();
        Assert.Contains("BEGIN:VEVENT", text, StringComparison.Ordinal);
        Assert.Contains("杨浦园", text.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        await page.Context.AddCookiesAsync([new Cookie { Name = "zj-culture", Value = "c%3Den%7Cuic%3Den", Url = session.BaseUrl }]);
        await page.ReloadAsync();
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-calendar-list .zj-calendar-entry:has-text('Progress report')");
        await ChromiumSession.ShotAsync(page, "calendar.en");
    }
}
