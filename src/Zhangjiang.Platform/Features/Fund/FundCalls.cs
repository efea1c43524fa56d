using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;

namespace Zhangjiang.Platform.Features.Fund;

/// <summary>What the city writes when drafting or editing a call. Rules left out on creation start from the template.</summary>
public sealed record FundCallInput
{
    public int Year { get; init; }
    public string TitleZh { get; init; } = "";
    public string? TitleEn { get; init; }
    public string? GuideZh { get; init; }
    public string? GuideEn { get; init; }
    public DateTime OpensUtc { get; init; }
    public DateTime ClosesUtc { get; init; }
    public DateTime ReviewDeadlineUtc { get; init; }
    public FundCallRules? Rules { get; init; }
    public Guid Version { get; init; }
}

public sealed record FundCallSummary(
    Guid Id, string Code, int Year, string TitleZh, string TitleEn, FundCallStatus Status, DateTime OpensUtc, DateTime ClosesUtc,
    IReadOnlyList<string> Topics, bool AcceptingApplications);

public sealed record FundCallDetail(
    Guid Id, string Code, int Year, string TitleZh, string TitleEn, string? GuideZh, string? GuideEn, FundCallStatus Status,
    DateTime OpensUtc, DateTime ClosesUtc, DateTime ReviewDeadlineUtc, FundCallRules Rules, DateTime CreatedUtc, string CreatedBy,
    DateTime? OpenedUtc, string? OpenedBy, DateTime? ClosedUtc, string? ClosedBy, bool AcceptingApplications, bool CanEdit, Guid Version)
{
    public DateTime? NoticeEndsUtc { get; init; }
    public DateTime? DecidedUtc { get; init; }
    public DateTime? ReviewsReleasedUtc { get; init; }
}

