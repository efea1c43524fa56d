using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;

namespace Zhangjiang.Platform.Features.Evaluation;

/// <summary>What CityAdmin sets when opening a round.</summary>
public sealed record RoundInput
{
    public int Year { get; init; }
    public Guid FrameworkId { get; init; }
    public required string NameZh { get; init; }
    public required string NameEn { get; init; }
    public DateTime DeadlineUtc { get; init; }
    public EvaluationMethod Method { get; init; } = new();
    public double ChangeExplanationThreshold { get; init; } = 0.3;
    public ResultVisibility OthersSee { get; init; } = ResultVisibility.RanksOnly;
    public bool ShowOnPortal { get; init; }
    public double FirstTierMinScore { get; init; } = 70;
    public double SecondTierMinScore { get; init; } = 50;
}

public sealed record RoundSummary(
    Guid Id, int Year, string NameZh, string NameEn, RoundStatus Status, DateTime DeadlineUtc, string FrameworkNameZh, string FrameworkNameEn,
    int FrameworkVersion, int Parks, int Submitted, int Accepted, int Returned, SubmissionStatus? OwnStatus);

public sealed record SubmissionRow(
    string ParkCode, string ParkNameZh, string ParkNameEn, SubmissionStatus Status, DateTime? SubmittedUtc, string? SubmittedBy,
    DateTime? ReviewedUtc, string? ReviewedBy, string? ReviewComment, int ValuesFilled, Guid Version);

public sealed record RoundDetail(
    Guid Id, int Year, string NameZh, string NameEn, RoundStatus Status, DateTime DeadlineUtc, Guid FrameworkId, string FrameworkNameZh,
    string FrameworkNameEn, int FrameworkVersion, EvaluationMethod Method, double ChangeExplanationThreshold, ResultVisibility OthersSee,
    bool ShowOnPortal, double FirstTierMinScore, double SecondTierMinScore, IReadOnlyList<SubmissionRow> Submissions, Guid Version);

/// <summary>One row of a submission form: the indicator, this year's value, last year's, and whether a change needs explaining.</summary>
public sealed record SubmissionValueRow(
    string Code, string NameZh, string NameEn, string Unit, IndicatorDataSource DataSource, string ParentCode, string ParentNameZh,
    string ParentNameEn, double? Value, double? LastYear, double? ChangeShare, bool NeedsExplanation, string? Explanation, bool Computed);

public sealed record SubmissionDetail(
    Guid RoundId, int Year, string RoundNameZh, string RoundNameEn, RoundStatus RoundStatus, DateTime DeadlineUtc, string ParkCode,
    string ParkNameZh, string ParkNameEn, SubmissionStatus Status, string? ReviewComment, double ChangeExplanationThreshold,
    IReadOnlyList<SubmissionValueRow> Values, bool CanEdit, bool CanReview, Guid Version);

public sealed record ValueInput(string Code, double? Value, string? Explanation);

/// <summary>The values a park saves; unknown codes are refused, codes left out keep their value.</summary>
public sealed record SubmissionInput
{
    public required IReadOnlyList<ValueInput> Values { get; init; }
    public Guid Version { get; init; }
}

