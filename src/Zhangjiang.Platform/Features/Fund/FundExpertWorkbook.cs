using System.Globalization;
using MiniExcelLibs;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Importing;

namespace Zhangjiang.Platform.Features.Fund;

/// <summary>
/// The expert pool as a workbook (sheet "专家 Experts"), the same columns out and in: the export is the import template.
/// Lists (topic codes, credit codes, industries) are separated by commas; Available is 是/否 (or yes/no, 1/0).
/// </summary>
public static class FundExpertWorkbook
{
    public const string Sheet = "专家 Experts";
    public const int MaxRows = 5_000;
    private const string NameColumn = "姓名 Name", AccountColumn = "账号 Account", InstitutionColumn = "单位 Institution",
        InstitutionCodeColumn = "单位信用代码 Institution credit code", AffiliatedColumn = "关联机构信用代码 Affiliated credit codes",
        TitleColumn = "职称 Title", TopicsColumn = "评审专题 Topics", IndustriesColumn = "行业 Industries (GB/T 4754)",
        AvailableColumn = "可参评 Available", MaxColumn = "每批上限 Max per call";
    private static readonly string[] Columns =
        [NameColumn, AccountColumn, InstitutionColumn, InstitutionCodeColumn, AffiliatedColumn, TitleColumn, TopicsColumn, IndustriesColumn, AvailableColumn, MaxColumn];

    /// <summary>The workbook's one sheet, by name: the export and the import template.</summary>
    public static Dictionary<string, object> Sheets(IEnumerable<FundExpertView> experts)
    {
        ArgumentNullException.ThrowIfNull(experts);
        var rows = experts.Select(e => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            [NameColumn] = ExcelCells.Safe(e.Name),
            [AccountColumn] = ExcelCells.Safe(e.UserName),
            [InstitutionColumn] = ExcelCells.Safe(e.Institution),
            [InstitutionCodeColumn] = e.InstitutionCreditCode,
            [AffiliatedColumn] = string.Join(",", e.AffiliatedCreditCodes),
            [TitleColumn] = ExcelCells.Safe(e.Title),
            [TopicsColumn] = string.Join(",", e.Topics),
            [IndustriesColumn] = string.Join(",", e.Industries),
            [AvailableColumn] = e.Available ? "是" : "否",
            [MaxColumn] = e.MaxPerCall,
        }).ToList();
        if (rows.Count == 0)
        {
            // An empty pool still gets the columns: the export doubles as the import template.
            rows.Add(Columns.ToDictionary(c => c, _ => (object?)null));
        }
        return new Dictionary<string, object> { [Sheet] = rows };
    }

    public static Task WriteAsync(IEnumerable<FundExpertView> experts, Stream output, CancellationToken cancellationToken = default) =>
        output.SaveAsAsync(Sheets(experts), cancellationToken: cancellationToken);

    /// <summary>Each row as an expert input with its row number, or every problem with its cell; nothing partial.</summary>
    public static (IReadOnlyList<(int Row, FundExpertInput Input)> Rows, IReadOnlyList<FieldError> Errors) Read(Stream file, string fileName)
    {
        ArgumentNullException.ThrowIfNull(file);
        var (sheetRows, refusal) = SpreadsheetUpload.ReadSheet(file, fileName, Sheet, MaxRows);
        if (refusal is not null)
        {
            return ([], [new FieldError("file", refusal)]);
        }
        var result = new List<(int, FundExpertInput)>();
        var errors = new List<FieldError>();
        List<string>? header = null;
        var rowNumber = 1;
        foreach (var row in sheetRows)
        {
            rowNumber++;
            if (header is null)
            {
                header = row.Keys.ToList();
                var missing = new[] { NameColumn, InstitutionColumn, TopicsColumn }.FirstOrDefault(c => !header.Contains(c));
                if (missing is not null)
                {
                    return ([], [new FieldError(missing, new UserMessage("TemplateColumnMissing", Sheet, missing))]);
                }
            }
            if (rowNumber > MaxRows + 1)
            {
                return ([], [new FieldError("file", new UserMessage("TemplateTooManyRows", Sheet, MaxRows))]);
            }
            string Text(string column) => row.TryGetValue(column, out var v) ? Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim() ?? "" : "";
            string Cell(string column) => SpreadsheetUpload.ColumnLetter(header.IndexOf(column)) + rowNumber.ToString(CultureInfo.InvariantCulture);
            static List<string> List(string text) => text.Split([',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            if (Columns.All(c => Text(c).Length == 0))
            {
                continue;
            }
            var available = true;
            var availableText = Text(AvailableColumn);
            if (availableText.Length > 0)
            {
                if (availableText is "是" or "1" || availableText.Equals("yes", StringComparison.OrdinalIgnoreCase) || availableText.Equals("true", StringComparison.OrdinalIgnoreCase))
                {
                    available = true;
                }
                else if (availableText is "否" or "0" || availableText.Equals("no", StringComparison.OrdinalIgnoreCase) || availableText.Equals("false", StringComparison.OrdinalIgnoreCase))
                {
                    available = false;
                }
                else
                {
                    errors.Add(new FieldError(AvailableColumn, new UserMessage("TemplateValueNotAllowed", Cell(AvailableColumn), availableText, "是, 否"), rowNumber));
                }
            }
            var max = 40;
            var maxText = Text(MaxColumn);
            if (maxText.Length > 0 && !int.TryParse(maxText, NumberStyles.Integer, CultureInfo.InvariantCulture, out max))
            {
                if (double.TryParse(maxText, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
                {
                    max = (int)d;
                }
                else
                {
                    errors.Add(new FieldError(MaxColumn, new UserMessage("TemplateNotNumber", Cell(MaxColumn), maxText), rowNumber));
                }
            }
            result.Add((rowNumber, new FundExpertInput
            {
                Name = Text(NameColumn), UserName = Text(AccountColumn) is { Length: > 0 } account ? account : null, Institution = Text(InstitutionColumn),
                InstitutionCreditCode = Text(InstitutionCodeColumn) is { Length: > 0 } code ? code : null, AffiliatedCreditCodes = List(Text(AffiliatedColumn)),
                Title = Text(TitleColumn) is { Length: > 0 } title ? title : null, Topics = List(Text(TopicsColumn)), Industries = List(Text(IndustriesColumn)),
                Available = available, MaxPerCall = max,
            }));
        }
        return errors.Count > 0 ? ([], errors) : (result, []);
    }
}
