using MiniExcelLibs;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Evaluation;

public sealed class FrameworkWorkbookTests
{
    private static readonly System.Security.Claims.ClaimsPrincipal CityAdmin = TestPrincipals.User(Roles.CityAdmin);

    [Fact]
    public async Task A_framework_goes_out_as_an_iMeta_workbook_and_comes_back_into_a_draft_unchanged_and_bad_cells_are_named()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var catalog = new FrameworkCatalog(database.Factory(), TestPrincipals.Authorization());
        var template = (await catalog.ListAsync(CityAdmin, ct)).Value!.Single(f => f.Family == "MOST-2021");
        var published = (await catalog.GetAsync(CityAdmin, template.Id, ct)).Value!;
        using var book = new MemoryStream();
        await FrameworkWorkbook.WriteAsync(published, book, ct);

        var draft = (await catalog.NewVersionAsync(CityAdmin, TestPrincipals.Actor(), template.Id, ct)).Value!;
        book.Position = 0;
        var imported = await catalog.ImportDraftAsync(CityAdmin, TestPrincipals.Actor(), draft.Id, book, "most-2021.xlsx", draft.Version, ct);
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors.Select(e => e.Message.ToString())));
        Assert.Equal(published.Indicators, imported.Value!.Indicators); // every field, the empty weights included

        // Text in a weight, and a parent that does not exist: each named, nothing changed.
        book.Position = 0;
        var rows = MiniExcel.Query(book, useHeaderRow: true, sheetName: FrameworkWorkbook.Sheet).Cast<IDictionary<string, object?>>().ToList();
        rows[7]["Weight"] = "高";
        rows[9]["Parent"] = "D9";
        using var bad = new MemoryStream();
        await bad.SaveAsAsync(new Dictionary<string, object> { [FrameworkWorkbook.Sheet] = rows }, cancellationToken: ct);
        bad.Position = 0;
        var refused = await catalog.ImportDraftAsync(CityAdmin, TestPrincipals.Actor(), draft.Id, bad, "bad.xlsx", imported.Value.Version, ct);
        Assert.Equal(UseCaseStatus.Invalid, refused.Status);
        Assert.Equal("TemplateNotNumber", refused.Errors.Single().Message.Key);
        Assert.Contains("F9", refused.Errors.Single().Message.Render(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        rows[7]["Weight"] = 2.0;
        using var orphan = new MemoryStream();
        await orphan.SaveAsAsync(new Dictionary<string, object> { [FrameworkWorkbook.Sheet] = rows }, cancellationToken: ct);
        orphan.Position = 0;
        var structure = await catalog.ImportDraftAsync(CityAdmin, TestPrincipals.Actor(), draft.Id, orphan, "orphan.xlsx", imported.Value.Version, ct);
        Assert.Contains(structure.Errors, e => e.Message.Key == "IndicatorParentUnknown" && e.Message.Args.Contains("D9"));
        Assert.Equal(published.Indicators, (await catalog.GetAsync(CityAdmin, draft.Id, ct)).Value!.Indicators);
        Assert.Equal(UseCaseStatus.Forbidden, (await catalog.ImportDraftAsync(TestPrincipals.User(Roles.CityStaff), TestPrincipals.Actor(), draft.Id, orphan, "x.xlsx", imported.Value.Version, ct)).Status);
    }
}
