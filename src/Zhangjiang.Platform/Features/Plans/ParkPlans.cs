using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Platform.Features.Plans;

/// <param name="Key">The target's key when editing an existing target (keeps its progress reports); null for a new one.</param>
public sealed record PlanTargetInput(string NameZh, string? NameEn, string? Unit, TargetDirection Direction, double? Baseline, int? BaselineYear,
    double? TargetValue, int TargetYear, string? IndicatorCode, string? Source, Guid? Key = null);

public sealed record PlanMilestone(string Title, DateOnly DueOn, bool Done);

public sealed record PlanTaskInput(string TitleZh, string? TitleEn, string? Owner, IReadOnlyList<PlanMilestone> Milestones, string? IndicatorCode = null);

public sealed record PlanInput
{
    public string TitleZh { get; init; } = "";
    public string? TitleEn { get; init; }
    public int? PeriodFrom { get; init; }
    public int? PeriodTo { get; init; }
    public string? PositioningZh { get; init; }
    public string? PositioningEn { get; init; }
    public string? LeadingIndustries { get; init; }
    public string? Source { get; init; }
    public ReportCadence Cadence { get; init; } = ReportCadence.HalfYearly;
    public IReadOnlyList<PlanTargetInput> Targets { get; init; } = [];
    public IReadOnlyList<PlanTaskInput> Tasks { get; init; } = [];
    public Guid Version { get; init; }
}

public sealed record PlanReviewInput(bool Approve, string? Note, Guid Version);

/// <summary>A plan as last published, for the public portal.</summary>
public sealed record PublishedPlan(string ParkCode, string TitleZh, string TitleEn, string PositioningZh, string PositioningEn, string LeadingIndustries, int VersionNumber,
    DateTime PublishedUtc, string Source, IReadOnlyList<PlanTargetView> Targets);

public sealed record PlanTargetView(int Id, Guid Key, int Order, string NameZh, string NameEn, string Unit, TargetDirection Direction, double? Baseline, int? BaselineYear,
    double? TargetValue, int TargetYear, string? IndicatorCode, string? Source);

public sealed record PlanTaskView(int Id, int Order, string TitleZh, string TitleEn, string Owner, IReadOnlyList<PlanMilestone> Milestones, string? IndicatorCode = null);

public sealed record PlanVersionSummary(int Number, DateTime PublishedUtc, string PublishedBy);

public sealed record PlanSummary(Guid Id, string ParkCode, string TitleZh, string TitleEn, PlanWorkflow Workflow, int VersionNumber, int? PeriodTo,
    int Targets, int Tasks, DateTime? PublishedUtc);

public sealed record PlanDetail(
    Guid Id, string ParkCode, string TitleZh, string TitleEn, int? PeriodFrom, int? PeriodTo, string PositioningZh, string PositioningEn,
    string LeadingIndustries, string Source, ReportCadence Cadence, PlanWorkflow Workflow, int VersionNumber, string? ReviewNote, DateTime? PublishedUtc, DateTime UpdatedUtc,
    string UpdatedBy, IReadOnlyList<PlanTargetView> Targets, IReadOnlyList<PlanTaskView> Tasks, IReadOnlyList<PlanVersionSummary> Versions,
    bool CanEdit, bool CanReview, Guid Version);

