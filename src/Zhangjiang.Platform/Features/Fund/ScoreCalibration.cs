namespace Zhangjiang.Platform.Features.Fund;

/// <summary>One expert's weighted score (0–100) on one application.</summary>
public sealed record ExpertScore(Guid ApplicationId, Guid ExpertId, double Score);

/// <summary>An expert's score on an application as the panel sees it: raw, on the common scale, and whether it stands out.</summary>
public sealed record CalibratedScore(Guid ExpertId, double Raw, double Calibrated, bool Outlier);

/// <summary>An application's scores and the figure that ranks it.</summary>
public sealed record ApplicationScore(Guid ApplicationId, IReadOnlyList<CalibratedScore> Scores, double Mean, double TrimmedMean, double Median, double Final);

/// <summary>
/// Calibration of expert scores (ADR 0011), computed on demand from the stored raw scores, never stored over them.
/// Optional z-scores: each expert's scores become (x − the expert's mean) / the expert's standard deviation, put back on
/// the 0–100 scale with the mean and standard deviation of all scores (an expert with fewer than two scores, or no
/// spread, keeps their raw scores). Trimmed mean: the call's number of scores dropped from each end while at least
/// one remains. Outliers: scores further than the call's points from the application's median.
/// </summary>
public static class ScoreCalibration
{
    public static IReadOnlyList<ApplicationScore> Compute(IReadOnlyList<ExpertScore> scores, bool zScore, int trimDrop, double outlierPoints)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var calibrated = scores.ToDictionary(s => (s.ApplicationId, s.ExpertId), s => s.Score);
        if (zScore && scores.Count > 1)
        {
            var overallMean = scores.Average(s => s.Score);
            var overallSd = StandardDeviation(scores.Select(s => s.Score).ToList(), overallMean);
            foreach (var byExpert in scores.GroupBy(s => s.ExpertId))
            {
                var own = byExpert.Select(s => s.Score).ToList();
                var mean = own.Average();
                var sd = StandardDeviation(own, mean);
                if (own.Count < 2 || sd == 0 || overallSd == 0)
                {
                    continue;
                }
                foreach (var s in byExpert)
                {
                    calibrated[(s.ApplicationId, s.ExpertId)] = overallMean + overallSd * (s.Score - mean) / sd;
                }
            }
        }
        return scores.GroupBy(s => s.ApplicationId).Select(g =>
        {
            var values = g.Select(s => calibrated[(g.Key, s.ExpertId)]).Order().ToList();
            var median = values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
            var drop = Math.Min(trimDrop, (values.Count - 1) / 2);
            var trimmed = values.Skip(drop).Take(values.Count - 2 * drop).Average();
            var rows = g.OrderBy(s => s.ExpertId).Select(s =>
            {
                var c = calibrated[(g.Key, s.ExpertId)];
                return new CalibratedScore(s.ExpertId, s.Score, c, Math.Abs(c - median) > outlierPoints);
            }).ToList();
            return new ApplicationScore(g.Key, rows, values.Average(), trimmed, median, trimmed);
        }).ToList();
    }

    /// <summary>Population standard deviation (the expert's own scores are the whole population being rescaled).</summary>
    private static double StandardDeviation(IReadOnlyList<double> values, double mean) =>
        values.Count == 0 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
}
