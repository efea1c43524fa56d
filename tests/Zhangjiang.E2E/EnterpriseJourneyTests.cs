using System.Globalization;
using Microsoft.Playwright;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Organisations;

namespace Zhangjiang.E2E;

/// <summary>
/// Statistics in the browser: a park manager fills in the downloaded Excel template, uploads it, sees the bad row named
/// (and downloads the report), fixes it, uploads again, and reads the park's cultivation funnel.
/// </summary>
public sealed class EnterpriseJourneyTests
{
    private static string Code(int n)
    {
        var first17 = "91310115MA" + n.ToString("D7", CultureInfo.InvariantCulture);
        return first17 + CreditCode.ComputeCheckCharacter(first17);
    }

    [Fact]
    public async Task A_park_uploads_the_template_sees_the_errors_fixes_them_and_reads_its_funnel()
    {
        await using var session = await ChromiumSession.StartAsync();
        var manager = await session.Factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu");
        var year = DateTime.UtcNow.Year - 1;
        var page = await session.NewPageAsync();
        await session.SignInAsync(page, manager);
        await page.GotoAsync(session.BaseUrl + "/enterprises/statistics");
        await ChromiumSession.WaitInteractiveAsync(page);

        // The template from the page's own link, filled in with two firms; the second has a negative revenue.
        var template = await page.Context.APIRequest.GetAsync(session.BaseUrl + await page.GetAttributeAsync("#zj-template-xlsx", "href"));
        Assert.Equal(200, template.Status);
        var headers = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await template.BodyAsync()), useHeaderRow: true, sheetName: StatisticsFile.Sheet)
            .Cast<IDictionary<string, object?>>().First().Keys.ToList();
        string Header(string key) => headers.Single(h => h.EndsWith(" " + key, StringComparison.Ordinal));
        Dictionary<string, object?> Row(int firm, double revenue) => new()
        {
            [Header("credit_code")] = Code(firm), [Header("year")] = year, [Header("name")] = $"浏览器测试企业{firm}", [Header("park")] = "yangpu",
            [Header("industry_code")] = "I6513", [Header("revenue")] = revenue, [Header("employees")] = 80, [Header("rd_expenditure")] = 600,
        };
        var file = Path.Combine(Path.GetTempPath(), $"yangpu-{Guid.NewGuid():N}.xlsx");
        await MiniExcelLibs.MiniExcel.SaveAsAsync(file, new Dictionary<string, object> { [StatisticsFile.Sheet] = new[] { Row(1, 8000), Row(2, -5) } });
        await page.SetInputFilesAsync("input.zj-statistics-input", file);
        await page.WaitForSelectorAsync("#zj-import-errors");
        var errorRow = page.Locator("#zj-import-error-table tbody tr").First;
        Assert.Equal("3", (await errorRow.Locator("td").First.InnerTextAsync()).Trim());
        Assert.Contains("revenue", await errorRow.InnerTextAsync(), StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#zj-error-report"));
        var report = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(report);
        var reported = MiniExcelLibs.MiniExcel.Query(report, useHeaderRow: true, sheetName: StatisticsWorkbooks.ErrorsSheet).Cast<IDictionary<string, object?>>().First();
        Assert.Equal(3, Convert.ToInt32(reported["行 Row"], CultureInfo.InvariantCulture));
        File.Delete(report);
        Assert.Equal(0, await session.Factory.WithServicesAsync(async sp =>
        {
            var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Zhangjiang.Platform.Data.ZjDbContext>(sp);
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.EnterpriseYearStatistics);
        }));

        // Fixed and uploaded again: imported, and listed in the history.
        // Saved under the same name, as people do: the page takes the same file name again.
        await MiniExcelLibs.MiniExcel.SaveAsAsync(file, new Dictionary<string, object> { [StatisticsFile.Sheet] = new[] { Row(1, 8000), Row(2, 5000) } }, overwriteFile: true);
        await page.SetInputFilesAsync("input.zj-statistics-input", file);
        try
        {
            await page.WaitForSelectorAsync("#zj-import-success");
        }
        finally
        {
            await ChromiumSession.ShotAsync(page, "statistics-import-journey.zh-CN");
        }
        await page.WaitForSelectorAsync($"#zj-import-history td:has-text('{Path.GetFileName(file)}')");
        File.Delete(file);

        // The city records a tier for one of them; the park's funnel shows both reporting firms and the tier.
        await session.Factory.WithServicesAsync(async sp =>
        {
            var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Zhangjiang.Platform.Data.ZjDbContext>(sp);
            db.Actor = AuditActor.System;
            db.TierAwards.Add(new TierAward
            {
                Id = Guid.NewGuid(), CreditCode = Code(1), Tier = EnterpriseTier.TechSme, CertificateNumber = $"{year}310110A0001",
                AwardedOn = new DateOnly(year, 4, 1), ExpiresOn = new DateOnly(year + 1, 3, 31),
            });
            return await db.SaveChangesAsync();
        });
        await page.GotoAsync(session.BaseUrl + "/enterprises/cultivation");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-funnel .zj-chart svg");
        var ladder = page.Locator("#zj-ladder-table");
        var column = (await ladder.Locator("thead th").AllInnerTextsAsync()).Select(t => t.Trim()).ToList().IndexOf(year.ToString(CultureInfo.InvariantCulture));
        Assert.True(column > 0);
        Assert.Equal("2", (await ladder.Locator("tbody tr").Nth(0).Locator("td").Nth(column).InnerTextAsync()).Trim());   // firms reporting
        Assert.Equal("1", (await ladder.Locator("tbody tr").Nth(2).Locator("td").Nth(column).InnerTextAsync()).Trim());   // 科技型中小企业
        // The chart draws SVG text: the funnel's mouth and the tier, each with its count.
        await page.WaitForFunctionAsync("() => (document.querySelector('#zj-funnel .zj-chart svg')?.textContent ?? '').includes('报送统计企业')");
        var funnel = await page.Locator("#zj-funnel .zj-chart svg").TextContentAsync();
        Assert.Contains("报送统计企业  2", funnel, StringComparison.Ordinal);
        Assert.Contains("科技型中小企业  1", funnel, StringComparison.Ordinal);
        await ChromiumSession.ShotAsync(page, "cultivation-journey.zh-CN");
    }
}
