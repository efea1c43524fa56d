using MiniExcelLibs;

namespace Zhangjiang.Web.Features.Shared;

/// <summary>Every list export: rows (one dictionary per row, bilingual column names) as one .xlsx sheet.</summary>
public static class ExcelDownload
{
    private const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Text cells must already be passed through <c>ExcelCells.Safe</c> (formula injection).</summary>
    public static async Task<IResult> FileAsync(IEnumerable<IDictionary<string, object?>> rows, string sheet, string fileName, CancellationToken cancellationToken)
    {
        var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: sheet, cancellationToken: cancellationToken);
        stream.Position = 0;
        return Results.File(stream, ContentType, fileName);
    }
}
