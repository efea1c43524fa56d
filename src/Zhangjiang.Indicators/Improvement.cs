namespace Zhangjiang.Indicators;

/// <summary>One change of the improvement path, in the indicator's raw units.</summary>
public sealed record ImprovementStep(string IndicatorCode, double From, double To, double ScoreAfter, double RankAfter);

/// <summary>The path from a unit's current score and rank to the one asked for.</summary>
public sealed record ImprovementPath(
    string UnitCode, string TargetCode, double ScoreBefore, double RankBefore, double ScoreNeeded,
    double ScoreAfter, double RankAfter, bool Reached, IReadOnlyList<ImprovementStep> Steps);

/// <summary>
/// 精准发力: the smallest set of indicator changes that lifts a unit to a target rank or score. Greedy: at each step
/// move the indicator that gains the most score per relative change (change ÷ the indicator's observed range) as far
/// as its feasible best (by default the best value observed); the last change is cut back to just what is needed.
/// Other units stay as they are and normalisation keeps its fitted parameters (min, max, mean, sd), so the effect
/// of each change is read directly. Works with min-max, z-score, target and best normalisation.
/// </summary>
public static class Improvement
{
    /// <summary>Plans the path for one unit. Give a target rank or a target score.</summary>
    public static ImprovementPath Plan(
        CompositeResult result, NormalisationOptions normalisation, AggregationMethod aggregation, string unitCode,
        double? targetRank = null, double? targetScore = null, IReadOnlyDictionary<string, double>? feasibleBest = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(normalisation);
        if (normalisation.Method is NormalisationMethod.Rank or NormalisationMethod.PercentileRank or NormalisationMethod.Benchmark)
        {
            throw new NotSupportedException($"The improvement path needs a normalisation with fixed parameters (min-max, z-score, target, best), not {normalisation.Method}.");
        }
        var framework = result.Framework;
        var top = framework.Nodes.Count - 1;
        var u = result.UnitIndex(unitCode);
        var others = Enumerable.Range(0, result.UnitCodes.Count).Where(v => v != u)
            .Select(v => result.Scores[top][v]).Where(s => !double.IsNaN(s)).OrderByDescending(s => s).ToArray();
        double needed;
        if (targetScore is { } score)
        {
            needed = score;
        }
        else if (targetRank is { } rank && rank >= 1)
        {
            var r = (int)rank;
            needed = r > others.Length ? double.NegativeInfinity : others[r - 1];
        }
        else
        {
            throw new ArgumentException("Give a target rank (1 or more) or a target score.");
        }

        var fits = Enumerable.Range(0, framework.IndicatorCount).Select(i => NormalisationFit.Of(framework.Nodes[i], result.Data.Values[i])).ToArray();
        var raw = Enumerable.Range(0, framework.IndicatorCount).Select(i => result.Data.Values[i][u]).ToArray();
        var best = Enumerable.Range(0, framework.IndicatorCount).Select(i =>
            feasibleBest is not null && feasibleBest.TryGetValue(framework.Nodes[i].Code, out var b) ? b : fits[i].BestRaw).ToArray();
        var buffer = Enumerable.Range(0, framework.Nodes.Count).Select(_ => new double[1]).ToArray();
        var unit = new[] { unitCode };

        double ScoreOf(double[] values)
        {
            for (var i = 0; i < framework.IndicatorCount; i++)
            {
                buffer[i][0] = fits[i].Normalise(values[i], normalisation);
            }
            Aggregation.Apply(framework, buffer, aggregation, unit);
            return buffer[top][0];
        }

        double RankOf(double s) => 1 + others.Count(o => o > s);

        var start = ScoreOf(raw);
        var current = start;
        var steps = new List<ImprovementStep>();
        var moved = new HashSet<int>();
        while (current < needed)
        {
            int choice = -1;
            double bestRatio = 0, bestScore = current;
            for (var i = 0; i < framework.IndicatorCount; i++)
            {
                if (moved.Contains(i) || double.IsNaN(raw[i]) || fits[i].Range == 0)
                {
                    continue;
                }
                var direction = framework.Nodes[i].Direction;
                if ((best[i] - raw[i]) * direction <= 0)
                {
                    continue; // already at or beyond its feasible best
                }
                var trial = (double[])raw.Clone();
                trial[i] = best[i];
                var s = ScoreOf(trial);
                var ratio = (s - current) / (Math.Abs(best[i] - raw[i]) / fits[i].Range);
                if (s > current && ratio > bestRatio)
                {
                    (choice, bestRatio, bestScore) = (i, ratio, s);
                }
            }
            if (choice < 0)
            {
                break;
            }
            var from = raw[choice];
            var to = best[choice];
            if (bestScore >= needed)
            {
                // Cut the last change back to the least that reaches the target (the score rises with the value).
                double lo = from, hi = to;
                for (var k = 0; k < 60; k++)
                {
                    var mid = (lo + hi) / 2;
                    var trial = (double[])raw.Clone();
                    trial[choice] = mid;
                    if (ScoreOf(trial) >= needed)
                    {
                        hi = mid;
                    }
                    else
                    {
                        lo = mid;
                    }
                }
                to = hi;
            }
            raw[choice] = to;
            moved.Add(choice);
            current = ScoreOf(raw);
            steps.Add(new ImprovementStep(framework.Nodes[choice].Code, from, to, current, RankOf(current)));
        }
        return new ImprovementPath(unitCode, framework.Nodes[top].Code, start, RankOf(start), needed, current, RankOf(current), current >= needed, steps);
    }
}
