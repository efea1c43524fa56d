namespace Zhangjiang.Indicators;

/// <summary>A unit removed by screening, and why.</summary>
public sealed record ScreenedUnit(string UnitCode, double Availability, string Reason);

/// <summary>Drops units whose share of present indicator values is below a threshold.</summary>
public static class Screening
{
    /// <summary>Rows kept (in order) and the units dropped with their availability.</summary>
    public static (IReadOnlyList<int> Kept, IReadOnlyList<ScreenedUnit> Removed) Apply(IndicatorData data, double minimumAvailability)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (minimumAvailability is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumAvailability), "The availability threshold is a share between 0 and 1.");
        }
        var kept = new List<int>();
        var removed = new List<ScreenedUnit>();
        var indicators = data.Values.Length;
        for (var u = 0; u < data.UnitCount; u++)
        {
            var present = 0;
            foreach (var column in data.Values)
            {
                if (!double.IsNaN(column[u]))
                {
                    present++;
                }
            }
            var availability = indicators == 0 ? 0 : (double)present / indicators;
            if (availability < minimumAvailability)
            {
                removed.Add(new ScreenedUnit(data.UnitCodes[u], availability,
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"data availability {availability:P1} is below the threshold {minimumAvailability:P1}")));
            }
            else
            {
                kept.Add(u);
            }
        }
        return (kept, removed);
    }
}
