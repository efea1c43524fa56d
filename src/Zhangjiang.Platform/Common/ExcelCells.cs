namespace Zhangjiang.Platform.Common;

/// <summary>Export helpers shared by every Excel download.</summary>
public static class ExcelCells
{
    /// <summary>
    /// A text cell that a spreadsheet will not run as a formula (CSV/formula injection): text starting with
    /// = + - @ or a tab/CR gets a leading apostrophe.
    /// </summary>
    public static string? Safe(string? text) =>
        string.IsNullOrEmpty(text) || !"=+-@\t\r".Contains(text[0], StringComparison.Ordinal) ? text : "'" + text;
}
