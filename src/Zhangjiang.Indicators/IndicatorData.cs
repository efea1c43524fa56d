namespace Zhangjiang.Indicators;

/// <summary>
/// Units × indicators. <see cref="Values"/>[i][u] is indicator i (the framework's indicator order) for unit u;
/// a missing value is <see cref="double.NaN"/>. With a time column, one row is one unit in one year.
/// </summary>
public sealed class IndicatorData
{
    /// <summary>Creates a data set; arrays are used as given (not copied).</summary>
    public IndicatorData(
        IReadOnlyList<string> unitCodes, IReadOnlyList<string> unitNames, double[][] values,
        IReadOnlyDictionary<string, string?[]>? groups = null, IReadOnlyDictionary<string, double[]>? denominators = null,
        int?[]? times = null)
    {
        ArgumentNullException.ThrowIfNull(unitCodes);
        ArgumentNullException.ThrowIfNull(unitNames);
        ArgumentNullException.ThrowIfNull(values);
        UnitCodes = unitCodes;
        UnitNames = unitNames;
        Values = values;
        Groups = groups ?? new Dictionary<string, string?[]>();
        Denominators = denominators ?? new Dictionary<string, double[]>();
        Times = times;
        if (values.Any(column => column.Length != unitCodes.Count))
        {
            throw new ArgumentException("Every indicator column needs one value per unit.", nameof(values));
        }
    }

    /// <summary>Unit keys (uCode).</summary>
    public IReadOnlyList<string> UnitCodes { get; }

    /// <summary>Unit names (uName).</summary>
    public IReadOnlyList<string> UnitNames { get; }

    /// <summary>Indicator columns, in the framework's indicator order.</summary>
    public double[][] Values { get; }

    /// <summary>Group columns by name.</summary>
    public IReadOnlyDictionary<string, string?[]> Groups { get; }

    /// <summary>Denominator columns by name.</summary>
    public IReadOnlyDictionary<string, double[]> Denominators { get; }

    /// <summary>Year of each row, when the data are a panel.</summary>
    public int?[]? Times { get; }

    /// <summary>Number of rows.</summary>
    public int UnitCount => UnitCodes.Count;

    /// <summary>A deep copy of the values with the same units and columns.</summary>
    public IndicatorData WithValues(double[][] values) => new(UnitCodes, UnitNames, values, Groups, Denominators, Times);

    /// <summary>A copy of the value columns (for steps that change values).</summary>
    public double[][] CopyValues() => Values.Select(c => (double[])c.Clone()).ToArray();

    /// <summary>Only the given rows, in the given order.</summary>
    public IndicatorData Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new IndicatorData(
            rows.Select(r => UnitCodes[r]).ToList(),
            rows.Select(r => UnitNames[r]).ToList(),
            Values.Select(c => rows.Select(r => c[r]).ToArray()).ToArray(),
            Groups.ToDictionary(g => g.Key, g => rows.Select(r => g.Value[r]).ToArray()),
            Denominators.ToDictionary(d => d.Key, d => rows.Select(r => d.Value[r]).ToArray()),
            Times is null ? null : rows.Select(r => Times[r]).ToArray());
    }
}
