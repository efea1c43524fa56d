using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Zhangjiang.Indicators;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Platform.Features.Evaluation;

/// <summary>A row of the ranking. What is null was not published to this user (see <see cref="ResultVisibility"/>).</summary>
public sealed record RankingRow(
    string ParkCode, string ParkNameZh, string ParkNameEn, double? Score, double? Rank, double? MedianRank, double? RankP5, double? RankP95,
    int? Tier, bool Own, bool ScorecardVisible, double? InternationalAttainment = null, double? DomesticAttainment = null);

public sealed record RankingView(
    Guid RoundId, int Year, string RoundNameZh, string RoundNameEn, RoundStatus Status, bool Official, DateTime ComputedUtc,
    int Replications, int FailedReplications, ResultVisibility ShownAs, IReadOnlyList<RankingRow> Rows);

public sealed record PublicRankingRow(double? Rank, string ParkCode, string ParkNameZh, string ParkNameEn, int Tier);

public sealed record PublicRanking(int Year, string RoundNameZh, string RoundNameEn, DateTime? PublishedUtc, IReadOnlyList<PublicRankingRow> Rows);

/// <param name="ZoneMedian">The median score of the evaluated parks on this node.</param>
/// <param name="MedianRaw">For indicators, the median of the evaluated parks' values (in the indicator's unit).</param>
/// <param name="Direction">1 when more is better, -1 when less is better.</param>
public sealed record ScorecardNode(
    string Code, string NameZh, string NameEn, int Level, string? ParentCode, string Unit, double? Raw, double? Score, double? Rank,
    double? ZoneMedian, double? Contribution, double? MedianRaw = null, int Direction = 1);

public sealed record YearOnYear(int Year, double? Score, double? Rank, int? Tier);

public sealed record ImprovementView(double TargetRank, double ScoreBefore, double RankBefore, double ScoreNeeded, double ScoreAfter,
    double RankAfter, bool Reached, IReadOnlyList<ImprovementStepView> Steps);

public sealed record ImprovementStepView(string Code, string NameZh, string NameEn, string Unit, double From, double To, double ScoreAfter, double RankAfter);

/// <summary>
/// A park's scorecard: index score, rank, rank interval and tier; every dimension and indicator with the zone median;
/// strengths and weak links (best and worst indicators by rank); each indicator's contribution to the index; last
/// year's result; and, when asked, the improvement path to a chosen rank.
/// </summary>
public sealed record Scorecard(
    Guid RoundId, int Year, string RoundNameZh, string RoundNameEn, bool Official, string ParkCode, string ParkNameZh, string ParkNameEn,
    int ParkCount, double? Score, double? Rank, double? MedianRank, double? RankP5, double? RankP95, int Tier, double FirstTierMinScore,
    double SecondTierMinScore, IReadOnlyList<ScorecardNode> Nodes, IReadOnlyList<ScorecardNode> Strengths, IReadOnlyList<ScorecardNode> WeakLinks,
    YearOnYear? PreviousYear, ImprovementView? Improvement, bool ContributionsShown, IReadOnlyList<BenchmarkGap> Gaps,
    double? ShanghaiScore, double? ShanghaiZoneMedian);

