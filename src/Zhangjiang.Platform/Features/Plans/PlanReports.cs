using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Notifications;

namespace Zhangjiang.Platform.Features.Plans;

public sealed record ReportValueInput(Guid TargetKey, double? Actual, TargetStatus? Assessment, string? Note);

public sealed record PlanReportInput(string Narrative, string? Evidence, IReadOnlyList<ReportValueInput> Values, Guid Version);

public sealed record ReportPeriod(DateOnly PeriodEnd, DateOnly DueOn, PlanReportStatus? Status, bool Overdue, Guid? ReportId, Guid? Version);

public sealed record ReportValueView(Guid TargetKey, double? Actual, TargetStatus? Assessment, string? Note);

public sealed record PlanReportView(Guid Id, DateOnly PeriodEnd, DateOnly DueOn, string Narrative, string Evidence, PlanReportStatus Status, DateTime UpdatedUtc, string UpdatedBy,
    DateTime? SubmittedUtc, string? SubmittedBy, IReadOnlyList<ReportValueView> Values, Guid Version, IReadOnlyList<Files.AttachedFileView> Files);

/// <summary>A target's progress: its readings from submitted reports, its status with the reason, and the forecast.</summary>
public sealed record TargetProgressView(Guid Key, string NameZh, string NameEn, string Unit, TargetDirection Direction, double? Baseline, int? BaselineYear,
    double? TargetValue, int TargetYear, IReadOnlyList<TargetReading> Readings, TargetStatus Status, UserMessage Why, double? Expected, double? Forecast, bool? ForecastMeets);

/// <summary>
/// Progress reports (进展报告) of a published plan on its cadence: the park fills in each period's report (values reached,
/// assessments of stated targets, narrative, evidence) and submits it by its due date (15 days after the period ends);
/// each target's status and forecast are computed from the submitted values by <see cref="TargetProgress"/>. Reminders
/// and escalation are the deadline sweep's (<see cref="Notifications.DeadlineReminders"/>).
/// </summary>
public sealed class PlanReports(IDbContextFactory<ZjDbContext> contexts, Files.MalwareScanner? scanner = null)
{
    public const int DueDaysAfterPeriod = 15;

    /// <summary>The period ends of a cadence from <paramref name="from"/> (exclusive) to <paramref name="to"/> (inclusive).</summary>
    public static IEnumerable<DateOnly> PeriodEnds(ReportCadence cadence, DateOnly from, DateOnly to)
    {
        var months = cadence == ReportCadence.Quarterly ? new[] { 3, 6, 9, 12 } : [6, 12];
        for (var year = from.Year; year <= to.Year; year++)
        {
            foreach (var month in months)
            {
                var end = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
                if (end > from && end <= to)
                {
                    yield return end;
                }
            }
        }
    }

