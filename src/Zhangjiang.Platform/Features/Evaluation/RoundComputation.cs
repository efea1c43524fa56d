using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Indicators;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;

namespace Zhangjiang.Platform.Features.Evaluation;

/// <summary>The values a computation used: parks × indicators (raw units; null = missing), kept with the result.</summary>
public sealed record RoundInputData(IReadOnlyList<string> Parks, IReadOnlyList<string> Indicators, IReadOnlyList<double?[]> Values)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static RoundInputData FromJson(string json) =>
        JsonSerializer.Deserialize<RoundInputData>(json) ?? throw new InvalidOperationException("Empty result input.");

    /// <summary>The engine's data set: one unit per park, indicator columns in the framework's order.</summary>
    public IndicatorData ToEngine(IndicatorFramework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var column = Indicators.Select((code, i) => (code, i)).ToDictionary(p => p.code, p => p.i, StringComparer.Ordinal);
        var values = new double[framework.IndicatorCount][];
        for (var i = 0; i < framework.IndicatorCount; i++)
        {
            var c = column.TryGetValue(framework.Nodes[i].Code, out var found) ? found : -1;
            values[i] = Parks.Select((_, p) => c < 0 ? double.NaN : Values[p][c] ?? double.NaN).ToArray();
        }
        return new IndicatorData(Parks, Parks, values);
    }
}

public sealed record ComputationSummary(Guid ResultId, DateTime ComputedUtc, int Parks, int Replications, int FailedReplications, IReadOnlyList<string> NotEvaluated);

/// <summary>
/// Computes a locked round with the engine (nominal scores and ranks at every level, rank intervals from the
/// uncertainty analysis) and publishes a computed result, which freezes it.
/// </summary>
public sealed class RoundComputation(IDbContextFactory<ZjDbContext> contexts, IAuthorizationService authorization)
{
    public async Task<UseCaseResult<ComputationSummary>> ComputeAsync(
        ClaimsPrincipal user, AuditActor actor, Guid roundId, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var round = await db.EvaluationRounds.SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return UseCaseResult<ComputationSummary>.NotFound();
        }
        if (!(await authorization.AuthorizeAsync(user, new RoundResource(round.Status), Operations.Edit)).Succeeded)
        {
            return UseCaseResult<ComputationSummary>.Forbidden();
        }
        if (round.Status != RoundStatus.Locked)
        {
            return UseCaseResult<ComputationSummary>.Invalid("", new UserMessage(round.Status == RoundStatus.Open ? "RoundNotLocked" : "RoundPublished"));
        }
        var framework = await FrameworkOfAsync(db, round.FrameworkId, cancellationToken);
        var submissions = await db.ParkSubmissions.AsNoTracking().Include(s => s.Values)
            .Where(s => s.RoundId == roundId).OrderBy(s => s.ParkCode).ToListAsync(cancellationToken);
        var accepted = submissions.Where(s => s.Status == SubmissionStatus.Accepted).ToList();
        if (accepted.Count < 2)
        {
            return UseCaseResult<ComputationSummary>.Invalid("", new UserMessage("RoundTooFewAccepted", accepted.Count));
        }
        var indicatorCodes = framework.Nodes.Take(framework.IndicatorCount).Select(n => n.Code).ToList();
        var input = new RoundInputData(
            accepted.Select(s => s.ParkCode).ToList(),
            indicatorCodes,
            accepted.Select(s =>
            {
                var byCode = s.Values.ToDictionary(v => v.IndicatorCode, v => v.Value, StringComparer.Ordinal);
                return indicatorCodes.Select(c => byCode.TryGetValue(c, out var v) ? v : null).ToArray();
            }).ToList());
        var method = EvaluationMethod.FromJson(round.MethodJson);

        Outcome outcome;
        try
        {
            outcome = Run(framework, input, method, progress, cancellationToken);
        }
        catch (AggregationException e)
        {
            return UseCaseResult<ComputationSummary>.Invalid("", new UserMessage("ComputationUndefined", e.UnitCode, e.ChildCode));
        }

