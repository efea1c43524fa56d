using System.Globalization;
using MiniExcelLibs;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Importing;

namespace Zhangjiang.Platform.Features.Evaluation;

/// <summary>
/// A framework as a workbook: sheet "iMeta" in COINr's layout (Level, iCode, iName, Direction, Weight, Unit, Target,
/// Parent, Type) plus the evaluation's own columns, one row per indicator or aggregate. An empty Weight means the source
/// gives none. Reading checks every cell and names the cell of each problem.
/// </summary>
public static class FrameworkWorkbook
{
    public const string Sheet = "iMeta";
    private static readonly string[] Required = ["Level", "iCode", "iName", "Direction", "Weight", "Parent", "Type"];
    private const int MaxRows = 2_000;

    public static async Task WriteAsync(FrameworkDetail framework, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var rows = framework.Indicators.Select(i => new Dictionary<string, object?>
        {
            ["Level"] = i.Level,
            ["iCode"] = i.Code,
            ["iName"] = ExcelCells.Safe(i.NameZh),
            ["iName_en"] = ExcelCells.Safe(i.NameEn),
            ["Direction"] = i.Direction,
            ["Weight"] = i.Weight,
            ["Unit"] = ExcelCells.Safe(i.Unit),
            ["Target"] = i.Target,
            ["Parent"] = i.ParentCode,
            ["Type"] = i.Level == 1 ? "Indicator" : "Aggregate",
            ["Definition_zh"] = ExcelCells.Safe(i.DefinitionZh),
            ["Definition_en"] = ExcelCells.Safe(i.DefinitionEn),
            ["Formula"] = ExcelCells.Safe(i.Formula),
            ["DataSource"] = i.DataSource.ToString(),
            ["CompareInternational"] = i.CompareInternational ? 1 : 0,
            ["CompareDomestic"] = i.CompareDomestic ? 1 : 0,
            ["ShanghaiCharacteristic"] = i.ShanghaiCharacteristic ? 1 : 0,
            ["Source"] = ExcelCells.Safe(i.Source),
        }).ToList();
        var about = new[]
        {
            new Dictionary<string, object?> { ["Field"] = "Family", ["Value"] = framework.Family },
            new Dictionary<string, object?> { ["Field"] = "Version", ["Value"] = framework.VersionNumber },
            new Dictionary<string, object?> { ["Field"] = "NameZh", ["Value"] = ExcelCells.Safe(framework.NameZh) },
            new Dictionary<string, object?> { ["Field"] = "NameEn", ["Value"] = ExcelCells.Safe(framework.NameEn) },
            new Dictionary<string, object?> { ["Field"] = "Source", ["Value"] = ExcelCells.Safe(framework.Source) },
        };
        await output.SaveAsAsync(new Dictionary<string, object> { [Sheet] = rows, ["Framework"] = about }, cancellationToken: cancellationToken);
    }

    /// <summary>The nodes in an uploaded workbook, or every problem with its cell; nothing partial.</summary>
    public static (IReadOnlyList<IndicatorInput> Nodes, IReadOnlyList<FieldError> Errors) Read(Stream file, string fileName)
    {
        ArgumentNullException.ThrowIfNull(file);
        var (sheetRows, refusal) = SpreadsheetUpload.ReadSheet(file, fileName, Sheet, MaxRows);
        if (refusal is not null)
        {
            return ([], [new FieldError("file", refusal)]);
        }
        var nodes = new List<IndicatorInput>();
        var errors = new List<FieldError>();
        List<string>? header = null;
        var rowNumber = 1;
        foreach (var row in sheetRows)
        {
            rowNumber++;
            if (header is null)
            {
                header = row.Keys.ToList();
                var missing = Required.FirstOrDefault(c => !header.Contains(c));
                if (missing is not null)
                {
                    return ([], [new FieldError(missing, new UserMessage("TemplateColumnMissing", Sheet, missing))]);
                }
            }
            if (rowNumber > MaxRows)
            {
                return ([], [new FieldError("file", new UserMessage("TemplateTooManyRows", Sheet, MaxRows))]);
            }
            var code = Text(row, "iCode");
            if (code.Length == 0)
            {
                continue;
            }
            string Cell(string column) => SpreadsheetUpload.ColumnLetter(header.IndexOf(column)) + rowNumber.ToString(CultureInfo.InvariantCulture);
            double? Number(string column)
            {
                if (!row.TryGetValue(column, out var value) || value is null || (value is string s && s.Trim().Length == 0))
                {
                    return null;
                }
                if (value is double d)
                {
                    return d;
                }
                if (double.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }
                errors.Add(new FieldError(column, new UserMessage("TemplateNotNumber", Cell(column), Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""), rowNumber));
                return null;
            }
            bool Flag(string column) => Number(column) is { } f && f != 0;
            var before = errors.Count;
            var level = Number("Level");
            var direction = Number("Direction");
            var weight = Number("Weight");
            var target = Number("Target");
            var dataSource = IndicatorDataSource.ParkReported;
            var sourceText = Text(row, "DataSource");
            if (sourceText.Length > 0 && !Enum.TryParse(sourceText, ignoreCase: true, out dataSource))
            {
                errors.Add(new FieldError("DataSource", new UserMessage("TemplateValueNotAllowed", Cell("DataSource"), sourceText,
                    string.Join(", ", Enum.GetNames<IndicatorDataSource>())), rowNumber));
            }
            var node = new IndicatorInput
            {
                Code = code,
                NameZh = Text(row, "iName"),
                NameEn = Text(row, "iName_en"),
                Level = (int)(level ?? 0),
                ParentCode = Text(row, "Parent") is { Length: > 0 } parent ? parent : null,
                Weight = weight,
                Direction = (int)(direction ?? 1),
                Unit = Text(row, "Unit"),
                Target = target,
                DefinitionZh = Text(row, "Definition_zh"),
                DefinitionEn = Text(row, "Definition_en"),
                Formula = Text(row, "Formula"),
                DataSource = dataSource,
                CompareInternational = Flag("CompareInternational"),
                CompareDomestic = Flag("CompareDomestic"),
                ShanghaiCharacteristic = Flag("ShanghaiCharacteristic"),
                Source = Text(row, "Source"),
            };
            if (errors.Count == before)
            {
                nodes.Add(node);
            }
        }
        return errors.Count > 0 ? ([], errors) : (nodes, []);
    }

    private static string Text(IDictionary<string, object?> row, string column)
    {
        if (!row.TryGetValue(column, out var value) || value is null)
        {
            return "";
        }
        var text = (value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? "").Trim();
        return text.Length > 1 && text[0] == '\'' && "=+-@".Contains(text[1], StringComparison.Ordinal) ? text[1..] : text;
    }
}