    /// <summary>The periods a published plan reports on, from its first publication to the period now open, with each one's report state.</summary>
    public async Task<UseCaseResult<IReadOnlyList<ReportPeriod>>> PeriodsAsync(ClaimsPrincipal user, Guid planId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var plan = await db.ParkPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null || !await PlanAccess.MayReadAsync(db, user, plan, cancellationToken))
        {
            return UseCaseResult<IReadOnlyList<ReportPeriod>>.NotFound();
        }
        var periods = await PeriodsOfAsync(db, plan, cancellationToken);
        // A draft report is the park's (and the city's): others see the period as not yet reported, as GetAsync answers.
        return UseCaseResult<IReadOnlyList<ReportPeriod>>.Ok(PlanAccess.CanEdit(user, plan.ParkCode)
            ? periods
            : periods.Select(p => p.Status == PlanReportStatus.Draft ? p with { Status = null, ReportId = null, Version = null } : p).ToList());
    }

    public async Task<UseCaseResult<PlanReportView>> GetAsync(ClaimsPrincipal user, Guid planId, DateOnly periodEnd, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var plan = await db.ParkPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null || !await PlanAccess.MayReadAsync(db, user, plan, cancellationToken))
        {
            return UseCaseResult<PlanReportView>.NotFound();
        }
        var report = await db.PlanReports.AsNoTracking().Include(r => r.Values).SingleOrDefaultAsync(r => r.PlanId == planId && r.PeriodEnd == periodEnd, cancellationToken);
        // Drafts are the park's (and the city's): others read a report once it is submitted.
        if (report is null || (report.Status == PlanReportStatus.Draft && !PlanAccess.CanEdit(user, plan.ParkCode)))
        {
            return UseCaseResult<PlanReportView>.NotFound();
        }
        return UseCaseResult<PlanReportView>.Ok(await ViewAsync(db, report, cancellationToken));
    }

    /// <summary>An evidence file of a report, for whoever may read the report.</summary>
    public async Task<UseCaseResult<Evaluation.EvidenceFile>> EvidenceFileAsync(ClaimsPrincipal user, Guid planId, DateOnly periodEnd, Guid fileId, CancellationToken cancellationToken = default)
    {
        var report = await GetAsync(user, planId, periodEnd, cancellationToken);
        if (!report.Succeeded)
        {
            return UseCaseResult<Evaluation.EvidenceFile>.NotFound();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var file = await Files.AttachedFiles.ReadAsync(db, Files.AttachedFiles.PlanReport, fileId, [report.Value!.Id], cancellationToken);
        return file is null ? UseCaseResult<Evaluation.EvidenceFile>.NotFound() : UseCaseResult<Evaluation.EvidenceFile>.Ok(file);
    }

    /// <summary>The park saves a period's report (a new one with version Guid.Empty), until it is submitted.</summary>
    public Task<UseCaseResult<PlanReportView>> SaveAsync(ClaimsPrincipal user, AuditActor actor, Guid planId, DateOnly periodEnd, PlanReportInput input, CancellationToken cancellationToken = default) =>
        WriteAsync(user, actor, planId, periodEnd, input, submit: false, [], cancellationToken);

    /// <summary>Saves the report and adds evidence files to it, in one step: a refused file leaves the report as it was.</summary>
    public Task<UseCaseResult<PlanReportView>> SaveAsync(ClaimsPrincipal user, AuditActor actor, Guid planId, DateOnly periodEnd, PlanReportInput input,
        IReadOnlyList<Files.UploadedFile> files, CancellationToken cancellationToken = default) =>
        WriteAsync(user, actor, planId, periodEnd, input, submit: false, files, cancellationToken);

    /// <summary>The park submits a period's report with what it holds; every numeric target needs a value, every stated one an assessment.</summary>
    public Task<UseCaseResult<PlanReportView>> SubmitAsync(ClaimsPrincipal user, AuditActor actor, Guid planId, DateOnly periodEnd, PlanReportInput input, CancellationToken cancellationToken = default) =>
        WriteAsync(user, actor, planId, periodEnd, input, submit: true, [], cancellationToken);

    /// <summary>Each target of the plan as published, with its readings, status, reason and forecast.</summary>
    public async Task<UseCaseResult<IReadOnlyList<TargetProgressView>>> ProgressAsync(ClaimsPrincipal user, Guid planId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var plan = await db.ParkPlans.AsNoTracking().Include(p => p.Targets).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null || !await PlanAccess.MayReadAsync(db, user, plan, cancellationToken))
        {
            return UseCaseResult<IReadOnlyList<TargetProgressView>>.NotFound();
        }
        var values = await (from v in db.PlanReportValues.AsNoTracking()
                            join r in db.PlanReports on v.ReportId equals r.Id
                            where r.PlanId == planId && r.Status == PlanReportStatus.Submitted
                            select new { v.TargetKey, r.PeriodEnd, v.Actual, v.Assessment }).ToListAsync(cancellationToken);
        var list = plan.Targets.OrderBy(t => t.Order).Select(t =>
        {
            var mine = values.Where(v => v.TargetKey == t.Key).OrderBy(v => v.PeriodEnd).ToList();
            var readings = mine.Where(v => v.Actual is not null).Select(v => new TargetReading(v.PeriodEnd, v.Actual!.Value)).ToList();
            var assessment = TargetProgress.Assess(t.Direction, t.Baseline, t.BaselineYear, t.TargetValue, t.TargetYear, readings);
            if (t.Direction == TargetDirection.Qualitative && mine.LastOrDefault(v => v.Assessment is not null) is { } stated)
            {
                assessment = assessment with { Status = stated.Assessment!.Value, Why = new UserMessage("TargetAssessedByPark", stated.PeriodEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) };
            }
            return new TargetProgressView(t.Key, t.NameZh, t.NameEn, t.Unit, t.Direction, t.Baseline, t.BaselineYear, t.TargetValue, t.TargetYear, readings,
                assessment.Status, assessment.Why, assessment.Expected, assessment.Forecast, assessment.ForecastMeets);
        }).ToList();
        return UseCaseResult<IReadOnlyList<TargetProgressView>>.Ok(list);
    }

    internal static async Task<List<ReportPeriod>> PeriodsOfAsync(ZjDbContext db, ParkPlan plan, CancellationToken cancellationToken)
    {
        if (plan.PublishedUtc is not { } published)
        {
            return [];
        }
        var today = ShanghaiTime.Day(db.UtcNow);
        // Reporting starts with the period the plan was first published in; the period now open is listed too.
        var first = await db.ParkPlanVersions.AsNoTracking().Where(v => v.PlanId == plan.Id).MinAsync(v => (DateTime?)v.PublishedUtc, cancellationToken) ?? published;
        var start = ShanghaiTime.Day(first);
        var from = start.AddDays(-1);
        var ends = PeriodEnds(plan.Cadence, from, today.AddMonths(plan.Cadence == ReportCadence.Quarterly ? 3 : 6)).ToList();
        var reports = await db.PlanReports.AsNoTracking().Where(r => r.PlanId == plan.Id).ToListAsync(cancellationToken);
        return ends.Select(end =>
        {
            var report = reports.SingleOrDefault(r => r.PeriodEnd == end);
            var due = end.AddDays(DueDaysAfterPeriod);
            return new ReportPeriod(end, due, report?.Status, report?.Status != PlanReportStatus.Submitted && due < today, report?.Id, report?.Version);
        }).ToList();
    }

    private async Task<UseCaseResult<PlanReportView>> WriteAsync(ClaimsPrincipal user, AuditActor actor, Guid planId, DateOnly periodEnd, PlanReportInput input, bool submit,
        IReadOnlyList<Files.UploadedFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var plan = await db.ParkPlans.AsNoTracking().Include(p => p.Targets).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null || !await PlanAccess.MayReadAsync(db, user, plan, cancellationToken))
        {
            return UseCaseResult<PlanReportView>.NotFound();
        }
        if (!PlanAccess.CanEdit(user, plan.ParkCode))
        {
            return UseCaseResult<PlanReportView>.Forbidden();
        }
        var periods = await PeriodsOfAsync(db, plan, cancellationToken);
        if (periods.All(p => p.PeriodEnd != periodEnd))
        {
            return UseCaseResult<PlanReportView>.Invalid("PeriodEnd", new UserMessage("PlanReportPeriod", periodEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }
        var report = await db.PlanReports.Include(r => r.Values).SingleOrDefaultAsync(r => r.PlanId == planId && r.PeriodEnd == periodEnd, cancellationToken);
        if ((report?.Version ?? Guid.Empty) != input.Version)
        {
            return UseCaseResult<PlanReportView>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        if (report?.Status == PlanReportStatus.Submitted)
        {
            return UseCaseResult<PlanReportView>.Conflict(new UserMessage("PlanReportSubmitted"));
        }
        var targets = plan.Targets.ToDictionary(t => t.Key);
        var errors = new List<FieldError>();
        var narrative = input.Narrative?.Trim() ?? "";
        if (narrative.Length > 20_000 || (input.Evidence?.Length ?? 0) > 5_000)
        {
            errors.Add(new FieldError(nameof(input.Narrative), new UserMessage("FieldTooLong", nameof(input.Narrative), 20_000)));
        }
        foreach (var v in input.Values ?? [])
        {
            if (!targets.TryGetValue(v.TargetKey, out var target))
            {
                errors.Add(new FieldError($"Values[{v.TargetKey}]", new UserMessage("PlanReportUnknownTarget")));
            }
            else if (v.Actual is { } a && !double.IsFinite(a))
            {
                errors.Add(new FieldError($"Values[{v.TargetKey}]", new UserMessage("PlanTargetValue", target.NameZh)));
            }
        }
        if (submit)
        {
            if (narrative.Length == 0)
            {
                errors.Add(new FieldError(nameof(input.Narrative), new UserMessage("PlanReportNarrative")));
            }
            foreach (var t in plan.Targets.OrderBy(t => t.Order))
            {
                var given = (input.Values ?? []).FirstOrDefault(v => v.TargetKey == t.Key);
                if (t.Direction == TargetDirection.Qualitative ? given?.Assessment is null : given?.Actual is null)
                {
                    errors.Add(new FieldError($"Values[{t.Key}]", new UserMessage(t.Direction == TargetDirection.Qualitative ? "PlanReportAssessmentMissing" : "PlanReportValueMissing", t.NameZh)));
                }
            }
        }
        var reportId = report?.Id ?? Guid.NewGuid();
        if (errors.Count == 0 && files.Count > 0)
        {
            var attached = await db.AttachedFiles.CountAsync(f => f.OwnerKind == Files.AttachedFiles.PlanReport && f.OwnerId == reportId, cancellationToken);
            errors.AddRange(attached + files.Count > Files.AttachedFiles.MaxPerOwner
                ? [new FieldError("files", new UserMessage("FilesTooMany", Files.AttachedFiles.MaxPerOwner))]
                : await Files.AttachedFiles.AddAsync(db, scanner, actor, Files.AttachedFiles.PlanReport, reportId, files, cancellationToken));
        }
        if (errors.Count > 0)
        {
            return UseCaseResult<PlanReportView>.Invalid(errors);
        }
        if (report is null)
        {
            report = new PlanReport { Id = reportId, PlanId = planId, PeriodEnd = periodEnd, DueOn = periodEnd.AddDays(DueDaysAfterPeriod), UpdatedBy = actor.UserName };
            db.PlanReports.Add(report);
        }
        else
        {
            db.PlanReportValues.RemoveRange(report.Values);
            db.Entry(report).Property(r => r.Version).OriginalValue = input.Version;
        }
        report.Narrative = narrative;
        report.Evidence = input.Evidence?.Trim() ?? "";
        report.Values = (input.Values ?? []).Where(v => targets.ContainsKey(v.TargetKey)).Select(v => new PlanReportValue
        {
            TargetKey = v.TargetKey, Actual = v.Actual, Assessment = v.Assessment, Note = string.IsNullOrWhiteSpace(v.Note) ? null : v.Note.Trim()[..Math.Min(v.Note.Trim().Length, 1000)],
        }).ToList();
        report.UpdatedUtc = db.UtcNow;
        report.UpdatedBy = actor.UserName;
        if (submit)
        {
            report.Status = PlanReportStatus.Submitted;
            report.SubmittedUtc = db.UtcNow;
            report.SubmittedBy = actor.UserName;
            Notify.Add(db, Audiences.City, new UserMessage("NotifyPlanReportSubmitted", plan.TitleZh, periodEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), "/plans/" + planId);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e))
        {
            return UseCaseResult<PlanReportView>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<PlanReportView>.Ok(await ViewAsync(db, report, cancellationToken));
    }

    private static async Task<PlanReportView> ViewAsync(ZjDbContext db, PlanReport r, CancellationToken cancellationToken)
    {
        var files = await Files.AttachedFiles.OfAsync(db, Files.AttachedFiles.PlanReport, [r.Id], cancellationToken);
        return new(r.Id, r.PeriodEnd, r.DueOn, r.Narrative, r.Evidence, r.Status, r.UpdatedUtc, r.UpdatedBy, r.SubmittedUtc, r.SubmittedBy,
            r.Values.Select(v => new ReportValueView(v.TargetKey, v.Actual, v.Assessment, v.Note)).ToList(), r.Version, files.TryGetValue(r.Id, out var list) ? list : []);
    }
}
