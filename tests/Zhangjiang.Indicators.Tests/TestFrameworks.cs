namespace Zhangjiang.Indicators.Tests;

internal static class TestFrameworks
{
    /// <summary>Two indicators a (weight 1) and b (weight 3, lower is better) under pillar P, under Index.</summary>
    public static IndicatorFramework Small(int directionB = 1) => IndicatorFramework.Create(
    [
        new FrameworkNode("a", "A", 1, "P", 1, 1, NodeKind.Indicator, Target: 8),
        new FrameworkNode("b", "B", 1, "P", 3, directionB, NodeKind.Indicator),
        new FrameworkNode("P", "Pillar", 2, "Index", 1, 1, NodeKind.Aggregate),
        new FrameworkNode("Index", "Index", 3, null, 1, 1, NodeKind.Aggregate),
        new FrameworkNode("Region", "Region", 0, null, 0, 1, NodeKind.Group),
    ]);

    public static IndicatorData Data(string[] units, double[] a, double[] b, string?[]? regions = null, int?[]? times = null) =>
        new(units, units, [a, b],
            regions is null ? null : new Dictionary<string, string?[]> { ["Region"] = regions }, null, times);

    /// <summary>One of the copied data sets ("asem", "synthetic-3000x60"), read with the COINr reader.</summary>
    public static (IndicatorFramework Framework, IndicatorData Data) Load(string set)
    {
        using var data = File.OpenRead(DataPath(set, "iData.csv"));
        using var meta = File.OpenRead(DataPath(set, "iMeta.csv"));
        return CoinrCsv.Read(data, "iData.csv", meta, "iMeta.csv");
    }

    public static string DataPath(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Data", .. parts]);
}
