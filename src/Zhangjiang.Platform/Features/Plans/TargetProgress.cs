using Zhangjiang.Platform.Common;

namespace Zhangjiang.Platform.Features.Plans;

public enum TargetStatus
{
    /// <summary>No reported value yet (or a qualitative target nobody has assessed).</summary>
    NoData = 0,
    OnTrack = 1,
    AtRisk = 2,
    OffTrack = 3,
}

/// <summary>One reported value of a target at the end of a reporting period.</summary>
public sealed record TargetReading(DateOnly AsOf, double Value);

/// <summary>Where a target stands, why (a message with the figures), and where the trend leads by the target year.</summary>
public sealed record TargetAssessment(TargetStatus Status, UserMessage Why, double? Expected, double? Forecast, bool? ForecastMeets);

/// <summary>
/// The stated rule for a numeric target's status (ADR 0014), so "why is this red" has an answer in figures: progress is
/// expected along a straight line from the baseline (its year's end) to the target (the target year's end). The share of
/// the expected progress actually made decides: at least 90 % on track, at least 70 % at risk, less off track. The
/// forecast extends the least-squares line through the baseline and every reading to the end of the target year.
/// </summary>
public static class TargetProgress
{
    public const double OnTrackShare = 0.9, AtRiskShare = 0.7;

    public static TargetAssessment Assess(TargetDirection direction, double? baseline, int? baselineYear, double? target, int targetYear, IReadOnlyList<TargetReading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        if (direction == TargetDirection.Qualitative || target is not { } goal)
        {
            return new TargetAssessment(TargetStatus.NoData, new UserMessage("TargetQualitative"), null, null, null);
        }
        var latest = readings.OrderBy(r => r.AsOf).LastOrDefault();
        if (latest is null)
        {
            return new TargetAssessment(TargetStatus.NoData, new UserMessage("TargetNoReading"), null, null, null);
        }
        var end = new DateOnly(targetYear, 12, 31);
        var start = new DateOnly(baselineYear ?? Math.Min(latest.AsOf.Year - 1, targetYear - 1), 12, 31);
        var from = baseline ?? readings.OrderBy(r => r.AsOf).First().Value;
        var span = end.DayNumber - start.DayNumber;
        var elapsed = Math.Clamp((latest.AsOf.DayNumber - start.DayNumber) / (double)Math.Max(span, 1), 0, 1);
        var expected = from + (goal - from) * elapsed;
        var expectedGain = expected - from;
        var gain = latest.Value - from;
        var share = expectedGain == 0 ? (gain * Math.Sign(goal - from) >= 0 ? 1 : 0) : gain / expectedGain;
        var status = share >= OnTrackShare ? TargetStatus.OnTrack : share >= AtRiskShare ? TargetStatus.AtRisk : TargetStatus.OffTrack;

        // The trend: least squares through the baseline point (when known) and every reading, in days.
        var points = readings.Select(r => (X: (double)r.AsOf.DayNumber, Y: r.Value)).ToList();
        if (baseline is not null)
        {
            points.Add((start.DayNumber, from));
        }
        double? forecast = null;
        bool? meets = null;
        if (points.Count >= 2)
        {
            var meanX = points.Average(p => p.X);
            var meanY = points.Average(p => p.Y);
            var sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
            if (sxx > 0)
            {
                var slope = points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / sxx;
                forecast = Math.Round(meanY + slope * (end.DayNumber - meanX), 2);
                meets = direction == TargetDirection.Increase ? forecast >= goal : forecast <= goal;
            }
        }
        var why = new UserMessage("TargetWhy", Fmt(from), start.Year, Fmt(goal), targetYear, latest.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Fmt(expected), Fmt(latest.Value), Math.Round(share * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture),
            new UserMessage("TargetStatus." + status));
        return new TargetAssessment(status, why, Math.Round(expected, 2), forecast, meets);
    }

    private static string Fmt(double value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
