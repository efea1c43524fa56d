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
        var scores = ScoreCalibration.Compute(
            assignments.SelectMany(g => g).Where(a => a.Status == ReviewAssignmentStatus.Submitted && a.WeightedScore is not null)
                .Select(a => new ExpertScore(a.ApplicationId, a.ExpertId, a.WeightedScore!.Value)).ToList(),
            rules.ZScoreNormalisation, rules.TrimmedMeanDrop, rules.OutlierPoints).ToDictionary(s => s.ApplicationId);
        return reviewed.Select(a => new ScoredApplication(a, assignments[a.Id].ToList(), scores.GetValueOrDefault(a.Id))).ToList();
    }
}
