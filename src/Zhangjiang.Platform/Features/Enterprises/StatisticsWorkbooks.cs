using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Zhangjiang.Platform.Common;

namespace Zhangjiang.Platform.Features.Enterprises;

/// <summary>The downloadable statistics templates (Excel and CSV) and the per-row error report of a refused import.</summary>
public static class StatisticsWorkbooks
{
    public const string FieldsSheet = "字段说明 Fields";
    public const string ErrorsSheet = "错误 Errors";

    /// <summary>An empty statistics sheet with the dictionary's headers, and a sheet describing every column.</summary>
    public static async Task WriteTemplateAsync(Stream output, CancellationToken cancellationToken = default)
    {
        var header = StatisticsFile.TemplateHeaders().ToDictionary(h => h, _ => (object?)null);
        var sheets = new Dictionary<string, object>
        {
            // One empty row under the header: MiniExcel writes no header for an empty list. Blank rows are skipped on import.
            [StatisticsFile.Sheet] = new List<Dictionary<string, object?>> { header },
            [FieldsSheet] = Dictionary(),
        };
        await output.SaveAsAsync(sheets, cancellationToken: cancellationToken);
    }

    /// <summary>The same headers as a UTF-8 CSV with a byte-order mark, which Excel opens with Chinese intact.</summary>
    public static byte[] CsvTemplate()
    {
        var line = string.Join(",", StatisticsFile.TemplateHeaders().Select(Quote));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(line + "\r\n")];
    }

    /// <summary>One row per column of the file: header, key, 火炬 code, unit, kind, range, definition.</summary>
    public static List<Dictionary<string, object?>> Dictionary()
    {
        var rows = StatisticsFile.IdentityColumns.Select(c => new Dictionary<string, object?>
        {
            ["列名 Header"] = $"{c.NameZh} {c.Key}",
            ["键 Key"] = c.Key,
            ["火炬统计代码 Torch code"] = c.Key == StatisticsFile.CreditCodeKey ? "susername" : c.Key == StatisticsFile.ParkKey ? "sbelongwhere" : "",
            ["单位 Unit"] = "",
            ["类型 Kind"] = c.Key is StatisticsFile.NameKey or StatisticsFile.IndustryKey ? "文本，可选 Text, optional" : "文本，必填 Text, required",
            ["范围 Range"] = c.Key switch
            {
                StatisticsFile.CreditCodeKey => "18 位，GB 32100-2015 校验 18 characters, GB 32100-2015 check",
                StatisticsFile.YearKey => $"{StatisticsImporter.FirstYear}–",
                StatisticsFile.ParkKey => "园区代码或名称 Park code or name",
                StatisticsFile.IndustryKey => "GB/T 4754-2017, 如 C3973 / 6513",
                _ => "≤ 200",
            },
            ["说明 Definition"] = c.Key == StatisticsFile.NameKey ? "新企业必填 Required for a firm not yet in the registry" : c.NameEn,
        }).ToList();
        rows.AddRange(StatisticsFields.All.Select(f => new Dictionary<string, object?>
        {
            ["列名 Header"] = StatisticsFile.HeaderOf(f),
            ["键 Key"] = f.Key,
            ["火炬统计代码 Torch code"] = f.TorchCode,
            ["单位 Unit"] = $"{f.UnitZh} {f.UnitEn}",
            ["类型 Kind"] = f.Kind switch
            {
                StatisticsFieldKind.Count => "整数 Whole number",
                StatisticsFieldKind.Quantity => "数值 Number",
                _ => "金额 Amount",
            },
            ["范围 Range"] = $"{(f.AllowNegative ? "−" : "0")} … {f.Max.ToString("G", CultureInfo.InvariantCulture)}",
            ["说明 Definition"] = $"{f.DefinitionZh} {f.DefinitionEn}",
        }));
        return rows;
    }

    /// <summary>The refused import's problems, one row each: row, column, value, reason (in the reader's language).</summary>
    public static async Task WriteErrorReportAsync(StatisticsImportOutcome outcome, string fileName, CultureInfo culture, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var rows = new List<Dictionary<string, object?>>();
        if (outcome.Refusal is { } refusal)
        {
            rows.Add(Row(null, "", "", refusal.Render(culture)));
        }
        rows.AddRange(outcome.Errors.Select(e => Row(e.Row == 0 ? null : e.Row, e.Column, e.Value, e.Message.Render(culture))));
        if (outcome.ErrorCount > outcome.Errors.Count)
        {
            rows.Add(Row(null, "", "", string.Format(culture, culture.Name.StartsWith("zh", StringComparison.Ordinal)
                ? "另有 {0} 处错误未列出；请先更正以上错误后重新导入。" : "{0} more problems are not listed; correct the ones above and import again.",
                outcome.ErrorCount - outcome.Errors.Count)));
        }
        var summary = new List<Dictionary<string, object?>>
        {
            new() { ["项目 Item"] = "文件 File", ["内容 Content"] = ExcelCells.Safe(fileName) },
            new() { ["项目 Item"] = "错误数 Problems", ["内容 Content"] = outcome.ErrorCount },
            new() { ["项目 Item"] = "结果 Result", ["内容 Content"] = "未写入任何数据 Nothing was written" },
        };
        await output.SaveAsAsync(new Dictionary<string, object> { [ErrorsSheet] = rows, ["摘要 Summary"] = summary }, cancellationToken: cancellationToken);

        static Dictionary<string, object?> Row(int? row, string column, string value, string reason) => new()
        {
            ["行 Row"] = row,
            ["列 Column"] = ExcelCells.Safe(column),
            ["值 Value"] = ExcelCells.Safe(value),
            ["原因 Reason"] = ExcelCells.Safe(reason),
        };
    }

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
