using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Platform.Features.Fund;

public sealed record RankingRow(
    Guid ApplicationId, string? TrackingNumber, string ProjectTitle, string ApplicantName, int? Rank, double? Score, long RequestedFen, long GrantFen,
    LineOutcome Outcome, int? ReservePosition, FundApplicationStatus Status);

public sealed record RankingTopic(string TopicCode, long BudgetFen, long CommittedFen, long FundedFen, long LeftFen, IReadOnlyList<RankingRow> Rows);

public sealed record ObjectionInput(Guid ApplicationId, string Text);

public sealed record ObjectionResolution(bool Upheld, string Resolution, Guid Version);

public sealed record ObjectionView(Guid Id, Guid ApplicationId, string? TrackingNumber, string Text, DateTime SubmittedUtc, string SubmittedBy,
    string? Resolution, bool? Upheld, DateTime? ResolvedUtc, string? ResolvedBy, Guid Version);

public sealed record DeclineInput(string Reason, Guid Version);

/// <summary>A line of the public notice (公示名单): what the city publishes about a recommended award.</summary>
public sealed record NoticeRow(Guid ApplicationId, string? TrackingNumber, string ProjectTitle, string ApplicantName, string TopicCode, double? Score, long GrantFen, FundApplicationStatus Status);

/// <summary>
/// Ranking and decision: per topic a ranked list with its funding line from the topic's budget of the year, the caps and
/// the fundable minimum; the public notice (公示) of that list for the call's days, with objections recorded and resolved;
/// approval by a city administrator who is not of the applicant's organisation; declined awards moving the first
/// reserve up; and the release of the reviews to applicants. Every move is an application event with its reason.
/// </summary>
public sealed class FundDecisions(IDbContextFactory<ZjDbContext> contexts)
{

