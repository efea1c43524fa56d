using MiniExcelLibs;

namespace Zhangjiang.Web.Features.Shared;

/// <summary>Every list export: rows (one dictionary per row, bilingual column names) as .xlsx sheets.</summary>
public static class ExcelDownload
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Text cells must already be passed through <c>ExcelCells.Safe</c> (formula injection).</summary>
    public static Task<IResult> FileAsync(IEnumerable<IDictionary<string, object?>> rows, string sheet, string fileName, CancellationToken cancellationToken) =>
        FileAsync(new Dictionary<string, object> { [sheet] = rows }, fileName, cancellationToken);

    /// <summary>Several sheets, in order: sheet name → rows.</summary>
    public static async Task<IResult> FileAsync(Dictionary<string, object> sheets, string fileName, CancellationToken cancellationToken)
    {
        var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, cancellationToken: cancellationToken);
        stream.Position = 0;
        return Results.File(stream, ContentType, fileName);
    }
}
