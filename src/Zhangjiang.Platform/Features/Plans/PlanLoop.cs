using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Fund;

namespace Zhangjiang.Platform.Features.Plans;

/// <param name="AsTask">A key task working on the indicator instead of a numeric target.</param>
/// <param name="Version">The plan's version as read.</param>
public sealed record WeakLinkInput(Guid RoundId, string IndicatorCode, bool AsTask, Guid Version);

/// <summary>A weak link of the park's latest scorecard, and the plan's targets and tasks that answer it (by indicator code).</summary>
public sealed record WeakLinkView(string Code, string NameZh, string NameEn, string Unit, double? Raw, double? MedianRaw, double? Rank, int Direction,
    IReadOnlyList<LocalText> AnsweredBy);

public sealed record PlanWeakLinks(Guid RoundId, int Year, string RoundNameZh, string RoundNameEn, IReadOnlyList<WeakLinkView> WeakLinks);

/// <summary>A funded project of the park and the plan targets it serves.</summary>
public sealed record FundedProjectView(Guid ApplicationId, string? TrackingNumber, string ProjectTitle, string ApplicantName, FundApplicationStatus Status,
    long? GrantFen, IReadOnlyList<Guid> TargetKeys);

public sealed record FundLinkInput(Guid ApplicationId, IReadOnlyList<Guid> TargetKeys);

/// <summary>
/// Closing the loop between the plan and the other modules: a weak link of the park's evaluation scorecard becomes a
/// plan target (from the park's value to the zone median, by the round's year + 2) or a key task in one action, and the
/// plan shows which weak links its targets and tasks answer; the park's funded projects are linked to the plan
/// targets they serve. A published plan gets the change in its next version, which the action starts.
/// </summary>
public sealed class PlanLoop(IDbContextFactory<ZjDbContext> contexts, EvaluationResults results, ParkPlans plans)
{
    /// <summary>Funded projects are those the fund has approved, contracted, accepted or closed.</summary>
    private static readonly FundApplicationStatus[] Funded =
        [FundApplicationStatus.Approved, FundApplicationStatus.Contracted, FundApplicationStatus.Accepted, FundApplicationStatus.Closed];

    /// <summary>The weak links of the latest round whose scorecard for the park the user may see (null when there is none).</summary>
    public async Task<UseCaseResult<PlanWeakLinks?>> WeakLinksAsync(ClaimsPrincipal user, Guid planId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var plan = await plans.GetAsync(user, planId, cancellationToken);
        if (!plan.Succeeded)
        {
            return UseCaseResult<PlanWeakLinks?>.NotFound();
        }
        var card = await LatestScorecardAsync(user, plan.Value!.ParkCode, cancellationToken);
        if (card is null)
        {
            return UseCaseResult<PlanWeakLinks?>.Ok(null);
        }
        var p = plan.Value;
        var links = card.WeakLinks.Select(w => new WeakLinkView(w.Code, w.NameZh, w.NameEn, w.Unit, w.Raw, w.MedianRaw, w.Rank, w.Direction,
            p.Targets.Where(t => t.IndicatorCode == w.Code).Select(t => new LocalText(t.NameZh, t.NameEn))
                .Concat(p.Tasks.Where(t => t.IndicatorCode == w.Code).Select(t => new LocalText(t.TitleZh, t.TitleEn))).ToList())).ToList();
        return UseCaseResult<PlanWeakLinks?>.Ok(new PlanWeakLinks(card.RoundId, card.Year, card.RoundNameZh, card.RoundNameEn, links));
    }

