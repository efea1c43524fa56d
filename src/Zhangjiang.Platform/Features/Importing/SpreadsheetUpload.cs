using System.IO.Compression;
using Zhangjiang.Platform.Common;

namespace Zhangjiang.Platform.Features.Importing;

/// <summary>
/// The checks every uploaded .xlsx passes before any parser sees it (DESIGN.md §3 Import/export): size, that it is a
/// zip with a workbook in it, how many entries and how large they claim to be (zip bombs), and no macros.
/// </summary>
public static class SpreadsheetUpload
{
    public const long MaxBytes = 10 * 1024 * 1024;
    private const int MaxEntries = 2_000;
    private const long MaxRatio = 200;

    /// <summary>Forms and templates: 10 MB, 200 MB unpacked.</summary>
    public static readonly SpreadsheetLimits Forms = new(MaxBytes, 200L * 1024 * 1024);

    /// <summary>Null when the file may be parsed; otherwise why not. The stream is left at position 0.</summary>
    public static UserMessage? Check(Stream file, string fileName) => Check(file, fileName, Forms);

    /// <inheritdoc cref="Check(Stream, string)"/>
    public static UserMessage? Check(Stream file, string fileName, SpreadsheetLimits limits)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(limits);
        if (!fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return new UserMessage("UploadNotXlsx", fileName);
        }
        if (file.Length > limits.MaxBytes)
        {
            return new UserMessage("UploadTooLarge", fileName, limits.MaxBytes / (1024 * 1024));
        }
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxEntries)
            {
                return new UserMessage("UploadZipSuspicious", fileName);
            }
            long total = 0;
            var hasWorkbook = false;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > limits.MaxUncompressedBytes || (entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > MaxRatio && entry.Length > 1024 * 1024))
                {
                    return new UserMessage("UploadZipSuspicious", fileName);
                }
                // Macros and ActiveX controls; other .bin parts (printer settings) are harmless.
                if (entry.FullName.Contains("vbaProject", StringComparison.OrdinalIgnoreCase) || entry.FullName.Contains("activeX", StringComparison.OrdinalIgnoreCase))
                {
                    return new UserMessage("UploadHasMacros", fileName);
                }
                hasWorkbook |= string.Equals(entry.FullName, "xl/workbook.xml", StringComparison.Ordinal);
            }
            if (!hasWorkbook)
            {
                return new UserMessage("UploadNotXlsx", fileName);
            }
        }
        catch (InvalidDataException)
        {
            return new UserMessage("UploadNotXlsx", fileName);
        }
        finally
        {
            file.Position = 0;
        }
        return null;
    }

    /// <summary>
    /// <see cref="Check"/>, then that the workbook opens and has <paramref name="sheet"/>: null when the sheet may be read.
    /// </summary>
    private static UserMessage? CheckSheet(Stream file, string fileName, string sheet)
    {
        if (Check(file, fileName) is { } refusal)
        {
            return refusal;
        }
        try
        {
            if (!MiniExcelLibs.MiniExcel.GetSheetNames(file).Contains(sheet))
            {
                return new UserMessage("TemplateSheetMissing", sheet);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // As in ReadSheet: whatever the reader throws on a damaged workbook is the file's fault.
            return new UserMessage("WorkbookUnreadable", fileName);
        }
        finally
        {
            file.Position = 0;
        }
        return null;
    }

    /// <summary>
    /// <see cref="CheckSheet"/>, then the sheet's rows (the first row as keys), at most <paramref name="maxRows"/> + 1 so
    /// the caller can say there are too many. Whatever the Excel reader throws on the way is the file's fault, not a
    /// fault of ours (fuzzing found NullReference, InvalidData, Xml, Format and duplicate-key exceptions inside MiniExcel
    /// for damaged workbooks), so every such exception becomes <c>WorkbookUnreadable</c>; the caller's own checks of the
    /// rows run after this and are not covered by it.
    /// </summary>
    public static (IReadOnlyList<IDictionary<string, object?>> Rows, UserMessage? Refusal) ReadSheet(Stream file, string fileName, string sheet, int maxRows)
    {
        if (CheckSheet(file, fileName, sheet) is { } refusal)
        {
            return ([], refusal);
        }
        var rows = new List<IDictionary<string, object?>>();
        try
        {
            foreach (IDictionary<string, object?> row in MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: true, sheetName: sheet))
            {
                rows.Add(row);
                if (rows.Count > maxRows)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ([], new UserMessage("WorkbookUnreadable", fileName));
        }
        finally
        {
            file.Position = 0;
        }
        return (rows, null);
    }

    /// <summary>A spreadsheet column letter for a zero-based index (0 → A, 26 → AA).</summary>
    public static string ColumnLetter(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + (n - 1) % 26) + letters;
        }
        return letters;
    }
}

/// <summary>How large an uploaded workbook may be, packed and unpacked (the declared sizes, read before any parsing).</summary>
public sealed record SpreadsheetLimits(long MaxBytes, long MaxUncompressedBytes);
