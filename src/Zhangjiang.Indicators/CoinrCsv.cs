using System.Globalization;
using nietras.SeparatedValues;

namespace Zhangjiang.Indicators;

/// <summary>A problem in an input file, with where it is (1-based row as in a spreadsheet, header = row 1).</summary>
public sealed class InputFileException(string file, int? row, string? column, string problem)
    : Exception(Describe(file, row, column, problem))
{
    /// <summary>File name.</summary>
    public string File { get; } = file;
    /// <summary>Row, counting the header as row 1.</summary>
    public int? Row { get; } = row;
    /// <summary>Column name.</summary>
    public string? Column { get; } = column;
    /// <summary>What is wrong.</summary>
    public string Problem { get; } = problem;

    private static string Describe(string file, int? row, string? column, string problem) =>
        file + (row is { } r ? string.Create(CultureInfo.InvariantCulture, $", row {r}") : "") + (column is null ? "" : $", column '{column}'") + ": " + problem;
}

/// <summary>Reads COINr's exchange layout: iMeta (the framework) and iData (units × columns), as CSV.</summary>
public static class CoinrCsv
{
    /// <summary>Reads both files; every problem names the file, row and column.</summary>
    public static (IndicatorFramework Framework, IndicatorData Data) Read(Stream iData, string dataName, Stream iMeta, string metaName)
    {
        var framework = ReadMeta(iMeta, metaName);
        return (framework, ReadData(iData, dataName, framework));
    }

