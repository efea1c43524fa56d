using System.IO.Compression;
using MiniExcelLibs;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Evaluation;

public sealed class SubmissionWorkbookTests
{
    private static readonly System.Security.Claims.ClaimsPrincipal Jiading = TestPrincipals.User(Roles.ParkManager, "jiading", "jiading-manager");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_filled_in_template_round_trips_into_the_submission(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var rounds = new EvaluationRounds(database.Factory(), TestPrincipals.Authorization());
        var round = await EvaluationRoundsTests.OpenAsync(database, rounds, 2025, ct);
        var form = (await rounds.GetSubmissionAsync(Jiading, round.Id, "jiading", ct)).Value!;

        using var template = new MemoryStream();
        await SubmissionWorkbook.WriteAsync(form, template, ct);
        template.Position = 0;
        var rows = MiniExcel.Query(template, useHeaderRow: true, sheetName: SubmissionWorkbook.Sheet).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(41, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i][SubmissionWorkbook.ValueColumn] = 100.5 + i;
            rows[i][SubmissionWorkbook.ExplanationColumn] = i == 0 ? "=来自统计年鉴" : null;
        }
        var filled = await Workbook(new Dictionary<string, object> { [SubmissionWorkbook.Sheet] = rows });

        var imported = await rounds.ImportAsync(Jiading, TestPrincipals.Actor("jiading-manager"), round.Id, "jiading", filled, "jiading-2025.xlsx", form.Version, ct);
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors.Select(e => e.Message.ToString())));
        Assert.Equal(100.5, imported.Value!.Values[0].Value);
        Assert.Equal(140.5, imported.Value.Values[40].Value);
        Assert.Equal("=来自统计年鉴", imported.Value.Values[0].Explanation);

        // Another park's manager cannot upload into jiading's submission.
        var yangpu = TestPrincipals.User(Roles.ParkManager, "yangpu");
        filled.Position = 0;
        Assert.Equal(UseCaseStatus.Forbidden, (await rounds.ImportAsync(yangpu, TestPrincipals.Actor(), round.Id, "jiading", filled, "x.xlsx", imported.Value.Version, ct)).Status);
    }

    public static TheoryData<string> BadFiles => new("wrong-sheet", "unknown-code", "text-in-number", "not-excel", "csv-name", "oversized", "zip-bomb", "macro", "missing-column");

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_template_is_refused_naming_the_cell_and_changes_nothing(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var rounds = new EvaluationRounds(database.Factory(), TestPrincipals.Authorization());
        var round = await EvaluationRoundsTests.OpenAsync(database, rounds, 2025, ct);
        var form = (await rounds.GetSubmissionAsync(Jiading, round.Id, "jiading", ct)).Value!;
        var good = form.Values.Select(v => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            [SubmissionWorkbook.CodeColumn] = v.Code, ["指标 Indicator"] = v.NameZh, [SubmissionWorkbook.ValueColumn] = 7.0, [SubmissionWorkbook.ExplanationColumn] = null,
        }).ToList();
        var fileName = "upload.xlsx";
        Stream file;
        string expectedKey, expectedText;
        switch (kind)
        {
            case "wrong-sheet":
                file = await Workbook(new Dictionary<string, object> { ["Sheet1"] = good });
                (expectedKey, expectedText) = ("TemplateSheetMissing", SubmissionWorkbook.Sheet);
                break;
            case "unknown-code":
                good[3][SubmissionWorkbook.CodeColumn] = "D9_9";
                file = await Workbook(new Dictionary<string, object> { [SubmissionWorkbook.Sheet] = good });
                (expectedKey, expectedText) = ("TemplateCodeUnknown", "A5");
                break;
            case "text-in-number":
                good[2][SubmissionWorkbook.ValueColumn] = "约 12";
                file = await Workbook(new Dictionary<string, object> { [SubmissionWorkbook.Sheet] = good });
                (expectedKey, expectedText) = ("TemplateNotNumber", "C4");
                break;
            case "missing-column":
                foreach (var row in good)
                {
                    row.Remove(SubmissionWorkbook.ExplanationColumn);
                }
                file = await Workbook(new Dictionary<string, object> { [SubmissionWorkbook.Sheet] = good });
                (expectedKey, expectedText) = ("TemplateColumnMissing", SubmissionWorkbook.ExplanationColumn);
                break;
            case "not-excel":
                file = new MemoryStream("这不是工作簿 not a workbook"u8.ToArray());
                (expectedKey, expectedText) = ("UploadNotXlsx", fileName);
                break;
            case "csv-name":
                file = await Workbook(new Dictionary<string, object> { [SubmissionWorkbook.Sheet] = good });
                fileName = "upload.csv";
                (expectedKey, expectedText) = ("UploadNotXlsx", fileName);
                break;
            case "oversized":
                file = new MemoryStream(new byte[(int)Features.Importing.SpreadsheetUpload.MaxBytes + 1]);
                (expectedKey, expectedText) = ("UploadTooLarge", "10");
                break;
            case "zip-bomb":
                file = Zip(("xl/workbook.xml", 100), ("xl/worksheets/sheet1.xml", 50 * 1024 * 1024));
                (expectedKey, expectedText) = ("UploadZipSuspicious", fileName);
                break;
            default:
                file = Zip(("xl/workbook.xml", 100), ("xl/vbaProject.bin", 1000));
                (expectedKey, expectedText) = ("UploadHasMacros", fileName);
                break;
        }
        var result = await rounds.ImportAsync(Jiading, TestPrincipals.Actor(), round.Id, "jiading", file, fileName, form.Version, ct);
        Assert.Equal(UseCaseStatus.Invalid, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal(expectedKey, error.Message.Key);
        Assert.Contains(expectedText, error.Message.Render(System.Globalization.CultureInfo.GetCultureInfo("zh-CN")), StringComparison.Ordinal);
        var after = (await rounds.GetSubmissionAsync(Jiading, round.Id, "jiading", ct)).Value!;
        Assert.All(after.Values, v => Assert.Null(v.Value));
        Assert.Equal(form.Version, after.Version);
    }

    private static async Task<MemoryStream> Workbook(Dictionary<string, object> sheets)
    {
        var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets);
        stream.Position = 0;
        return stream;
    }

    /// <summary>A zip whose entries hold the given number of zero bytes (a bomb compresses them to almost nothing).</summary>
    private static MemoryStream Zip(params (string Name, int Bytes)[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(new byte[bytes]);
            }
        }
        stream.Position = 0;
        return stream;
    }
}
