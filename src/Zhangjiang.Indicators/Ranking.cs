namespace Zhangjiang.Indicators;

/// <summary>Competition ranks ("1224"): ties share the lowest rank; missing stays missing.</summary>
public static class Ranking
{
    /// <summary>
    /// Ranks <paramref name="values"/> into <paramref name="output"/>. Descending: 1 = the highest value (the best
    /// unit). Ascending: 1 = the lowest value (used by rank normalisation, where a higher value earns a higher rank).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void MinRanks(ReadOnlySpan<double> values, Span<double> output, bool descending)
    {
        // An LSD radix sort of the values' order-preserving 64-bit keys, carrying the row numbers: linear time,
        // several times faster than a comparison sort for columns of thousands of units. Then one pass assigns
        // ranks, equal keys (ties) sharing the rank of the first.
        var n = values.Length;
        var keys = new ulong[n];
        var rows = new int[n];
        var present = 0;
        for (var u = 0; u < n; u++)
        {
            var v = values[u];
            if (double.IsNaN(v))
            {
                output[u] = double.NaN;
                continue;
            }
            var key = SortableKey(v == 0 ? 0.0 : v);
            keys[present] = descending ? ~key : key;
            rows[present] = u;
            present++;
        }
        if (present <= 256)
        {
            Array.Sort(keys, rows, 0, present); // small columns: a comparison sort beats eight radix passes
        }
        else
        {
            RadixSort(keys.AsSpan(0, present), rows.AsSpan(0, present));
        }
        for (var k = 0; k < present; k++)
        {
            output[rows[k]] = k > 0 && keys[k] == keys[k - 1] ? output[rows[k - 1]] : k + 1;
        }
    }

    /// <summary>A key whose unsigned order is the double's numeric order.</summary>
    private static ulong SortableKey(double value)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void RadixSort(Span<ulong> keys, Span<int> rows)
    {
        var n = keys.Length;
        if (n < 2)
        {
            return;
        }
        var counts = new int[8 * 256];
        foreach (var key in keys)
        {
            for (var b = 0; b < 8; b++)
            {
                counts[(b << 8) | (int)((key >> (b * 8)) & 0xFF)]++;
            }
        }
        var keyBuffer = new ulong[n];
        var rowBuffer = new int[n];
        Span<ulong> sourceKeys = keys, targetKeys = keyBuffer;
        Span<int> sourceRows = rows, targetRows = rowBuffer;
        var inOriginal = true;
        for (var b = 0; b < 8; b++)
        {
            var bucket = counts.AsSpan(b << 8, 256);
            if (bucket.Contains(n))
            {
                continue; // every key has the same byte here: this pass would not move anything
            }
            var offset = 0;
            for (var i = 0; i < 256; i++)
            {
                var c = bucket[i];
                bucket[i] = offset;
                offset += c;
            }
            var shift = b * 8;
            for (var i = 0; i < n; i++)
            {
                var key = sourceKeys[i];
                var position = bucket[(int)((key >> shift) & 0xFF)]++;
                targetKeys[position] = key;
                targetRows[position] = sourceRows[i];
            }
            var swapKeys = sourceKeys;
            sourceKeys = targetKeys;
            targetKeys = swapKeys;
            var swapRows = sourceRows;
            sourceRows = targetRows;
            targetRows = swapRows;
            inOriginal = !inOriginal;
        }
        if (!inOriginal)
        {
            sourceKeys.CopyTo(keys);
            sourceRows.CopyTo(rows);
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
