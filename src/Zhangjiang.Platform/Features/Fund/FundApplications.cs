using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Files;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Platform.Features.Fund;

public sealed record FundBudgetLineInput(string Category, string? Description, long FundFen, long SelfFen);

public sealed record FundTargetInput(string Name, string? Unit, double? Baseline, double TargetValue, DateOnly DueOn);

public sealed record FundTeamMemberInput(string Name, string? Title, string? Organisation, string? Role);

/// <summary>Someone the applicant asks to keep away from the review (a competitor's adviser, a former partner), and why.</summary>
public sealed record FundExclusion(string Name, string? Institution, string? Reason);

/// <summary>An application as the applicant saves it; lists replace the stored ones whole.</summary>
public sealed record FundApplicationInput
{
    public string ProjectTitle { get; init; } = "";
    public IReadOnlyDictionary<string, string?> Answers { get; init; } = new Dictionary<string, string?>();
    public IReadOnlyList<FundBudgetLineInput> BudgetLines { get; init; } = [];
    public IReadOnlyList<FundTargetInput> Targets { get; init; } = [];
    public IReadOnlyList<FundTeamMemberInput> Team { get; init; } = [];
    public IReadOnlyList<FundExclusion> Exclusions { get; init; } = [];
    public Guid Version { get; init; }
}

public sealed record FundApplicationSummary(
    Guid Id, Guid CallId, string CallCode, string TopicCode, string KindCode, string ApplicantCreditCode, string ApplicantName, string? ParkCode,
    string? TrackingNumber, string ProjectTitle, long RequestedFen, long SelfFundingFen, FundApplicationStatus Status, DateTime UpdatedUtc,
    DateTime? SubmittedUtc);

public sealed record FundAttachmentView(Guid Id, string FileName, long Length, string Sha256, DateTime UploadedUtc, string UploadedBy);

public sealed record FundEventView(DateTime AtUtc, string By, FundApplicationStatus? From, FundApplicationStatus To, string? Reason);

public sealed record FundApplicationDetail(
    FundApplicationSummary Summary, string CallTitleZh, string CallTitleEn, FundCallStatus CallStatus, DateTime CallClosesUtc,
    IReadOnlyList<FormField> Form, IReadOnlyDictionary<string, string?> Answers, IReadOnlyList<FundBudgetLineInput> BudgetLines,
    IReadOnlyList<FundTargetInput> Targets, IReadOnlyList<FundTeamMemberInput> Team, IReadOnlyList<FundExclusion> Exclusions,
    IReadOnlyList<FundAttachmentView> Attachments, IReadOnlyList<FundEventView> Events, DateTime? CorrectionDueUtc, bool HasSubmissionCopy,
    bool CanEdit, Guid Version)
{
    /// <summary>Once the city has released the call's reviews: the final score, the rank and each expert's review, unnamed.</summary>
    public double? FinalScore { get; init; }
    public int? Rank { get; init; }
    public long? GrantFen { get; init; }
    public IReadOnlyList<ReleasedReview>? Reviews { get; init; }
}

/// <summary>One expert's released review, unnamed ("A", "B", …): criterion scores with comments and the overall comment.</summary>
public sealed record ReleasedReview(string Label, double? WeightedScore, IReadOnlyList<CriterionScoreInput> Scores, string? OverallComment);

/// <summary>A file to hand to the caller: the name to save it under, its type and its bytes.</summary>
public sealed record FundFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Applications (申报): an operating agency or enterprise starts one under a topic of an open call, saves it as it goes
/// (answers, budget lines with self-funding, targets, team, exclusions, PDF attachments), checks it against the call's
/// rules and submits it, which gives it a tracking number and a PDF copy. Returned applications are corrected and
/// submitted again before their deadline.
/// </summary>
public sealed class FundApplications(IDbContextFactory<ZjDbContext> contexts, IAuthorizationService authorization, MalwareScanner? scanner = null)
{
    public const int MaxLines = 50;
    public const int MaxAttachments = 20;
    private static readonly JsonSerializerOptions Json = new();

