using System.Globalization;
using System.Text;
using MiniExcelLibs;
using nietras.SeparatedValues;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Importing;

namespace Zhangjiang.Platform.Features.Enterprises;

/// <summary>
/// Reading an annual-statistics file (CSV or .xlsx) row by row without holding it in memory: the checks before
/// parsing, the header's mapping to the field dictionary, and a cell reader over either format.
/// </summary>
public static class StatisticsFile
{
    /// <summary>A CSV of a million firm-years with every field is about 250 MB; the cap leaves room for four.</summary>
    public const long MaxCsvBytes = 1024L * 1024 * 1024;
    public static readonly SpreadsheetLimits XlsxLimits = new(200L * 1024 * 1024, 4L * 1024 * 1024 * 1024);
    /// <summary>Excel's own row limit; a CSV may hold more up to this many data rows.</summary>
    public const int MaxRows = 5_000_000;
    public const int MaxColumns = 200;
    public const string Sheet = "统计数据 Statistics";

    public const string CreditCodeKey = "credit_code";
    public const string YearKey = "year";
    public const string NameKey = "name";
    public const string ParkKey = "park";
    public const string IndustryKey = "industry_code";

    /// <summary>The identity columns before the numeric fields, with the header names each accepts.</summary>
    internal static readonly IReadOnlyList<(string Key, string NameZh, string NameEn, string[] Aliases)> IdentityColumns =
    [
        (CreditCodeKey, "统一社会信用代码", "Unified social credit code", ["susername", "creditcode", "信用代码"]),
        (YearKey, "年度", "Year", ["年份", "统计年度"]),
        (NameKey, "企业名称", "Enterprise name", ["名称", "单位名称"]),
        (ParkKey, "所属园区", "Park", ["园区", "sbelongwhere", "分园"]),
        (IndustryKey, "行业代码", "Industry code (GB/T 4754)", ["industry", "国民经济行业代码"]),
    ];

    /// <summary>The header a template writes for a field: Chinese name, unit and the machine key.</summary>
    public static string HeaderOf(StatisticsField field) => $"{field.NameZh}({field.UnitZh}) {field.Key}";

    public static IReadOnlyList<string> TemplateHeaders() =>
        [.. IdentityColumns.Select(c => $"{c.NameZh} {c.Key}"), .. StatisticsFields.All.Select(HeaderOf)];

    public enum Format
    {
        Csv,
        Xlsx,
    }

    /// <summary>Null when the file may be parsed; otherwise why not. Reads only the zip directory or the first block.</summary>
    public static UserMessage? Check(Stream file, string fileName, out Format format)
    {
        ArgumentNullException.ThrowIfNull(file);
        format = fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? Format.Csv : Format.Xlsx;
        if (format == Format.Xlsx)
        {
            if (SpreadsheetUpload.Check(file, fileName, XlsxLimits) is { } refusal)
            {
                return refusal.Key == "UploadNotXlsx" ? new UserMessage("StatisticsFileType", fileName) : refusal;
            }
            return null;
        }
        if (file.Length > MaxCsvBytes)
        {
            return new UserMessage("UploadTooLarge", fileName, MaxCsvBytes / (1024 * 1024));
        }
        if (file.Length == 0)
        {
            return new UserMessage("FileEmpty", fileName);
        }
        // A workbook or other binary renamed to .csv: zip signature or NUL bytes in the first block.
        var head = new byte[Math.Min(64 * 1024, file.Length)];
        file.ReadExactly(head);
        file.Position = 0;
        if (head.AsSpan().StartsWith("PK"u8) || head.AsSpan().Contains((byte)0))
        {
            return new UserMessage("StatisticsCsvBinary", fileName);
        }
        return null;
    }

    /// <summary>
    /// The message for an exception that means the file cannot be read (text that is not UTF-8; a damaged workbook), or
    /// null for any other exception, which is a fault rather than the user's file.
    /// </summary>
    public static UserMessage? RefusalFor(Exception exception, string fileName, Format format) => exception switch
    {
        System.Text.DecoderFallbackException => new UserMessage("StatisticsCsvEncoding", fileName),
        InvalidDataException or System.Xml.XmlException or InvalidOperationException when format == Format.Xlsx => new UserMessage("StatisticsFileType", fileName),
        // Sep refuses a header that names a column twice before our own header check sees it.
        ArgumentException when format == Format.Csv && ThrownByReader(exception) => new UserMessage("StatisticsCsvHeaderDuplicate", fileName),
        // Whatever else the Excel or CSV reader throws on a damaged file is the file's fault, not ours (fuzzing found
        // NullReference, ArgumentNull and Format exceptions inside MiniExcel for workbooks with damaged parts).
        _ when ThrownByReader(exception) => new UserMessage(format == Format.Xlsx ? "WorkbookUnreadable" : "FileUnreadable", fileName),
        _ => null,
    };

