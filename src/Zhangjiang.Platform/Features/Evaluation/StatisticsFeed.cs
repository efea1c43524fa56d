using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;

namespace Zhangjiang.Platform.Features.Evaluation;

/// <summary>
/// Fills a round's "computed" indicators (data source: enterprise statistics) from the roll-up's park values for the
/// round's year: an indicator takes the value of the roll-up formula that names it. A value the park typed itself is
/// kept; the filled ones are marked <see cref="SubmissionValue.Computed"/> so the form and the reviewers see where they
/// came from. Done when a round opens, and again by the city after a later import and roll-up.
/// </summary>
public sealed class StatisticsFeed(IDbContextFactory<ZjDbContext> contexts)
{
    /// <summary>Fills the given submissions (tracked or new) of a round; returns how many values it set.</summary>
    internal static async Task<int> FillAsync(ZjDbContext db, Guid frameworkId, int year, IEnumerable<ParkSubmission> submissions, CancellationToken cancellationToken)
    {
        var computedCodes = await db.EvaluationIndicators.Where(i => i.FrameworkId == frameworkId && i.DataSource == IndicatorDataSource.EnterpriseStatistics)
            .Select(i => i.Code).ToListAsync(cancellationToken);
        var formulas = await db.RollupFormulas.Where(f => f.Enabled && f.IndicatorCode != null && computedCodes.Contains(f.IndicatorCode))
            .Select(f => new { f.Code, Indicator = f.IndicatorCode! }).ToListAsync(cancellationToken);
        if (formulas.Count == 0)
        {
            return 0;
        }
        var formulaCodes = formulas.Select(f => f.Code).ToList();
        var values = await db.ParkStatisticValues.Where(v => v.Year == year && formulaCodes.Contains(v.FormulaCode))
            .Select(v => new { v.ParkCode, v.FormulaCode, v.Value }).ToListAsync(cancellationToken);
        var byPark = values.Where(v => v.Value is not null).GroupBy(v => v.ParkCode)
            .ToDictionary(g => g.Key, g => g.ToDictionary(v => v.FormulaCode, v => v.Value!.Value));
        var set = 0;
        foreach (var submission in submissions)
        {
            if (!byPark.TryGetValue(submission.ParkCode, out var parkValues))
            {
                continue;
            }
            foreach (var formula in formulas)
            {
                var row = submission.Values.FirstOrDefault(v => v.IndicatorCode == formula.Indicator);
                if (row is null || !parkValues.TryGetValue(formula.Code, out var value) || (row.Value is not null && !row.Computed))
                {
                    continue;
                }
                if (row.Value != value || !row.Computed)
                {
                    row.Value = value;
                    row.Computed = true;
                    set++;
                }
            }
        }
        return set;
    }

    /// <summary>City: refill an open round's draft and returned submissions from the latest roll-up. Audited.</summary>
    public async Task<UseCaseResult<int>> RefreshAsync(ClaimsPrincipal user, AuditActor actor, Guid roundId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsCityWide())
        {
            return UseCaseResult<int>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var round = await db.EvaluationRounds.SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return UseCaseResult<int>.NotFound();
        }
        if (round.Status != RoundStatus.Open)
        {
            return UseCaseResult<int>.Invalid("", new UserMessage("RoundNotOpen"));
        }
        // Submitted and accepted forms are what the park signed off: they are not changed under it.
        var submissions = await db.ParkSubmissions.Include(s => s.Values)
            .Where(s => s.RoundId == roundId && (s.Status == SubmissionStatus.Draft || s.Status == SubmissionStatus.Returned))
            .ToListAsync(cancellationToken);
        var set = await FillAsync(db, round.FrameworkId, round.Year, submissions, cancellationToken);
        foreach (var submission in submissions.Where(s => s.Values.Any(v => db.Entry(v).State == EntityState.Modified)))
        {
            // A changed form gets a new version, so a park editing it at the same time is told.
            db.Entry(submission).State = EntityState.Modified;
        }
        await db.SaveChangesAsync(cancellationToken);
        return UseCaseResult<int>.Ok(set);
    }
}
