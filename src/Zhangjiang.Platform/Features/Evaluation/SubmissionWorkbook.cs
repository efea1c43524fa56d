using System.Globalization;
using MiniExcelLibs;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Importing;

namespace Zhangjiang.Platform.Features.Evaluation;

/// <summary>
/// A round's Excel template for one park: one row per indicator with last year's value beside this year's, filled
/// in offline and uploaded back. Reading it checks every cell and names the cell of each problem.
/// </summary>
public static class SubmissionWorkbook
{
    public const string Sheet = "填报 Submission";
    public const string CodeColumn = "代码 Code";
    public const string ValueColumn = "本年数值 Value";
    public const string ExplanationColumn = "说明 Explanation";
    private const int MaxRows = 5_000;

    public static async Task WriteAsync(SubmissionDetail form, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var rows = form.Values.Select(v => new Dictionary<string, object?>
        {
            [CodeColumn] = v.Code,
            ["指标 Indicator"] = ExcelCells.Safe(v.NameZh),
            ["Indicator (en)"] = ExcelCells.Safe(v.NameEn),
            ["单位 Unit"] = ExcelCells.Safe(v.Unit),
            ["维度 Dimension"] = ExcelCells.Safe($"{v.ParentCode} {v.ParentNameZh}"),
            ["上年 Last year"] = v.LastYear,
            [ValueColumn] = v.Value,
            [ExplanationColumn] = ExcelCells.Safe(v.Explanation),
        }).ToList();
        var notes = new[]
        {
            Note("轮次 Round", $"{form.RoundNameZh} / {form.RoundNameEn}"),
            Note("园区 Park", $"{form.ParkNameZh} / {form.ParkNameEn} ({form.ParkCode})"),
            Note("截止 Deadline (UTC)", form.DeadlineUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
            Note("填写 How to fill in", $"只填写“{ValueColumn}”与“{ExplanationColumn}”两列；无数据时数值留空并说明原因。较上年变动超过 {form.ChangeExplanationThreshold * 100:0.#}% 的数值须填写说明。 / Fill in only the value and explanation columns; leave a value empty and say why when there is none. Values moving more than {form.ChangeExplanationThreshold * 100:0.#} % from last year need an explanation."),
        };
        var sheets = new Dictionary<string, object> { [Sheet] = rows, ["说明 Notes"] = notes };
        await output.SaveAsAsync(sheets, cancellationToken: cancellationToken);
    }

    /// <summary>The values in an uploaded template, or every problem with its cell. Nothing partial is returned.</summary>
    public static (IReadOnlyList<ValueInput> Values, IReadOnlyList<FieldError> Errors) Read(Stream file, string fileName, IReadOnlyCollection<string> knownCodes)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(knownCodes);
        var errors = new List<FieldError>();
        var (sheetRows, refusal) = SpreadsheetUpload.ReadSheet(file, fileName, Sheet, MaxRows);
        if (refusal is not null)
        {
            return ([], [new FieldError("file", refusal)]);
        }
        var values = new List<ValueInput>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var known = knownCodes.ToHashSet(StringComparer.Ordinal);
        var rowNumber = 1;
        List<string>? header = null;
        foreach (var row in sheetRows)
        {
            rowNumber++;
            if (header is null)
            {
                header = row.Keys.ToList();
                foreach (var required in new[] { CodeColumn, ValueColumn, ExplanationColumn })
                {
                    if (!header.Contains(required))
                    {
                        return ([], [new FieldError(required, new UserMessage("TemplateColumnMissing", Sheet, required))]);
                    }
                }
            }
            if (rowNumber > MaxRows)
            {
                return ([], [new FieldError("file", new UserMessage("TemplateTooManyRows", Sheet, MaxRows))]);
            }
            string Cell(string column) => SpreadsheetUpload.ColumnLetter(header.IndexOf(column)) + rowNumber.ToString(CultureInfo.InvariantCulture);
            var code = Text(row[CodeColumn]);
            if (string.IsNullOrEmpty(code))
            {
                continue; // a blank line
            }
            if (!known.Contains(code))
            {
                errors.Add(new FieldError(CodeColumn, new UserMessage("TemplateCodeUnknown", Cell(CodeColumn), code), rowNumber));
                continue;
            }
            if (!seen.Add(code))
            {
                errors.Add(new FieldError(CodeColumn, new UserMessage("TemplateCodeDuplicate", Cell(CodeColumn), code), rowNumber));
                continue;
            }
            double? value = null;
            switch (row[ValueColumn])
            {
                case null:
                    break;
                case double d:
                    value = d;
                    break;
                case int or long or decimal or float:
                    value = Convert.ToDouble(row[ValueColumn], CultureInfo.InvariantCulture);
                    break;
                case var other:
                    var text = Text(other);
                    if (text.Length == 0)
                    {
                        break;
                    }
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
                    {
                        value = parsed;
                        break;
                    }
                    errors.Add(new FieldError(ValueColumn, new UserMessage("TemplateNotNumber", Cell(ValueColumn), text), rowNumber));
                    continue;
            }
            var explanation = Text(row[ExplanationColumn]);
            if (explanation.Length > 1 && explanation[0] == '\'' && "=+-@".Contains(explanation[1], StringComparison.Ordinal))
            {
                explanation = explanation[1..]; // the apostrophe the template added against formula injection
            }
            values.Add(new ValueInput(code, value, explanation.Length == 0 ? null : explanation));
        }
        return errors.Count > 0 ? ([], errors) : (values, []);
    }

    private static Dictionary<string, object?> Note(string key, string value) => new() { ["项目 Item"] = key, ["内容 Content"] = value };

    private static string Text(object? cell) => cell switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Trim(),
        _ => (cell.ToString() ?? "").Trim(),
    };
}
