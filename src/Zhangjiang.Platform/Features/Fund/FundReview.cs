using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;

namespace Zhangjiang.Platform.Features.Fund;

public sealed record DrawSummary(Guid DrawId, long Seed, int Applications, int Assigned, IReadOnlyList<DrawShortfall> Shortfalls, int ConflictsExcluded);

public sealed record DrawVerification(Guid DrawId, long Seed, bool Reproduced, int Stored, int Replayed);

/// <summary>An assignment as its expert sees it before declaring: enough to judge a conflict, nothing more.</summary>
public sealed record AssignmentSummary(
    Guid Id, Guid ApplicationId, string? TrackingNumber, string ProjectTitle, string ApplicantName, string TopicCode, string CallCode,
    ReviewAssignmentStatus Status, DateTime ReviewDeadlineUtc, double? WeightedScore, string ExpertName, Guid Version);

public sealed record DeclarationInput(bool Conflict, string? Reason, Guid Version);

public sealed record CriterionScoreInput(string Key, int Score, string? Comment);

public sealed record ScoresInput(IReadOnlyList<CriterionScoreInput> Scores, string? OverallComment, Guid Version);

/// <summary>What an expert scores: the application (without the applicant's named exclusions), the rubric, their own scores.</summary>
public sealed record ReviewForm(
    AssignmentSummary Assignment, FundApplicationDetail Application, IReadOnlyList<RubricCriterion> Rubric,
    IReadOnlyList<CriterionScoreInput> Scores, string? OverallComment, bool CanScore);

/// <summary>One expert's line on an application in the panel view; the name is shown to the city only.</summary>
public sealed record PanelScore(string Expert, double Raw, double Calibrated, bool Outlier, IReadOnlyList<CriterionScoreInput> Criteria, string? OverallComment);

public sealed record PanelRow(
    Guid ApplicationId, string? TrackingNumber, string ProjectTitle, string ApplicantName, string TopicCode, long RequestedFen,
    int Experts, int Submitted, double? Mean, double? TrimmedMean, double? Final, IReadOnlyList<PanelScore> Scores);

/// <summary>
/// The expert review: the city starts it by drawing experts for every application that passed the formal review (a
/// recorded, replayable draw under the conflict-of-interest rules); each expert declares no conflict before the
/// application opens to them (a declared conflict revokes the assignment and draws a replacement), then scores it per
/// criterion before the review deadline, blind to the others; in the panel phase the scores are shown calibrated.
/// </summary>
public sealed class FundReview(IDbContextFactory<ZjDbContext> contexts, IAuthorizationService authorization, FundApplications applications)
{
    private static readonly JsonSerializerOptions Json = new();

