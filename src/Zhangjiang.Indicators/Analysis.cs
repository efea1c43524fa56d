namespace Zhangjiang.Indicators;

/// <summary>Descriptive statistics of one column.</summary>
public sealed record ColumnStatistics(
    string Code, double Availability, double Min, double Max, double Mean, double Median, double StandardDeviation, double Skewness, double Kurtosis);

/// <summary>One indicator's standing for a unit.</summary>
public sealed record IndicatorStanding(string IndicatorCode, double Rank, double Score);

/// <summary>Explaining results: strengths and weaknesses, contributions, statistics, correlations, Cronbach's alpha.</summary>
public static class Analysis
{
    /// <summary>The unit's best and worst indicators by rank (missing ones left out); ties keep framework order.</summary>
    public static (IReadOnlyList<IndicatorStanding> Strengths, IReadOnlyList<IndicatorStanding> Weaknesses) StrengthsAndWeaknesses(
        CompositeResult result, string unitCode, int count = 5)
    {
        ArgumentNullException.ThrowIfNull(result);
        var u = result.UnitIndex(unitCode);
        var standings = Enumerable.Range(0, result.Framework.IndicatorCount)
            .Where(i => !double.IsNaN(result.Ranks[i][u]))
            .Select(i => new IndicatorStanding(result.Framework.Nodes[i].Code, result.Ranks[i][u], result.Scores[i][u]))
            .ToList();
        var best = standings.OrderBy(s => s.Rank).Take(count).ToList();
        var worst = standings.OrderByDescending(s => s.Rank).Take(count).ToList();
        return (best, worst);
    }

    /// <summary>
    /// Contributions of each indicator to an aggregate for one unit under arithmetic aggregation: effective weight
    /// (re-normalised over present children at every level) × the indicator's score. They sum to the aggregate's score.
    /// </summary>
    public static Dictionary<string, double> Contributions(CompositeResult result, string aggregateCode, string unitCode)
    {
        ArgumentNullException.ThrowIfNull(result);
        var framework = result.Framework;
        var u = result.UnitIndex(unitCode);
        var a = framework.IndexOf(aggregateCode);
        if (a < 0)
        {
            throw new ArgumentException($"'{aggregateCode}' is not in the framework.", nameof(aggregateCode));
        }
        var contributions = new Dictionary<string, double>(StringComparer.Ordinal);
        Descend(a, 1.0);
        return contributions;

        void Descend(int node, double share)
        {
            if (node < framework.IndicatorCount)
            {
                contributions[framework.Nodes[node].Code] = share * result.Scores[node][u];
                return;
            }
            var present = framework.Children[node].Where(c => !double.IsNaN(result.Scores[c][u])).ToList();
            var total = present.Sum(c => framework.Nodes[c].Weight);
            foreach (var child in present)
            {
                Descend(child, share * framework.Nodes[child].Weight / total);
            }
        }
    }

    /// <summary>Statistics of each column (availability is the share of present values).</summary>
    public static IReadOnlyList<ColumnStatistics> Describe(IReadOnlyList<string> codes, double[][] columns)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(columns);
        return codes.Select((code, i) =>
        {
            var c = columns[i];
            return new ColumnStatistics(code, c.Length == 0 ? 0 : (double)Statistics.Count(c) / c.Length,
                Statistics.Min(c), Statistics.Max(c), Statistics.Mean(c), Statistics.Median(c),
                Statistics.StandardDeviation(c), Statistics.Skewness(c), Statistics.Kurtosis(c));
        }).ToList();
    }

    /// <summary>Pearson correlations between all nodes' scores (pairwise complete rows).</summary>
    public static double[,] Correlations(CompositeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var n = result.Scores.Length;
        var matrix = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            matrix[i, i] = 1;
            for (var j = i + 1; j < n; j++)
            {
                matrix[i, j] = matrix[j, i] = Statistics.Pearson(result.Scores[i], result.Scores[j]);
            }
        }
        return matrix;
    }

    /// <summary>
    /// Cronbach's alpha of an aggregate's children, as COINr's get_cronbach computes it: from the children's sample
    /// covariance matrix C (each entry over the units where both children are present),
    /// α = k²·c̄ / ΣC with c̄ the mean off-diagonal entry. With no gaps this equals k/(k−1)·(1 − Σ var(childᵢ) / var(Σ childᵢ)).
    /// </summary>
    public static double CronbachAlpha(CompositeResult result, string aggregateCode)
    {
        ArgumentNullException.ThrowIfNull(result);
        var framework = result.Framework;
        var children = framework.Children[framework.IndexOf(aggregateCode)];
        var k = children.Length;
        if (k < 2)
        {
            return double.NaN;
        }
        double all = 0, diagonal = 0;
        foreach (var i in children)
        {
            foreach (var j in children)
            {
                var c = Statistics.Covariance(result.Scores[i], result.Scores[j]);
                if (double.IsNaN(c))
                {
                    continue; // as R's sum(..., na.rm = TRUE)
                }
                all += c;
                if (i == j)
                {
                    diagonal += c;
                }
            }
        }
        var offDiagonalMean = (all - diagonal) / (k * (k - 1));
        return k * k * offDiagonalMean / all;
    }
}