    /// <summary>Reads iMeta.</summary>
    public static IndicatorFramework ReadMeta(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = Open(stream, name);
        var header = reader.Header;
        foreach (var required in new[] { "iCode", "Type" })
        {
            if (!header.ColNames.Contains(required))
            {
                throw new InputFileException(name, 1, required, "required column is missing");
            }
        }
        var has = header.ColNames.ToHashSet(StringComparer.Ordinal);
        var rows = new List<FrameworkNode>();
        var line = 1;
        // A row with more or fewer cells than the header is the file's problem at that row (found by fuzzing: Sep's
        // InvalidDataException escaped); the loop's own refusals pass through.
        try
        {
            foreach (var row in reader)
            {
                line++;
                var cells = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var col in has)
                {
                    cells[col] = row[col].ToString().Trim();
                }
                string Text(string col) => cells.TryGetValue(col, out var v) ? v : "";
                var code = Text("iCode");
                if (code.Length == 0)
                {
                    throw new InputFileException(name, line, "iCode", "empty code");
                }
                var kind = Text("Type") switch
                {
                    "Indicator" => NodeKind.Indicator,
                    "Aggregate" => NodeKind.Aggregate,
                    "Group" => NodeKind.Group,
                    "Denominator" => NodeKind.Denominator,
                    "Other" => NodeKind.Other,
                    var other => throw new InputFileException(name, line, "Type", $"'{other}' is not one of Indicator, Aggregate, Group, Denominator, Other"),
                };
                var structural = kind is NodeKind.Indicator or NodeKind.Aggregate;
                var level = structural ? (int)Number(Text("Level"), name, line, "Level", required: true) : 0;
                var weight = structural ? Number(Text("Weight"), name, line, "Weight", required: true) : 0;
                if (weight < 0)
                {
                    throw new InputFileException(name, line, "Weight", string.Create(CultureInfo.InvariantCulture, $"weight {weight} is below zero"));
                }
                var directionText = Text("Direction");
                var direction = structural && directionText.Length > 0 ? (int)Number(directionText, name, line, "Direction", required: true) : 1;
                if (direction is not (1 or -1))
                {
                    throw new InputFileException(name, line, "Direction", "must be 1 or -1");
                }
                var target = Text("Target");
                rows.Add(new FrameworkNode(
                    code, Text("iName") is { Length: > 0 } n ? n : code, level,
                    Text("Parent") is { Length: > 0 } p ? p : null, weight, direction, kind,
                    Text("Denominator") is { Length: > 0 } d ? d : null,
                    target.Length > 0 ? Number(target, name, line, "Target", required: true) : null,
                    Text("Unit") is { Length: > 0 } unit ? unit : null));
            }
        }
        catch (Exception e) when (FromSep(e))
        {
            throw new InputFileException(name, line + 1, null, e.Message);
        }
        try
        {
            return IndicatorFramework.Create(rows);
        }
        catch (FrameworkException ex)
        {
            throw new InputFileException(name, null, null, string.Join("; ", ex.Problems));
        }
    }

    /// <summary>
    /// A reader over the file. Sep refuses a header that names a column twice; the refusal becomes the file's problem
    /// at row 1 (found by fuzzing: it escaped as an ArgumentException).
    /// </summary>
    private static SepReader Open(Stream stream, string name)
    {
        try
        {
            return Sep.Reader(o => o with { Unescape = true }).From(stream);
        }
        catch (Exception e) when (FromSep(e))
        {
            throw new InputFileException(name, 1, null, e.Message);
        }
    }

    /// <summary>An exception Sep itself threw about the text (not one of ours passing through).</summary>
    private static bool FromSep(Exception e) =>
        e is ArgumentException or InvalidDataException && e.TargetSite?.DeclaringType?.Namespace == typeof(Sep).Namespace;

    /// <summary>Reads iData against a framework: every indicator, group and denominator of the framework must be a column.</summary>
    public static IndicatorData ReadData(Stream stream, string name, IndicatorFramework framework)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(framework);
        using var reader = Open(stream, name);
        var columns = reader.Header.ColNames.ToList();
        var known = new HashSet<string>(StringComparer.Ordinal) { "uCode", "uName", "Time" };
        known.UnionWith(framework.Nodes.Select(n => n.Code));
        known.UnionWith(framework.OtherColumns.Select(n => n.Code));
        if (!columns.Contains("uCode"))
        {
            throw new InputFileException(name, 1, "uCode", "required column is missing");
        }
        foreach (var column in columns.Where(c => !known.Contains(c)))
        {
            throw new InputFileException(name, 1, column, "unknown column: it is not uCode, uName, Time or a code of iMeta");
        }
        foreach (var node in framework.Nodes.Take(framework.IndicatorCount).Concat(framework.OtherColumns).Where(n => !columns.Contains(n.Code)))
        {
            throw new InputFileException(name, 1, node.Code, "column named in iMeta is missing");
        }
        var indicatorColumns = Enumerable.Range(0, framework.IndicatorCount).Select(i => columns.IndexOf(framework.Nodes[i].Code)).ToArray();
        var values = new List<double>[framework.IndicatorCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = [];
        }
        var codes = new List<string>();
        var names = new List<string>();
        var times = columns.Contains("Time") ? new List<int?>() : null;
        var groups = framework.OtherColumns.Where(c => c.Kind == NodeKind.Group).ToDictionary(c => c.Code, _ => new List<string?>());
        var denominators = framework.OtherColumns.Where(c => c.Kind == NodeKind.Denominator).ToDictionary(c => c.Code, _ => new List<double>());
        var seen = new HashSet<(string, int?)>();
        var line = 1;
        // A row with more or fewer cells than the header is the file's problem at that row (found by fuzzing: Sep's
        // InvalidDataException escaped); the loop's own refusals pass through.
        try
        {
            foreach (var row in reader)
            {
                line++;
                var code = row["uCode"].ToString().Trim();
                if (code.Length == 0)
                {
                    throw new InputFileException(name, line, "uCode", "empty unit code");
                }
                int? time = null;
                if (times is not null)
                {
                    var text = row["Time"].ToString().Trim();
                    time = text.Length == 0 ? null : (int)Number(text, name, line, "Time", required: true);
                    times.Add(time);
                }
                if (!seen.Add((code, time)))
                {
                    throw new InputFileException(name, line, "uCode", $"unit '{code}' appears twice" + (time is null ? "" : string.Create(CultureInfo.InvariantCulture, $" for {time}")));
                }
                codes.Add(code);
                names.Add(columns.Contains("uName") ? row["uName"].ToString() : code);
                for (var i = 0; i < indicatorColumns.Length; i++)
                {
                    values[i].Add(Number(row[indicatorColumns[i]].ToString(), name, line, framework.Nodes[i].Code, required: false));
                }
                foreach (var (group, list) in groups)
                {
                    var text = row[group].ToString().Trim();
                    list.Add(text.Length == 0 ? null : text);
                }
                foreach (var (denominator, list) in denominators)
                {
                    list.Add(Number(row[denominator].ToString(), name, line, denominator, required: false));
                }
            }
        }
        catch (Exception e) when (FromSep(e))
        {
            throw new InputFileException(name, line + 1, null, e.Message);
        }
        return new IndicatorData(codes, names, values.Select(v => v.ToArray()).ToArray(),
            groups.ToDictionary(g => g.Key, g => g.Value.ToArray()),
            denominators.ToDictionary(d => d.Key, d => d.Value.ToArray()),
            times?.ToArray());
    }

    private static double Number(string text, string file, int row, string column, bool required)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed is "NA" or "NaN")
        {
            return required ? throw new InputFileException(file, row, column, "a number is required") : double.NaN;
        }
        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsInfinity(value))
        {
            throw new InputFileException(file, row, column, $"'{trimmed}' is not a number");
        }
        return value;
    }
}
