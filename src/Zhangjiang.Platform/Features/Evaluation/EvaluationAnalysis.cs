using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Indicators;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Evaluation;

/// <summary>What the city tries before publishing: other weights for the dimensions, another method.</summary>
public sealed record WhatIfInput
{
    /// <summary>New weights by aggregate code (e.g. D1 → 25); aggregates left out keep theirs.</summary>
    public IReadOnlyDictionary<string, double> Weights { get; init; } = new Dictionary<string, double>();
    public NormalisationMethod? Normalisation { get; init; }
    public AggregationMethod? Aggregation { get; init; }
}

public sealed record WhatIfRow(string ParkCode, string ParkNameZh, string ParkNameEn, double? Score, double? Rank, double? NewScore, double? NewRank);

public sealed record LeagueRow(string ParkCode, string ParkNameZh, string ParkNameEn, double? Raw, double? Score, double? Rank);

/// <summary>One earlier year: the frozen official rank beside the rank the current framework and method give its data.</summary>
public sealed record HistoryRow(string ParkCode, string ParkNameZh, string ParkNameEn, int Year, double? OfficialRank, double? RecomputedRank);

/// <summary>
/// The city's analysis around a round (never stored, never changing the result): a what-if with other weights or
/// methods, the league table of one indicator, and earlier years recomputed under this round's framework and method.
/// </summary>
public sealed class EvaluationAnalysis(IDbContextFactory<ZjDbContext> contexts)
{
    public async Task<UseCaseResult<IReadOnlyList<WhatIfRow>>> WhatIfAsync(ClaimsPrincipal user, Guid roundId, WhatIfInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        if (!user.IsCityWide())
        {
            return UseCaseResult<IReadOnlyList<WhatIfRow>>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var loaded = await LoadAsync(db, roundId, cancellationToken);
        if (loaded is null)
        {
            return UseCaseResult<IReadOnlyList<WhatIfRow>>.NotFound();
        }
        var (_, result, framework, input0, method) = loaded.Value;
        var errors = new List<FieldError>();
        foreach (var (code, weight) in input.Weights)
        {
            var node = framework.IndexOf(code);
            if (node < framework.IndicatorCount)
            {
                errors.Add(new FieldError(code, new UserMessage("SubmissionCodeUnknown", code)));
            }
            else if (!double.IsFinite(weight) || weight < 0)
            {
                errors.Add(new FieldError(code, new UserMessage("IndicatorWeightInvalid", code)));
            }
        }
        if (errors.Count > 0)
        {
            return UseCaseResult<IReadOnlyList<WhatIfRow>>.Invalid(errors);
        }
        var changed = framework.WithWeights(input.Weights.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        var pipeline = method.ToPipeline();
        pipeline = pipeline with
        {
            Normalisation = input.Normalisation is { } n ? new NormalisationOptions(n, n == NormalisationMethod.MinMax ? method.NormalisationLower : 0,
                n == NormalisationMethod.MinMax ? method.NormalisationUpper : 1) : pipeline.Normalisation,
            Aggregation = input.Aggregation ?? pipeline.Aggregation,
        };
        CompositeResult again;
        try
        {
            again = CompositeIndicator.Run(changed, input0.ToEngine(changed), pipeline);
        }
        catch (AggregationException e)
        {
            return UseCaseResult<IReadOnlyList<WhatIfRow>>.Invalid("", new UserMessage("ComputationUndefined", e.UnitCode, e.ChildCode));
        }
        var top = framework.Nodes[^1].Code;
        var parks = await db.Parks.AsNoTracking().ToDictionaryAsync(p => p.Code, cancellationToken);
        var official = await db.ResultParkSummaries.AsNoTracking().Where(s => s.ResultId == result.Id).ToDictionaryAsync(s => s.ParkCode, cancellationToken);
        var rows = input0.Parks.Select(p => new WhatIfRow(p, parks[p].NameZh, parks[p].NameEn, official[p].Score, official[p].Rank,
                ResultQueries.OrNull(again.Score(top, p)), ResultQueries.OrNull(again.Rank(top, p))))
            .OrderBy(r => r.NewRank ?? double.MaxValue).ThenBy(r => r.ParkCode, StringComparer.Ordinal).ToList();
        return UseCaseResult<IReadOnlyList<WhatIfRow>>.Ok(rows);
    }

    /// <summary>The parks ordered by one indicator (raw value, normalised score, rank); the city's view.</summary>
    public async Task<UseCaseResult<IReadOnlyList<LeagueRow>>> LeagueAsync(ClaimsPrincipal user, Guid roundId, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsCityWide())
        {
            return UseCaseResult<IReadOnlyList<LeagueRow>>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var result = await ResultQueries.LatestAsync(db, roundId, includeUnpublished: true, cancellationToken);
        if (result is null)
        {
            return UseCaseResult<IReadOnlyList<LeagueRow>>.NotFound();
        }
        var parks = await db.Parks.AsNoTracking().ToDictionaryAsync(p => p.Code, cancellationToken);
        var rows = await db.ResultScores.AsNoTracking().Where(s => s.ResultId == result.Id && s.NodeCode == code).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return UseCaseResult<IReadOnlyList<LeagueRow>>.NotFound();
        }
        return UseCaseResult<IReadOnlyList<LeagueRow>>.Ok(rows
            .OrderBy(r => r.Rank ?? double.MaxValue).ThenBy(r => r.ParkCode, StringComparer.Ordinal)
            .Select(r => new LeagueRow(r.ParkCode, parks[r.ParkCode].NameZh, parks[r.ParkCode].NameEn, r.Raw, r.Score, r.Rank)).ToList());
    }

    /// <summary>
    /// Every earlier published year recomputed under this round's framework and method (indicators matched by code; one
    /// the earlier framework lacked is missing), beside its frozen official rank.
    /// </summary>
    public async Task<UseCaseResult<IReadOnlyList<HistoryRow>>> HistoryAsync(ClaimsPrincipal user, Guid roundId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsCityWide())
        {
            return UseCaseResult<IReadOnlyList<HistoryRow>>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var loaded = await LoadAsync(db, roundId, cancellationToken);
        if (loaded is null)
        {
            return UseCaseResult<IReadOnlyList<HistoryRow>>.NotFound();
        }
        var (round, _, framework, _, method) = loaded.Value;
        var parks = await db.Parks.AsNoTracking().ToDictionaryAsync(p => p.Code, cancellationToken);
        var earlier = await db.EvaluationRounds.AsNoTracking().Where(r => r.Year < round.Year && r.Status == RoundStatus.Published)
            .OrderByDescending(r => r.Year).ToListAsync(cancellationToken);
        var rows = new List<HistoryRow>();
        var top = framework.Nodes[^1].Code;
        foreach (var past in earlier)
        {
            var official = await db.EvaluationResults.AsNoTracking().SingleOrDefaultAsync(r => r.RoundId == past.Id && r.Official, cancellationToken);
            if (official is null)
            {
                continue;
            }
            var input = RoundInputData.FromJson(official.InputJson);
            var ranks = await db.ResultParkSummaries.AsNoTracking().Where(s => s.ResultId == official.Id).ToDictionaryAsync(s => s.ParkCode, s => s.Rank, cancellationToken);
            CompositeResult? again = null;
            try
            {
                again = CompositeIndicator.Run(framework, input.ToEngine(framework), method.ToPipeline());
            }
            catch (AggregationException)
            {
                // The earlier data cannot be computed this way (a geometric mean meeting a zero); its column stays empty.
            }
            rows.AddRange(input.Parks.Select(p => new HistoryRow(p, parks[p].NameZh, parks[p].NameEn, past.Year, ranks.GetValueOrDefault(p),
                again is null ? null : ResultQueries.OrNull(again.Rank(top, p)))));
        }
        return UseCaseResult<IReadOnlyList<HistoryRow>>.Ok(rows);
    }

    private static async Task<(EvaluationRound Round, EvaluationResult Result, IndicatorFramework Framework, RoundInputData Input, EvaluationMethod Method)?> LoadAsync(
        ZjDbContext db, Guid roundId, CancellationToken cancellationToken)
    {
        var round = await db.EvaluationRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        var result = await ResultQueries.LatestAsync(db, roundId, includeUnpublished: true, cancellationToken);
        if (round is null || result is null)
        {
            return null;
        }
        var framework = await RoundComputation.FrameworkOfAsync(db, round.FrameworkId, cancellationToken);
        return (round, result, framework, RoundInputData.FromJson(result.InputJson), EvaluationMethod.FromJson(result.MethodJson));
    }
}