/// <summary>
/// Yearly rounds: CityAdmin opens a round on a published framework (every park gets a draft submission) and closes
/// it; each ParkManager fills in, saves and submits their park's values; city staff accept or return each
/// submission with a comment. The round locks by itself when every submission is accepted.
/// </summary>
public sealed class EvaluationRounds(IDbContextFactory<ZjDbContext> contexts, IAuthorizationService authorization)
{
    public async Task<UseCaseResult<RoundDetail>> OpenAsync(ClaimsPrincipal user, AuditActor actor, RoundInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!await AllowedAsync(user, new RoundResource(RoundStatus.Open), Operations.Create))
        {
            return UseCaseResult<RoundDetail>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var framework = await db.EvaluationFrameworks.Include(f => f.Indicators).AsNoTracking()
            .SingleOrDefaultAsync(f => f.Id == input.FrameworkId, cancellationToken);
        var errors = new List<FieldError>();
        if (framework is null)
        {
            errors.Add(new(nameof(input.FrameworkId), new UserMessage("RoundFrameworkUnknown")));
        }
        else if (framework.Status != FrameworkStatus.Published)
        {
            errors.Add(new(nameof(input.FrameworkId), new UserMessage("RoundFrameworkNotPublished", framework.Family, framework.VersionNumber)));
        }
        if (input.Year is < 2000 or > 2100)
        {
            errors.Add(new(nameof(input.Year), new UserMessage("Required", nameof(input.Year))));
        }
        if (string.IsNullOrWhiteSpace(input.NameZh) || input.NameZh.Length > 200)
        {
            errors.Add(new(nameof(input.NameZh), new UserMessage("Required", nameof(input.NameZh))));
        }
        if (input.DeadlineUtc <= db.UtcNow)
        {
            errors.Add(new(nameof(input.DeadlineUtc), new UserMessage("RoundDeadlinePast")));
        }
        if (input.ChangeExplanationThreshold is <= 0 or > 10)
        {
            errors.Add(new(nameof(input.ChangeExplanationThreshold), new UserMessage("RoundThresholdInvalid")));
        }
        if (!(input.FirstTierMinScore > input.SecondTierMinScore))
        {
            errors.Add(new(nameof(input.FirstTierMinScore), new UserMessage("RoundTierBandsInvalid")));
        }
        errors.AddRange(input.Method.Validate().Select(e => e with { Field = "Method." + e.Field }));
        if (errors.Count > 0)
        {
            return UseCaseResult<RoundDetail>.Invalid(errors);
        }

        var indicatorCodes = framework!.Indicators.Where(i => i.IsIndicator).OrderBy(i => i.SortOrder).Select(i => i.Code).ToList();
        var parks = await db.Parks.AsNoTracking().OrderBy(p => p.Code).Select(p => p.Code).ToListAsync(cancellationToken);
        var round = new EvaluationRound
        {
            Id = Guid.NewGuid(),
            Year = input.Year,
            FrameworkId = framework.Id,
            NameZh = input.NameZh.Trim(),
            NameEn = (input.NameEn ?? "").Trim(),
            DeadlineUtc = input.DeadlineUtc,
            Status = RoundStatus.Open,
            MethodJson = input.Method.ToJson(),
            ChangeExplanationThreshold = input.ChangeExplanationThreshold,
            OthersSee = input.OthersSee,
            ShowOnPortal = input.ShowOnPortal,
            FirstTierMinScore = input.FirstTierMinScore,
            SecondTierMinScore = input.SecondTierMinScore,
            OpenedUtc = db.UtcNow,
            OpenedBy = actor.UserName,
            Submissions = parks.Select(p => new ParkSubmission
            {
                Id = Guid.NewGuid(),
                ParkCode = p,
                Status = SubmissionStatus.Draft,
                Values = indicatorCodes.Select(c => new SubmissionValue { IndicatorCode = c }).ToList(),
            }).ToList(),
        };
        // Indicators computed from enterprise statistics start filled from the roll-up for the round's year.
        await StatisticsFeed.FillAsync(db, framework.Id, round.Year, round.Submissions, cancellationToken);
        db.EvaluationRounds.Add(round);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(user, round.Id, cancellationToken);
    }