    /// <summary>Whether the exception came from inside the Excel or CSV reader (a frame of MiniExcel or Sep on its stack).</summary>
    private static bool ThrownByReader(Exception exception) =>
        new System.Diagnostics.StackTrace(exception).GetFrames().Any(f => f.GetMethod()?.DeclaringType?.Namespace is { } ns
            && (ns.StartsWith("MiniExcelLibs", StringComparison.Ordinal) || ns.StartsWith("nietras.SeparatedValues", StringComparison.Ordinal)));

    /// <summary>Opens a row reader over a checked file. The stream stays open and owned by the caller.</summary>
    public static IStatisticsRowSource Open(Stream file, Format format) =>
        format == Format.Csv ? new CsvRowSource(file) : new XlsxRowSource(file);

    /// <summary>Which column holds what. Built from the header; every column must be understood.</summary>
    public sealed class ColumnMap
    {
        public int CreditCode { get; init; } = -1;
        public int Year { get; init; } = -1;
        public int Name { get; init; } = -1;
        public int Park { get; init; } = -1;
        public int Industry { get; init; } = -1;
        /// <summary>Per field of <see cref="StatisticsFields.All"/>: its column, or -1.</summary>
        public required IReadOnlyList<int> Fields { get; init; }
        public required IReadOnlyList<string> Header { get; init; }
        /// <summary>How reports name each column ("F revenue"), built once.</summary>
        public IReadOnlyList<string> ColumnNames => _columnNames ??= Header.Select((h, i) => ColumnName(i, h)).ToArray();
        private string[]? _columnNames;

        public static (ColumnMap? Map, IReadOnlyList<FieldError> Errors) From(IReadOnlyList<string> header)
        {
            ArgumentNullException.ThrowIfNull(header);
            var errors = new List<FieldError>();
            var identity = new int[IdentityColumns.Count];
            Array.Fill(identity, -1);
            var fields = new int[StatisticsFields.All.Count];
            Array.Fill(fields, -1);
            if (header.Count > MaxColumns)
            {
                errors.Add(new FieldError("", new UserMessage("StatisticsTooManyColumns", header.Count, MaxColumns), 1));
                return (null, errors);
            }
            for (var column = 0; column < header.Count; column++)
            {
                var text = header[column]?.Trim() ?? "";
                if (text.Length == 0)
                {
                    continue;
                }
                var (identityIndex, fieldIndex) = Match(text);
                var slots = identityIndex >= 0 ? identity : fields;
                var index = identityIndex >= 0 ? identityIndex : fieldIndex;
                if (index < 0)
                {
                    errors.Add(new FieldError(ColumnName(column, text), new UserMessage("StatisticsUnknownColumn", text), 1));
                }
                else if (slots[index] >= 0)
                {
                    var first = slots[index];
                    errors.Add(new FieldError(ColumnName(column, text), new UserMessage("StatisticsDuplicateColumn", text, ColumnName(first, header[first])), 1));
                }
                else
                {
                    slots[index] = column;
                }
            }
            foreach (var required in new[] { 0, 1, 3 })
            {
                if (identity[required] < 0)
                {
                    var (key, nameZh, nameEn, _) = IdentityColumns[required];
                    errors.Add(new FieldError(key, new UserMessage("StatisticsMissingColumn", $"{nameZh} / {nameEn} ({key})"), 1));
                }
            }
            if (errors.Count > 0)
            {
                return (null, errors);
            }
            return (new ColumnMap
            {
                CreditCode = identity[0], Year = identity[1], Name = identity[2], Park = identity[3], Industry = identity[4],
                Fields = fields, Header = header,
            }, errors);
        }

        /// <summary>How the report names a column: its letter and header text.</summary>
        public static string ColumnName(int column, string? header) => $"{SpreadsheetUpload.ColumnLetter(column)} {header}".Trim();

        private static (int Identity, int Field) Match(string header)
        {
            foreach (var candidate in Candidates(header))
            {
                for (var i = 0; i < IdentityColumns.Count; i++)
                {
                    var c = IdentityColumns[i];
                    if (Same(candidate, c.Key) || Same(candidate, c.NameZh) || Same(candidate, c.NameEn) || c.Aliases.Any(a => Same(candidate, a)))
                    {
                        return (i, -1);
                    }
                }
                for (var i = 0; i < StatisticsFields.All.Count; i++)
                {
                    var f = StatisticsFields.All[i];
                    if (Same(candidate, f.Key) || Same(candidate, f.NameZh) || Same(candidate, f.NameEn)
                        || (f.TorchCode.Length > 0 && Same(candidate, f.TorchCode))
                        || Same(candidate, $"{f.NameZh}({f.UnitZh})") || Same(candidate, $"{f.NameZh}（{f.UnitZh}）"))
                    {
                        return (-1, i);
                    }
                }
            }
            return (-1, -1);
        }

