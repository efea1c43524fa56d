namespace Zhangjiang.Indicators;

/// <summary>Divides each indicator that names a denominator by that column (e.g. GDP per capita).</summary>
public static class Denomination
{
    /// <summary>New value columns; indicators without a denominator are copied. A zero or missing denominator gives a missing value.</summary>
    public static double[][] Apply(IndicatorFramework framework, IndicatorData data)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(data);
        var result = data.CopyValues();
        for (var i = 0; i < framework.IndicatorCount; i++)
        {
            var denominatorCode = framework.Nodes[i].Denominator;
            if (string.IsNullOrEmpty(denominatorCode))
            {
                continue;
            }
            if (!data.Denominators.TryGetValue(denominatorCode, out var denominator))
            {
                throw new InvalidOperationException($"Indicator '{framework.Nodes[i].Code}' names denominator '{denominatorCode}', which is not a column of the data.");
            }
            var column = result[i];
            for (var u = 0; u < column.Length; u++)
            {
                var d = denominator[u];
                column[u] = double.IsNaN(d) || d == 0 ? double.NaN : column[u] / d;
            }
        }
        return result;
    }
}