    /// <summary>
    /// City: ends the formal review and draws the experts. Applications still waiting for a formal decision, or returned
    /// and still within their correction time, hold it back; returned ones whose time ran out are rejected as lapsed.
    /// </summary>
    public async Task<UseCaseResult<DrawSummary>> StartExpertReviewAsync(
        ClaimsPrincipal user, AuditActor actor, Guid callId, Guid version, long? seed = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var call = await db.FundCalls.SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null || !await AllowedAsync(user, new FundCallResource(call.Status), Operations.Read))
        {
            return UseCaseResult<DrawSummary>.NotFound();
        }
        if (!await AllowedAsync(user, new FundCallResource(call.Status), Operations.Publish))
        {
            return UseCaseResult<DrawSummary>.Forbidden();
        }
        if (call.Version != version)
        {
            return UseCaseResult<DrawSummary>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        if (call.Status != FundCallStatus.FormalReview)
        {
            return UseCaseResult<DrawSummary>.Conflict(new UserMessage("FundCallNotInFormalReview"));
        }
        var now = db.UtcNow;
        var pending = await db.FundApplications.AsNoTracking()
            .Where(a => a.CallId == callId && (a.Status == FundApplicationStatus.Submitted || (a.Status == FundApplicationStatus.Returned && a.CorrectionDueUtc >= now)))
            .Select(a => a.TrackingNumber).ToListAsync(cancellationToken);
        if (pending.Count > 0)
        {
            return UseCaseResult<DrawSummary>.Invalid("applications", new UserMessage("FundFormalReviewPending", pending.Count, string.Join(", ", pending.Order().Take(10))));
        }
        foreach (var lapsed in await db.FundApplications.Where(a => a.CallId == callId && a.Status == FundApplicationStatus.Returned).ToListAsync(cancellationToken))
        {
            FundApplicationStatuses.Move(db, lapsed, FundApplicationStatus.FormalRejected, actor.UserName, new UserMessage("FundCorrectionLapsed"));
        }
        var rules = FundCallRules.FromJson(call.RulesJson);
        var toReview = await db.FundApplications.AsNoTracking().Where(a => a.CallId == callId && a.Status == FundApplicationStatus.InReview).ToListAsync(cancellationToken);
        var (pool, inputs) = await DrawInputsAsync(db, call, toReview, rules.ExpertsPerApplication, cancellationToken);
        var (summary, assignments) = Draw(db, call, null, pool, inputs, seed, actor);
        await NotifyDrawnAsync(db, call, assignments, cancellationToken);
        call.Status = FundCallStatus.ExpertReview;
        db.Entry(call).Property(c => c.Version).OriginalValue = version;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<DrawSummary>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        // Thousands of new assignments are written in bulk and audited as the draw that made them (the draw row above is
        // audited with its seed, and re-running it gives these assignments); later changes to each one are audited singly.
        WriteAssignments(db, assignments);
        await db.AppendEventAsync(AuditKind.Data, "FundExpertDraw", actor,
            new { summary.Seed, summary.Applications, summary.Assigned, summary.ConflictsExcluded, shortfalls = summary.Shortfalls.Count },
            nameof(ReviewAssignment), summary.DrawId.ToString(), cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return UseCaseResult<DrawSummary>.Ok(summary);
    }

    /// <summary>City: runs a recorded draw again from the inputs it saw and its seed, and compares with what it assigned.</summary>
    public async Task<UseCaseResult<DrawVerification>> VerifyDrawAsync(ClaimsPrincipal user, Guid drawId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsCityWide())
        {
            return UseCaseResult<DrawVerification>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var draw = await db.FundExpertDraws.AsNoTracking().SingleOrDefaultAsync(d => d.Id == drawId, cancellationToken);
        if (draw is null)
        {
            return UseCaseResult<DrawVerification>.NotFound();
        }
        var snapshot = JsonSerializer.Deserialize<DrawSnapshot>(draw.InputsJson, Json)!;
        var replay = ExpertDrawing.Draw(snapshot.Experts.Select(e => e.ToDraw()).ToList(), snapshot.Applications.Select(a => a.ToDraw()).ToList(), draw.Seed);
        var stored = await db.ReviewAssignments.AsNoTracking().Where(a => a.DrawId == drawId).Select(a => new { a.ApplicationId, a.ExpertId }).ToListAsync(cancellationToken);
        var same = stored.Select(s => (s.ApplicationId, s.ExpertId)).ToHashSet().SetEquals(replay.Assignments);
        return UseCaseResult<DrawVerification>.Ok(new DrawVerification(draw.Id, draw.Seed, same, stored.Count, replay.Assignments.Count));
    }

    /// <summary>The draws of a call, newest first (city).</summary>
    public async Task<UseCaseResult<IReadOnlyList<FundExpertDraw>>> DrawsAsync(ClaimsPrincipal user, Guid callId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsCityWide())
        {
            return UseCaseResult<IReadOnlyList<FundExpertDraw>>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var draws = await db.FundExpertDraws.AsNoTracking().Where(d => d.CallId == callId).OrderByDescending(d => d.AtUtc)
            .Select(d => new FundExpertDraw { Id = d.Id, CallId = d.CallId, Seed = d.Seed, ForApplicationId = d.ForApplicationId, AtUtc = d.AtUtc, By = d.By, Assigned = d.Assigned, ReportJson = d.ReportJson })
            .ToListAsync(cancellationToken);
        return UseCaseResult<IReadOnlyList<FundExpertDraw>>.Ok(draws);
    }

    /// <summary>Assignments the user may see: an expert their own; the city those of a call.</summary>
    public async Task<UseCaseResult<IReadOnlyList<AssignmentSummary>>> AssignmentsAsync(ClaimsPrincipal user, Guid? callId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        IQueryable<ReviewAssignment> query = db.ReviewAssignments.AsNoTracking();
        if (!user.IsCityWide())
        {
            if (!user.IsInRole(Identity.Roles.Reviewer))
            {
                return UseCaseResult<IReadOnlyList<AssignmentSummary>>.Forbidden();
            }
            var name = user.Identity?.Name;
            query = query.Where(a => db.FundExperts.Any(e => e.Id == a.ExpertId && e.UserName == name));
        }
        var rows = await Summaries(db, query, callId).ToListAsync(cancellationToken);
        return UseCaseResult<IReadOnlyList<AssignmentSummary>>.Ok(rows);
    }

    /// <summary>
    /// The expert declares, before anything else, whether they have a conflict with the application. No conflict opens
    /// it to them; a conflict (with its reason) revokes the assignment and draws a replacement at once.
    /// </summary>
    public async Task<UseCaseResult<AssignmentSummary>> DeclareAsync(
        ClaimsPrincipal user, AuditActor actor, Guid assignmentId, DeclarationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var (assignment, call, refusal) = await LoadOwnAsync(db, user, assignmentId, cancellationToken);
        if (refusal is not null)
        {
            return new UseCaseResult<AssignmentSummary>(refusal.Value, null, []);
        }
        if (assignment!.Version != input.Version)
        {
            return UseCaseResult<AssignmentSummary>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        if (assignment.Status != ReviewAssignmentStatus.AwaitingDeclaration || call!.Status != FundCallStatus.ExpertReview || db.UtcNow >= call.ReviewDeadlineUtc)
        {
            return UseCaseResult<AssignmentSummary>.Conflict(new UserMessage("FundAssignmentClosed"));
        }
        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        if (input.Conflict && reason is null)
        {
            return UseCaseResult<AssignmentSummary>.Invalid(nameof(input.Reason), new UserMessage("FundConflictReason"));
        }
        if (reason?.Length > 1000)
        {
            return UseCaseResult<AssignmentSummary>.Invalid(nameof(input.Reason), new UserMessage("FieldTooLong", nameof(input.Reason), 1000));
        }
        assignment.DeclaredUtc = db.UtcNow;
        db.Entry(assignment).Property(a => a.Version).OriginalValue = input.Version;
        if (input.Conflict)
        {
            assignment.Status = ReviewAssignmentStatus.Conflict;
            assignment.ConflictReason = reason;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return UseCaseResult<AssignmentSummary>.Conflict(new UserMessage("ConcurrentEditUnknown"));
            }
            // The replacement is drawn after the conflict is stored, so the declaring expert counts as already drawn.
            var application = await db.FundApplications.AsNoTracking().SingleAsync(a => a.Id == assignment.ApplicationId, cancellationToken);
            var (pool, inputs) = await DrawInputsAsync(db, call, [application], 1, cancellationToken);
            var (_, replacement) = Draw(db, call, application.Id, pool, inputs, null, actor);
            db.ReviewAssignments.AddRange(replacement);
            await NotifyDrawnAsync(db, call, replacement, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            assignment.Status = ReviewAssignmentStatus.Accepted;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return UseCaseResult<AssignmentSummary>.Conflict(new UserMessage("ConcurrentEditUnknown"));
            }
        }
        return UseCaseResult<AssignmentSummary>.Ok(await Summaries(db, db.ReviewAssignments.AsNoTracking().Where(a => a.Id == assignmentId), null).SingleAsync(cancellationToken));
    }

    /// <summary>The expert's scoring form: only after declaring no conflict, and only until the review deadline.</summary>
    public async Task<UseCaseResult<ReviewForm>> FormAsync(ClaimsPrincipal user, Guid assignmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (assignment, call, refusal) = await LoadOpenAsync(db, user, assignmentId, cancellationToken);
        if (refusal is not null)
        {
            return new UseCaseResult<ReviewForm>(refusal.Value, null, refusal.Value == UseCaseStatus.Conflict ? [new("", new UserMessage("FundAssignmentClosed"))] : []);
        }
        var detail = await applications.DetailForReviewAsync(db, assignment!.ApplicationId, cancellationToken);
        var rules = FundCallRules.FromJson(call!.RulesJson);
        var summary = await Summaries(db, db.ReviewAssignments.AsNoTracking().Where(a => a.Id == assignmentId), null).SingleAsync(cancellationToken);
        return UseCaseResult<ReviewForm>.Ok(new ReviewForm(summary, detail, rules.Rubric,
            assignment!.Scores.Select(s => new CriterionScoreInput(s.CriterionKey, s.Score, s.Comment)).ToList(), assignment.OverallComment,
            assignment.Status == ReviewAssignmentStatus.Accepted && call!.Status == FundCallStatus.ExpertReview));
    }

    /// <summary>An attachment of the application, for its expert on the same terms as the form (declared, before the deadline).</summary>
    public async Task<UseCaseResult<FundFile>> AttachmentAsync(ClaimsPrincipal user, Guid assignmentId, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (assignment, _, refusal) = await LoadOpenAsync(db, user, assignmentId, cancellationToken);
        if (refusal is not null)
        {
            return new UseCaseResult<FundFile>(refusal.Value, null, refusal.Value == UseCaseStatus.Conflict ? [new("", new UserMessage("FundAssignmentClosed"))] : []);
        }
        var attachment = await db.FundAttachments.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == attachmentId && a.ApplicationId == assignment!.ApplicationId, cancellationToken);
        if (attachment is null)
        {
            return UseCaseResult<FundFile>.NotFound();
        }
        var content = await db.StoredFiles.AsNoTracking().Where(f => f.Id == attachment.StoredFileId).Select(f => f.Content).SingleAsync(cancellationToken);
        return UseCaseResult<FundFile>.Ok(new FundFile(attachment.FileName, "application/pdf", content));
    }