    /// <summary>
    /// Rounds the user may see: all for the city; for a park manager, every round with their own submission's state;
    /// for a district officer, the published ones.
    /// </summary>
    public async Task<UseCaseResult<IReadOnlyList<RoundSummary>>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var cityWide = user.IsCityWide();
        var park = user.IsInRole(Identity.Roles.ParkManager) ? user.ParkScope() : null;
        var district = user.IsInRole(Identity.Roles.DistrictOfficer) ? user.DistrictScope() : null;
        if (!cityWide && park is null && district is null)
        {
            return UseCaseResult<IReadOnlyList<RoundSummary>>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var visible = db.EvaluationRounds.AsNoTracking();
        if (!cityWide && park is null)
        {
            visible = visible.Where(r => r.Status == RoundStatus.Published); // district officers read published results only
        }
        var rounds = await visible
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.OpenedUtc)
            .Select(r => new
            {
                r.Id, r.Year, r.NameZh, r.NameEn, r.Status, r.DeadlineUtc,
                FrameworkNameZh = r.Framework!.NameZh, FrameworkNameEn = r.Framework.NameEn, r.Framework.VersionNumber,
                Parks = r.Submissions.Count,
                Submitted = r.Submissions.Count(s => s.Status == SubmissionStatus.Submitted),
                Accepted = r.Submissions.Count(s => s.Status == SubmissionStatus.Accepted),
                Returned = r.Submissions.Count(s => s.Status == SubmissionStatus.Returned),
                Own = r.Submissions.Where(s => s.ParkCode == park).Select(s => (SubmissionStatus?)s.Status).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return UseCaseResult<IReadOnlyList<RoundSummary>>.Ok(rounds.Select(r => new RoundSummary(
            r.Id, r.Year, r.NameZh, r.NameEn, r.Status, r.DeadlineUtc, r.FrameworkNameZh, r.FrameworkNameEn, r.VersionNumber,
            r.Parks, r.Submitted, r.Accepted, r.Returned, r.Own)).ToList());
    }

    /// <summary>A round with every park's submission state (city users only).</summary>
    public async Task<UseCaseResult<RoundDetail>> GetAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var round = await db.EvaluationRounds.AsNoTracking().Include(r => r.Framework).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (round is null)
        {
            return UseCaseResult<RoundDetail>.NotFound();
        }
        if (!await AllowedAsync(user, new RoundResource(round.Status), Operations.Read))
        {
            return UseCaseResult<RoundDetail>.Forbidden();
        }
        var parks = await db.Parks.AsNoTracking().ToDictionaryAsync(p => p.Code, cancellationToken);
        var submissions = await db.ParkSubmissions.AsNoTracking().Where(s => s.RoundId == id)
            .Select(s => new { s.ParkCode, s.Status, s.SubmittedUtc, s.SubmittedBy, s.ReviewedUtc, s.ReviewedBy, s.ReviewComment, s.Version, Filled = s.Values.Count(v => v.Value != null) })
            .ToListAsync(cancellationToken);
        var rows = submissions.OrderBy(s => s.ParkCode, StringComparer.Ordinal).Select(s => new SubmissionRow(
            s.ParkCode, parks[s.ParkCode].NameZh, parks[s.ParkCode].NameEn, s.Status, s.SubmittedUtc, s.SubmittedBy, s.ReviewedUtc,
            s.ReviewedBy, s.ReviewComment, s.Filled, s.Version)).ToList();
        return UseCaseResult<RoundDetail>.Ok(ToDetail(round, rows));
    }

    /// <summary>A park's submission form with last year's values beside this year's.</summary>
    public async Task<UseCaseResult<SubmissionDetail>> GetSubmissionAsync(ClaimsPrincipal user, Guid roundId, string parkCode, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var loaded = await LoadSubmissionAsync(db, roundId, parkCode, tracking: false, cancellationToken);
        if (loaded is null)
        {
            return UseCaseResult<SubmissionDetail>.NotFound();
        }
        var (round, submission) = loaded.Value;
        if (!await AllowedAsync(user, ResourceOf(round, submission), Operations.Read))
        {
            return UseCaseResult<SubmissionDetail>.Forbidden();
        }
        return UseCaseResult<SubmissionDetail>.Ok(await ToDetailAsync(db, user, round, submission, cancellationToken));
    }

