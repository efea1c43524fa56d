using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Evaluation;

/// <summary>What the result readers share: which computation of a round counts, and the engine's NaN as "no value".</summary>
internal static class ResultQueries
{
    /// <summary>The official result if the round is published, else (for the city only) the latest computation.</summary>
    public static async Task<EvaluationResult?> LatestAsync(ZjDbContext db, Guid roundId, bool includeUnpublished, CancellationToken cancellationToken)
    {
        var query = db.EvaluationResults.AsNoTracking().Where(r => r.RoundId == roundId);
        if (!includeUnpublished)
        {
            query = query.Where(r => r.Official);
        }
        return await query.OrderByDescending(r => r.Official).ThenByDescending(r => r.ComputedUtc).FirstOrDefaultAsync(cancellationToken);
    }

    public static double? OrNull(this double value) => double.IsNaN(value) ? null : value;
}