    /// <summary>
    /// The expert submits their scores, once: every criterion within its range, before the deadline. Of concurrent
    /// submissions for one assignment exactly one is stored; the others are told it changed.
    /// </summary>
    public async Task<UseCaseResult<AssignmentSummary>> SubmitScoresAsync(
        ClaimsPrincipal user, AuditActor actor, Guid assignmentId, ScoresInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var (assignment, call, refusal) = await LoadOwnAsync(db, user, assignmentId, cancellationToken);
        if (refusal is not null)
        {
            return new UseCaseResult<AssignmentSummary>(refusal.Value, null, []);
        }
        if (assignment!.Version != input.Version)
        {
            return UseCaseResult<AssignmentSummary>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        if (assignment.Status != ReviewAssignmentStatus.Accepted || call!.Status != FundCallStatus.ExpertReview || db.UtcNow >= call.ReviewDeadlineUtc)
        {
            return UseCaseResult<AssignmentSummary>.Conflict(new UserMessage("FundAssignmentClosed"));
        }
        var rules = FundCallRules.FromJson(call.RulesJson);
        var errors = new List<FieldError>();
        var given = input.Scores.GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var c in rules.Rubric)
        {
            if (!given.TryGetValue(c.Key, out var s))
            {
                errors.Add(new("Scores." + c.Key, new UserMessage("FundScoreMissing", c.NameZh)));
            }
            else if (s.Score < c.Min || s.Score > c.Max)
            {
                errors.Add(new("Scores." + c.Key, new UserMessage("FundScoreRange", c.NameZh, c.Min, c.Max, s.Score)));
            }
            else if (s.Comment?.Length > 2000)
            {
                errors.Add(new("Scores." + c.Key, new UserMessage("FieldTooLong", c.NameZh, 2000)));
            }
        }
        foreach (var key in given.Keys.Where(k => rules.Rubric.All(c => c.Key != k)))
        {
            errors.Add(new("Scores." + key, new UserMessage("FundCallUnknownCode", key)));
        }
        if (string.IsNullOrWhiteSpace(input.OverallComment))
        {
            errors.Add(new(nameof(input.OverallComment), new UserMessage("FundOverallComment")));
        }
        else if (input.OverallComment.Trim().Length > 5000)
        {
            errors.Add(new(nameof(input.OverallComment), new UserMessage("FieldTooLong", nameof(input.OverallComment), 5000)));
        }
        if (errors.Count > 0)
        {
            return UseCaseResult<AssignmentSummary>.Invalid(errors);
        }
        assignment.Scores = rules.Rubric.Select(c => new ReviewScore
        {
            AssignmentId = assignment.Id, CriterionKey = c.Key, Score = given[c.Key].Score,
            Comment = string.IsNullOrWhiteSpace(given[c.Key].Comment) ? null : given[c.Key].Comment!.Trim(),
        }).ToList();
        assignment.WeightedScore = Math.Round(rules.WeightedScore(given.ToDictionary(g => g.Key, g => g.Value.Score)), 4);
        assignment.OverallComment = input.OverallComment!.Trim();
        assignment.Status = ReviewAssignmentStatus.Submitted;
        assignment.SubmittedUtc = db.UtcNow;
        db.Entry(assignment).Property(a => a.Version).OriginalValue = input.Version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e))
        {
            return UseCaseResult<AssignmentSummary>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<AssignmentSummary>.Ok(await Summaries(db, db.ReviewAssignments.AsNoTracking().Where(a => a.Id == assignmentId), null).SingleAsync(cancellationToken));
    }

    /// <summary>City: opens the panel phase once the review deadline has passed or every open assignment is scored.</summary>
    public async Task<UseCaseResult<FundCallStatus>> StartPanelAsync(ClaimsPrincipal user, AuditActor actor, Guid callId, Guid version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var call = await db.FundCalls.SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null)
        {
            return UseCaseResult<FundCallStatus>.NotFound();
        }
        if (!await AllowedAsync(user, new FundCallResource(call.Status), Operations.Publish))
        {
            return UseCaseResult<FundCallStatus>.Forbidden();
        }
        if (call.Version != version)
        {
            return UseCaseResult<FundCallStatus>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        if (call.Status != FundCallStatus.ExpertReview)
        {
            return UseCaseResult<FundCallStatus>.Conflict(new UserMessage("FundCallNotInExpertReview"));
        }
        var open = await db.ReviewAssignments.CountAsync(a => db.FundApplications.Any(x => x.Id == a.ApplicationId && x.CallId == callId)
            && (a.Status == ReviewAssignmentStatus.AwaitingDeclaration || a.Status == ReviewAssignmentStatus.Accepted), cancellationToken);
        if (open > 0 && db.UtcNow < call.ReviewDeadlineUtc)
        {
            return UseCaseResult<FundCallStatus>.Invalid("ReviewDeadlineUtc", new UserMessage("FundReviewStillOpen", open));
        }
        call.Status = FundCallStatus.Panel;
        db.Entry(call).Property(c => c.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<FundCallStatus>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<FundCallStatus>.Ok(call.Status);
    }

    /// <summary>
    /// The panel view: every reviewed application with its experts' scores, calibrated by the call's settings. The city
    /// sees it from the expert review on, with names; an expert sees it from the panel phase on, for the applications
    /// they reviewed, with the other experts unnamed. Nobody else sees scores here.
    /// </summary>
    public async Task<UseCaseResult<IReadOnlyList<PanelRow>>> PanelAsync(ClaimsPrincipal user, Guid callId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var call = await db.FundCalls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null)
        {
            return UseCaseResult<IReadOnlyList<PanelRow>>.NotFound();
        }
        var city = user.IsCityWide();
        Guid? ownExpert = null;
        if (!city)
        {
            var name = user.Identity?.Name;
            ownExpert = user.IsInRole(Identity.Roles.Reviewer)
                ? await db.FundExperts.AsNoTracking().Where(e => e.UserName == name).Select(e => (Guid?)e.Id).SingleOrDefaultAsync(cancellationToken)
                : null;
            if (ownExpert is null || call.Status < FundCallStatus.Panel)
            {
                return UseCaseResult<IReadOnlyList<PanelRow>>.Forbidden();
            }
        }
        var rows = await FundRanking.ScoredApplicationsAsync(db, call, cancellationToken);
        if (ownExpert is { } me)
        {
            rows = rows.Where(r => r.Assignments.Any(a => a.ExpertId == me && a.Status == ReviewAssignmentStatus.Submitted)).ToList();
        }
        var experts = city ? await db.FundExperts.AsNoTracking().ToDictionaryAsync(e => e.Id, e => e.Name, cancellationToken) : [];
        return UseCaseResult<IReadOnlyList<PanelRow>>.Ok(rows.Select(r =>
        {
            var submitted = r.Assignments.Where(a => a.Status == ReviewAssignmentStatus.Submitted).OrderBy(a => a.ExpertId).ToList();
            var scores = submitted.Select((a, i) =>
            {
                var c = r.Score?.Scores.FirstOrDefault(s => s.ExpertId == a.ExpertId);
                var label = city ? experts.GetValueOrDefault(a.ExpertId, "?") : a.ExpertId == ownExpert ? "★" : ((char)('A' + i)).ToString();
                return new PanelScore(label, a.WeightedScore ?? 0, c?.Calibrated ?? a.WeightedScore ?? 0, c?.Outlier ?? false,
                    a.Scores.OrderBy(s => s.CriterionKey).Select(s => new CriterionScoreInput(s.CriterionKey, s.Score, s.Comment)).ToList(), a.OverallComment);
            }).ToList();
            return new PanelRow(r.Application.Id, r.Application.TrackingNumber, r.Application.ProjectTitle, r.Application.ApplicantName, r.Application.TopicCode,
                r.Application.RequestedFen, r.Assignments.Count(a => a.Status is not (ReviewAssignmentStatus.Conflict or ReviewAssignmentStatus.Revoked)),
                submitted.Count, r.Score?.Mean, r.Score?.TrimmedMean, r.Score?.Final, scores);
        }).ToList());
    }

    /// <summary>The caller's own assignment while the application is open to them: declared, not past the review deadline.</summary>
    private async Task<(ReviewAssignment? Assignment, FundCall? Call, UseCaseStatus? Refusal)> LoadOpenAsync(
        ZjDbContext db, ClaimsPrincipal user, Guid assignmentId, CancellationToken cancellationToken)
    {
        var (assignment, call, refusal) = await LoadOwnAsync(db, user, assignmentId, cancellationToken);
        if (refusal is null && (assignment!.Status is not (ReviewAssignmentStatus.Accepted or ReviewAssignmentStatus.Submitted) || db.UtcNow >= call!.ReviewDeadlineUtc))
        {
            return (null, null, UseCaseStatus.Conflict);
        }
        return (assignment, call, refusal);
    }

    private async Task<(ReviewAssignment? Assignment, FundCall? Call, UseCaseStatus? Refusal)> LoadOwnAsync(
        ZjDbContext db, ClaimsPrincipal user, Guid assignmentId, CancellationToken cancellationToken)
    {
        var assignment = await db.ReviewAssignments.Include(a => a.Scores).SingleOrDefaultAsync(a => a.Id == assignmentId, cancellationToken);
        if (assignment is null)
        {
            return (null, null, UseCaseStatus.NotFound);
        }
        var expertUser = await db.FundExperts.AsNoTracking().Where(e => e.Id == assignment.ExpertId).Select(e => e.UserName).SingleAsync(cancellationToken);
        if (!await AllowedAsync(user, new ReviewAssignmentResource(expertUser), Operations.Submit))
        {
            // Someone else's assignment does not exist for the caller.
            return (null, null, UseCaseStatus.NotFound);
        }
        var call = await db.FundCalls.AsNoTracking()
            .SingleAsync(c => db.FundApplications.Any(a => a.Id == assignment.ApplicationId && a.CallId == c.Id), cancellationToken);
        return (assignment, call, null);
    }

    /// <summary>The available experts with their load in the call, and the applications as the draw sees them.</summary>
    private static async Task<(List<DrawExpert> Pool, List<DrawApplication> Applications)> DrawInputsAsync(
        ZjDbContext db, FundCall call, IReadOnlyList<FundApplication> toDraw, int needed, CancellationToken cancellationToken)
    {
        var callApps = db.FundApplications.Where(a => a.CallId == call.Id).Select(a => a.Id);
        var active = await db.ReviewAssignments.AsNoTracking()
            .Where(a => callApps.Contains(a.ApplicationId) && a.Status != ReviewAssignmentStatus.Conflict && a.Status != ReviewAssignmentStatus.Revoked)
            .GroupBy(a => a.ExpertId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var pool = (await db.FundExperts.AsNoTracking().Where(e => e.Available).ToListAsync(cancellationToken))
            .Select(e => FundExperts.ToDraw(e, active.GetValueOrDefault(e.Id))).ToList();

        var ids = toDraw.Select(a => a.Id).ToList();
        var applicants = toDraw.Select(a => a.ApplicantCreditCode).Distinct().ToList();
        var parks = toDraw.Select(a => a.ParkCode).Where(p => p != null).Distinct().ToList();
        var operators = await db.Parks.AsNoTracking().Where(p => parks.Contains(p.Code)).ToDictionaryAsync(p => p.Code, p => p.OperatingAgencyCreditCode, cancellationToken);
        var industries = await db.Enterprises.AsNoTracking().Where(e => applicants.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, e => e.IndustryCode, cancellationToken);
        // Everyone named on the applicant's applications (this one included) counts as a co-applicant.
        var team = (await db.FundTeamMembers.AsNoTracking()
                .Join(db.FundApplications.Where(a => applicants.Contains(a.ApplicantCreditCode) && a.Status != FundApplicationStatus.Draft),
                    m => m.ApplicationId, a => a.Id, (m, a) => new { a.ApplicantCreditCode, m.Name })
                .ToListAsync(cancellationToken))
            .ToLookup(x => x.ApplicantCreditCode, x => x.Name);
        var drawn = (await db.ReviewAssignments.AsNoTracking().Where(a => ids.Contains(a.ApplicationId)).Select(a => new { a.ApplicationId, a.ExpertId }).ToListAsync(cancellationToken))
            .ToLookup(x => x.ApplicationId, x => x.ExpertId);
        var inputs = toDraw.Select(a => new DrawApplication(
            a.Id, a.TrackingNumber ?? a.Id.ToString(), a.TopicCode, a.ApplicantCreditCode, industries.GetValueOrDefault(a.ApplicantCreditCode),
            a.ParkCode is null ? null : operators.GetValueOrDefault(a.ParkCode), team[a.ApplicantCreditCode].ToHashSet(StringComparer.Ordinal),
            JsonSerializer.Deserialize<List<FundExclusion>>(a.ExclusionsJson, Json) ?? [], drawn[a.Id].ToHashSet(), needed)).ToList();
        return (pool, inputs);
    }

    /// <summary>Draws and records the draw with its inputs and seed; the caller writes the assignments it returns.</summary>
    /// <summary>Each drawn expert with an account is told how many applications of the call are theirs and by when.</summary>
    private static async Task NotifyDrawnAsync(ZjDbContext db, FundCall call, IReadOnlyList<ReviewAssignment> assignments, CancellationToken cancellationToken)
    {
        var counts = assignments.GroupBy(a => a.ExpertId).ToDictionary(g => g.Key, g => g.Count());
        var ids = counts.Keys.ToList();
        var accounts = await db.FundExperts.AsNoTracking().Where(e => ids.Contains(e.Id) && e.UserName != null).Select(e => new { e.Id, e.UserName }).ToListAsync(cancellationToken);
        var deadline = ShanghaiTime.Moment(call.ReviewDeadlineUtc);
        foreach (var expert in accounts)
        {
            Notifications.Notify.Add(db, Notifications.Audiences.User(expert.UserName!), new UserMessage("NotifyExpertDrawn", call.Code, counts[expert.Id], deadline), "/fund/reviews");
        }
    }

    private static (DrawSummary Summary, List<ReviewAssignment> Assignments) Draw(
        ZjDbContext db, FundCall call, Guid? forApplication, List<DrawExpert> pool, List<DrawApplication> inputs, long? seed, AuditActor actor)
    {
        var drawSeed = seed ?? BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));
        var result = ExpertDrawing.Draw(pool, inputs, drawSeed);
        var draw = new FundExpertDraw
        {
            Id = Guid.NewGuid(), CallId = call.Id, Seed = drawSeed, ForApplicationId = forApplication, AtUtc = db.UtcNow, By = actor.UserName,
            Assigned = result.Assignments.Count,
            ReportJson = JsonSerializer.Serialize(new { result.Shortfalls, result.Conflicts }, Json),
            InputsJson = JsonSerializer.Serialize(new DrawSnapshot(pool.Select(DrawSnapshot.Expert.From).ToList(), inputs.Select(DrawSnapshot.Application.From).ToList()), Json),
        };
        db.FundExpertDraws.Add(draw);
        var assignments = result.Assignments.Select(x => new ReviewAssignment
        {
            Id = Guid.NewGuid(), ApplicationId = x.ApplicationId, ExpertId = x.ExpertId, DrawId = draw.Id,
            Status = ReviewAssignmentStatus.AwaitingDeclaration, AssignedUtc = db.UtcNow, Version = Guid.NewGuid(),
        }).ToList();
        return (new DrawSummary(draw.Id, drawSeed, inputs.Count, result.Assignments.Count, result.Shortfalls, result.Conflicts.Count), assignments);
    }

    private static void WriteAssignments(ZjDbContext db, IReadOnlyList<ReviewAssignment> assignments)
    {
        using var writer = BulkWriter.Start(db, "ReviewAssignments",
        [
            ("Id", BulkType.Uuid), ("ApplicationId", BulkType.Uuid), ("ExpertId", BulkType.Uuid), ("DrawId", BulkType.Uuid),
            ("Status", BulkType.Int), ("AssignedUtc", BulkType.Timestamp), ("Version", BulkType.Uuid),
        ]);
        foreach (var a in assignments)
        {
            writer.StartRow();
            writer.Uuid(a.Id);
            writer.Uuid(a.ApplicationId);
            writer.Uuid(a.ExpertId);
            writer.Uuid(a.DrawId);
            writer.Int((int)a.Status);
            writer.Timestamp(a.AssignedUtc);
            writer.Uuid(a.Version);
            writer.EndRow();
        }
        writer.Complete();
    }

    private static IQueryable<AssignmentSummary> Summaries(ZjDbContext db, IQueryable<ReviewAssignment> query, Guid? callId) =>
        from a in query
        join app in db.FundApplications on a.ApplicationId equals app.Id
        join c in db.FundCalls on app.CallId equals c.Id
        join e in db.FundExperts on a.ExpertId equals e.Id
        where callId == null || c.Id == callId
        orderby app.TrackingNumber, e.Name
        select new AssignmentSummary(a.Id, app.Id, app.TrackingNumber, app.ProjectTitle, app.ApplicantName, app.TopicCode, c.Code, a.Status,
            c.ReviewDeadlineUtc, a.WeightedScore, e.Name, a.Version);

    private async Task<bool> AllowedAsync(ClaimsPrincipal user, object resource, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, resource, operation)).Succeeded;

    /// <summary>The draw's inputs as stored: plain lists, so the JSON reads back the same on any version.</summary>
    private sealed record DrawSnapshot(List<DrawSnapshot.Expert> Experts, List<DrawSnapshot.Application> Applications)
    {
        public sealed record Expert(Guid Id, string Name, string Institution, string? InstitutionCreditCode, List<string> Affiliations, List<string> Topics,
            List<string> Industries, int MaxPerCall, int Load)
        {
            public static Expert From(DrawExpert e) => new(e.Id, e.Name, e.Institution, e.InstitutionCreditCode, e.Affiliations.Order().ToList(),
                e.Topics.Order().ToList(), e.Industries.ToList(), e.MaxPerCall, e.Load);

            public DrawExpert ToDraw() => new(Id, Name, Institution, InstitutionCreditCode, Affiliations.ToHashSet(StringComparer.Ordinal),
                Topics.ToHashSet(StringComparer.Ordinal), Industries, MaxPerCall, Load);
        }

        public sealed record Application(Guid Id, string TrackingNumber, string TopicCode, string ApplicantCreditCode, string? IndustryCode,
            string? ParkOperatorCreditCode, List<string> PastCoApplicants, List<FundExclusion> Exclusions, List<Guid> AlreadyDrawn, int Needed)
        {
            public static Application From(DrawApplication a) => new(a.Id, a.TrackingNumber, a.TopicCode, a.ApplicantCreditCode, a.IndustryCode,
                a.ParkOperatorCreditCode, a.PastCoApplicants.Order().ToList(), a.Exclusions.ToList(), a.AlreadyDrawn.Order().ToList(), a.Needed);

            public DrawApplication ToDraw() => new(Id, TrackingNumber, TopicCode, ApplicantCreditCode, IndustryCode, ParkOperatorCreditCode,
                PastCoApplicants.ToHashSet(StringComparer.Ordinal), Exclusions, AlreadyDrawn.ToHashSet(), Needed);
        }
    }
}
