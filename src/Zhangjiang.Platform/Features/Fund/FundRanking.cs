using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Fund;

/// <summary>An application in review with its assignments (scores included) and its calibrated score when it has any.</summary>
public sealed record ScoredApplication(FundApplication Application, IReadOnlyList<ReviewAssignment> Assignments, ApplicationScore? Score);

/// <summary>Scores per application, calibrated by the call's settings; the ranking and funding line build on them.</summary>
public static class FundRanking
{
    /// <summary>Every application of the call that went to the experts, with its assignments and calibrated score.</summary>
    public static async Task<IReadOnlyList<ScoredApplication>> ScoredApplicationsAsync(ZjDbContext db, FundCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(call);
        var rules = FundCallRules.FromJson(call.RulesJson);
        var reviewed = await db.FundApplications.AsNoTracking()
            .Where(a => a.CallId == call.Id && db.ReviewAssignments.Any(r => r.ApplicationId == a.Id))
            .OrderBy(a => a.TrackingNumber).ToListAsync(cancellationToken);
        var ids = reviewed.Select(a => a.Id).ToList();
        var assignments = (await db.ReviewAssignments.AsNoTracking().Include(a => a.Scores).Where(a => ids.Contains(a.ApplicationId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.ApplicationId);
        var scores = rules.Calibrate(
            assignments.SelectMany(g => g).Where(a => a.Status == ReviewAssignmentStatus.Submitted && a.WeightedScore is not null)
                .Select(a => new ExpertScore(a.ApplicationId, a.ExpertId, a.WeightedScore!.Value)).ToList()).ToDictionary(s => s.ApplicationId);
        return reviewed.Select(a => new ScoredApplication(a, assignments[a.Id].ToList(), scores.GetValueOrDefault(a.Id))).ToList();
    }
}

/// <summary>An application as the funding line sees it: its calibrated score (null when no expert scored it).</summary>
public sealed record RankCandidate(
    Guid ApplicationId, string TopicCode, string ApplicantCreditCode, string? TrackingNumber, long RequestedFen, double? Score, DateTime? SubmittedUtc);

public enum LineOutcome
{
    Funded = 1,
    /// <summary>Fundable but below the line: moves up in order when a funded award is declined.</summary>
    Reserve = 2,
    BelowMinimum = 3,
    /// <summary>The applicant already holds what the year allows (awards or money).</summary>
    ApplicantCap = 4,
    NoScore = 5,
}

public sealed record RankedApplication(Guid ApplicationId, int? Rank, double? Score, long RequestedFen, long GrantFen, LineOutcome Outcome, int? ReservePosition);

/// <summary>A topic's money and its ranked list: the budget of the year, what other calls of the year already granted, the line.</summary>
public sealed record TopicLine(string TopicCode, long BudgetFen, long CommittedFen, long FundedFen, IReadOnlyList<RankedApplication> Rows)
{
    public long LeftFen => BudgetFen - CommittedFen - FundedFen;
}

/// <summary>What an applicant already holds from the year's other calls.</summary>
public sealed record ApplicantYear(int Awards, long GrantedFen);

public static class FundingLine
{
    /// <summary>
    /// Per topic, the ranked list and its funding line: applications by score (then earlier submission, then tracking
    /// number); those below the fundable minimum or unscored are out; each grant is the request capped by the call's
    /// largest grant and by what the applicant may still receive this year; grants are made in rank order while the
    /// topic's money lasts, and from the first that does not fit, every fundable application below is a reserve, in order.
    /// </summary>
    public static IReadOnlyList<TopicLine> Compute(
        IReadOnlyList<RankCandidate> candidates, IReadOnlyDictionary<string, (long Budget, long Committed)> topics, FundCallRules rules,
        IReadOnlyDictionary<string, ApplicantYear> applicants)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(applicants);
        var lines = new List<TopicLine>();
        var held = applicants.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        foreach (var topic in topics.Keys.Order(StringComparer.Ordinal))
        {
            var (budget, committed) = topics[topic];
            var left = budget - committed;
            var funded = 0L;
            var lineReached = false;
            var reserve = 0;
            var rank = 0;
            var rows = new List<RankedApplication>();
            foreach (var c in candidates.Where(c => c.TopicCode == topic)
                         .OrderByDescending(c => c.Score ?? double.MinValue).ThenBy(c => c.SubmittedUtc).ThenBy(c => c.TrackingNumber, StringComparer.Ordinal))
            {
                if (c.Score is not { } score)
                {
                    rows.Add(new(c.ApplicationId, null, null, c.RequestedFen, 0, LineOutcome.NoScore, null));
                    continue;
                }
                rank++;
                if (score < rules.FundableMinimum)
                {
                    rows.Add(new(c.ApplicationId, rank, score, c.RequestedFen, 0, LineOutcome.BelowMinimum, null));
                    continue;
                }
                var year = held.GetValueOrDefault(c.ApplicantCreditCode, new ApplicantYear(0, 0));
                var grant = Math.Min(c.RequestedFen, rules.MaxGrantFen);
                if (rules.MaxFenPerApplicantPerYear is { } money)
                {
                    grant = Math.Min(grant, money - year.GrantedFen);
                }
                if (grant <= 0 || (rules.MaxAwardsPerApplicantPerYear is { } awards && year.Awards >= awards))
                {
                    rows.Add(new(c.ApplicationId, rank, score, c.RequestedFen, 0, LineOutcome.ApplicantCap, null));
                    continue;
                }
                if (!lineReached && grant <= left)
                {
                    left -= grant;
                    funded += grant;
                    held[c.ApplicantCreditCode] = new ApplicantYear(year.Awards + 1, year.GrantedFen + grant);
                    rows.Add(new(c.ApplicationId, rank, score, c.RequestedFen, grant, LineOutcome.Funded, null));
                }
                else
                {
                    lineReached = true;
                    rows.Add(new(c.ApplicationId, rank, score, c.RequestedFen, grant, LineOutcome.Reserve, ++reserve));
                }
            }
            lines.Add(new TopicLine(topic, budget, committed, funded, rows));
        }
        return lines;
    }
}