        var result = new EvaluationResult
        {
            Id = Guid.NewGuid(),
            RoundId = round.Id,
            ComputedUtc = db.UtcNow,
            ComputedBy = actor.UserName,
            MethodJson = round.MethodJson,
            InputJson = input.ToJson(),
            Replications = outcome.Uncertainty?.Replications ?? 0,
            FailedReplications = outcome.Uncertainty?.FailedReplications ?? 0,
        };
        Fill(result, round, outcome, input);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A recomputation replaces the last unofficial result; the official one (published) can never be replaced.
        // Removed through the change tracker so the removal is audited; the database cascades to the score rows.
        db.EvaluationResults.RemoveRange(await db.EvaluationResults.Where(r => r.RoundId == roundId && !r.Official).ToListAsync(cancellationToken));
        db.EvaluationResults.Add(result);
        await db.SaveChangesAsync(cancellationToken);
        FaultPoints.Reached(FaultPoints.RoundResultWritten);
        await transaction.CommitAsync(cancellationToken);
        return UseCaseResult<ComputationSummary>.Ok(new ComputationSummary(result.Id, result.ComputedUtc, input.Parks.Count, result.Replications,
            result.FailedReplications, submissions.Where(s => s.Status != SubmissionStatus.Accepted).Select(s => s.ParkCode).ToList()));
    }

    /// <summary>Freezes the round's computed result as the official one; from then on it is shown by the round's visibility.</summary>
    public async Task<UseCaseResult<bool>> PublishAsync(ClaimsPrincipal user, AuditActor actor, Guid roundId, Guid version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var round = await db.EvaluationRounds.SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return UseCaseResult<bool>.NotFound();
        }
        if (!(await authorization.AuthorizeAsync(user, new RoundResource(round.Status), Operations.Publish)).Succeeded)
        {
            return UseCaseResult<bool>.Forbidden();
        }
        if (round.Status != RoundStatus.Locked)
        {
            return UseCaseResult<bool>.Invalid("", new UserMessage(round.Status == RoundStatus.Open ? "RoundNotLocked" : "RoundPublished"));
        }
        var result = await db.EvaluationResults.OrderByDescending(r => r.ComputedUtc).FirstOrDefaultAsync(r => r.RoundId == roundId, cancellationToken);
        if (result is null)
        {
            return UseCaseResult<bool>.Invalid("", new UserMessage("RoundNotComputed"));
        }
        db.Entry(round).Property(r => r.Version).OriginalValue = version;
        result.Official = true;
        round.Status = RoundStatus.Published;
        round.PublishedUtc = db.UtcNow;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<bool>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<bool>.Ok(true);
    }

    internal sealed record Outcome(CompositeResult Result, UncertaintyResult? Uncertainty);

    /// <summary>The engine run for a round: also used to reproduce a stored result from its method and input.</summary>
    internal static Outcome Run(IndicatorFramework framework, RoundInputData input, EvaluationMethod method, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var data = input.ToEngine(framework);
        var nominal = method.ToPipeline();
        var result = CompositeIndicator.Run(framework, data, nominal);
        var uncertainty = method.UncertaintyReplications > 0
            ? Uncertainty.Run(framework, data, nominal, method.ToUncertainty(), progress, cancellationToken)
            : null;
        return new Outcome(result, uncertainty);
    }

    internal static async Task<IndicatorFramework> FrameworkOfAsync(ZjDbContext db, Guid frameworkId, CancellationToken cancellationToken)
    {
        var nodes = await db.EvaluationIndicators.AsNoTracking().Where(i => i.FrameworkId == frameworkId).OrderBy(i => i.SortOrder).ToListAsync(cancellationToken);
        return FrameworkCatalog.ToEngine(nodes.Select(IndicatorInput.From));
    }

    private static void Fill(EvaluationResult result, EvaluationRound round, Outcome outcome, RoundInputData input)
    {
        var composite = outcome.Result;
        var framework = composite.Framework;
        var top = framework.Nodes.Count - 1;
        var intervals = outcome.Uncertainty?.Units.ToDictionary(u => u.UnitCode, StringComparer.Ordinal);
        for (var p = 0; p < input.Parks.Count; p++)
        {
            var park = input.Parks[p];
            var score = composite.Scores[top][p];
            RankInterval? interval = null;
            intervals?.TryGetValue(park, out interval);
            result.Parks.Add(new ResultParkSummary
            {
                ParkCode = park,
                Score = ResultQueries.OrNull(score),
                Rank = ResultQueries.OrNull(composite.Ranks[top][p]),
                MedianRank = interval is null ? null : ResultQueries.OrNull(interval.MedianRank),
                RankP5 = interval is null ? null : ResultQueries.OrNull(interval.P5),
                RankP95 = interval is null ? null : ResultQueries.OrNull(interval.P95),
                Tier = double.IsNaN(score) ? 0 : round.TierOf(score),
            });
            for (var n = 0; n < framework.Nodes.Count; n++)
            {
                result.Scores.Add(new ResultScore
                {
                    ParkCode = park,
                    NodeCode = framework.Nodes[n].Code,
                    // As submitted (input columns follow the framework's indicator order), not as imputed or treated.
                    Raw = n < framework.IndicatorCount ? input.Values[p][n] : null,
                    Score = ResultQueries.OrNull(composite.Scores[n][p]),
                    Rank = ResultQueries.OrNull(composite.Ranks[n][p]),
                });
            }
        }
    }
}