    /// <summary>Turns a weak link of the round's scorecard for the plan's park into a target or a key task of the plan.</summary>
    public async Task<UseCaseResult<PlanDetail>> AnswerWeakLinkAsync(ClaimsPrincipal user, AuditActor actor, Guid planId, WeakLinkInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var read = await plans.GetAsync(user, planId, cancellationToken);
        if (!read.Succeeded)
        {
            return read;
        }
        if (!PlanAccess.CanEdit(user, read.Value!.ParkCode))
        {
            return UseCaseResult<PlanDetail>.Forbidden();
        }
        var card = await results.ScorecardAsync(user, input.RoundId, read.Value.ParkCode, cancellationToken: cancellationToken);
        if (!card.Succeeded)
        {
            return UseCaseResult<PlanDetail>.Invalid(nameof(input.RoundId), new UserMessage("PlanWeakLinkNoScorecard"));
        }
        var node = card.Value!.Nodes.SingleOrDefault(n => n.Code == input.IndicatorCode && n.MedianRaw is not null);
        if (node is null)
        {
            return UseCaseResult<PlanDetail>.Invalid(nameof(input.IndicatorCode), new UserMessage("PlanWeakLinkUnknown", input.IndicatorCode ?? ""));
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var plan = await db.ParkPlans.Include(p => p.Targets).Include(p => p.Tasks).SingleAsync(p => p.Id == planId, cancellationToken);
        if (plan.Version != input.Version)
        {
            return UseCaseResult<PlanDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        if (plan.Workflow is PlanWorkflow.Submitted or PlanWorkflow.Reviewed)
        {
            return UseCaseResult<PlanDetail>.Invalid("Workflow", new UserMessage("PlanNotDrafting"));
        }
        if (plan.Targets.Any(t => t.IndicatorCode == node.Code) || plan.Tasks.Any(t => t.IndicatorCode == node.Code))
        {
            return UseCaseResult<PlanDetail>.Invalid(nameof(input.IndicatorCode), new UserMessage("PlanWeakLinkAnswered", node.NameZh));
        }
        if (plan.Workflow == PlanWorkflow.Published)
        {
            // The published version stays what readers see; the answer goes into the next one.
            plan.Workflow = PlanWorkflow.Drafting;
            plan.VersionNumber++;
            plan.ReviewNote = null;
        }
        var round = card.Value;
        var rank = node.Rank?.ToString("0", CultureInfo.InvariantCulture) ?? "—";
        var source = $"{round.Year} {round.RoundNameZh}：薄弱环节（第 {rank} 名）";
        if (input.AsTask)
        {
            plan.Tasks.Add(new PlanTask
            {
                Order = plan.Tasks.Count == 0 ? 0 : plan.Tasks.Max(t => t.Order) + 1, TitleZh = $"补齐短板：{node.NameZh}", TitleEn = $"Close the gap: {node.NameEn}",
                Owner = "", IndicatorCode = node.Code,
            });
        }
        else
        {
            plan.Targets.Add(new PlanTarget
            {
                Order = plan.Targets.Count == 0 ? 0 : plan.Targets.Max(t => t.Order) + 1, NameZh = node.NameZh, NameEn = node.NameEn, Unit = node.Unit,
                Direction = node.Direction < 0 ? TargetDirection.Decrease : TargetDirection.Increase, Baseline = node.Raw, BaselineYear = round.Year,
                TargetValue = node.MedianRaw, TargetYear = round.Year + 2, IndicatorCode = node.Code, Source = source,
            });
        }
        plan.UpdatedUtc = db.UtcNow;
        plan.UpdatedBy = actor.UserName;
        db.Entry(plan).Property(p => p.Version).OriginalValue = input.Version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<PlanDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return await plans.GetAsync(user, planId, cancellationToken);
    }

    /// <summary>The park's funded projects with the plan targets each serves (the plan's readers see them).</summary>
    public async Task<UseCaseResult<IReadOnlyList<FundedProjectView>>> FundedProjectsAsync(ClaimsPrincipal user, Guid planId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var plan = await plans.GetAsync(user, planId, cancellationToken);
        if (!plan.Succeeded)
        {
            return UseCaseResult<IReadOnlyList<FundedProjectView>>.NotFound();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var park = plan.Value!.ParkCode;
        var projects = await db.FundApplications.AsNoTracking().Where(a => a.ParkCode == park && Funded.Contains(a.Status))
            .OrderBy(a => a.TrackingNumber).Select(a => new { a.Id, a.TrackingNumber, a.ProjectTitle, a.ApplicantName, a.Status, a.GrantFen }).ToListAsync(cancellationToken);
        var links = await db.PlanFundLinks.AsNoTracking().Where(l => l.PlanId == planId).ToListAsync(cancellationToken);
        return UseCaseResult<IReadOnlyList<FundedProjectView>>.Ok(projects.Select(a => new FundedProjectView(a.Id, a.TrackingNumber, a.ProjectTitle, a.ApplicantName, a.Status,
            a.GrantFen, links.Where(l => l.ApplicationId == a.Id).Select(l => l.TargetKey).ToList())).ToList());
    }

    /// <summary>The park (or the city) sets which plan targets a funded project of the park serves (replacing the earlier choice).</summary>
    public async Task<UseCaseResult<IReadOnlyList<FundedProjectView>>> LinkFundingAsync(ClaimsPrincipal user, AuditActor actor, Guid planId, FundLinkInput input,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var plan = await plans.GetAsync(user, planId, cancellationToken);
        if (!plan.Succeeded)
        {
            return UseCaseResult<IReadOnlyList<FundedProjectView>>.NotFound();
        }
        if (!PlanAccess.CanEdit(user, plan.Value!.ParkCode))
        {
            return UseCaseResult<IReadOnlyList<FundedProjectView>>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var park = plan.Value.ParkCode;
        if (!await db.FundApplications.AnyAsync(a => a.Id == input.ApplicationId && a.ParkCode == park && Funded.Contains(a.Status), cancellationToken))
        {
            return UseCaseResult<IReadOnlyList<FundedProjectView>>.Invalid(nameof(input.ApplicationId), new UserMessage("PlanFundNotFunded"));
        }
        // Targets are matched by key, which stays the same across versions; a key the plan does not have is refused.
        var keys = (input.TargetKeys ?? []).Distinct().ToList();
        var known = await db.PlanTargets.Where(t => t.PlanId == planId).Select(t => t.Key).ToListAsync(cancellationToken);
        if (keys.FirstOrDefault(k => !known.Contains(k)) is var unknown && unknown != Guid.Empty)
        {
            return UseCaseResult<IReadOnlyList<FundedProjectView>>.Invalid(nameof(input.TargetKeys), new UserMessage("PlanFundTargetUnknown", unknown));
        }
        var existing = await db.PlanFundLinks.Where(l => l.PlanId == planId && l.ApplicationId == input.ApplicationId).ToListAsync(cancellationToken);
        db.PlanFundLinks.RemoveRange(existing.Where(l => !keys.Contains(l.TargetKey)));
        foreach (var key in keys.Where(k => existing.All(l => l.TargetKey != k)))
        {
            db.PlanFundLinks.Add(new PlanFundLink { PlanId = planId, TargetKey = key, ApplicationId = input.ApplicationId, LinkedUtc = db.UtcNow, LinkedBy = actor.UserName });
        }
        await db.SaveChangesAsync(cancellationToken);
        return await FundedProjectsAsync(user, planId, cancellationToken);
    }

    /// <summary>The park's scorecard in the most recent rounds (newest first) that the user may see.</summary>
    private async Task<Scorecard?> LatestScorecardAsync(ClaimsPrincipal user, string parkCode, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rounds = await db.EvaluationRounds.AsNoTracking().Where(r => db.EvaluationResults.Any(x => x.RoundId == r.Id))
            .OrderByDescending(r => r.Year).Select(r => r.Id).Take(3).ToListAsync(cancellationToken);
        foreach (var round in rounds)
        {
            var card = await results.ScorecardAsync(user, round, parkCode, cancellationToken: cancellationToken);
            if (card.Succeeded)
            {
                return card.Value;
            }
        }
        return null;
    }
}
