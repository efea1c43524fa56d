using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Parks;

namespace Zhangjiang.E2E;

/// <summary>The browser journey: sign in, switch language, open the park list and a park, edit one's own park, fail on another.</summary>
public sealed class ParkJourneyTests
{
    [Fact]
    public async Task A_park_manager_signs_in_switches_language_edits_their_park_and_cannot_edit_another()
    {
        await using var session = await ChromiumSession.StartAsync();
        var manager = await session.Factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu");
        var page = await session.NewPageAsync();

        await session.SignInAsync(page, manager);
        await page.GotoAsync(session.BaseUrl + "/parks");
        await ChromiumSession.WaitInteractiveAsync(page);
        Assert.Equal("张江高新区分园", (await page.InnerTextAsync("h1")).Trim());
        Assert.Equal(22, await page.Locator(".zj-park-link").CountAsync());

        // One click to English, remembered for the next pages.
        await page.ClickAsync("#zj-language-switch");
        await page.WaitForSelectorAsync("text=Sub-parks of the Zhangjiang High-tech Zone");
        await page.GotoAsync(session.BaseUrl + "/parks/yangpu");
        await ChromiumSession.WaitInteractiveAsync(page);
        Assert.Equal("Yangpu Park", (await page.InnerTextAsync("#zj-park-name")).Trim());
        Assert.Contains("digital economy", await page.InnerTextAsync("#zj-plan-summary"), StringComparison.OrdinalIgnoreCase);

        // Edit one's own park.
        await page.ClickAsync("#zj-park-edit");
        await page.WaitForURLAsync("**/parks/yangpu/edit");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.FillAsync("#zj-edit-address input, input#zj-edit-address", "上海市杨浦区国定路 335 号");
        await page.ClickAsync("#zj-edit-save");
        await page.WaitForURLAsync(url => url.EndsWith("/parks/yangpu", StringComparison.Ordinal));
        await page.WaitForSelectorAsync("#zj-park-address:has-text('国定路 335 号')");

        await using (var db = session.Factory.Database.CreateContext())
        {
            var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(Park) && a.EntityKey == "yangpu" && a.UserName == "pm-yangpu").ToListAsync();
            Assert.Contains(audit, a => a.Changes!.Contains("国定路 335 号", StringComparison.Ordinal));
        }

        // Another park: no edit button, and the edit page refuses.
        await page.GotoAsync(session.BaseUrl + "/parks/jiading");
        await ChromiumSession.WaitInteractiveAsync(page);
        Assert.Equal(0, await page.Locator("#zj-park-edit").CountAsync());
        await page.GotoAsync(session.BaseUrl + "/parks/jiading/edit");
        await page.WaitForSelectorAsync("#zj-edit-forbidden");
        Assert.Equal(0, await page.Locator("#zj-edit-save").CountAsync());
    }
}