    /// <summary>City: the ranked lists and funding lines as they stand (from the panel phase on), computed, not stored.</summary>
    public async Task<UseCaseResult<IReadOnlyList<RankingTopic>>> RankingAsync(ClaimsPrincipal user, Guid callId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsCityWide())
        {
            return UseCaseResult<IReadOnlyList<RankingTopic>>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var call = await db.FundCalls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null)
        {
            return UseCaseResult<IReadOnlyList<RankingTopic>>.NotFound();
        }
        if (call.Status < FundCallStatus.Panel)
        {
            return UseCaseResult<IReadOnlyList<RankingTopic>>.Conflict(new UserMessage("FundNotRankedYet"));
        }
        var (lines, apps) = await ComputeAsync(db, call, cancellationToken);
        return UseCaseResult<IReadOnlyList<RankingTopic>>.Ok(lines.Select(l => new RankingTopic(l.TopicCode, l.BudgetFen, l.CommittedFen, l.FundedFen, l.LeftFen,
            l.Rows.Select(r =>
            {
                var a = apps[r.ApplicationId];
                return new RankingRow(a.Id, a.TrackingNumber, a.ProjectTitle, a.ApplicantName, r.Rank, r.Score, r.RequestedFen, r.GrantFen, r.Outcome, r.ReservePosition, a.Status);
            }).ToList())).ToList());
    }

    /// <summary>
    /// City: publishes the ranked list for the call's notice days. Each application takes its outcome (recommended with
    /// its grant, reserve with its place, or not funded with why), its score and rank, recorded as an event.
    /// </summary>
    public async Task<UseCaseResult<IReadOnlyList<RankingTopic>>> PublishNoticeAsync(
        ClaimsPrincipal user, AuditActor actor, Guid callId, Guid version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        if (!user.IsCityWide())
        {
            return UseCaseResult<IReadOnlyList<RankingTopic>>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var call = await db.FundCalls.SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null)
        {
            return UseCaseResult<IReadOnlyList<RankingTopic>>.NotFound();
        }
        if (call.Version != version)
        {
            return UseCaseResult<IReadOnlyList<RankingTopic>>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        if (call.Status != FundCallStatus.Panel)
        {
            return UseCaseResult<IReadOnlyList<RankingTopic>>.Conflict(new UserMessage("FundNotInPanel"));
        }
        var (lines, _) = await ComputeAsync(db, call, cancellationToken);
        var ids = lines.SelectMany(l => l.Rows).Select(r => r.ApplicationId).ToList();
        var tracked = await db.FundApplications.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var now = db.UtcNow;
        foreach (var row in lines.SelectMany(l => l.Rows))
        {
            var a = tracked[row.ApplicationId];
            var (to, reason) = row.Outcome switch
            {
                LineOutcome.Funded => (FundApplicationStatus.Recommended, new UserMessage("FundOutcomeFunded", row.Rank!, Score(row.Score), FundMoney.Wan(row.GrantFen))),
                LineOutcome.Reserve => (FundApplicationStatus.Reserve, new UserMessage("FundOutcomeReserve", row.Rank!, Score(row.Score), row.ReservePosition!)),
                LineOutcome.BelowMinimum => (FundApplicationStatus.NotFunded, new UserMessage("FundOutcomeBelowMinimum", Score(row.Score), FundCallRules.FromJson(call.RulesJson).FundableMinimum)),
                LineOutcome.ApplicantCap => (FundApplicationStatus.NotFunded, new UserMessage("FundOutcomeApplicantCap", Score(row.Score))),
                _ => (FundApplicationStatus.NotFunded, new UserMessage("FundOutcomeNoScore")),
            };
            FundApplicationStatuses.Move(db, a, to, actor.UserName, reason);
            a.FinalScore = row.Score is { } s ? Math.Round(s, 4) : null;
            a.Rank = row.Rank;
            a.GrantFen = row.Outcome is LineOutcome.Funded or LineOutcome.Reserve ? row.GrantFen : null;
        }
        call.Status = FundCallStatus.PublicNotice;
        call.NoticeStartsUtc = now;
        call.NoticeEndsUtc = now.AddDays(FundCallRules.FromJson(call.RulesJson).NoticeDays);
        db.Entry(call).Property(c => c.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<IReadOnlyList<RankingTopic>>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return await RankingAsync(user, callId, cancellationToken);
    }

    /// <summary>The public notice: the recommended (later approved) awards, for every signed-in user once the notice is out.</summary>
    public async Task<UseCaseResult<IReadOnlyList<NoticeRow>>> NoticeAsync(ClaimsPrincipal user, Guid callId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var call = await db.FundCalls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null || user.Identity?.IsAuthenticated != true)
        {
            return UseCaseResult<IReadOnlyList<NoticeRow>>.NotFound();
        }
        if (call.Status < FundCallStatus.PublicNotice)
        {
            return UseCaseResult<IReadOnlyList<NoticeRow>>.Ok([]);
        }
        var listed = new[] { FundApplicationStatus.Recommended, FundApplicationStatus.Approved, FundApplicationStatus.Contracted, FundApplicationStatus.Accepted, FundApplicationStatus.Closed };
        var rows = await db.FundApplications.AsNoTracking().Where(a => a.CallId == callId && listed.Contains(a.Status))
            .OrderBy(a => a.TopicCode).ThenBy(a => a.Rank)
            .Select(a => new NoticeRow(a.Id, a.TrackingNumber, a.ProjectTitle, a.ApplicantName, a.TopicCode, a.FinalScore, a.GrantFen ?? 0, a.Status))
            .ToListAsync(cancellationToken);
        return UseCaseResult<IReadOnlyList<NoticeRow>>.Ok(rows);
    }

    /// <summary>Anyone signed in, during the notice: an objection against a listed application.</summary>
    public async Task<UseCaseResult<ObjectionView>> ObjectAsync(ClaimsPrincipal user, AuditActor actor, Guid callId, ObjectionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (user.Identity?.IsAuthenticated != true)
        {
            return UseCaseResult<ObjectionView>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var call = await db.FundCalls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null)
        {
            return UseCaseResult<ObjectionView>.NotFound();
        }
        if (call.Status != FundCallStatus.PublicNotice || !(db.UtcNow < call.NoticeEndsUtc))
        {
            return UseCaseResult<ObjectionView>.Conflict(new UserMessage("FundNoticeClosed"));
        }
        var listed = await db.FundApplications.AsNoTracking().AnyAsync(a => a.Id == input.ApplicationId && a.CallId == callId
            && (a.Status == FundApplicationStatus.Recommended || a.Status == FundApplicationStatus.Reserve || a.Status == FundApplicationStatus.NotFunded), cancellationToken);
        if (!listed)
        {
            return UseCaseResult<ObjectionView>.Invalid(nameof(input.ApplicationId), new UserMessage("FundObjectionNotListed"));
        }
        var text = input.Text?.Trim() ?? "";
        if (text.Length is 0 or > 5000)
        {
            return UseCaseResult<ObjectionView>.Invalid(nameof(input.Text), new UserMessage("FundObjectionText"));
        }
        var objection = new FundObjection
        {
            Id = Guid.NewGuid(), CallId = callId, ApplicationId = input.ApplicationId, Text = text, SubmittedUtc = db.UtcNow, SubmittedBy = actor.UserName,
        };
        db.FundObjections.Add(objection);
        await db.SaveChangesAsync(cancellationToken);
        return UseCaseResult<ObjectionView>.Ok(await ViewAsync(db, objection.Id, cancellationToken));
    }

    /// <summary>City: the call's objections (the objector's name included; they are not shown to applicants).</summary>
    public async Task<UseCaseResult<IReadOnlyList<ObjectionView>>> ObjectionsAsync(ClaimsPrincipal user, Guid callId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsCityWide())
        {
            return UseCaseResult<IReadOnlyList<ObjectionView>>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var views = await Views(db, db.FundObjections.Where(o => o.CallId == callId)).ToListAsync(cancellationToken);
        return UseCaseResult<IReadOnlyList<ObjectionView>>.Ok(views);
    }

    /// <summary>
    /// City: resolves an objection with its reason. An upheld objection against a recommended award withdraws it
    /// (declined) and moves the topic's first reserve up when its grant fits.
    /// </summary>
    public async Task<UseCaseResult<ObjectionView>> ResolveObjectionAsync(
        ClaimsPrincipal user, AuditActor actor, Guid objectionId, ObjectionResolution input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!user.IsCityWide())
        {
            return UseCaseResult<ObjectionView>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var objection = await db.FundObjections.SingleOrDefaultAsync(o => o.Id == objectionId, cancellationToken);
        if (objection is null)
        {
            return UseCaseResult<ObjectionView>.NotFound();
        }
        if (objection.Version != input.Version || objection.Upheld is not null)
        {
            return UseCaseResult<ObjectionView>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        var resolution = input.Resolution?.Trim() ?? "";
        if (resolution.Length is 0 or > 5000)
        {
            return UseCaseResult<ObjectionView>.Invalid(nameof(input.Resolution), new UserMessage("FundDecisionReason"));
        }
        objection.Upheld = input.Upheld;
        objection.Resolution = resolution;
        objection.ResolvedUtc = db.UtcNow;
        objection.ResolvedBy = actor.UserName;
        db.Entry(objection).Property(o => o.Version).OriginalValue = input.Version;
        if (input.Upheld)
        {
            var application = await db.FundApplications.SingleAsync(a => a.Id == objection.ApplicationId, cancellationToken);
            if (application.Status is FundApplicationStatus.Recommended or FundApplicationStatus.Approved)
            {
                var call = await db.FundCalls.AsNoTracking().SingleAsync(c => c.Id == application.CallId, cancellationToken);
                FundApplicationStatuses.Move(db, application, FundApplicationStatus.Declined, actor.UserName, new UserMessage("FundObjectionUpheld", resolution));
                await PromoteReserveAsync(db, call, application, actor, cancellationToken);
            }
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<ObjectionView>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<ObjectionView>.Ok(await ViewAsync(db, objection.Id, cancellationToken));
    }

    /// <summary>
    /// A city administrator approves the recommended awards once the notice has ended with every objection resolved (and,
    /// after that, awards that moved up from the reserve). Nobody approves an award to their own organisation.
    /// </summary>
    public async Task<UseCaseResult<int>> ApproveAsync(ClaimsPrincipal user, AuditActor actor, Guid callId, Guid version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        if (!user.IsInRole(Roles.CityAdmin))
        {
            return UseCaseResult<int>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var call = await db.FundCalls.SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null)
        {
            return UseCaseResult<int>.NotFound();
        }
        if (call.Version != version)
        {
            return UseCaseResult<int>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        if (call.Status is not (FundCallStatus.PublicNotice or FundCallStatus.Decided))
        {
            return UseCaseResult<int>.Conflict(new UserMessage("FundNotInNotice"));
        }
        if (call.Status == FundCallStatus.PublicNotice && db.UtcNow < call.NoticeEndsUtc)
        {
            return UseCaseResult<int>.Invalid("NoticeEndsUtc", new UserMessage("FundNoticeRunning", call.NoticeEndsUtc!.Value.ToString("u", CultureInfo.InvariantCulture)));
        }
        var open = await db.FundObjections.CountAsync(o => o.CallId == callId && o.Upheld == null, cancellationToken);
        if (open > 0)
        {
            return UseCaseResult<int>.Invalid("objections", new UserMessage("FundObjectionsOpen", open));
        }
        var recommended = await db.FundApplications.Where(a => a.CallId == callId && a.Status == FundApplicationStatus.Recommended).ToListAsync(cancellationToken);
        var own = user.OrganisationScope();
        var conflicted = recommended.Where(a => own is not null && a.ApplicantCreditCode == own).ToList();
        if (conflicted.Count > 0)
        {
            return UseCaseResult<int>.Invalid("approver", new UserMessage("FundOwnOrganisation", string.Join(", ", conflicted.Select(a => a.TrackingNumber))));
        }
        var now = db.UtcNow;
        foreach (var a in recommended)
        {
            FundApplicationStatuses.Move(db, a, FundApplicationStatus.Approved, actor.UserName, new UserMessage("FundOutcomeApproved", FundMoney.Wan(a.GrantFen ?? 0)));
        }
        call.Status = FundCallStatus.Decided;
        call.DecidedUtc ??= now;
        call.DecidedBy ??= actor.UserName;
        db.Entry(call).Property(c => c.Version).OriginalValue = version;
        // One transaction for the statuses, their events, the applicants' notices and the audit rows; a fault test holds
        // the process between writing and committing (FaultPoints) and kills it there.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<int>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        FaultPoints.Reached(FaultPoints.FundApprovalWritten);
        await transaction.CommitAsync(cancellationToken);
        return UseCaseResult<int>.Ok(recommended.Count);
    }

    /// <summary>The applicant declines its recommended or approved award, with a reason; the first reserve moves up.</summary>
    public async Task<UseCaseResult<FundApplicationStatus>> DeclineAsync(
        ClaimsPrincipal user, AuditActor actor, Guid applicationId, DeclineInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var application = await db.FundApplications.SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null || !FundApplicationAuthorizationHandler.IsApplicant(user) || application.ApplicantCreditCode != user.OrganisationScope())
        {
            return UseCaseResult<FundApplicationStatus>.NotFound();
        }
        if (application.Version != input.Version || application.Status is not (FundApplicationStatus.Recommended or FundApplicationStatus.Approved))
        {
            return UseCaseResult<FundApplicationStatus>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 2000)
        {
            return UseCaseResult<FundApplicationStatus>.Invalid(nameof(input.Reason), new UserMessage("FundDecisionReason"));
        }
        var call = await db.FundCalls.AsNoTracking().SingleAsync(c => c.Id == application.CallId, cancellationToken);
        FundApplicationStatuses.Move(db, application, FundApplicationStatus.Declined, actor.UserName, reason);
        db.Entry(application).Property(a => a.Version).OriginalValue = input.Version;
        await PromoteReserveAsync(db, call, application, actor, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<FundApplicationStatus>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<FundApplicationStatus>.Ok(FundApplicationStatus.Declined);
    }

    /// <summary>City: from the notice on, lets applicants read their final score and the experts' comments, without names.</summary>
    public async Task<UseCaseResult<DateTime>> ReleaseReviewsAsync(ClaimsPrincipal user, AuditActor actor, Guid callId, Guid version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        if (!user.IsCityWide())
        {
            return UseCaseResult<DateTime>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var call = await db.FundCalls.SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null)
        {
            return UseCaseResult<DateTime>.NotFound();
        }
        if (call.Version != version || call.Status < FundCallStatus.PublicNotice)
        {
            return UseCaseResult<DateTime>.Conflict(new UserMessage(call.Version != version ? "ConcurrentEditUnknown" : "FundNotRankedYet"));
        }
        call.ReviewsReleasedUtc ??= db.UtcNow;
        db.Entry(call).Property(c => c.Version).OriginalValue = version;
        await db.SaveChangesAsync(cancellationToken);
        return UseCaseResult<DateTime>.Ok(call.ReviewsReleasedUtc.Value);
    }

    /// <summary>The first reserve of the declined award's topic moves up when its grant fits what the topic has left.</summary>
    private static async Task PromoteReserveAsync(ZjDbContext db, FundCall call, FundApplication declined, AuditActor actor, CancellationToken cancellationToken)
    {
        var next = await db.FundApplications.Where(a => a.CallId == call.Id && a.TopicCode == declined.TopicCode && a.Status == FundApplicationStatus.Reserve)
            .OrderBy(a => a.Rank).FirstOrDefaultAsync(cancellationToken);
        if (next is null)
        {
            return;
        }
        var budget = await db.FundTopicBudgets.AsNoTracking().Where(b => b.TopicCode == declined.TopicCode && b.Year == call.Year).Select(b => b.AmountFen).SingleOrDefaultAsync(cancellationToken);
        var granted = await db.FundApplications.AsNoTracking()
            .Where(a => a.TopicCode == declined.TopicCode && a.Id != declined.Id && db.FundCalls.Any(c => c.Id == a.CallId && c.Year == call.Year)
                && (a.Status == FundApplicationStatus.Recommended || FundApplicationStatuses.Awarded.Contains(a.Status)))
            .SumAsync(a => a.GrantFen ?? 0, cancellationToken);
        if ((next.GrantFen ?? 0) <= budget - granted)
        {
            FundApplicationStatuses.Move(db, next, FundApplicationStatus.Recommended, actor.UserName, new UserMessage("FundOutcomeMovedUp", declined.TrackingNumber ?? "", FundMoney.Wan(next.GrantFen ?? 0)));
        }
    }

    /// <summary>The ranked lists computed from the stored scores: the calibration, the topic budgets, what the year already holds.</summary>
    private static async Task<(IReadOnlyList<TopicLine> Lines, Dictionary<Guid, FundApplication> Apps)> ComputeAsync(ZjDbContext db, FundCall call, CancellationToken cancellationToken)
    {
        var rules = FundCallRules.FromJson(call.RulesJson);
        var ranked = new[] { FundApplicationStatus.InReview, FundApplicationStatus.Recommended, FundApplicationStatus.Reserve, FundApplicationStatus.NotFunded };
        var apps = await db.FundApplications.AsNoTracking().Where(a => a.CallId == call.Id && ranked.Contains(a.Status)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var scores = await db.ReviewAssignments.AsNoTracking()
            .Where(r => r.Status == ReviewAssignmentStatus.Submitted && r.WeightedScore != null && db.FundApplications.Any(a => a.Id == r.ApplicationId && a.CallId == call.Id))
            .Select(r => new ExpertScore(r.ApplicationId, r.ExpertId, r.WeightedScore!.Value)).ToListAsync(cancellationToken);
        var final = rules.Calibrate(scores).ToDictionary(s => s.ApplicationId, s => s.Final);
        var topicCodes = rules.Topics.Select(t => t.TopicCode).ToList();
        var budgets = await db.FundTopicBudgets.AsNoTracking().Where(b => b.Year == call.Year && topicCodes.Contains(b.TopicCode)).ToDictionaryAsync(b => b.TopicCode, b => b.AmountFen, cancellationToken);
        var otherAwards = await db.FundApplications.AsNoTracking()
            .Where(a => a.CallId != call.Id && FundApplicationStatuses.Awarded.Contains(a.Status) && db.FundCalls.Any(c => c.Id == a.CallId && c.Year == call.Year))
            .Select(a => new { a.TopicCode, a.ApplicantCreditCode, Grant = a.GrantFen ?? 0 }).ToListAsync(cancellationToken);
        var topics = topicCodes.ToDictionary(t => t, t => (budgets.GetValueOrDefault(t), otherAwards.Where(o => o.TopicCode == t).Sum(o => o.Grant)));
        var applicants = otherAwards.GroupBy(o => o.ApplicantCreditCode).ToDictionary(g => g.Key, g => new ApplicantYear(g.Count(), g.Sum(o => o.Grant)));
        var candidates = apps.Values.Select(a => new RankCandidate(a.Id, a.TopicCode, a.ApplicantCreditCode, a.TrackingNumber, a.RequestedFen,
            final.TryGetValue(a.Id, out var f) ? f : null, a.SubmittedUtc)).ToList();
        return (FundingLine.Compute(candidates, topics, rules, applicants), apps);
    }

    private static Task<ObjectionView> ViewAsync(ZjDbContext db, Guid id, CancellationToken cancellationToken) =>
        Views(db, db.FundObjections.Where(o => o.Id == id)).SingleAsync(cancellationToken);

    private static IQueryable<ObjectionView> Views(ZjDbContext db, IQueryable<FundObjection> objections) =>
        from o in objections.AsNoTracking()
        join a in db.FundApplications on o.ApplicationId equals a.Id
        orderby o.SubmittedUtc
        select new ObjectionView(o.Id, o.ApplicationId, a.TrackingNumber, o.Text, o.SubmittedUtc, o.SubmittedBy, o.Resolution, o.Upheld, o.ResolvedUtc, o.ResolvedBy, o.Version);

    private static string Score(double? score) => score?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—";
}