    /// <summary>Starts the applicant's draft under a topic of an open call; their one application to the call.</summary>
    public async Task<UseCaseResult<FundApplicationDetail>> StartAsync(
        ClaimsPrincipal user, AuditActor actor, Guid callId, string topicCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var call = await db.FundCalls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == callId && c.Status != FundCallStatus.Draft, cancellationToken);
        if (call is null)
        {
            return UseCaseResult<FundApplicationDetail>.NotFound();
        }
        var org = user.OrganisationScope();
        if (org is null || !await AllowedAsync(user, new FundApplicationResource(org, null, FundApplicationStatus.Draft), Operations.Create))
        {
            return UseCaseResult<FundApplicationDetail>.Forbidden();
        }
        var kinds = await db.FundApplicantKinds.AsNoTracking().ToListAsync(cancellationToken);
        var kind = kinds.FirstOrDefault(k => k.Role.Length > 0 && user.IsInRole(k.Role));
        if (kind is null)
        {
            return UseCaseResult<FundApplicationDetail>.Forbidden();
        }
        var rules = FundCallRules.FromJson(call.RulesJson);
        var errors = new List<FieldError>();
        if (!FundCalls.Accepting(call.Status, call.OpensUtc, call.ClosesUtc, db.UtcNow))
        {
            errors.Add(new("callId", new UserMessage("FundCallNotOpen")));
        }
        if (rules.Topics.All(t => t.TopicCode != topicCode))
        {
            errors.Add(new(nameof(topicCode), new UserMessage("FundCheckTopic", topicCode)));
        }
        if (!rules.ApplicantKinds.Contains(kind.Code))
        {
            errors.Add(new("kind", new UserMessage("FundCheckKind", kind.NameZh)));
        }
        var applicant = await ApplicantAsync(db, org, cancellationToken);
        if (applicant is null)
        {
            errors.Add(new("applicant", new UserMessage("FundApplicantUnknown", org)));
        }
        if (errors.Count > 0)
        {
            return UseCaseResult<FundApplicationDetail>.Invalid(errors);
        }
        if (await db.FundApplications.AnyAsync(a => a.CallId == callId && a.ApplicantCreditCode == org, cancellationToken))
        {
            return UseCaseResult<FundApplicationDetail>.Conflict(new UserMessage("FundApplicationExists"));
        }
        var application = new FundApplication
        {
            Id = Guid.NewGuid(),
            CallId = callId,
            TopicCode = topicCode,
            KindCode = kind.Code,
            ApplicantCreditCode = org,
            ApplicantName = applicant!.Value.Name,
            ParkCode = applicant.Value.ParkCode,
            Status = FundApplicationStatus.Draft,
            CreatedUtc = db.UtcNow,
            CreatedBy = actor.UserName,
            UpdatedUtc = db.UtcNow,
        };
        db.FundApplications.Add(application);
        db.FundApplicationEvents.Add(new FundApplicationEvent { ApplicationId = application.Id, AtUtc = db.UtcNow, By = actor.UserName, To = FundApplicationStatus.Draft });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            return UseCaseResult<FundApplicationDetail>.Conflict(new UserMessage("FundApplicationExists"));
        }
        return await GetAsync(user, application.Id, cancellationToken);
    }

    /// <summary>
    /// Applications the user may see (of a call when given): applicants their own, drafts included; the city every
    /// submitted one; a park manager the submitted ones from their park.
    /// </summary>
    public async Task<UseCaseResult<IReadOnlyList<FundApplicationSummary>>> ListAsync(ClaimsPrincipal user, Guid? callId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.FundApplications.AsNoTracking();
        if (callId is { } id)
        {
            query = query.Where(a => a.CallId == id);
        }
        if (user.IsCityWide())
        {
            query = query.Where(a => a.Status != FundApplicationStatus.Draft);
        }
        else if (FundApplicationAuthorizationHandler.IsApplicant(user))
        {
            var org = user.OrganisationScope();
            query = query.Where(a => a.ApplicantCreditCode == org);
        }
        else if (user.IsInRole(Roles.ParkManager) && user.ParkScope() is { } park)
        {
            query = query.Where(a => a.ParkCode == park && a.Status != FundApplicationStatus.Draft);
        }
        else
        {
            return UseCaseResult<IReadOnlyList<FundApplicationSummary>>.Forbidden();
        }
        var rows = await Summaries(db, query.OrderByDescending(a => a.UpdatedUtc)).ToListAsync(cancellationToken);
        return UseCaseResult<IReadOnlyList<FundApplicationSummary>>.Ok(rows);
    }

    public async Task<UseCaseResult<FundApplicationDetail>> GetAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var application = await db.FundApplications.AsNoTracking()
            .Include(a => a.BudgetLines).Include(a => a.Targets).Include(a => a.Team)
            .AsSplitQuery().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null || !await AllowedAsync(user, Resource(application), Operations.Read))
        {
            // Someone else's application is not there for the caller.
            return UseCaseResult<FundApplicationDetail>.NotFound();
        }
        return UseCaseResult<FundApplicationDetail>.Ok(await DetailAsync(db, user, application, cancellationToken));
    }

    /// <summary>
    /// The application as an expert reads it for scoring: what the applicant declared, without the experts it asked to keep
    /// away and without its status history (the caller has checked the expert's assignment).
    /// </summary>
    internal async Task<FundApplicationDetail> DetailForReviewAsync(ZjDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var application = await db.FundApplications.AsNoTracking()
            .Include(a => a.BudgetLines).Include(a => a.Targets).Include(a => a.Team)
            .AsSplitQuery().SingleAsync(a => a.Id == id, cancellationToken);
        var detail = await DetailAsync(db, new ClaimsPrincipal(new ClaimsIdentity()), application, cancellationToken);
        return detail with { Exclusions = [], Events = [] };
    }

    /// <summary>Saves a draft (or a returned application) as it stands; only shapes are checked here, completeness on submission.</summary>
    public async Task<UseCaseResult<FundApplicationDetail>> SaveAsync(
        ClaimsPrincipal user, AuditActor actor, Guid id, FundApplicationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var application = await db.FundApplications.Include(a => a.BudgetLines).Include(a => a.Targets).Include(a => a.Team)
            .AsSplitQuery().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null || !await AllowedAsync(user, Resource(application), Operations.Read))
        {
            return UseCaseResult<FundApplicationDetail>.NotFound();
        }
        if (!await AllowedAsync(user, Resource(application), Operations.Edit))
        {
            return FundApplicationStatuses.Editable(application.Status)
                ? UseCaseResult<FundApplicationDetail>.Forbidden()
                : UseCaseResult<FundApplicationDetail>.Conflict(new UserMessage("FundApplicationNotEditable"));
        }
        if (application.Version != input.Version)
        {
            return UseCaseResult<FundApplicationDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        var call = await db.FundCalls.AsNoTracking().SingleAsync(c => c.Id == application.CallId, cancellationToken);
        var form = FundCallRules.FromJson(call.RulesJson).Topics.FirstOrDefault(t => t.TopicCode == application.TopicCode)?.Form ?? [];
        var errors = ValidateShape(input, form);
        if (errors.Count > 0)
        {
            return UseCaseResult<FundApplicationDetail>.Invalid(errors);
        }

        application.ProjectTitle = input.ProjectTitle.Trim();
        application.AnswersJson = JsonSerializer.Serialize(
            form.Where(f => !string.IsNullOrWhiteSpace(input.Answers.GetValueOrDefault(f.Key))).ToDictionary(f => f.Key, f => input.Answers[f.Key]!.Trim()), Json);
        application.ExclusionsJson = JsonSerializer.Serialize(input.Exclusions.Select(e => new FundExclusion(e.Name.Trim(), Trim(e.Institution), Trim(e.Reason))).ToList(), Json);
        db.FundBudgetLines.RemoveRange(application.BudgetLines);
        db.FundTargets.RemoveRange(application.Targets);
        db.FundTeamMembers.RemoveRange(application.Team);
        application.BudgetLines = input.BudgetLines.Select((l, i) => new FundBudgetLine
        {
            ApplicationId = id, Order = i, Category = l.Category.Trim(), Description = Trim(l.Description), FundFen = l.FundFen, SelfFen = l.SelfFen,
        }).ToList();
        application.Targets = input.Targets.Select((t, i) => new FundTarget
        {
            ApplicationId = id, Order = i, Name = t.Name.Trim(), Unit = (t.Unit ?? "").Trim(), Baseline = t.Baseline, TargetValue = t.TargetValue, DueOn = t.DueOn,
        }).ToList();
        application.Team = input.Team.Select((m, i) => new FundTeamMember
        {
            ApplicationId = id, Order = i, Name = m.Name.Trim(), Title = Trim(m.Title), Organisation = Trim(m.Organisation), Role = Trim(m.Role),
        }).ToList();
        application.RequestedFen = input.BudgetLines.Sum(l => l.FundFen);
        application.SelfFundingFen = input.BudgetLines.Sum(l => l.SelfFen);
        application.UpdatedUtc = db.UtcNow;
        db.Entry(application).Property(a => a.Version).OriginalValue = input.Version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<FundApplicationDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<FundApplicationDetail>.Ok(await DetailAsync(db, user, application, cancellationToken));
    }

    /// <summary>Every rule of the call and every required part, with its outcome, for the application as saved.</summary>
    public async Task<UseCaseResult<IReadOnlyList<EligibilityCheck>>> CheckAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var application = await db.FundApplications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null || !await AllowedAsync(user, Resource(application), Operations.Read))
        {
            return UseCaseResult<IReadOnlyList<EligibilityCheck>>.NotFound();
        }
        var call = await db.FundCalls.AsNoTracking().SingleAsync(c => c.Id == application.CallId, cancellationToken);
        return UseCaseResult<IReadOnlyList<EligibilityCheck>>.Ok(await EvaluateAsync(db, application, call, cancellationToken));
    }

    /// <summary>
    /// Submits a draft while the call takes applications, or a returned application before its correction deadline.
    /// Every failed check is returned as an error; on success the application gets its tracking number and a PDF copy.
    /// </summary>
    public async Task<UseCaseResult<FundApplicationDetail>> SubmitAsync(
        ClaimsPrincipal user, AuditActor actor, Guid id, Guid version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var application = await db.FundApplications.Include(a => a.BudgetLines).Include(a => a.Targets).Include(a => a.Team)
            .AsSplitQuery().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null || !await AllowedAsync(user, Resource(application), Operations.Read))
        {
            return UseCaseResult<FundApplicationDetail>.NotFound();
        }
        if (!await AllowedAsync(user, Resource(application), Operations.Submit))
        {
            return FundApplicationStatuses.Editable(application.Status)
                ? UseCaseResult<FundApplicationDetail>.Forbidden()
                : UseCaseResult<FundApplicationDetail>.Conflict(new UserMessage("FundApplicationNotEditable"));
        }
        if (application.Version != version)
        {
            return UseCaseResult<FundApplicationDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        var call = await db.FundCalls.AsNoTracking().SingleAsync(c => c.Id == application.CallId, cancellationToken);
        var now = db.UtcNow;
        if (application.Status == FundApplicationStatus.Draft && !FundCalls.Accepting(call.Status, call.OpensUtc, call.ClosesUtc, now))
        {
            return UseCaseResult<FundApplicationDetail>.Invalid("call", new UserMessage("FundCallNotOpen"));
        }
        if (application.Status == FundApplicationStatus.Returned && !(now <= application.CorrectionDueUtc))
        {
            return UseCaseResult<FundApplicationDetail>.Invalid("CorrectionDueUtc", new UserMessage("FundCorrectionOverdue",
                application.CorrectionDueUtc?.ToString("u", CultureInfo.InvariantCulture) ?? "—"));
        }
        var failed = (await EvaluateAsync(db, application, call, cancellationToken)).Where(c => !c.Passed).ToList();
        if (failed.Count > 0)
        {
            return UseCaseResult<FundApplicationDetail>.Invalid(failed.Select(c => new FieldError(c.Rule, c.Message)).ToList());
        }

        FundApplicationStatuses.Move(db, application, FundApplicationStatus.Submitted, actor.UserName, reason: (string?)null);
        application.SubmittedUtc = now;
        application.SubmittedBy = actor.UserName;
        application.CorrectionDueUtc = null;
        application.TrackingNumber ??= await NextTrackingNumberAsync(db, call, cancellationToken);

        // The copy records exactly what was submitted, attachments named with their digests.
        var attachments = await db.FundAttachments.AsNoTracking().Where(a => a.ApplicationId == id).OrderBy(a => a.UploadedUtc).ToListAsync(cancellationToken);
        var topic = await db.FundTopics.AsNoTracking().SingleAsync(t => t.Code == application.TopicCode, cancellationToken);
        var kind = await db.FundApplicantKinds.AsNoTracking().SingleAsync(k => k.Code == application.KindCode, cancellationToken);
        var rules = FundCallRules.FromJson(call.RulesJson);
        var park = await db.Parks.AsNoTracking().Where(p => p.Code == application.ParkCode).Select(p => new LocalText(p.NameZh, p.NameEn)).SingleOrDefaultAsync(cancellationToken);
        using var pdf = new MemoryStream();
        FundApplicationPdf.Write(pdf, application, call, rules.Topics.First(t => t.TopicCode == application.TopicCode).Form, topic, kind, attachments, park,
            CultureInfo.GetCultureInfo("zh-CN"));
        var copy = new StoredFile { Id = Guid.NewGuid(), Content = pdf.ToArray() };
        db.StoredFiles.Add(copy);
        if (application.SubmissionCopyId is { } previous)
        {
            db.StoredFiles.Remove(new StoredFile { Id = previous, Content = [] });
        }
        application.SubmissionCopyId = copy.Id;
        application.SubmissionCopySha256 = Convert.ToHexStringLower(SHA256.HashData(copy.Content));
        application.UpdatedUtc = now;
        db.Entry(application).Property(a => a.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<FundApplicationDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Two submissions to the same call drew the same number at the same moment; the second submits again.
            return UseCaseResult<FundApplicationDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<FundApplicationDetail>.Ok(await DetailAsync(db, user, application, cancellationToken));
    }

    /// <summary>The PDF copy of what was submitted, for whoever may read the application.</summary>
    public async Task<UseCaseResult<FundFile>> SubmissionCopyAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var application = await db.FundApplications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null || !await AllowedAsync(user, Resource(application), Operations.Read) || application.SubmissionCopyId is not { } copyId)
        {
            return UseCaseResult<FundFile>.NotFound();
        }
        var content = await db.StoredFiles.AsNoTracking().Where(f => f.Id == copyId).Select(f => f.Content).SingleAsync(cancellationToken);
        return UseCaseResult<FundFile>.Ok(new FundFile($"{application.TrackingNumber}.pdf", "application/pdf", content));
    }

    /// <summary>Attaches a PDF (checked by content, size and active content; stored under a generated id).</summary>
    public async Task<UseCaseResult<IReadOnlyList<FundAttachmentView>>> AttachAsync(
        ClaimsPrincipal user, AuditActor actor, Guid id, string fileName, byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(content);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var application = await db.FundApplications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null || !await AllowedAsync(user, Resource(application), Operations.Read))
        {
            return UseCaseResult<IReadOnlyList<FundAttachmentView>>.NotFound();
        }
        if (!await AllowedAsync(user, Resource(application), Operations.Edit))
        {
            return UseCaseResult<IReadOnlyList<FundAttachmentView>>.Conflict(new UserMessage("FundApplicationNotEditable"));
        }
        var name = UploadedFileCheck.SafeName(fileName);
        var (contentType, refusal) = await UploadedFileCheck.CheckAsync(content, name, scanner, actor, cancellationToken);
        if (refusal is not null)
        {
            return UseCaseResult<IReadOnlyList<FundAttachmentView>>.Invalid("file", refusal);
        }
        if (contentType != "application/pdf")
        {
            return UseCaseResult<IReadOnlyList<FundAttachmentView>>.Invalid("file", new UserMessage("FundAttachmentPdfOnly", name));
        }
        if (await db.FundAttachments.CountAsync(a => a.ApplicationId == id, cancellationToken) >= MaxAttachments)
        {
            return UseCaseResult<IReadOnlyList<FundAttachmentView>>.Invalid("file", new UserMessage("FundAttachmentsTooMany", MaxAttachments));
        }
        var stored = new StoredFile { Id = Guid.NewGuid(), Content = content };
        db.StoredFiles.Add(stored);
        db.FundAttachments.Add(new FundAttachment
        {
            Id = Guid.NewGuid(), ApplicationId = id, FileName = name, StoredFileId = stored.Id, Length = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), UploadedUtc = db.UtcNow, UploadedBy = actor.UserName,
        });
        await db.SaveChangesAsync(cancellationToken);
        return UseCaseResult<IReadOnlyList<FundAttachmentView>>.Ok(await AttachmentsAsync(db, id, cancellationToken));
    }

    public async Task<UseCaseResult<FundFile>> AttachmentAsync(ClaimsPrincipal user, Guid id, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var application = await db.FundApplications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null || !await AllowedAsync(user, Resource(application), Operations.Read))
        {
            return UseCaseResult<FundFile>.NotFound();
        }
        var attachment = await db.FundAttachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId && a.ApplicationId == id, cancellationToken);
        if (attachment is null)
        {
            return UseCaseResult<FundFile>.NotFound();
        }
        var content = await db.StoredFiles.AsNoTracking().Where(f => f.Id == attachment.StoredFileId).Select(f => f.Content).SingleAsync(cancellationToken);
        return UseCaseResult<FundFile>.Ok(new FundFile(attachment.FileName, "application/pdf", content));
    }

    public async Task<UseCaseResult<IReadOnlyList<FundAttachmentView>>> RemoveAttachmentAsync(
        ClaimsPrincipal user, AuditActor actor, Guid id, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var application = await db.FundApplications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null || !await AllowedAsync(user, Resource(application), Operations.Read))
        {
            return UseCaseResult<IReadOnlyList<FundAttachmentView>>.NotFound();
        }
        if (!await AllowedAsync(user, Resource(application), Operations.Edit))
        {
            return UseCaseResult<IReadOnlyList<FundAttachmentView>>.Conflict(new UserMessage("FundApplicationNotEditable"));
        }
        var attachment = await db.FundAttachments.SingleOrDefaultAsync(a => a.Id == attachmentId && a.ApplicationId == id, cancellationToken);
        if (attachment is null)
        {
            return UseCaseResult<IReadOnlyList<FundAttachmentView>>.NotFound();
        }
        db.FundAttachments.Remove(attachment);
        db.StoredFiles.Remove(new StoredFile { Id = attachment.StoredFileId, Content = [] });
        await db.SaveChangesAsync(cancellationToken);
        return UseCaseResult<IReadOnlyList<FundAttachmentView>>.Ok(await AttachmentsAsync(db, id, cancellationToken));
    }

    /// <summary>The applicant's name and park from the registry: a firm's current park, an operating agency's park.</summary>
    private static async Task<(string Name, string? ParkCode)?> ApplicantAsync(ZjDbContext db, string creditCode, CancellationToken cancellationToken)
    {
        var firm = await db.Enterprises.AsNoTracking().Where(e => e.CreditCode == creditCode)
            .Select(e => new { e.NameZh, e.ParkCode }).SingleOrDefaultAsync(cancellationToken);
        if (firm is not null)
        {
            return (firm.NameZh, firm.ParkCode);
        }
        var org = await db.Organisations.AsNoTracking().Where(o => o.CreditCode == creditCode)
            .Select(o => new { o.NameZh, o.ParkCode }).SingleOrDefaultAsync(cancellationToken);
        if (org is null)
        {
            return null;
        }
        var park = org.ParkCode ?? await db.Parks.AsNoTracking()
            .Where(p => p.OperatingAgencyCreditCode == creditCode || p.ManagementAgencyCreditCode == creditCode).Select(p => p.Code).FirstOrDefaultAsync(cancellationToken);
        return (org.NameZh, park);
    }

    private static async Task<IReadOnlyList<EligibilityCheck>> EvaluateAsync(ZjDbContext db, FundApplication application, FundCall call, CancellationToken cancellationToken)
    {
        var rules = FundCallRules.FromJson(call.RulesJson);
        var today = DateOnly.FromDateTime(db.UtcNow);
        var code = application.ApplicantCreditCode;
        var tiers = (await db.TierAwards.AsNoTracking()
                .Where(t => t.CreditCode == code && t.AwardedOn <= today && (t.ExpiresOn == null || t.ExpiresOn >= today) && (t.RevokedOn == null || t.RevokedOn > today))
                .Select(t => t.Tier).ToListAsync(cancellationToken))
            .ToHashSet();
        // Overdue: a contracted project with a milestone past its date and not reported (Shanghai calendar), or an
        // approved award never contracted whose last declared target date has passed.
        var shanghaiToday = ShanghaiTime.Day(db.UtcNow);
        var overdue = await db.FundApplications.AsNoTracking()
            .Where(a => a.ApplicantCreditCode == code && a.Id != application.Id
                && ((a.Status == FundApplicationStatus.Contracted && db.FundMilestones.Any(m => m.ContractId == a.Id
                        && (m.Status == MilestoneStatus.Open || m.Status == MilestoneStatus.Returned) && m.DueOn < shanghaiToday))
                    || (a.Status == FundApplicationStatus.Approved && a.Targets.Any() && a.Targets.All(t => t.DueOn < today))))
            .Select(a => a.TrackingNumber ?? a.ProjectTitle).ToListAsync(cancellationToken);
        var awards = await db.FundApplications.AsNoTracking()
            .CountAsync(a => a.ApplicantCreditCode == code && a.Id != application.Id && FundApplicationStatuses.Awarded.Contains(a.Status)
                && db.FundCalls.Any(c => c.Id == a.CallId && c.Year == call.Year), cancellationToken);
        var kind = await db.FundApplicantKinds.AsNoTracking().SingleAsync(k => k.Code == application.KindCode, cancellationToken);
        var topic = await db.FundTopics.AsNoTracking().SingleAsync(t => t.Code == application.TopicCode, cancellationToken);
        var counts = await db.FundApplications.AsNoTracking().Where(a => a.Id == application.Id)
            .Select(a => new { Lines = a.BudgetLines.Count, Targets = a.Targets.Count, Team = a.Team.Count }).SingleAsync(cancellationToken);
        var facts = new ApplicantFacts(application.KindCode, kind.Role == Roles.Enterprise, application.ParkCode, tiers, overdue, awards);
        return FundEligibility.Evaluate(rules, facts, new ApplicationFacts(
            application.TopicCode, application.ProjectTitle, Answers(application), application.RequestedFen, application.SelfFundingFen,
            counts.Lines, counts.Targets, counts.Team)
        {
            KindName = new LocalText(kind.NameZh, kind.NameEn),
            TopicName = new LocalText(topic.NameZh, topic.NameEn),
        });
    }

    private static async Task<string> NextTrackingNumberAsync(ZjDbContext db, FundCall call, CancellationToken cancellationToken)
    {
        var numbered = await db.FundApplications.CountAsync(a => a.CallId == call.Id && a.TrackingNumber != null, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{call.Code}-{numbered + 1:0000}");
    }

    private static List<FieldError> ValidateShape(FundApplicationInput input, IReadOnlyList<FormField> form)
    {
        var errors = new List<FieldError>();
        void Add(string field, string key, params object[] args) => errors.Add(new(field, new UserMessage(key, args)));
        void Length(string field, string? text, int max)
        {
            if (text?.Trim().Length > max)
            {
                Add(field, "FieldTooLong", field, max);
            }
        }
        Length(nameof(input.ProjectTitle), input.ProjectTitle, 200);
        foreach (var key in input.Answers.Keys.Where(k => form.All(f => f.Key != k)))
        {
            Add("Answers." + key, "FundAnswerUnknown", key);
        }
        foreach (var field in form)
        {
            // A draft may leave required answers empty; what it does say must have the right shape.
            var answer = input.Answers.GetValueOrDefault(field.Key);
            if (!string.IsNullOrWhiteSpace(answer) && FundEligibility.AnswerProblem(field, answer.Trim()) is { } problem)
            {
                errors.Add(new("Answers." + field.Key, problem));
            }
        }
        if (input.BudgetLines.Count > MaxLines || input.Targets.Count > MaxLines || input.Team.Count > MaxLines || input.Exclusions.Count > MaxLines)
        {
            Add("", "FundTooManyLines", MaxLines);
        }
        for (var i = 0; i < input.BudgetLines.Count; i++)
        {
            var line = input.BudgetLines[i];
            var at = $"BudgetLines[{i}]";
            if (string.IsNullOrWhiteSpace(line.Category))
            {
                Add(at + ".Category", "Required", at + ".Category");
            }
            Length(at + ".Category", line.Category, 100);
            Length(at + ".Description", line.Description, 500);
            if (line.FundFen is < 0 or > FundSetup.MaxBudgetFen || line.SelfFen is < 0 or > FundSetup.MaxBudgetFen)
            {
                Add(at, "FundLineAmount");
            }
        }
        for (var i = 0; i < input.Targets.Count; i++)
        {
            var target = input.Targets[i];
            var at = $"Targets[{i}]";
            if (string.IsNullOrWhiteSpace(target.Name))
            {
                Add(at + ".Name", "Required", at + ".Name");
            }
            Length(at + ".Name", target.Name, 200);
            Length(at + ".Unit", target.Unit, 40);
            if (!double.IsFinite(target.TargetValue) || target.Baseline is { } b && !double.IsFinite(b))
            {
                Add(at + ".TargetValue", "FundAnswerNumber", target.Name, target.TargetValue.ToString(CultureInfo.InvariantCulture));
            }
            if (target.DueOn.Year is < 2000 or > 2100)
            {
                Add(at + ".DueOn", "FundTargetDate", target.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }
        for (var i = 0; i < input.Team.Count; i++)
        {
            var member = input.Team[i];
            var at = $"Team[{i}]";
            if (string.IsNullOrWhiteSpace(member.Name))
            {
                Add(at + ".Name", "Required", at + ".Name");
            }
            Length(at + ".Name", member.Name, 100);
            Length(at + ".Title", member.Title, 100);
            Length(at + ".Organisation", member.Organisation, 200);
            Length(at + ".Role", member.Role, 200);
        }
        for (var i = 0; i < input.Exclusions.Count; i++)
        {
            var at = $"Exclusions[{i}]";
            if (string.IsNullOrWhiteSpace(input.Exclusions[i].Name))
            {
                Add(at + ".Name", "Required", at + ".Name");
            }
            Length(at + ".Name", input.Exclusions[i].Name, 100);
            Length(at + ".Institution", input.Exclusions[i].Institution, 200);
            Length(at + ".Reason", input.Exclusions[i].Reason, 500);
        }
        return errors;
    }

    private async Task<FundApplicationDetail> DetailAsync(ZjDbContext db, ClaimsPrincipal user, FundApplication a, CancellationToken cancellationToken)
    {
        var call = await db.FundCalls.AsNoTracking().SingleAsync(c => c.Id == a.CallId, cancellationToken);
        var form = FundCallRules.FromJson(call.RulesJson).Topics.FirstOrDefault(t => t.TopicCode == a.TopicCode)?.Form ?? [];
        var events = await db.FundApplicationEvents.AsNoTracking().Where(e => e.ApplicationId == a.Id).OrderBy(e => e.Id)
            .Select(e => new FundEventView(e.AtUtc, e.By, e.From, e.To, e.Reason)).ToListAsync(cancellationToken);
        return new FundApplicationDetail(
            Summary(a, call.Code), call.TitleZh, call.TitleEn, call.Status, call.ClosesUtc, form, Answers(a),
            a.BudgetLines.OrderBy(l => l.Order).Select(l => new FundBudgetLineInput(l.Category, l.Description, l.FundFen, l.SelfFen)).ToList(),
            a.Targets.OrderBy(t => t.Order).Select(t => new FundTargetInput(t.Name, t.Unit, t.Baseline, t.TargetValue, t.DueOn)).ToList(),
            a.Team.OrderBy(m => m.Order).Select(m => new FundTeamMemberInput(m.Name, m.Title, m.Organisation, m.Role)).ToList(),
            JsonSerializer.Deserialize<List<FundExclusion>>(a.ExclusionsJson, Json) ?? [],
            await AttachmentsAsync(db, a.Id, cancellationToken), events, a.CorrectionDueUtc, a.SubmissionCopyId is not null,
            await AllowedAsync(user, Resource(a), Operations.Edit), a.Version)
        {
            GrantFen = a.GrantFen,
            FinalScore = call.ReviewsReleasedUtc is not null || user.IsCityWide() ? a.FinalScore : null,
            Rank = call.ReviewsReleasedUtc is not null || user.IsCityWide() ? a.Rank : null,
            Reviews = call.ReviewsReleasedUtc is null ? null : await ReleasedReviewsAsync(db, a.Id, cancellationToken),
        };
    }

    /// <summary>The submitted reviews of an application, unnamed, in a fixed order.</summary>
    private static async Task<IReadOnlyList<ReleasedReview>> ReleasedReviewsAsync(ZjDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var submitted = await db.ReviewAssignments.AsNoTracking().Include(r => r.Scores)
            .Where(r => r.ApplicationId == id && r.Status == ReviewAssignmentStatus.Submitted).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return submitted.Select((r, i) => new ReleasedReview(((char)('A' + i)).ToString(), r.WeightedScore,
            r.Scores.OrderBy(s => s.CriterionKey, StringComparer.Ordinal).Select(s => new CriterionScoreInput(s.CriterionKey, s.Score, s.Comment)).ToList(), r.OverallComment)).ToList();
    }

    private static IQueryable<FundApplicationSummary> Summaries(ZjDbContext db, IQueryable<FundApplication> query) =>
        from a in query
        join c in db.FundCalls on a.CallId equals c.Id
        select new FundApplicationSummary(a.Id, a.CallId, c.Code, a.TopicCode, a.KindCode, a.ApplicantCreditCode, a.ApplicantName, a.ParkCode,
            a.TrackingNumber, a.ProjectTitle, a.RequestedFen, a.SelfFundingFen, a.Status, a.UpdatedUtc, a.SubmittedUtc);

    private static FundApplicationSummary Summary(FundApplication a, string callCode) => new(
        a.Id, a.CallId, callCode, a.TopicCode, a.KindCode, a.ApplicantCreditCode, a.ApplicantName, a.ParkCode, a.TrackingNumber, a.ProjectTitle,
        a.RequestedFen, a.SelfFundingFen, a.Status, a.UpdatedUtc, a.SubmittedUtc);

    private static async Task<IReadOnlyList<FundAttachmentView>> AttachmentsAsync(ZjDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.FundAttachments.AsNoTracking().Where(x => x.ApplicationId == id).OrderBy(x => x.UploadedUtc)
            .Select(x => new FundAttachmentView(x.Id, x.FileName, x.Length, x.Sha256, x.UploadedUtc, x.UploadedBy)).ToListAsync(cancellationToken);

    internal static Dictionary<string, string?> Answers(FundApplication a) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(a.AnswersJson, Json) ?? [];

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static FundApplicationResource Resource(FundApplication a) => new(a.ApplicantCreditCode, a.ParkCode, a.Status);

    private async Task<bool> AllowedAsync(ClaimsPrincipal user, FundApplicationResource resource, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, resource, operation)).Succeeded;
}
