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
            ["类型 Kind"] = c.Key switch
            {
                StatisticsFile.NameKey or StatisticsFile.IndustryKey => "文本，可选 Text, optional",
                StatisticsFile.YearKey => "整数，必填 Whole number, required",
                _ => "文本，必填 Text, required",
            },
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

    /// <summary>docs/enterprise-statistics.md: the dictionary as a table (a test keeps the file equal to this).</summary>
    public static string DictionaryMarkdown()
    {
        var text = new StringBuilder();
        text.Append("""
            # Annual statistics: the field dictionary / 年度统计字段字典

            Generated from `StatisticsFields` (src/Zhangjiang.Platform/Features/Enterprises/StatisticsFields.cs); a test fails
            when this file and the code differ (regenerate with `ZJ_UPDATE_DOCS=1 dotnet test tests/Zhangjiang.Platform.Tests`).

            One row per firm and year. Files are CSV (UTF-8) or .xlsx laid out as the template (`zj import statistics-template
            FILE`, or the download on the import page). A header may be the key, the Chinese or English name, the 火炬统计 code,
            or the template's "名称(单位) key". Money is in 万元 (the 火炬 forms' 千元 divide by 10). An empty cell means not
            reported. The 火炬 codes are mappings inferred from a public scoring tool (reference/domain-facts.md §7) and are to
            be confirmed against the official 报表制度.

            Checks on import: the credit code (GB 32100-2015), the year (1990 to this year), the park (code or name), the
            industry (GB/T 4754-2017), each number (type, sign, whole where counted, a plausible maximum), parts not larger than
            their whole, duplicates in the file and against stored rows. A field moving more than threefold from one year to the
            next (from a meaningful base) is kept and flagged for explanation.

            | Header | Key | 火炬 code | Unit | Kind | Range | Definition |
            |---|---|---|---|---|---|---|

            """);
        foreach (var row in Dictionary())
        {
            text.Append('|');
            foreach (var cell in row.Values)
            {
                text.Append(' ').Append(Convert.ToString(cell, CultureInfo.InvariantCulture)?.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |");
            }
            text.Append('\n');
        }
        text.Append("\nParts that may not exceed their whole: ")
            .Append(string.Join(", ", StatisticsFields.PartOfWhole.Select(p => $"{p.Part} ≤ {p.Whole}")))
            .Append(".\n\nYear-on-year watch (field: minimum previous value): ")
            .Append(string.Join(", ", StatisticsFields.JumpWatched.Select(w => $"{w.Field}: {w.Floor.ToString(CultureInfo.InvariantCulture)}")))
            .Append(".\n");
        return text.ToString();
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
