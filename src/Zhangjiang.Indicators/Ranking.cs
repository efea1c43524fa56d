namespace Zhangjiang.Indicators;

/// <summary>Competition ranks ("1224"): ties share the lowest rank; missing stays missing.</summary>
public static class Ranking
{
    /// <summary>
    /// Ranks <paramref name="values"/> into <paramref name="output"/>. Descending: 1 = the highest value (the best
    /// unit). Ascending: 1 = the lowest value (used by rank normalisation, where a higher value earns a higher rank).
    /// </summary>
    public static void MinRanks(ReadOnlySpan<double> values, Span<double> output, bool descending)
    {
        var n = values.Length;
        var order = new int[n];
        var keys = new double[n];
        var present = 0;
        for (var u = 0; u < n; u++)
        {
            if (double.IsNaN(values[u]))
            {
                output[u] = double.NaN;
                continue;
            }
            order[present] = u;
            keys[present] = descending ? -values[u] : values[u];
            present++;
        }
        Array.Sort(keys, order, 0, present);
        for (var k = 0; k < present; k++)
        {
            // The first of a run of equal keys gives the run its rank.
            var rank = k > 0 && keys[k] == keys[k - 1] ? output[order[k - 1]] : k + 1;
            output[order[k]] = rank;
        }
    }

    /// <summary>Descending ranks of a column, as a new array.</summary>
    public static double[] Ranks(ReadOnlySpan<double> values)
    {
        var output = new double[values.Length];
        MinRanks(values, output, descending: true);
        return output;
    }
}