    /// <summary>Saves values as a draft (or on a returned submission). Checks every value; a bad one saves nothing.</summary>
    public async Task<UseCaseResult<SubmissionDetail>> SaveAsync(
        ClaimsPrincipal user, AuditActor actor, Guid roundId, string parkCode, SubmissionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var loaded = await LoadSubmissionAsync(db, roundId, parkCode, tracking: true, cancellationToken);
        if (loaded is null)
        {
            return UseCaseResult<SubmissionDetail>.NotFound();
        }
        var (round, submission) = loaded.Value;
        if (!await AllowedAsync(user, ResourceOf(round, submission), Operations.Edit))
        {
            return await RefusalAsync(user, round, submission, Operations.Edit);
        }
        var errors = ApplyValues(submission, input.Values);
        if (errors.Count > 0)
        {
            return UseCaseResult<SubmissionDetail>.Invalid(errors);
        }
        return await SaveSubmissionAsync(db, user, round, submission, input.Version, cancellationToken);
    }

    /// <summary>
    /// Saves the values of an uploaded Excel template (see <see cref="SubmissionWorkbook"/>): the file is checked
    /// before it is parsed, every cell is checked, and one bad cell saves nothing.
    /// </summary>
    public async Task<UseCaseResult<SubmissionDetail>> ImportAsync(
        ClaimsPrincipal user, AuditActor actor, Guid roundId, string parkCode, Stream file, string fileName, Guid version,
        CancellationToken cancellationToken = default)
    {
        var current = await GetSubmissionAsync(user, roundId, parkCode, cancellationToken);
        if (!current.Succeeded)
        {
            return current;
        }
        if (!current.Value!.CanEdit)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var (round, submission) = (await LoadSubmissionAsync(db, roundId, parkCode, tracking: false, cancellationToken))!.Value;
            return await RefusalAsync(user, round, submission, Operations.Edit);
        }
        var (values, errors) = SubmissionWorkbook.Read(file, fileName, current.Value.Values.Select(v => v.Code).ToList());
        if (errors.Count > 0)
        {
            return UseCaseResult<SubmissionDetail>.Invalid(errors);
        }
        return await SaveAsync(user, actor, roundId, parkCode, new SubmissionInput { Values = values, Version = version }, cancellationToken);
    }

    /// <summary>
    /// Submits: every indicator needs a value or a reason it is missing, and every value that moved more than the
    /// round's threshold from last year needs an explanation. Each problem names the indicator.
    /// </summary>
    public async Task<UseCaseResult<SubmissionDetail>> SubmitAsync(
        ClaimsPrincipal user, AuditActor actor, Guid roundId, string parkCode, Guid version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var loaded = await LoadSubmissionAsync(db, roundId, parkCode, tracking: true, cancellationToken);
        if (loaded is null)
        {
            return UseCaseResult<SubmissionDetail>.NotFound();
        }
        var (round, submission) = loaded.Value;
        if (!await AllowedAsync(user, ResourceOf(round, submission), Operations.Submit))
        {
            return await RefusalAsync(user, round, submission, Operations.Submit);
        }
        var detail = await ToDetailAsync(db, user, round, submission, cancellationToken);
        var errors = new List<FieldError>();
        foreach (var row in detail.Values)
        {
            if (row.Value is null && string.IsNullOrWhiteSpace(row.Explanation))
            {
                errors.Add(new(row.Code, new UserMessage("SubmissionValueMissing", row.Code, row.NameZh)));
            }
            else if (row.NeedsExplanation && string.IsNullOrWhiteSpace(row.Explanation))
            {
                errors.Add(new(row.Code, new UserMessage("SubmissionChangeNeedsExplanation", row.Code, row.NameZh,
                    (row.ChangeShare!.Value * 100).ToString("0.#", CultureInfo.InvariantCulture),
                    (round.ChangeExplanationThreshold * 100).ToString("0.#", CultureInfo.InvariantCulture))));
            }
        }
        if (errors.Count > 0)
        {
            return UseCaseResult<SubmissionDetail>.Invalid(errors);
        }
        submission.Status = SubmissionStatus.Submitted;
        submission.SubmittedUtc = db.UtcNow;
        submission.SubmittedBy = actor.UserName;
        return await SaveSubmissionAsync(db, user, round, submission, version, cancellationToken);
    }

    /// <summary>Accepts a submitted submission, or returns it with a comment; the round locks when every park is accepted.</summary>
    public async Task<UseCaseResult<SubmissionDetail>> ReviewAsync(
        ClaimsPrincipal user, AuditActor actor, Guid roundId, string parkCode, bool accept, string? comment, Guid version,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var loaded = await LoadSubmissionAsync(db, roundId, parkCode, tracking: true, cancellationToken);
        if (loaded is null)
        {
            return UseCaseResult<SubmissionDetail>.NotFound();
        }
        var (round, submission) = loaded.Value;
        if (!await AllowedAsync(user, ResourceOf(round, submission), Operations.Review))
        {
            return await RefusalAsync(user, round, submission, Operations.Review);
        }
        if (!accept && string.IsNullOrWhiteSpace(comment))
        {
            return UseCaseResult<SubmissionDetail>.Invalid(nameof(comment), new UserMessage("ReviewCommentRequired"));
        }
        if (comment is { Length: > 2000 })
        {
            return UseCaseResult<SubmissionDetail>.Invalid(nameof(comment), new UserMessage("FieldTooLong", nameof(comment), 2000));
        }
        submission.Status = accept ? SubmissionStatus.Accepted : SubmissionStatus.Returned;
        submission.ReviewComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        submission.ReviewedUtc = db.UtcNow;
        submission.ReviewedBy = actor.UserName;
        if (accept && await db.ParkSubmissions.Where(s => s.RoundId == roundId && s.Id != submission.Id).AllAsync(s => s.Status == SubmissionStatus.Accepted, cancellationToken))
        {
            round.Status = RoundStatus.Locked;
            round.LockedUtc = db.UtcNow;
        }
        return await SaveSubmissionAsync(db, user, round, submission, version, cancellationToken);
    }

    /// <summary>The city closes the round before every park is accepted: no more submissions; only accepted ones are computed.</summary>
    public async Task<UseCaseResult<RoundDetail>> CloseAsync(ClaimsPrincipal user, AuditActor actor, Guid roundId, Guid version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var round = await db.EvaluationRounds.SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return UseCaseResult<RoundDetail>.NotFound();
        }
        if (!await AllowedAsync(user, new RoundResource(round.Status), Operations.Edit))
        {
            return UseCaseResult<RoundDetail>.Forbidden();
        }
        if (round.Status != RoundStatus.Open)
        {
            return UseCaseResult<RoundDetail>.Invalid("", new UserMessage("RoundNotOpen"));
        }
        db.Entry(round).Property(r => r.Version).OriginalValue = version;
        round.Status = RoundStatus.Locked;
        round.LockedUtc = db.UtcNow;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<RoundDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return await GetAsync(user, roundId, cancellationToken);
    }

    /// <summary>
    /// CityAdmin changes what parks see of the others and whether the public portal shows the ranking, at any time
    /// (the result itself stays frozen).
    /// </summary>
    public async Task<UseCaseResult<RoundDetail>> SetVisibilityAsync(
        ClaimsPrincipal user, AuditActor actor, Guid roundId, ResultVisibility othersSee, bool showOnPortal, Guid version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var round = await db.EvaluationRounds.SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return UseCaseResult<RoundDetail>.NotFound();
        }
        if (!await AllowedAsync(user, new RoundResource(round.Status), Operations.Publish))
        {
            return UseCaseResult<RoundDetail>.Forbidden();
        }
        db.Entry(round).Property(r => r.Version).OriginalValue = version;
        round.OthersSee = othersSee;
        round.ShowOnPortal = showOnPortal;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<RoundDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return await GetAsync(user, roundId, cancellationToken);
    }

    private static List<FieldError> ApplyValues(ParkSubmission submission, IReadOnlyList<ValueInput> values)
    {
        var errors = new List<FieldError>();
        var rows = submission.Values.ToDictionary(v => v.IndicatorCode, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in values)
        {
            if (!rows.TryGetValue(input.Code ?? "", out var row))
            {
                errors.Add(new(input.Code ?? "", new UserMessage("SubmissionCodeUnknown", input.Code ?? "")));
                continue;
            }
            if (!seen.Add(input.Code!))
            {
                errors.Add(new(input.Code!, new UserMessage("IndicatorCodeDuplicate", input.Code!)));
                continue;
            }
            if (input.Value is { } v && !double.IsFinite(v))
            {
                errors.Add(new(input.Code!, new UserMessage("SubmissionValueNotFinite", input.Code!)));
                continue;
            }
            if (input.Explanation is { Length: > 2000 })
            {
                errors.Add(new(input.Code!, new UserMessage("FieldTooLong", input.Code!, 2000)));
                continue;
            }
            row.Value = input.Value;
            row.Explanation = string.IsNullOrWhiteSpace(input.Explanation) ? null : input.Explanation.Trim();
            row.Computed = false;
        }
        return errors;
    }

    private async Task<UseCaseResult<SubmissionDetail>> SaveSubmissionAsync(
        ZjDbContext db, ClaimsPrincipal user, EvaluationRound round, ParkSubmission submission, Guid version, CancellationToken cancellationToken)
    {
        db.Entry(submission).Property(s => s.Version).OriginalValue = version;
        // The submission's token changes with every value change, so a second editor of the same form is told.
        db.Entry(submission).State = EntityState.Modified;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<SubmissionDetail>.Conflict(new UserMessage("SubmissionChangedByOther"));
        }
        return UseCaseResult<SubmissionDetail>.Ok(await ToDetailAsync(db, user, round, submission, cancellationToken));
    }

    /// <summary>
    /// Someone who could do this in another state (the park's manager after submitting, staff before submission) is
    /// told why not now; someone who never could gets 403.
    /// </summary>
    private async Task<UseCaseResult<SubmissionDetail>> RefusalAsync(
        ClaimsPrincipal user, EvaluationRound round, ParkSubmission submission, OperationAuthorizationRequirement operation)
    {
        var whenPossible = new SubmissionResource(submission.ParkCode, RoundStatus.Open,
            operation == Operations.Review ? SubmissionStatus.Submitted : SubmissionStatus.Draft);
        if (!await AllowedAsync(user, whenPossible, operation))
        {
            return UseCaseResult<SubmissionDetail>.Forbidden();
        }
        return round.Status != RoundStatus.Open
            ? UseCaseResult<SubmissionDetail>.Invalid("", new UserMessage("RoundNotOpen"))
            : UseCaseResult<SubmissionDetail>.Invalid("", new UserMessage("SubmissionWrongState", new UserMessage("SubmissionStatus." + submission.Status)));
    }

    private async Task<SubmissionDetail> ToDetailAsync(ZjDbContext db, ClaimsPrincipal user, EvaluationRound round, ParkSubmission submission, CancellationToken cancellationToken)
    {
        var nodes = await db.EvaluationIndicators.AsNoTracking().Where(i => i.FrameworkId == round.FrameworkId)
            .OrderBy(i => i.SortOrder).ToListAsync(cancellationToken);
        var indicators = nodes.Where(i => i.IsIndicator).ToList();
        var parents = nodes.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var park = await db.Parks.AsNoTracking().SingleAsync(p => p.Code == submission.ParkCode, cancellationToken);
        var lastYear = await LastYearValuesAsync(db, round, submission.ParkCode, cancellationToken);
        var values = submission.Values.ToDictionary(v => v.IndicatorCode, StringComparer.Ordinal);
        var rows = indicators.Select(i =>
        {
            values.TryGetValue(i.Code, out var v);
            double? last = lastYear.TryGetValue(i.Code, out var l) ? l : null;
            double? share = v?.Value is { } now && last is { } before && before != 0 ? Math.Abs(now - before) / Math.Abs(before) : null;
            var needs = share > round.ChangeExplanationThreshold;
            var parent = i.ParentCode is { } pc && parents.TryGetValue(pc, out var found) ? found : null;
            return new SubmissionValueRow(i.Code, i.NameZh, i.NameEn, i.Unit, i.DataSource, i.ParentCode ?? "", parent?.NameZh ?? "", parent?.NameEn ?? "",
                v?.Value, last, share, needs, v?.Explanation, v?.Computed ?? false);
        }).ToList();
        var canEdit = await AllowedAsync(user, ResourceOf(round, submission), Operations.Edit);
        var canReview = await AllowedAsync(user, ResourceOf(round, submission), Operations.Review);
        return new SubmissionDetail(round.Id, round.Year, round.NameZh, round.NameEn, round.Status, round.DeadlineUtc, park.Code, park.NameZh,
            park.NameEn, submission.Status, submission.ReviewComment, round.ChangeExplanationThreshold, rows, canEdit, canReview, submission.Version);
    }

    /// <summary>The park's accepted values in the latest earlier round, by indicator code.</summary>
    private static async Task<Dictionary<string, double>> LastYearValuesAsync(ZjDbContext db, EvaluationRound round, string parkCode, CancellationToken cancellationToken)
    {
        var previous = await db.ParkSubmissions.AsNoTracking()
            .Where(s => s.ParkCode == parkCode && s.Status == SubmissionStatus.Accepted && s.Round!.Year < round.Year)
            .OrderByDescending(s => s.Round!.Year)
            .Select(s => s.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (previous == Guid.Empty)
        {
            return new Dictionary<string, double>(StringComparer.Ordinal);
        }
        return await db.SubmissionValues.AsNoTracking().Where(v => v.SubmissionId == previous && v.Value != null)
            .ToDictionaryAsync(v => v.IndicatorCode, v => v.Value!.Value, StringComparer.Ordinal, cancellationToken);
    }

    private static async Task<(EvaluationRound Round, ParkSubmission Submission)?> LoadSubmissionAsync(
        ZjDbContext db, Guid roundId, string parkCode, bool tracking, CancellationToken cancellationToken)
    {
        var rounds = tracking ? db.EvaluationRounds : db.EvaluationRounds.AsNoTracking();
        var round = await rounds.SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return null;
        }
        var submissions = tracking ? db.ParkSubmissions : db.ParkSubmissions.AsNoTracking();
        var submission = await submissions.Include(s => s.Values)
            .SingleOrDefaultAsync(s => s.RoundId == roundId && s.ParkCode == parkCode, cancellationToken);
        return submission is null ? null : (round, submission);
    }

    private static SubmissionResource ResourceOf(EvaluationRound round, ParkSubmission submission) =>
        new(submission.ParkCode, round.Status, submission.Status);

    private static RoundDetail ToDetail(EvaluationRound r, IReadOnlyList<SubmissionRow> rows) => new(
        r.Id, r.Year, r.NameZh, r.NameEn, r.Status, r.DeadlineUtc, r.FrameworkId, r.Framework?.NameZh ?? "", r.Framework?.NameEn ?? "",
        r.Framework?.VersionNumber ?? 0, EvaluationMethod.FromJson(r.MethodJson), r.ChangeExplanationThreshold, r.OthersSee, r.ShowOnPortal,
        r.FirstTierMinScore, r.SecondTierMinScore, rows, r.Version);

    private async Task<bool> AllowedAsync(ClaimsPrincipal user, object resource, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, resource, operation)).Succeeded;
}
