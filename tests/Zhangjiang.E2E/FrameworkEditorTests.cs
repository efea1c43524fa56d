using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.E2E;

/// <summary>The city administrator adapts a template: a new version, a definition and a weight edited on the page, published.</summary>
public sealed class FrameworkEditorTests
{
    [Fact]
    public async Task A_new_framework_version_is_edited_on_the_page_and_published()
    {
        await using var session = await ChromiumSession.StartAsync();
        var admin = await session.Factory.CreateUserAsync("city-admin", Roles.CityAdmin);
        Guid templateId;
        await using (var db = session.Factory.Database.CreateContext())
        {
            templateId = (await db.EvaluationFrameworks.SingleAsync(f => f.Family == "MOST-2021")).Id;
        }
        var page = await session.NewPageAsync();
        await session.SignInAsync(page, admin);

        await page.GotoAsync(session.BaseUrl + $"/evaluation/frameworks/{templateId}");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.ClickAsync("#zj-framework-new-version");
        await page.WaitForSelectorAsync("#zj-framework-status:has-text('v2')");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.ClickAsync("a.zj-node-edit:has-text('D1_3')");
        await page.GetByLabel("计算公式").FillAsync("R&D经费内部支出 ÷ 营业收入 × 100%");
        await page.GetByLabel("指标定义（中文）").FillAsync("园区入统企业研发经费内部支出合计占营业收入合计的比例");
        await page.GetByLabel("D1_3 权重").FillAsync("1.5");
        await page.ClickAsync("#zj-framework-save");
        await page.WaitForSelectorAsync("text=已保存");
        await page.ClickAsync("#zj-framework-publish");
        await page.WaitForSelectorAsync("#zj-framework-status:has-text('已发布')");

        await using var check = session.Factory.Database.CreateContext();
        var published = await check.EvaluationFrameworks.Include(f => f.Indicators).SingleAsync(f => f.Family == "MOST-2021" && f.VersionNumber == 2);
        Assert.Equal(FrameworkStatus.Published, published.Status);
        var d13 = published.Indicators.Single(i => i.Code == "D1_3");
        Assert.Equal("R&D经费内部支出 ÷ 营业收入 × 100%", d13.Formula);
        Assert.Equal(1.5, d13.Weight);
        Assert.StartsWith("园区入统企业", d13.DefinitionZh, StringComparison.Ordinal);
        // The template itself is untouched.
        Assert.Null((await check.EvaluationIndicators.SingleAsync(i => i.FrameworkId == templateId && i.Code == "D1_3")).Weight);
    }
}