/// <summary>
/// Calls for applications (申报指南): city staff draft one (starting from a template of generic forms, rubric and
/// checklist), edit it while it is a draft, open it, and close submissions after the deadline to start formal review.
/// Drafts are the city's; an open call is visible to every signed-in user.
/// </summary>
public sealed class FundCalls(IDbContextFactory<ZjDbContext> contexts, IAuthorizationService authorization)
{
    public async Task<UseCaseResult<IReadOnlyList<FundCallSummary>>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var calls = db.FundCalls.AsNoTracking();
        if (!await AllowedAsync(user, new FundCallResource(FundCallStatus.Draft), Operations.Read))
        {
            calls = calls.Where(c => c.Status != FundCallStatus.Draft);
        }
        var rows = await calls.OrderByDescending(c => c.Year).ThenByDescending(c => c.OpensUtc)
            .Select(c => new { c.Id, c.Code, c.Year, c.TitleZh, c.TitleEn, c.Status, c.OpensUtc, c.ClosesUtc, Topics = c.Topics.Select(t => t.TopicCode).ToList() })
            .ToListAsync(cancellationToken);
        var now = db.UtcNow;
        return UseCaseResult<IReadOnlyList<FundCallSummary>>.Ok(rows.Select(c => new FundCallSummary(
            c.Id, c.Code, c.Year, c.TitleZh, c.TitleEn, c.Status, c.OpensUtc, c.ClosesUtc, c.Topics.Order(StringComparer.Ordinal).ToList(),
            Accepting(c.Status, c.OpensUtc, c.ClosesUtc, now))).ToList());
    }

    public async Task<UseCaseResult<FundCallDetail>> GetAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var call = await db.FundCalls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (call is null)
        {
            return UseCaseResult<FundCallDetail>.NotFound();
        }
        if (!await AllowedAsync(user, new FundCallResource(call.Status), Operations.Read))
        {
            // A draft is not there for those who may not see it.
            return UseCaseResult<FundCallDetail>.NotFound();
        }
        return UseCaseResult<FundCallDetail>.Ok(await ViewAsync(user, call, db.UtcNow));
    }

    /// <summary>City: drafts a call; its code (ZJ{year}-{n}) numbers the year's calls in order.</summary>
    public async Task<UseCaseResult<FundCallDetail>> CreateAsync(ClaimsPrincipal user, AuditActor actor, FundCallInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!await AllowedAsync(user, new FundCallResource(FundCallStatus.Draft), Operations.Create))
        {
            return UseCaseResult<FundCallDetail>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var programme = await db.FundProgrammes.AsNoTracking().Select(p => p.Code).FirstOrDefaultAsync(cancellationToken);
        if (programme is null)
        {
            return UseCaseResult<FundCallDetail>.Conflict(new UserMessage("FundNotSeeded"));
        }
        var rules = input.Rules ?? FundCallRules.Template(
            await db.FundTopics.AsNoTracking().OrderBy(t => t.Order).Select(t => t.Code).ToListAsync(cancellationToken),
            await db.FundApplicantKinds.AsNoTracking().OrderBy(k => k.Order).Select(k => k.Code).ToListAsync(cancellationToken));
        var errors = await ValidateAsync(db, input, rules, cancellationToken);
        if (errors.Count > 0)
        {
            return UseCaseResult<FundCallDetail>.Invalid(errors);
        }
        var inYear = await db.FundCalls.CountAsync(c => c.Year == input.Year, cancellationToken);
        var call = new FundCall
        {
            Id = Guid.NewGuid(),
            ProgrammeCode = programme,
            Year = input.Year,
            Code = string.Create(CultureInfo.InvariantCulture, $"ZJ{input.Year}-{inYear + 1:00}"),
            TitleZh = "",
            TitleEn = "",
            RulesJson = "",
            Status = FundCallStatus.Draft,
            CreatedUtc = db.UtcNow,
            CreatedBy = actor.UserName,
        };
        Apply(call, input, rules);
        db.FundCalls.Add(call);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Two calls of the same year drafted at the same moment drew the same number; the second tries again.
            return UseCaseResult<FundCallDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<FundCallDetail>.Ok(await ViewAsync(user, call, db.UtcNow));
    }

    /// <summary>City: replaces a draft's settings (rules included) from the version read.</summary>
    public async Task<UseCaseResult<FundCallDetail>> UpdateAsync(ClaimsPrincipal user, AuditActor actor, Guid id, FundCallInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await ChangeAsync(user, actor, id, input.Version, Operations.Edit, async (db, call) =>
        {
            if (call.Status != FundCallStatus.Draft)
            {
                return [new("", new UserMessage("FundCallNotDraft"))];
            }
            var rules = input.Rules ?? FundCallRules.FromJson(call.RulesJson);
            var errors = await ValidateAsync(db, input with { Year = call.Year }, rules, cancellationToken);
            if (input.Year != call.Year)
            {
                errors.Add(new(nameof(input.Year), new UserMessage("FundCallYearFixed", call.Year)));
            }
            if (errors.Count == 0)
            {
                Apply(call, input, rules);
            }
            return errors;
        }, cancellationToken);
    }

    /// <summary>
    /// City: opens a draft for applications. The rules must be whole, the deadline ahead, and every topic must have a
    /// budget for the call's year (the funding line is drawn against it).
    /// </summary>
    public Task<UseCaseResult<FundCallDetail>> OpenAsync(ClaimsPrincipal user, AuditActor actor, Guid id, Guid version, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, id, version, Operations.Publish, async (db, call) =>
        {
            if (call.Status != FundCallStatus.Draft)
            {
                return [new("", new UserMessage("FundCallNotDraft"))];
            }
            var rules = FundCallRules.FromJson(call.RulesJson);
            var errors = await ValidateAsync(db, ToInput(call), rules, cancellationToken);
            if (call.ClosesUtc <= db.UtcNow)
            {
                errors.Add(new(nameof(FundCall.ClosesUtc), new UserMessage("FundCallDeadlinePast")));
            }
            var topics = rules.Topics.Select(t => t.TopicCode).ToList();
            var funded = await db.FundTopicBudgets.AsNoTracking()
                .Where(b => b.Year == call.Year && b.AmountFen > 0 && topics.Contains(b.TopicCode)).Select(b => b.TopicCode).ToListAsync(cancellationToken);
            var names = await db.FundTopics.AsNoTracking().Where(t => topics.Contains(t.Code)).ToDictionaryAsync(t => t.Code, t => t.NameZh, cancellationToken);
            foreach (var t in topics.Except(funded))
            {
                errors.Add(new("Topics", new UserMessage("FundCallNoBudget", names.GetValueOrDefault(t, t), call.Year)));
            }
            if (errors.Count == 0)
            {
                call.Status = FundCallStatus.Open;
                call.OpenedUtc = db.UtcNow;
                call.OpenedBy = db.Actor!.UserName;
            }
            return errors;
        }, cancellationToken);

    /// <summary>City: after the deadline, ends submissions and starts the formal review.</summary>
    public Task<UseCaseResult<FundCallDetail>> CloseSubmissionsAsync(ClaimsPrincipal user, AuditActor actor, Guid id, Guid version, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, id, version, Operations.Publish, (db, call) =>
        {
            List<FieldError> errors = [];
            if (call.Status != FundCallStatus.Open)
            {
                errors.Add(new("", new UserMessage("FundCallNotOpen")));
            }
            else if (db.UtcNow < call.ClosesUtc)
            {
                errors.Add(new(nameof(FundCall.ClosesUtc), new UserMessage("FundCallBeforeDeadline", call.ClosesUtc.ToString("u", CultureInfo.InvariantCulture))));
            }
            else
            {
                call.Status = FundCallStatus.FormalReview;
                call.ClosedUtc = db.UtcNow;
                call.ClosedBy = db.Actor!.UserName;
            }
            return Task.FromResult(errors);
        }, cancellationToken);

    /// <summary>City: discards a draft (an opened call stays, whatever happens to it).</summary>
    public async Task<UseCaseResult<bool>> DeleteDraftAsync(ClaimsPrincipal user, AuditActor actor, Guid id, Guid version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var call = await db.FundCalls.Include(c => c.Topics).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (call is null || !await AllowedAsync(user, new FundCallResource(call.Status), Operations.Read))
        {
            return UseCaseResult<bool>.NotFound();
        }
        if (!await AllowedAsync(user, new FundCallResource(call.Status), Operations.Edit))
        {
            return UseCaseResult<bool>.Forbidden();
        }
        if (call.Status != FundCallStatus.Draft)
        {
            return UseCaseResult<bool>.Conflict(new UserMessage("FundCallNotDraft"));
        }
        db.Entry(call).Property(c => c.Version).OriginalValue = version;
        db.FundCalls.Remove(call);
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

    /// <summary>Applications are taken while the call is open and the clock is between its opening and its deadline.</summary>
    public static bool Accepting(FundCallStatus status, DateTime opensUtc, DateTime closesUtc, DateTime nowUtc) =>
        status == FundCallStatus.Open && nowUtc >= opensUtc && nowUtc < closesUtc;

    private async Task<UseCaseResult<FundCallDetail>> ChangeAsync(
        ClaimsPrincipal user, AuditActor actor, Guid id, Guid version, OperationAuthorizationRequirement operation,
        Func<ZjDbContext, FundCall, Task<List<FieldError>>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var call = await db.FundCalls.Include(c => c.Topics).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (call is null || !await AllowedAsync(user, new FundCallResource(call.Status), Operations.Read))
        {
            return UseCaseResult<FundCallDetail>.NotFound();
        }
        if (!await AllowedAsync(user, new FundCallResource(call.Status), operation))
        {
            return UseCaseResult<FundCallDetail>.Forbidden();
        }
        if (call.Version != version)
        {
            return UseCaseResult<FundCallDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        var errors = await change(db, call);
        if (errors.Count > 0)
        {
            // A state that does not allow the change is a conflict with what is stored; bad values are invalid input.
            return errors.All(e => e.Field.Length == 0)
                ? UseCaseResult<FundCallDetail>.Conflict(errors[0].Message)
                : UseCaseResult<FundCallDetail>.Invalid(errors);
        }
        db.Entry(call).Property(c => c.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<FundCallDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<FundCallDetail>.Ok(await ViewAsync(user, call, db.UtcNow));
    }

    private static async Task<List<FieldError>> ValidateAsync(ZjDbContext db, FundCallInput input, FundCallRules rules, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (input.Year is < 2000 or > 2100)
        {
            errors.Add(new(nameof(input.Year), new UserMessage("FundBudgetYear", input.Year)));
        }
        if (string.IsNullOrWhiteSpace(input.TitleZh))
        {
            errors.Add(new(nameof(input.TitleZh), new UserMessage("Required", nameof(input.TitleZh))));
        }
        Length(nameof(input.TitleZh), input.TitleZh, 200);
        Length(nameof(input.TitleEn), input.TitleEn, 300);
        Length(nameof(input.GuideZh), input.GuideZh, 20000);
        Length(nameof(input.GuideEn), input.GuideEn, 20000);
        if (!(input.OpensUtc < input.ClosesUtc))
        {
            errors.Add(new(nameof(input.ClosesUtc), new UserMessage("FundCallDatesOrder")));
        }
        if (!(input.ClosesUtc < input.ReviewDeadlineUtc))
        {
            errors.Add(new(nameof(input.ReviewDeadlineUtc), new UserMessage("FundCallReviewAfterClose")));
        }
        var topics = (await db.FundTopics.AsNoTracking().Select(t => t.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var kinds = (await db.FundApplicantKinds.AsNoTracking().Select(k => k.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var parks = (await db.Parks.AsNoTracking().Select(p => p.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(rules.Validate(topics, kinds, parks).Select(e => e with { Field = "Rules." + e.Field }));
        return errors;

        void Length(string field, string? text, int max)
        {
            if (text?.Trim().Length > max)
            {
                errors.Add(new(field, new UserMessage("FieldTooLong", field, max)));
            }
        }
    }

    private static void Apply(FundCall call, FundCallInput input, FundCallRules rules)
    {
        call.TitleZh = input.TitleZh.Trim();
        call.TitleEn = (input.TitleEn ?? "").Trim();
        call.GuideZh = string.IsNullOrWhiteSpace(input.GuideZh) ? null : input.GuideZh.Trim();
        call.GuideEn = string.IsNullOrWhiteSpace(input.GuideEn) ? null : input.GuideEn.Trim();
        call.OpensUtc = DateTime.SpecifyKind(input.OpensUtc, DateTimeKind.Utc);
        call.ClosesUtc = DateTime.SpecifyKind(input.ClosesUtc, DateTimeKind.Utc);
        call.ReviewDeadlineUtc = DateTime.SpecifyKind(input.ReviewDeadlineUtc, DateTimeKind.Utc);
        call.RulesJson = rules.ToJson();
        var wanted = rules.Topics.Select(t => t.TopicCode).ToHashSet(StringComparer.Ordinal);
        call.Topics.RemoveAll(t => !wanted.Contains(t.TopicCode));
        foreach (var code in wanted.Where(code => call.Topics.All(t => t.TopicCode != code)))
        {
            call.Topics.Add(new FundCallTopic { CallId = call.Id, TopicCode = code });
        }
    }

    private static FundCallInput ToInput(FundCall call) => new()
    {
        Year = call.Year, TitleZh = call.TitleZh, TitleEn = call.TitleEn, GuideZh = call.GuideZh, GuideEn = call.GuideEn,
        OpensUtc = call.OpensUtc, ClosesUtc = call.ClosesUtc, ReviewDeadlineUtc = call.ReviewDeadlineUtc, Version = call.Version,
    };

    private async Task<FundCallDetail> ViewAsync(ClaimsPrincipal user, FundCall call, DateTime now) => new(
        call.Id, call.Code, call.Year, call.TitleZh, call.TitleEn, call.GuideZh, call.GuideEn, call.Status, call.OpensUtc, call.ClosesUtc,
        call.ReviewDeadlineUtc, FundCallRules.FromJson(call.RulesJson), call.CreatedUtc, call.CreatedBy, call.OpenedUtc, call.OpenedBy,
        call.ClosedUtc, call.ClosedBy, Accepting(call.Status, call.OpensUtc, call.ClosesUtc, now),
        call.Status == FundCallStatus.Draft && await AllowedAsync(user, new FundCallResource(call.Status), Operations.Edit), call.Version)
    {
        NoticeEndsUtc = call.NoticeEndsUtc,
        DecidedUtc = call.DecidedUtc,
        ReviewsReleasedUtc = call.ReviewsReleasedUtc,
    };

    private async Task<bool> AllowedAsync(ClaimsPrincipal user, FundCallResource resource, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, resource, operation)).Succeeded;
}
