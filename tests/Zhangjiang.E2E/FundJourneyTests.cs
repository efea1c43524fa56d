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
        if (page.Url.Contains("/account/login-2fa", StringComparison.Ordinal))
        {
            await page.FillAsync("#code", session.Factory.CodeFor(admin));
            await page.ClickAsync("#zj-2fa-submit");
            await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        }

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
}
