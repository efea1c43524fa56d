namespace Zhangjiang.Indicators;

/// <summary>How missing indicator values are filled.</summary>
public enum ImputationMethod
{
    /// <summary>Leave them missing; aggregation re-normalises weights over what is present.</summary>
    None,
    /// <summary>The indicator's mean over all units (of the same year, in a panel).</summary>
    Mean,
    /// <summary>The indicator's median over all units (of the same year).</summary>
    Median,
    /// <summary>The indicator's mean over the units of the same group (and year).</summary>
    GroupMean,
    /// <summary>The indicator's median over the units of the same group (and year).</summary>
    GroupMedian,
    /// <summary>The same unit's value in the latest earlier year that has one (panels only).</summary>
    PreviousYear,
}

/// <summary>A value that imputation filled.</summary>
public sealed record ImputedPoint(string UnitCode, string IndicatorCode, double Value);

/// <summary>Fills missing values; what it fills is listed, what it cannot fill stays missing.</summary>
public static class Imputation
{
    /// <summary>Returns the new columns and the points filled.</summary>
    public static (double[][] Values, IReadOnlyList<ImputedPoint> Imputed) Apply(
        IndicatorFramework framework, IndicatorData data, ImputationMethod method, string? groupColumn = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(data);
        var values = data.CopyValues();
        var imputed = new List<ImputedPoint>();
        if (method == ImputationMethod.None)
        {
            return (values, imputed);
        }
        string?[]? groups = null;
        if (method is ImputationMethod.GroupMean or ImputationMethod.GroupMedian)
        {
            if (groupColumn is null || !data.Groups.TryGetValue(groupColumn, out groups))
            {
                throw new InvalidOperationException($"Group imputation needs a group column; '{groupColumn}' is not one of: {string.Join(", ", data.Groups.Keys)}.");
            }
        }
        if (method == ImputationMethod.PreviousYear && data.Times is null)
        {
            throw new InvalidOperationException("Previous-year imputation needs a Time column.");
        }

        // Pools of rows whose statistics fill a gap: same year (in a panel) and, for group methods, same group.
        var pools = new Dictionary<(int?, string?), List<int>>();
        for (var u = 0; u < data.UnitCount; u++)
        {
            var key = (data.Times?[u], groups?[u]);
            if (!pools.TryGetValue(key, out var list))
            {
                pools[key] = list = [];
            }
            list.Add(u);
        }

        var poolList = pools.Values.ToList();
        var poolOf = new int[data.UnitCount];
        for (var p = 0; p < poolList.Count; p++)
        {
            foreach (var u in poolList[p])
            {
                poolOf[u] = p;
            }
        }

        for (var i = 0; i < framework.IndicatorCount; i++)
        {
            var original = data.Values[i];
            var column = values[i];
            if (method == ImputationMethod.PreviousYear)
            {
                for (var u = 0; u < column.Length; u++)
                {
                    if (!double.IsNaN(column[u]))
                    {
                        continue;
                    }
                    var best = -1;
                    for (var v = 0; v < column.Length; v++)
                    {
                        if (string.Equals(data.UnitCodes[v], data.UnitCodes[u], StringComparison.Ordinal)
                            && data.Times![v] < data.Times[u] && !double.IsNaN(original[v])
                            && (best < 0 || data.Times[v] > data.Times[best]))
                        {
                            best = v;
                        }
                    }
                    if (best >= 0)
                    {
                        column[u] = original[best];
                        imputed.Add(new ImputedPoint(data.UnitCodes[u], framework.Nodes[i].Code, column[u]));
                    }
                }
                continue;
            }
            if (method is ImputationMethod.Mean or ImputationMethod.GroupMean)
            {
                // One pass: sums and counts per pool.
                var sums = new double[poolList.Count];
                var counts = new int[poolList.Count];
                for (var u = 0; u < original.Length; u++)
                {
                    if (!double.IsNaN(original[u]))
                    {
                        sums[poolOf[u]] += original[u];
                        counts[poolOf[u]]++;
                    }
                }
                for (var u = 0; u < original.Length; u++)
                {
                    if (double.IsNaN(original[u]) && counts[poolOf[u]] > 0)
                    {
                        column[u] = sums[poolOf[u]] / counts[poolOf[u]];
                        imputed.Add(new ImputedPoint(data.UnitCodes[u], framework.Nodes[i].Code, column[u]));
                    }
                }
                continue;
            }
            foreach (var pool in poolList)
            {
                var fill = Statistics.Median(pool.Select(u => original[u]).ToArray());
                if (double.IsNaN(fill))
                {
                    continue;
                }
                foreach (var u in pool.Where(u => double.IsNaN(original[u])))
                {
                    column[u] = fill;
                    imputed.Add(new ImputedPoint(data.UnitCodes[u], framework.Nodes[i].Code, fill));
                }
            }
        }
        return (values, imputed);
    }
}
