using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;

namespace Zhangjiang.Platform.Features.Fund;

public enum FormalReviewDecision
{
    Pass = 1,
    /// <summary>Back to the applicant for correction, once, with a deadline of the call's correction days.</summary>
    Return = 2,
    Reject = 3,
}

/// <summary>One checklist item as the reviewer found it.</summary>
public sealed record ChecklistResult(string Key, bool Passed, string? Note);

public sealed record FormalReviewInput
{
    public FormalReviewDecision Decision { get; init; }
    public IReadOnlyList<ChecklistResult> Items { get; init; } = [];
    /// <summary>Required to return or reject: the applicant reads it.</summary>
    public string? Reason { get; init; }
    public Guid Version { get; init; }
}

/// <summary>The formal review of one application: the call's checklist with what the reviewer found.</summary>
public sealed record FormalReviewView(IReadOnlyList<ChecklistItem> Checklist, IReadOnlyList<ChecklistResult> Results, string? ReviewedBy, DateTime? ReviewedUtc, bool CanReturn);

/// <summary>
/// 形式审查: while a call is in its formal review, city staff go through the call's checklist for each submitted
/// application and pass it to the experts, return it once for correction within the call's correction days, or reject
/// it, always with the reason the applicant reads.
/// </summary>
public sealed class FundFormalReview(IDbContextFactory<ZjDbContext> contexts, IAuthorizationService authorization)
{
    private static readonly JsonSerializerOptions Json = new();

    public async Task<UseCaseResult<FormalReviewView>> GetAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var application = await db.FundApplications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null || !await AllowedAsync(user, application, Operations.Read))
        {
            return UseCaseResult<FormalReviewView>.NotFound();
        }
        var call = await db.FundCalls.AsNoTracking().SingleAsync(c => c.Id == application.CallId, cancellationToken);
        var results = application.FormalReviewJson is { } json ? JsonSerializer.Deserialize<List<ChecklistResult>>(json, Json) ?? [] : [];
        return UseCaseResult<FormalReviewView>.Ok(new FormalReviewView(
            FundCallRules.FromJson(call.RulesJson).Checklist, results, application.FormalReviewedBy, application.FormalReviewedUtc, !application.ReturnedOnce));
    }

    public async Task<UseCaseResult<FundApplicationStatus>> DecideAsync(
        ClaimsPrincipal user, AuditActor actor, Guid applicationId, FormalReviewInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var application = await db.FundApplications.SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null || !await AllowedAsync(user, application, Operations.Read))
        {
            return UseCaseResult<FundApplicationStatus>.NotFound();
        }
        if (!await AllowedAsync(user, application, Operations.Review))
        {
            return UseCaseResult<FundApplicationStatus>.Forbidden();
        }
        if (application.Version != input.Version)
        {
            return UseCaseResult<FundApplicationStatus>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        var call = await db.FundCalls.AsNoTracking().SingleAsync(c => c.Id == application.CallId, cancellationToken);
        if (call.Status != FundCallStatus.FormalReview || application.Status != FundApplicationStatus.Submitted)
        {
            return UseCaseResult<FundApplicationStatus>.Conflict(new UserMessage("FundNotInFormalReview"));
        }
        var rules = FundCallRules.FromJson(call.RulesJson);
        var errors = new List<FieldError>();
        var byKey = input.Items.GroupBy(i => i.Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var item in rules.Checklist.Where(i => !byKey.ContainsKey(i.Key)))
        {
            errors.Add(new("Items." + item.Key, new UserMessage("FundChecklistUnanswered", item.TextZh)));
        }
        foreach (var key in byKey.Keys.Where(k => rules.Checklist.All(i => i.Key != k)))
        {
            errors.Add(new("Items." + key, new UserMessage("FundCallUnknownCode", key)));
        }
        if (input.Items.Any(i => i.Note?.Length > 500))
        {
            errors.Add(new(nameof(input.Items), new UserMessage("FieldTooLong", "Note", 500)));
        }
        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        switch (input.Decision)
        {
            case FormalReviewDecision.Pass when input.Items.Any(i => !i.Passed):
                errors.Add(new(nameof(input.Decision), new UserMessage("FundPassNeedsAllItems")));
                break;
            case FormalReviewDecision.Return or FormalReviewDecision.Reject when reason is null:
                errors.Add(new(nameof(input.Reason), new UserMessage("FundDecisionReason")));
                break;
            case FormalReviewDecision.Return when application.ReturnedOnce:
                errors.Add(new(nameof(input.Decision), new UserMessage("FundReturnOnce")));
                break;
            case FormalReviewDecision.Pass or FormalReviewDecision.Return or FormalReviewDecision.Reject:
                break;
            default:
                errors.Add(new(nameof(input.Decision), new UserMessage("FundCallUnknownCode", input.Decision.ToString())));
                break;
        }
        if (reason?.Length > 2000)
        {
            errors.Add(new(nameof(input.Reason), new UserMessage("FieldTooLong", nameof(input.Reason), 2000)));
        }
        if (errors.Count > 0)
        {
            return UseCaseResult<FundApplicationStatus>.Invalid(errors);
        }

        var now = db.UtcNow;
        var to = input.Decision switch
        {
            FormalReviewDecision.Pass => FundApplicationStatus.InReview,
            FormalReviewDecision.Return => FundApplicationStatus.Returned,
            _ => FundApplicationStatus.FormalRejected,
        };
        if (to == FundApplicationStatus.Returned)
        {
            application.ReturnedOnce = true;
            application.CorrectionDueUtc = now.AddDays(rules.CorrectionDays);
        }
        application.FormalReviewJson = JsonSerializer.Serialize(rules.Checklist.Select(i => byKey[i.Key] with { Note = string.IsNullOrWhiteSpace(byKey[i.Key].Note) ? null : byKey[i.Key].Note!.Trim() }).ToList(), Json);
        application.FormalReviewedBy = actor.UserName;
        application.FormalReviewedUtc = now;
        FundApplicationStatuses.Move(db, application, to, actor.UserName, to == FundApplicationStatus.Returned
            ? string.Create(CultureInfo.InvariantCulture, $"{reason} (≤ {application.CorrectionDueUtc:yyyy-MM-dd HH:mm} UTC)")
            : reason);
        db.Entry(application).Property(a => a.Version).OriginalValue = input.Version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<FundApplicationStatus>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<FundApplicationStatus>.Ok(to);
    }

    private async Task<bool> AllowedAsync(ClaimsPrincipal user, FundApplication a, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, new FundApplicationResource(a.ApplicantCreditCode, a.ParkCode, a.Status), operation)).Succeeded;
}