/// <summary>Reads results: rankings by each user's visibility, and scorecards by the scorecard rule.</summary>
public sealed class EvaluationResults(IDbContextFactory<ZjDbContext> contexts, IAuthorizationService authorization)
{
    /// <summary>
    /// The ranking: the city sees the latest computation, published or not; everyone else only the published one,
    /// their own park in full and the others as the round shows them (ranks, tiers or in full).
    /// </summary>
    public async Task<UseCaseResult<RankingView>> RankingAsync(ClaimsPrincipal user, Guid roundId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var round = await db.EvaluationRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return UseCaseResult<RankingView>.NotFound();
        }
        var cityWide = user.IsCityWide();
        var signedInRole = user.IsInRole(Roles.ParkManager) || user.IsInRole(Roles.DistrictOfficer) || cityWide;
        if (!signedInRole || (!cityWide && round.Status != RoundStatus.Published))
        {
            return UseCaseResult<RankingView>.Forbidden();
        }
        var result = await ResultQueries.LatestAsync(db, round.Id, cityWide, cancellationToken);
        if (result is null)
        {
            return UseCaseResult<RankingView>.NotFound();
        }
        var parks = await db.Parks.AsNoTracking().ToDictionaryAsync(p => p.Code, cancellationToken);
        var summaries = await db.ResultParkSummaries.AsNoTracking().Where(s => s.ResultId == result.Id).ToListAsync(cancellationToken);
        var shownAs = cityWide ? ResultVisibility.Full : round.OthersSee;
        var (context, _) = await ContextAsync(db, round, result, cancellationToken);
        var gaps = BenchmarkGaps.Compute(context);
        var unitOf = context.Data.UnitCodes.Select((code, u) => (code, u)).ToDictionary(p => p.code, p => p.u, StringComparer.Ordinal);
        double? Attainment(BenchmarkGroup group, string park) =>
            gaps.TryGetValue(group, out var g) ? ResultQueries.OrNull(g.Overall[unitOf[park]]) : null;
        var rows = new List<RankingRow>();
        foreach (var s in summaries.OrderBy(s => s.Rank ?? double.MaxValue).ThenBy(s => s.ParkCode, StringComparer.Ordinal))
        {
            var park = parks[s.ParkCode];
            var own = string.Equals(user.ParkScope(), s.ParkCode, StringComparison.Ordinal) && user.IsInRole(Roles.ParkManager);
            var visible = await CanSeeScorecardAsync(user, round, park.Code, park.DistrictCode);
            var full = visible || shownAs == ResultVisibility.Full;
            rows.Add(new RankingRow(s.ParkCode, park.NameZh, park.NameEn,
                full ? s.Score : null,
                full || shownAs == ResultVisibility.RanksOnly ? s.Rank : null,
                full ? s.MedianRank : null, full ? s.RankP5 : null, full ? s.RankP95 : null,
                full || shownAs == ResultVisibility.TiersOnly ? s.Tier : null,
                own, visible,
                full ? Attainment(BenchmarkGroup.International, s.ParkCode) : null,
                full ? Attainment(BenchmarkGroup.Domestic, s.ParkCode) : null));
        }
        if (shownAs == ResultVisibility.TiersOnly)
        {
            // Listed by tier, then by name: the order must not give the hidden ranks away.
            rows = rows.OrderBy(r => r.Tier ?? 4).ThenBy(r => r.ParkCode, StringComparer.Ordinal).ToList();
        }
        return UseCaseResult<RankingView>.Ok(new RankingView(round.Id, round.Year, round.NameZh, round.NameEn, round.Status, result.Official,
            result.ComputedUtc, result.Replications, result.FailedReplications, shownAs, rows));
    }

    /// <summary>A park's scorecard, recomputed from the stored method and input so the explanation matches the result exactly.</summary>
    public async Task<UseCaseResult<Scorecard>> ScorecardAsync(
        ClaimsPrincipal user, Guid roundId, string parkCode, double? targetRank = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var round = await db.EvaluationRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        var park = await db.Parks.AsNoTracking().SingleOrDefaultAsync(p => p.Code == parkCode, cancellationToken);
        if (round is null || park is null)
        {
            return UseCaseResult<Scorecard>.NotFound();
        }
        if (!await CanSeeScorecardAsync(user, round, park.Code, park.DistrictCode))
        {
            return UseCaseResult<Scorecard>.Forbidden();
        }
        var result = await ResultQueries.LatestAsync(db, round.Id, user.IsCityWide(), cancellationToken);
        if (result is null)
        {
            return UseCaseResult<Scorecard>.NotFound();
        }
        var input = RoundInputData.FromJson(result.InputJson);
        var unit = input.Parks.ToList().IndexOf(parkCode);
        if (unit < 0)
        {
            return UseCaseResult<Scorecard>.NotFound(); // the park was not evaluated in this round
        }
        var method = EvaluationMethod.FromJson(result.MethodJson);
        var (context, nodes) = await ContextAsync(db, round, result, cancellationToken);
        var framework = context.Framework;
        var composite = CompositeIndicator.Run(framework, context.Data, method.ToPipeline());
        var summary = await db.ResultParkSummaries.AsNoTracking().SingleAsync(s => s.ResultId == result.Id && s.ParkCode == parkCode, cancellationToken);

        var top = framework.Nodes.Count - 1;
        var contributionsShown = method.Aggregation == AggregationMethod.Arithmetic;
        var contributions = contributionsShown ? Analysis.Contributions(composite, framework.Nodes[top].Code, parkCode) : [];
        var byCode = nodes.ToDictionary(n => n.Code, StringComparer.Ordinal);
        var cards = framework.Nodes.Select((n, i) =>
        {
            var meta = byCode[n.Code];
            return new ScorecardNode(n.Code, meta.NameZh, meta.NameEn, n.Level, n.Parent, meta.Unit,
                i < framework.IndicatorCount ? input.Values[unit][i] : null,
                ResultQueries.OrNull(composite.Scores[i][unit]), ResultQueries.OrNull(composite.Ranks[i][unit]), ResultQueries.OrNull(Statistics.Median(composite.Scores[i])),
                contributions.TryGetValue(n.Code, out var c) ? c : null,
                i < framework.IndicatorCount ? MedianOf(input.Values.Select(v => v[i])) : null, n.Direction);
        }).ToList();
        var (best, worst) = Analysis.StrengthsAndWeaknesses(composite, parkCode);
        var cardOf = cards.ToDictionary(c => c.Code, StringComparer.Ordinal);

        ImprovementView? improvement = null;
        if (targetRank is { } wanted && method.Normalisation is NormalisationMethod.MinMax or NormalisationMethod.ZScore or NormalisationMethod.Best)
        {
            var path = Improvement.Plan(composite, method.ToPipeline().Normalisation, method.Aggregation, parkCode, targetRank: wanted);
            improvement = new ImprovementView(wanted, path.ScoreBefore, path.RankBefore, path.ScoreNeeded, path.ScoreAfter, path.RankAfter, path.Reached,
                path.Steps.Select(s => new ImprovementStepView(s.IndicatorCode, byCode[s.IndicatorCode].NameZh, byCode[s.IndicatorCode].NameEn,
                    byCode[s.IndicatorCode].Unit, s.From, s.To, s.ScoreAfter, s.RankAfter)).ToList());
        }

        var benchmarkScores = BenchmarkGaps.AggregateScores(context, method);
        var gaps = BenchmarkGaps.Compute(context).Select(g => new BenchmarkGap(g.Key, context.References[g.Key].Entities, ResultQueries.OrNull(g.Value.Overall[unit]),
            g.Value.PerIndicator.Select(p =>
            {
                var i = framework.IndexOf(p.Key);
                var raw = input.Values[unit][i];
                double? relative = raw is { } x && p.Value.Reference != 0 ? (x - p.Value.Reference) / Math.Abs(p.Value.Reference) * framework.Nodes[i].Direction : null;
                return new IndicatorGap(p.Key, raw, p.Value.Reference, relative, ResultQueries.OrNull(p.Value.Attainment[unit]));
            }).ToList(),
            benchmarkScores.TryGetValue(g.Key, out var aggregates) ? aggregates : new Dictionary<string, double>())).OrderBy(g => g.Group).ToList();
        var shanghai = BenchmarkGaps.ShanghaiSubIndex(context, method);

        return UseCaseResult<Scorecard>.Ok(new Scorecard(round.Id, round.Year, round.NameZh, round.NameEn, result.Official, park.Code, park.NameZh,
            park.NameEn, input.Parks.Count, summary.Score, summary.Rank, summary.MedianRank, summary.RankP5, summary.RankP95, summary.Tier,
            round.FirstTierMinScore, round.SecondTierMinScore, cards, best.Select(s => cardOf[s.IndicatorCode]).ToList(), worst.Select(s => cardOf[s.IndicatorCode]).ToList(),
            await PreviousYearAsync(db, round, parkCode, cancellationToken), improvement, contributionsShown, gaps,
            shanghai is null ? null : ResultQueries.OrNull(shanghai[unit]), shanghai is null ? null : ResultQueries.OrNull(Statistics.Median(shanghai))));
    }

    private static double? MedianOf(IEnumerable<double?> values)
    {
        var known = values.Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToArray();
        return known.Length == 0 ? null : ResultQueries.OrNull(Statistics.Median(known));
    }

    /// <summary>
    /// What the public portal shows: for every published round the city marked public, each evaluated park's rank and
    /// tier (no scores, no indicator values). Anyone may read it.
    /// </summary>
    public async Task<IReadOnlyList<PublicRanking>> PublicRankingsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rounds = await db.EvaluationRounds.AsNoTracking().Where(r => r.Status == RoundStatus.Published && r.ShowOnPortal)
            .OrderByDescending(r => r.Year).ToListAsync(cancellationToken);
        var parks = await db.Parks.AsNoTracking().ToDictionaryAsync(p => p.Code, cancellationToken);
        var list = new List<PublicRanking>();
        foreach (var round in rounds)
        {
            var official = await db.EvaluationResults.AsNoTracking().SingleOrDefaultAsync(r => r.RoundId == round.Id && r.Official, cancellationToken);
            if (official is null)
            {
                continue;
            }
            var rows = await db.ResultParkSummaries.AsNoTracking().Where(s => s.ResultId == official.Id).ToListAsync(cancellationToken);
            list.Add(new PublicRanking(round.Year, round.NameZh, round.NameEn, round.PublishedUtc,
                rows.OrderBy(r => r.Rank ?? double.MaxValue).Select(r => new PublicRankingRow(r.Rank, r.ParkCode, parks[r.ParkCode].NameZh, parks[r.ParkCode].NameEn, r.Tier)).ToList()));
        }
        return list;
    }

    /// <summary>
    /// The whole result as a workbook for city users: the ranking (with rank intervals, tiers and attainment of each
    /// benchmark group), every park's score and rank at every node, and the input values with the method used.
    /// </summary>
    public async Task<UseCaseResult<string>> ExportAsync(ClaimsPrincipal user, Guid roundId, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsCityWide())
        {
            return UseCaseResult<string>.Forbidden();
        }
        var ranking = await RankingAsync(user, roundId, cancellationToken);
        if (!ranking.Succeeded)
        {
            return new UseCaseResult<string>(ranking.Status, null, ranking.Errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var round = await db.EvaluationRounds.AsNoTracking().SingleAsync(r => r.Id == roundId, cancellationToken);
        var result = (await ResultQueries.LatestAsync(db, round.Id, true, cancellationToken))!;
        var (context, nodes) = await ContextAsync(db, round, result, cancellationToken);
        var scores = await db.ResultScores.AsNoTracking().Where(s => s.ResultId == result.Id).ToListAsync(cancellationToken);
        var parks = await db.Parks.AsNoTracking().ToDictionaryAsync(p => p.Code, cancellationToken);
        var rankingRows = ranking.Value!.Rows.Select(r => new Dictionary<string, object?>
        {
            ["名次 Rank"] = r.Rank,
            ["园区代码 Code"] = r.ParkCode,
            ["园区 Park"] = ExcelCells.Safe(r.ParkNameZh),
            ["Park (en)"] = ExcelCells.Safe(r.ParkNameEn),
            ["得分 Score"] = r.Score,
            ["梯队 Tier"] = r.Tier,
            ["名次中位数 Median rank"] = r.MedianRank,
            ["名次5%分位 P5"] = r.RankP5,
            ["名次95%分位 P95"] = r.RankP95,
            ["国际对标达成度 vs international"] = r.InternationalAttainment,
            ["国内对比达成度 vs domestic"] = r.DomesticAttainment,
        }).ToList();
        var nodeOrder = nodes.Select(n => n.Code).ToList();
        var scoreRows = scores.GroupBy(s => s.ParkCode).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var row = new Dictionary<string, object?> { ["园区代码 Code"] = g.Key, ["园区 Park"] = ExcelCells.Safe(parks[g.Key].NameZh) };
            var byNode = g.ToDictionary(s => s.NodeCode, StringComparer.Ordinal);
            foreach (var code in nodeOrder.Where(byNode.ContainsKey))
            {
                row[code + " 得分 score"] = byNode[code].Score;
                row[code + " 名次 rank"] = byNode[code].Rank;
            }
            return row;
        }).ToList();
        var input = RoundInputData.FromJson(result.InputJson);
        var inputRows = input.Parks.Select((park, p) =>
        {
            var row = new Dictionary<string, object?> { ["园区代码 Code"] = park, ["园区 Park"] = ExcelCells.Safe(parks[park].NameZh) };
            for (var i = 0; i < input.Indicators.Count; i++)
            {
                row[input.Indicators[i]] = input.Values[p][i];
            }
            return row;
        }).ToList();
        var about = new List<Dictionary<string, object?>>
        {
            new() { ["项目 Item"] = "轮次 Round", ["内容 Content"] = ExcelCells.Safe($"{round.NameZh} / {round.NameEn}") },
            new() { ["项目 Item"] = "结果 Result", ["内容 Content"] = result.Official ? "正式 official" : "未发布 provisional" },
            new() { ["项目 Item"] = "计算时间 Computed (UTC)", ["内容 Content"] = result.ComputedUtc.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) },
            new() { ["项目 Item"] = "方法 Method", ["内容 Content"] = result.MethodJson },
            new() { ["项目 Item"] = "模拟 Replications", ["内容 Content"] = $"{result.Replications} ({result.FailedReplications} undefined)" },
        };
        await output.SaveAsAsync(new Dictionary<string, object>
        {
            ["排名 Ranking"] = rankingRows, ["得分 Scores"] = scoreRows, ["数据 Input"] = inputRows, ["说明 About"] = about,
        }, cancellationToken: cancellationToken);
        return UseCaseResult<string>.Ok($"evaluation-{round.Year}-results.xlsx");
    }

    /// <summary>The result's framework, its raw input as engine data, and the benchmark references for the round's year.</summary>
    private static async Task<(BenchmarkGaps.Context Context, List<EvaluationIndicator> Nodes)> ContextAsync(
        ZjDbContext db, EvaluationRound round, EvaluationResult result, CancellationToken cancellationToken)
    {
        var nodes = await db.EvaluationIndicators.AsNoTracking().Where(i => i.FrameworkId == round.FrameworkId).OrderBy(i => i.SortOrder).ToListAsync(cancellationToken);
        var framework = FrameworkCatalog.ToEngine(nodes.Select(IndicatorInput.From));
        var input = RoundInputData.FromJson(result.InputJson);
        var references = await BenchmarkGaps.ReferencesAsync(db, round.Year, cancellationToken);
        return (new BenchmarkGaps.Context(framework, nodes.ToDictionary(n => n.Code, StringComparer.Ordinal), input.ToEngine(framework), references), nodes);
    }

    private async Task<bool> CanSeeScorecardAsync(ClaimsPrincipal user, EvaluationRound round, string parkCode, string districtCode) =>
        (await authorization.AuthorizeAsync(user, new ScorecardResource(parkCode, districtCode, round.Status == RoundStatus.Published, round.OthersSee), Operations.Read)).Succeeded;

    /// <summary>The park's official result in the latest earlier published round.</summary>
    private static async Task<YearOnYear?> PreviousYearAsync(ZjDbContext db, EvaluationRound round, string parkCode, CancellationToken cancellationToken)
    {
        var previous = await db.EvaluationRounds.AsNoTracking()
            .Where(r => r.Year < round.Year && r.Status == RoundStatus.Published)
            .OrderByDescending(r => r.Year).Select(r => new { r.Id, r.Year }).FirstOrDefaultAsync(cancellationToken);
        if (previous is null)
        {
            return null;
        }
        var summary = await db.ResultParkSummaries.AsNoTracking()
            .Where(s => s.ParkCode == parkCode && db.EvaluationResults.Any(r => r.Id == s.ResultId && r.RoundId == previous.Id && r.Official))
            .FirstOrDefaultAsync(cancellationToken);
        return summary is null ? null : new YearOnYear(previous.Year, summary.Score, summary.Rank, summary.Tier);
    }

}