        /// <summary>The whole header, and its last word (the template writes "营业收入(万元) revenue").</summary>
        private static IEnumerable<string> Candidates(string header)
        {
            yield return header;
            var space = header.LastIndexOfAny([' ', '\t', '\n']);
            if (space > 0)
            {
                yield return header[(space + 1)..];
            }
        }

        private static bool Same(string a, string b) =>
            string.Equals(Squeeze(a), Squeeze(b), StringComparison.OrdinalIgnoreCase);

        private static string Squeeze(string text) => text.Replace(" ", "", StringComparison.Ordinal).Replace("\u3000", "", StringComparison.Ordinal);
    }

    private sealed class CsvRowSource : IStatisticsRowSource
    {
        private readonly Stream _file;
        private readonly SepReader _reader;

        public CsvRowSource(Stream file)
        {
            _file = file;
            // Strict UTF-8: a GBK file saved by an older Excel fails with a clear message instead of turning into mojibake.
            var text = new StreamReader(file, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, 1 << 16, leaveOpen: true);
            _reader = Sep.Reader(o => o with { Sep = new Sep(','), Unescape = true, Trim = SepTrim.Outer, DisableColCountCheck = true, HasHeader = true }).From(text);
            Header = _reader.Header.ColNames.ToArray();
        }

        public IReadOnlyList<string> Header { get; }
        public int RowNumber { get; private set; } = 1;
        public int ColumnCount => _reader.Current.ColCount;
        public double Fraction => _file.Length == 0 ? 1 : (double)_file.Position / _file.Length;

        public bool MoveNext()
        {
            if (!_reader.MoveNext())
            {
                return false;
            }
            // Line numbers as a text editor shows them (a quoted cell may span lines).
            RowNumber = _reader.Current.LineNumberFrom;
            return true;
        }

        public ReadOnlySpan<char> Cell(int column) => column < _reader.Current.ColCount ? _reader.Current[column].Span : [];

        public void Dispose() => _reader.Dispose();
    }

    private sealed class XlsxRowSource : IStatisticsRowSource
    {
        private readonly Stream _file;
        private readonly IEnumerator<IDictionary<string, object?>> _rows;
        private readonly string[] _letters;
        private string?[] _cells = [];

        public XlsxRowSource(Stream file)
        {
            _file = file;
            var sheets = MiniExcel.GetSheetNames(file);
            file.Position = 0;
            var sheet = sheets.Contains(Sheet) ? Sheet : sheets.FirstOrDefault();
            _rows = MiniExcel.Query(file, useHeaderRow: false, sheetName: sheet).Cast<IDictionary<string, object?>>().GetEnumerator();
            if (!_rows.MoveNext())
            {
                Header = [];
                _letters = [];
                return;
            }
            var first = _rows.Current;
            _letters = first.Keys.Take(MaxColumns + 1).ToArray();
            Header = _letters.Select(l => Text(first[l]) ?? "").ToArray();
        }

        public IReadOnlyList<string> Header { get; }
        public int RowNumber { get; private set; } = 1;
        public int ColumnCount => _cells.Length;
        public double Fraction => _file.Length == 0 ? 1 : Math.Min(1, (double)_file.Position / _file.Length);

        public bool MoveNext()
        {
            if (!_rows.MoveNext())
            {
                return false;
            }
            RowNumber++;
            var row = _rows.Current;
            if (_cells.Length != _letters.Length)
            {
                _cells = new string?[_letters.Length];
            }
            for (var i = 0; i < _letters.Length; i++)
            {
                _cells[i] = row.TryGetValue(_letters[i], out var value) ? Text(value) : null;
            }
            return true;
        }

        public ReadOnlySpan<char> Cell(int column) => column < _cells.Length ? _cells[column].AsSpan() : [];

        public void Dispose() => _rows.Dispose();

        private static string? Text(object? value) => value switch
        {
            null => null,
            string s => s,
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }
}

/// <summary>A forward-only reader over the data rows of a statistics file.</summary>
public interface IStatisticsRowSource : IDisposable
{
    IReadOnlyList<string> Header { get; }
    /// <summary>The row number the user sees in their editor or spreadsheet (the header is row 1).</summary>
    int RowNumber { get; }
    int ColumnCount { get; }
    /// <summary>How far through the file the reader is, 0–1.</summary>
    double Fraction { get; }
    bool MoveNext();
    /// <summary>The cell's text, empty when the row is shorter.</summary>
    ReadOnlySpan<char> Cell(int column);
}