/// <summary>
/// One park, one plan (一园一方案): the park (its manager) drafts and submits its plan; city staff review it (clear it, or
/// return it to drafting with a note) and publish it, each publication kept whole as a numbered version; a published plan
/// changes by starting its next version. Everyone signed in reads published plans; a draft is read by its park, the
/// district it lies in and the city (ADR 0014).
/// </summary>
public sealed class ParkPlans(IDbContextFactory<ZjDbContext> contexts)
{
    public const int MaxTargets = 60, MaxTasks = 100, MaxMilestones = 20;
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public async Task<IReadOnlyList<PlanSummary>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var districtParks = await PlanAccess.DistrictParksAsync(db, user, cancellationToken);
        var park = user.IsInRole(Roles.ParkManager) ? user.ParkScope() : null;
        var city = user.IsCityWide();
        var rows = await db.ParkPlans.AsNoTracking()
            .Where(p => p.Workflow == PlanWorkflow.Published || p.VersionNumber > 1 || city || p.ParkCode == park || districtParks.Contains(p.ParkCode))
            .OrderBy(p => p.ParkCode)
            .Select(p => new PlanSummary(p.Id, p.ParkCode, p.TitleZh, p.TitleEn, p.Workflow, p.VersionNumber, p.PeriodTo, p.Targets.Count, p.Tasks.Count, p.PublishedUtc))
            .ToListAsync(cancellationToken);
        // A plan being revised is listed to outsiders as last published, as GetAsync shows it: the draft's title,
        // period and counts are the park's until the city publishes them.
        var revised = rows.Where(r => r.Workflow != PlanWorkflow.Published && !city && r.ParkCode != park && !districtParks.Contains(r.ParkCode)).Select(r => r.Id).ToHashSet();
        if (revised.Count == 0)
        {
            return rows;
        }
        var snapshots = (await db.ParkPlanVersions.AsNoTracking().Where(v => revised.Contains(v.PlanId))
                .Select(v => new { v.PlanId, v.Number, v.PublishedUtc, v.SnapshotJson }).ToListAsync(cancellationToken))
            .GroupBy(v => v.PlanId).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Number)!);
        return rows.Select(r =>
        {
            if (!revised.Contains(r.Id))
            {
                return r;
            }
            var last = snapshots[r.Id];
            var published = FromSnapshot(last.SnapshotJson);
            return new PlanSummary(r.Id, r.ParkCode, published.TitleZh, published.TitleEn, PlanWorkflow.Published, last.Number, published.PeriodTo,
                published.Targets.Count, published.Tasks.Count, last.PublishedUtc);
        }).ToList();
    }

    /// <summary>
    /// A plan as the user may see it: the working copy for its park, district and the city; for everyone else the last
    /// published version (404 when it was never published).
    /// </summary>
    public async Task<UseCaseResult<PlanDetail>> GetAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var plan = await db.ParkPlans.AsNoTracking().Include(p => p.Targets).Include(p => p.Tasks).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return UseCaseResult<PlanDetail>.NotFound();
        }
        var versions = await db.ParkPlanVersions.AsNoTracking().Where(v => v.PlanId == id).OrderBy(v => v.Number)
            .Select(v => new PlanVersionSummary(v.Number, v.PublishedUtc, v.PublishedBy)).ToListAsync(cancellationToken);
        if (!await PlanAccess.MayReadDraftAsync(db, user, plan.ParkCode, cancellationToken) && plan.Workflow != PlanWorkflow.Published)
        {
            if (versions.Count == 0 || user.Identity?.IsAuthenticated != true)
            {
                return UseCaseResult<PlanDetail>.NotFound();
            }
            var snapshot = await db.ParkPlanVersions.AsNoTracking().Where(v => v.PlanId == id).OrderByDescending(v => v.Number).Select(v => v.SnapshotJson).FirstAsync(cancellationToken);
            var published = FromSnapshot(snapshot);
            return UseCaseResult<PlanDetail>.Ok(Detail(published, versions, canEdit: false, canReview: false));
        }
        return UseCaseResult<PlanDetail>.Ok(Detail(plan, versions, PlanAccess.CanEdit(user, plan.ParkCode) && plan.Workflow == PlanWorkflow.Drafting,
            user.IsCityWide() && plan.Workflow is PlanWorkflow.Submitted or PlanWorkflow.Reviewed));
    }

    /// <summary>The plan as published in version <paramref name="number"/>, for everyone signed in.</summary>
    /// <summary>Every plan's last published version, as published: what the public portal shows (anyone may read it).</summary>
    public async Task<IReadOnlyList<PublishedPlan>> PublishedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var numbers = await db.ParkPlanVersions.AsNoTracking().Select(v => new { v.Id, v.PlanId, v.Number }).ToListAsync(cancellationToken);
        var ids = numbers.GroupBy(v => v.PlanId).Select(g => g.MaxBy(v => v.Number)!.Id).ToList();
        var latest = await db.ParkPlanVersions.AsNoTracking().Where(v => ids.Contains(v.Id)).ToListAsync(cancellationToken);
        return latest.Select(v =>
        {
            var p = FromSnapshot(v.SnapshotJson);
            return new PublishedPlan(p.ParkCode, p.TitleZh, p.TitleEn, p.PositioningZh, p.PositioningEn, p.LeadingIndustries, v.Number, v.PublishedUtc, p.Source,
                p.Targets.OrderBy(t => t.Order).Select(t => new PlanTargetView(t.Id, t.Key, t.Order, t.NameZh, t.NameEn, t.Unit, t.Direction, t.Baseline, t.BaselineYear,
                    t.TargetValue, t.TargetYear, t.IndicatorCode, t.Source)).ToList());
        }).OrderBy(p => p.ParkCode, StringComparer.Ordinal).ToList();
    }

    public async Task<UseCaseResult<PlanDetail>> VersionAsync(ClaimsPrincipal user, Guid id, int number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var versions = await db.ParkPlanVersions.AsNoTracking().Where(v => v.PlanId == id).OrderBy(v => v.Number).ToListAsync(cancellationToken);
        var version = versions.SingleOrDefault(v => v.Number == number);
        if (version is null || user.Identity?.IsAuthenticated != true)
        {
            return UseCaseResult<PlanDetail>.NotFound();
        }
        return UseCaseResult<PlanDetail>.Ok(Detail(FromSnapshot(version.SnapshotJson),
            versions.Select(v => new PlanVersionSummary(v.Number, v.PublishedUtc, v.PublishedBy)).ToList(), false, false));
    }

    /// <summary>The park (or the city) replaces the working copy, from the version read, while it is being drafted.</summary>
    public Task<UseCaseResult<PlanDetail>> SaveAsync(ClaimsPrincipal user, AuditActor actor, Guid id, PlanInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, id, input?.Version ?? Guid.Empty, cancellationToken, PlanEditor.Park, (db, plan) =>
        {
            if (plan.Workflow != PlanWorkflow.Drafting)
            {
                return Fail("Workflow", new UserMessage("PlanNotDrafting"));
            }
            var errors = Validate(input!);
            if (errors.Count > 0)
            {
                return errors;
            }
            plan.TitleZh = input!.TitleZh.Trim();
            plan.TitleEn = input.TitleEn?.Trim() ?? "";
            (plan.PeriodFrom, plan.PeriodTo) = (input.PeriodFrom, input.PeriodTo);
            plan.PositioningZh = input.PositioningZh?.Trim() ?? "";
            plan.PositioningEn = input.PositioningEn?.Trim() ?? "";
            plan.LeadingIndustries = input.LeadingIndustries?.Trim() ?? "";
            plan.Source = input.Source?.Trim() ?? "";
            plan.Cadence = Enum.IsDefined(input.Cadence) ? input.Cadence : ReportCadence.HalfYearly;
            db.PlanTargets.RemoveRange(plan.Targets);
            db.PlanTasks.RemoveRange(plan.Tasks);
            plan.Targets = input.Targets.Select((t, i) => new PlanTarget
            {
                Key = t.Key is { } key && key != Guid.Empty ? key : Guid.NewGuid(), Order = i, NameZh = t.NameZh.Trim(), NameEn = t.NameEn?.Trim() ?? "", Unit = t.Unit?.Trim() ?? "", Direction = t.Direction, Baseline = t.Baseline,
                BaselineYear = t.BaselineYear, TargetValue = t.Direction == TargetDirection.Qualitative ? null : t.TargetValue, TargetYear = t.TargetYear,
                IndicatorCode = string.IsNullOrWhiteSpace(t.IndicatorCode) ? null : t.IndicatorCode.Trim(), Source = string.IsNullOrWhiteSpace(t.Source) ? null : t.Source.Trim(),
            }).ToList();
            plan.Tasks = input.Tasks.Select((t, i) => new PlanTask
            {
                Order = i, TitleZh = t.TitleZh.Trim(), TitleEn = t.TitleEn?.Trim() ?? "", Owner = t.Owner?.Trim() ?? "",
                MilestonesJson = JsonSerializer.Serialize(t.Milestones ?? [], Json), IndicatorCode = string.IsNullOrWhiteSpace(t.IndicatorCode) ? null : t.IndicatorCode.Trim(),
            }).ToList();
            return [];
        });

    /// <summary>The park submits its draft for the city's review.</summary>
    public Task<UseCaseResult<PlanDetail>> SubmitAsync(ClaimsPrincipal user, AuditActor actor, Guid id, Guid version, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, id, version, cancellationToken, PlanEditor.Park, (_, plan) =>
        {
            if (plan.Workflow != PlanWorkflow.Drafting)
            {
                return Fail("Workflow", new UserMessage("PlanNotDrafting"));
            }
            if (plan.Targets.Count == 0)
            {
                return Fail("Targets", new UserMessage("PlanNoTargets"));
            }
            plan.Workflow = PlanWorkflow.Submitted;
            plan.ReviewNote = null;
            return [];
        });

    /// <summary>City: clears a submitted plan for publication, or returns it to drafting with a note.</summary>
    public Task<UseCaseResult<PlanDetail>> ReviewAsync(ClaimsPrincipal user, AuditActor actor, Guid id, PlanReviewInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, id, input?.Version ?? Guid.Empty, cancellationToken, PlanEditor.City, (_, plan) =>
        {
            if (plan.Workflow != PlanWorkflow.Submitted)
            {
                return Fail("Workflow", new UserMessage("PlanNotSubmitted"));
            }
            var note = input!.Note?.Trim();
            if (!input.Approve && string.IsNullOrEmpty(note))
            {
                return Fail(nameof(input.Note), new UserMessage("PlanReturnNote"));
            }
            plan.Workflow = input.Approve ? PlanWorkflow.Reviewed : PlanWorkflow.Drafting;
            plan.ReviewNote = string.IsNullOrEmpty(note) ? null : note;
            return [];
        });

    /// <summary>City: publishes a reviewed plan; the publication is kept whole as the next numbered version.</summary>
    public Task<UseCaseResult<PlanDetail>> PublishAsync(ClaimsPrincipal user, AuditActor actor, Guid id, Guid version, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, id, version, cancellationToken, PlanEditor.City, (db, plan) =>
        {
            if (plan.Workflow != PlanWorkflow.Reviewed)
            {
                return Fail("Workflow", new UserMessage("PlanNotReviewed"));
            }
            plan.Workflow = PlanWorkflow.Published;
            plan.PublishedUtc = db.UtcNow;
            // The park registry's plan status follows the plan: published once any version is.
            if (db.Parks.Find(plan.ParkCode) is { } park && park.PlanStatus != Parks.PlanStatus.Published)
            {
                park.PlanStatus = Parks.PlanStatus.Published;
                park.PlanStatusSource = $"platform: version {plan.VersionNumber} published {ShanghaiTime.DayText(db.UtcNow)}";
            }
            db.ParkPlanVersions.Add(new ParkPlanVersion { PlanId = plan.Id, Number = plan.VersionNumber, SnapshotJson = Snapshot(plan), PublishedUtc = db.UtcNow, PublishedBy = actor.UserName });
            return [];
        });

    /// <summary>The park (or the city) starts the next version of a published plan: a draft numbered one higher; readers keep seeing the published one.</summary>
    public Task<UseCaseResult<PlanDetail>> StartRevisionAsync(ClaimsPrincipal user, AuditActor actor, Guid id, Guid version, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, id, version, cancellationToken, PlanEditor.Park, (_, plan) =>
        {
            if (plan.Workflow != PlanWorkflow.Published)
            {
                return Fail("Workflow", new UserMessage("PlanNotPublished"));
            }
            plan.Workflow = PlanWorkflow.Drafting;
            plan.VersionNumber++;
            plan.ReviewNote = null;
            return [];
        });

    /// <summary>The plan with its targets and tasks as JSON: what a published version keeps.</summary>
    public static string Snapshot(ParkPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var copy = new ParkPlan
        {
            Id = plan.Id, ParkCode = plan.ParkCode, TitleZh = plan.TitleZh, TitleEn = plan.TitleEn, PeriodFrom = plan.PeriodFrom, PeriodTo = plan.PeriodTo,
            PositioningZh = plan.PositioningZh, PositioningEn = plan.PositioningEn, LeadingIndustries = plan.LeadingIndustries, Source = plan.Source,
            Cadence = plan.Cadence, Workflow = PlanWorkflow.Published, VersionNumber = plan.VersionNumber, PublishedUtc = plan.PublishedUtc, UpdatedUtc = plan.UpdatedUtc, UpdatedBy = plan.UpdatedBy,
            Targets = plan.Targets.OrderBy(t => t.Order).Select(t => new PlanTarget
            {
                Key = t.Key, Order = t.Order, NameZh = t.NameZh, NameEn = t.NameEn, Unit = t.Unit, Direction = t.Direction, Baseline = t.Baseline, BaselineYear = t.BaselineYear,
                TargetValue = t.TargetValue, TargetYear = t.TargetYear, IndicatorCode = t.IndicatorCode, Source = t.Source,
            }).ToList(),
            Tasks = plan.Tasks.OrderBy(t => t.Order).Select(t => new PlanTask
            {
                Order = t.Order, TitleZh = t.TitleZh, TitleEn = t.TitleEn, Owner = t.Owner, MilestonesJson = t.MilestonesJson, IndicatorCode = t.IndicatorCode,
            }).ToList(),
        };
        return JsonSerializer.Serialize(copy, Json);
    }

    private static ParkPlan FromSnapshot(string json) => JsonSerializer.Deserialize<ParkPlan>(json, Json) ?? throw new InvalidOperationException("Empty plan snapshot.");

    /// <summary>Who makes a change: the park's side (its manager, or the city on its behalf) or the city alone.</summary>
    private enum PlanEditor
    {
        Park,
        City,
    }

    private async Task<UseCaseResult<PlanDetail>> ChangeAsync(ClaimsPrincipal user, AuditActor actor, Guid id, Guid version, CancellationToken cancellationToken,
        PlanEditor editor, Func<ZjDbContext, ParkPlan, List<FieldError>> change)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var plan = await db.ParkPlans.Include(p => p.Targets).Include(p => p.Tasks).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null || !await PlanAccess.MayReadDraftAsync(db, user, plan.ParkCode, cancellationToken))
        {
            return UseCaseResult<PlanDetail>.NotFound();
        }
        if (editor == PlanEditor.City ? !user.IsCityWide() : !PlanAccess.CanEdit(user, plan.ParkCode))
        {
            return UseCaseResult<PlanDetail>.Forbidden();
        }
        if (plan.Version != version)
        {
            return UseCaseResult<PlanDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        var errors = change(db, plan);
        if (errors.Count > 0)
        {
            return UseCaseResult<PlanDetail>.Invalid(errors);
        }
        plan.UpdatedUtc = db.UtcNow;
        plan.UpdatedBy = actor.UserName;
        db.Entry(plan).Property(p => p.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<PlanDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return await GetAsync(user, id, cancellationToken);
    }

    private static List<FieldError> Validate(PlanInput input)
    {
        var errors = new List<FieldError>();
        void Add(string field, string key, params object[] args) => errors.Add(new FieldError(field, new UserMessage(key, args)));
        if (string.IsNullOrWhiteSpace(input.TitleZh) || input.TitleZh.Trim().Length > 200)
        {
            Add(nameof(input.TitleZh), "Required", nameof(input.TitleZh));
        }
        if (input.PeriodFrom is < 2000 or > 2100 || input.PeriodTo is < 2000 or > 2100 || (input.PeriodFrom > input.PeriodTo))
        {
            Add(nameof(input.PeriodTo), "PlanPeriod");
        }
        if (input.PositioningZh?.Length > 4000 || input.PositioningEn?.Length > 8000 || input.LeadingIndustries?.Length > 1000 || input.Source?.Length > 500)
        {
            Add(nameof(input.PositioningZh), "FieldTooLong", nameof(input.PositioningZh), 4000);
        }
        if (input.Targets.Count > MaxTargets)
        {
            Add(nameof(input.Targets), "FundTooManyLines", MaxTargets);
        }
        for (var i = 0; i < input.Targets.Count; i++)
        {
            var t = input.Targets[i];
            if (string.IsNullOrWhiteSpace(t.NameZh) || t.NameZh.Trim().Length > 300)
            {
                Add($"Targets[{i}].NameZh", "Required", "NameZh");
            }
            if (!Enum.IsDefined(t.Direction))
            {
                Add($"Targets[{i}].Direction", "PlanTargetDirection");
            }
            if (t.Direction != TargetDirection.Qualitative && (t.TargetValue is null || !double.IsFinite(t.TargetValue.Value)))
            {
                Add($"Targets[{i}].TargetValue", "PlanTargetValue", t.NameZh ?? "");
            }
            if (t.TargetYear is < 2000 or > 2100 || (t.BaselineYear is { } by && (by < 2000 || by > t.TargetYear)))
            {
                Add($"Targets[{i}].TargetYear", "PlanTargetYear", t.NameZh ?? "");
            }
            if (t.Baseline is { } b && !double.IsFinite(b))
            {
                Add($"Targets[{i}].Baseline", "PlanTargetValue", t.NameZh ?? "");
            }
        }
        if (input.Tasks.Count > MaxTasks)
        {
            Add(nameof(input.Tasks), "FundTooManyLines", MaxTasks);
        }
        for (var i = 0; i < input.Tasks.Count; i++)
        {
            var t = input.Tasks[i];
            if (string.IsNullOrWhiteSpace(t.TitleZh) || t.TitleZh.Trim().Length > 500)
            {
                Add($"Tasks[{i}].TitleZh", "Required", "TitleZh");
            }
            if ((t.Milestones?.Count ?? 0) > MaxMilestones || (t.Milestones ?? []).Any(m => string.IsNullOrWhiteSpace(m.Title) || m.Title.Length > 300))
            {
                Add($"Tasks[{i}].Milestones", "PlanMilestones", MaxMilestones);
            }
        }
        return errors;
    }

    private static PlanDetail Detail(ParkPlan p, IReadOnlyList<PlanVersionSummary> versions, bool canEdit, bool canReview) => new(
        p.Id, p.ParkCode, p.TitleZh, p.TitleEn, p.PeriodFrom, p.PeriodTo, p.PositioningZh, p.PositioningEn, p.LeadingIndustries, p.Source, p.Cadence, p.Workflow,
        p.VersionNumber, p.ReviewNote, p.PublishedUtc, p.UpdatedUtc, p.UpdatedBy,
        p.Targets.OrderBy(t => t.Order).Select(t => new PlanTargetView(t.Id, t.Key, t.Order, t.NameZh, t.NameEn, t.Unit, t.Direction, t.Baseline, t.BaselineYear,
            t.TargetValue, t.TargetYear, t.IndicatorCode, t.Source)).ToList(),
        p.Tasks.OrderBy(t => t.Order).Select(t => new PlanTaskView(t.Id, t.Order, t.TitleZh, t.TitleEn, t.Owner,
            JsonSerializer.Deserialize<List<PlanMilestone>>(t.MilestonesJson, Json) ?? [], t.IndicatorCode)).ToList(),
        versions, canEdit, canReview, p.Version);

    private static List<FieldError> Fail(string field, UserMessage message) => [new FieldError(field, message)];
}
