using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Files;
using Zhangjiang.Platform.Features.Notifications;

namespace Zhangjiang.Platform.Features.Linkage;

public sealed record LinkageUnitInput(LinkageUnitKind Kind, string Code, LinkageUnitRole Role);

public sealed record LinkageNodeInput(string Title, NodeType Type, DateOnly DueOn);

public sealed record LinkageItemInput
{
    public LinkageKind Kind { get; init; } = LinkageKind.PlanPolicy;
    public string TitleZh { get; init; } = "";
    public string? TitleEn { get; init; }
    public string? Description { get; init; }
    public string? Source { get; init; }
    public DateOnly DueOn { get; init; }
    public int FeedbackEveryDays { get; init; } = 30;
    public decimal? InvestmentWan { get; init; }
    public string? Location { get; init; }
    public string? ParkCode { get; init; }
    public ProjectStage? ProjectStage { get; init; }
    public IReadOnlyList<LinkageUnitInput> Units { get; init; } = [];
    public IReadOnlyList<LinkageNodeInput> Nodes { get; init; } = [];
    /// <summary>The district coordination decision the item is made from (on creation only).</summary>
    public Guid? DecisionId { get; init; }
    public Guid Version { get; init; }
}

/// <summary>The unit a user acts for on an item; may be left out when the user acts for only one of its units.</summary>
public sealed record UnitChoice(LinkageUnitKind? UnitKind = null, string? UnitCode = null);

public sealed record LinkageFeedbackInput(string Narrative, int? PercentComplete = null, ProjectStage? ProjectStage = null, LinkageUnitKind? UnitKind = null, string? UnitCode = null);

public sealed record NodeUpdateInput(NodeStatus Status, DateOnly? DoneOn, string? Note);

public sealed record UrgingInput(LinkageUnitKind UnitKind, string UnitCode, string Reason, DateOnly RespondBy);

public sealed record UrgingResponseInput(string Response);

public sealed record CloseRequestInput(string Summary, Guid Version);

public sealed record VerifyInput(bool Approve, string? Note, Guid Version);

public sealed record ReopenInput(string Note, Guid Version);

public sealed record LinkageFilter(LinkageKind? Kind = null, LinkageStage? Stage = null, TrafficLight? Light = null, string? Search = null);

public sealed record LinkageSummary(Guid Id, string Number, LinkageKind Kind, string TitleZh, string TitleEn, LinkageStage Stage, DateOnly DueOn, UnitRef Lead,
    int Units, int Signed, TrafficLight? Light, DateOnly? NextDue, int? PercentComplete, DateTime UpdatedUtc);

public sealed record LinkageUnitView(UnitRef Unit, LinkageUnitRole Role, DateTime? SignedUtc, string? SignedBy, bool SignedLate, DateOnly? NextFeedbackDue, bool CanAct);

public sealed record LinkageNodeView(int Id, int Order, string Title, NodeType Type, DateOnly DueOn, NodeStatus Status, DateOnly? DoneOn, string? Note, string? UpdatedBy);

public sealed record LinkageFeedbackView(Guid Id, UnitRef Unit, string Narrative, int? PercentComplete, ProjectStage? ProjectStage, DateOnly DueOn, bool Late,
    DateTime SubmittedUtc, string SubmittedBy, IReadOnlyList<AttachedFileView> Files);

public sealed record LinkageUrgingView(Guid Id, string Number, UnitRef Unit, string Reason, DateOnly RespondBy, DateTime IssuedUtc, string IssuedBy,
    string? Response, DateTime? RespondedUtc, string? RespondedBy, bool CanRespond);

public sealed record LinkageEventView(LinkageAction Action, UnitRef? Unit, string? Note, DateTime AtUtc, string Actor);

public sealed record LinkageDeadlineView(DeadlineKind Kind, UnitRef? Unit, string What, DateOnly DueOn, int DaysLeft);

public sealed record LinkageDetail(
    Guid Id, string Number, LinkageKind Kind, string TitleZh, string TitleEn, string Description, string Source, DateOnly DueOn, int FeedbackEveryDays,
    LinkageStage Stage, decimal? InvestmentWan, string? Location, string? ParkCode, ProjectStage? ProjectStage, Guid? DecisionId,
    DateTime? AssignedUtc, string? CloseSummary, string? CloseRequestedBy, DateTime? ClosedUtc, string? VerifiedBy,
    DateTime CreatedUtc, string CreatedBy, DateTime UpdatedUtc, string UpdatedBy,
    IReadOnlyList<LinkageUnitView> Units, IReadOnlyList<LinkageNodeView> Nodes, IReadOnlyList<LinkageFeedbackView> Feedback,
    IReadOnlyList<LinkageUrgingView> Urgings, IReadOnlyList<LinkageEventView> Trail, IReadOnlyList<LinkageDeadlineView> Deadlines,
    TrafficLight? Light, IReadOnlyList<UserMessage> Why, bool CanEdit, bool CanSupervise, Guid Version);

/// <summary>
/// City–district linkage items (市区联动事项) through the supervision loop (ADR 0015): the city drafts an item with its
/// lead and co-units and node deadlines and assigns it; each unit signs for it and feeds back on the item's cadence with
/// evidence; the city marks nodes, issues urging notices (督办单) that the unit answers, and — when the lead asks for
/// close-out — another city user verifies and closes it, or returns it; a closed item can be reopened. Every step is in
/// the item's trail and the audit log; units see only the items they are on (a district also those of its parks).
/// </summary>
public sealed class LinkageItems(IDbContextFactory<ZjDbContext> contexts, MalwareScanner? scanner = null)
{
    private const int MaxUnits = 40;
    private const int MaxNodes = 50;

    public async Task<IReadOnlyList<LinkageSummary>> ListAsync(ClaimsPrincipal user, LinkageFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        filter ??= new LinkageFilter();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = await LinkageAccess.ReadableAsync(db, user, cancellationToken);
        if (filter.Kind is { } kind)
        {
            query = query.Where(i => i.Kind == kind);
        }
        if (filter.Stage is { } stage)
        {
            query = query.Where(i => i.Stage == stage);
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            query = query.Where(i => i.TitleZh.Contains(term) || i.TitleEn.Contains(term) || i.Number.Contains(term));
        }
        var states = await LinkageState.LoadAsync(db, query.OrderByDescending(i => i.UpdatedUtc).Take(2000), cancellationToken);
        var names = await LinkageAccess.UnitNamesAsync(db, cancellationToken);
        var today = ShanghaiTime.Day(db.UtcNow);
        var list = new List<LinkageSummary>();
        foreach (var state in states)
        {
            var item = state.Item;
            var open = state.Open();
            var percent = state.LastPercent;
            TrafficLight? light = item.Stage is LinkageStage.Assigned or LinkageStage.Verifying
                ? LinkageDeadlines.Assess(item, open, percent, today, (k, c) => Local(names, k, c)).Light
                : null;
            if (filter.Light is { } wanted && light != wanted)
            {
                continue;
            }
            var lead = item.Units.FirstOrDefault(u => u.Role == LinkageUnitRole.Lead);
            list.Add(new LinkageSummary(item.Id, item.Number, item.Kind, item.TitleZh, item.TitleEn, item.Stage, item.DueOn,
                lead is null ? new UnitRef(LinkageUnitKind.CityDepartment, "", "—", "—") : Name(names, lead.Kind, lead.Code),
                item.Units.Count, item.Units.Count(u => u.SignedUtc is not null), light, open.Count == 0 ? null : open.Min(d => d.DueOn), percent, item.UpdatedUtc));
        }
        return list;
    }

    /// <summary>Every unit that can be put on an item: city departments, districts, parks.</summary>
    public async Task<IReadOnlyList<UnitRef>> UnitOptionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await LinkageAccess.UnitNamesAsync(db, cancellationToken)).Values.OrderBy(u => u.Kind).ThenBy(u => u.Code, StringComparer.Ordinal).ToList();
    }

    public async Task<UseCaseResult<LinkageDetail>> GetAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await (await LinkageAccess.ReadableAsync(db, user, cancellationToken)).AnyAsync(i => i.Id == id, cancellationToken))
        {
            return UseCaseResult<LinkageDetail>.NotFound();
        }
        var state = (await LinkageState.LoadAsync(db, db.LinkageItems.AsNoTracking().Where(i => i.Id == id), cancellationToken)).Single();
        return UseCaseResult<LinkageDetail>.Ok(await DetailAsync(db, user, state, cancellationToken));
    }

    /// <summary>City: drafts a new item (numbered LD-year-nnn).</summary>
    public async Task<UseCaseResult<LinkageDetail>> CreateAsync(ClaimsPrincipal user, AuditActor actor, LinkageItemInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!user.IsCityWide())
        {
            return UseCaseResult<LinkageDetail>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var errors = await ValidateAsync(db, input, cancellationToken);
        if (errors.Count > 0)
        {
            return UseCaseResult<LinkageDetail>.Invalid(errors);
        }
        var now = db.UtcNow;
        var item = new LinkageItem
        {
            Id = Guid.NewGuid(), Number = await NextNumberAsync(db, "LD", now, cancellationToken), TitleZh = "", CreatedUtc = now, CreatedBy = actor.UserName,
            UpdatedUtc = now, UpdatedBy = actor.UserName, DecisionId = input.DecisionId, Stage = LinkageStage.Drafting,
        };
        Apply(item, input);
        db.LinkageItems.Add(item);
        Trail(db, item, LinkageAction.Created, actor, null, null);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Two items created at the same moment drew the same number; the second asks again.
            return UseCaseResult<LinkageDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return await GetAsync(user, item.Id, cancellationToken);
    }

    /// <summary>City: replaces a draft's content, from the version read.</summary>
    public Task<UseCaseResult<LinkageDetail>> SaveAsync(ClaimsPrincipal user, AuditActor actor, Guid id, LinkageItemInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, id, input?.Version, cityOnly: true, cancellationToken, async (db, item) =>
        {
            if (item.Stage != LinkageStage.Drafting)
            {
                return Fail("Stage", "LinkageNotDrafting");
            }
            var errors = await ValidateAsync(db, input!, cancellationToken);
            if (errors.Count > 0)
            {
                return errors;
            }
            db.LinkageUnits.RemoveRange(item.Units);
            db.LinkageNodes.RemoveRange(item.Nodes);
            Apply(item, input!);
            Trail(db, item, LinkageAction.Edited, actor, null, null);
            return [];
        });

    /// <summary>City: assigns a draft to its units (交办): each is told and has <see cref="LinkageDeadlines.SignWithinDays"/> days to sign.</summary>
    public Task<UseCaseResult<LinkageDetail>> AssignAsync(ClaimsPrincipal user, AuditActor actor, Guid id, Guid version, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, id, version, cityOnly: true, cancellationToken, (db, item) =>
        {
            if (item.Stage != LinkageStage.Drafting)
            {
                return Done(Fail("Stage", "LinkageNotDrafting"));
            }
            if (item.Nodes.Count == 0)
            {
                return Done(Fail("Nodes", "LinkageNoNodes"));
            }
            if (item.DueOn < ShanghaiTime.Day(db.UtcNow))
            {
                return Done(Fail(nameof(item.DueOn), "LinkageDueInPast"));
            }
            item.Stage = LinkageStage.Assigned;
            item.AssignedUtc = db.UtcNow;
            Trail(db, item, LinkageAction.Assigned, actor, null, null);
            foreach (var audience in item.Units.Select(u => LinkageAccess.AudienceOf(u.Kind, u.Code)).Distinct())
            {
                Notify.Add(db, audience, new UserMessage("NotifyLinkageAssigned", item.Number, item.TitleZh, Day(item.DueOn)), Link(item));
            }
            return Done([]);
        });

    /// <summary>A unit signs for the item (签收).</summary>
    public Task<UseCaseResult<LinkageDetail>> SignAsync(ClaimsPrincipal user, AuditActor actor, Guid id, UnitChoice choice, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, id, version: null, cityOnly: false, cancellationToken, (db, item) =>
        {
            if (item.Stage != LinkageStage.Assigned)
            {
                return Done(Fail("Stage", "LinkageNotAssigned"));
            }
            var (unit, refusal) = UnitOf(user, item, choice, u => u.SignedUtc is null);
            if (unit is null)
            {
                return Done(refusal!);
            }
            unit.SignedUtc = db.UtcNow;
            unit.SignedBy = actor.UserName;
            Trail(db, item, LinkageAction.Signed, actor, unit, null);
            return Done([]);
        });

    /// <summary>A unit that has signed feeds back (进展反馈) with evidence files; on time or late against its due date.</summary>
    public Task<UseCaseResult<LinkageDetail>> FeedbackAsync(ClaimsPrincipal user, AuditActor actor, Guid id, LinkageFeedbackInput input, IReadOnlyList<UploadedFile>? files = null,
        CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, id, version: null, cityOnly: false, cancellationToken, async (db, item) =>
        {
            ArgumentNullException.ThrowIfNull(input);
            if (item.Stage != LinkageStage.Assigned)
            {
                return Fail("Stage", "LinkageNotAssigned");
            }
            var (unit, refusal) = UnitOf(user, item, new UnitChoice(input.UnitKind, input.UnitCode), _ => true);
            if (unit is null)
            {
                return refusal!;
            }
            if (unit.SignedUtc is null)
            {
                return Fail("Unit", "LinkageSignFirst");
            }
            var errors = new List<FieldError>();
            if (string.IsNullOrWhiteSpace(input.Narrative) || input.Narrative.Length > 8000)
            {
                errors.Add(new FieldError(nameof(input.Narrative), new UserMessage("Required", nameof(input.Narrative))));
            }
            if (input.PercentComplete is < 0 or > 100)
            {
                errors.Add(new FieldError(nameof(input.PercentComplete), new UserMessage("LinkagePercent")));
            }
            if (input.ProjectStage is { } ps && (item.Kind != LinkageKind.MajorProject || !Enum.IsDefined(ps)))
            {
                errors.Add(new FieldError(nameof(input.ProjectStage), new UserMessage("LinkageProjectStage")));
            }
            var feedbackId = Guid.NewGuid();
            if (errors.Count == 0)
            {
                errors.AddRange(await AttachedFiles.AddAsync(db, scanner, actor, AttachedFiles.LinkageFeedback, feedbackId, files ?? [], cancellationToken));
            }
            if (errors.Count > 0)
            {
                return errors;
            }
            var earlier = await db.LinkageFeedback.AsNoTracking().Where(f => f.ItemId == item.Id && f.UnitKind == unit.Kind && f.UnitCode == unit.Code).ToListAsync(cancellationToken);
            var due = LinkageDeadlines.NextFeedbackDue(item, ShanghaiTime.Day(item.AssignedUtc!.Value), earlier);
            db.LinkageFeedback.Add(new LinkageFeedback
            {
                Id = feedbackId, ItemId = item.Id, UnitKind = unit.Kind, UnitCode = unit.Code, Narrative = input.Narrative.Trim(), PercentComplete = input.PercentComplete,
                ProjectStage = input.ProjectStage, DueOn = due, Late = ShanghaiTime.Day(db.UtcNow) > due, SubmittedUtc = db.UtcNow, SubmittedBy = actor.UserName,
            });
            if (input.ProjectStage is { } stage)
            {
                item.ProjectStage = stage;
            }
            Trail(db, item, LinkageAction.FeedbackGiven, actor, unit, input.PercentComplete is { } p ? p.ToString(CultureInfo.InvariantCulture) + "%" : null);
            return [];
        });

    /// <summary>The feedback's author unit adds evidence files to a feedback it gave, while the item is open.</summary>
    public Task<UseCaseResult<LinkageDetail>> AddFeedbackFilesAsync(ClaimsPrincipal user, AuditActor actor, Guid id, Guid feedbackId, IReadOnlyList<UploadedFile> files,
        CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, id, version: null, cityOnly: false, cancellationToken, async (db, item) =>
        {
            if (item.Stage is LinkageStage.Closed or LinkageStage.Drafting)
            {
                return Fail("Stage", "LinkageNotAssigned");
            }
            var feedback = await db.LinkageFeedback.AsNoTracking().SingleOrDefaultAsync(f => f.Id == feedbackId && f.ItemId == item.Id, cancellationToken);
            if (feedback is null || !LinkageAccess.ActsFor(user, feedback.UnitKind, feedback.UnitCode))
            {
                return Fail("Feedback", "LinkageNotYourUnit");
            }
            var existing = await db.AttachedFiles.CountAsync(f => f.OwnerKind == AttachedFiles.LinkageFeedback && f.OwnerId == feedbackId, cancellationToken);
            if (existing + files.Count > AttachedFiles.MaxPerOwner)
            {
                return Fail("files", "FilesTooMany", AttachedFiles.MaxPerOwner);
            }
            return await AttachedFiles.AddAsync(db, scanner, actor, AttachedFiles.LinkageFeedback, feedbackId, files, cancellationToken);
        });

    /// <summary>An evidence file of the item's feedback, for whoever may read the item.</summary>
    public async Task<UseCaseResult<Evaluation.EvidenceFile>> FileAsync(ClaimsPrincipal user, Guid id, Guid fileId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await (await LinkageAccess.ReadableAsync(db, user, cancellationToken)).AnyAsync(i => i.Id == id, cancellationToken))
        {
            return UseCaseResult<Evaluation.EvidenceFile>.NotFound();
        }
        var owners = await db.LinkageFeedback.AsNoTracking().Where(f => f.ItemId == id).Select(f => f.Id).ToListAsync(cancellationToken);
        var file = await AttachedFiles.ReadAsync(db, AttachedFiles.LinkageFeedback, fileId, owners, cancellationToken);
        return file is null ? UseCaseResult<Evaluation.EvidenceFile>.NotFound() : UseCaseResult<Evaluation.EvidenceFile>.Ok(file);
    }

    /// <summary>An urging notice as a PDF (督办单), for whoever may read the item.</summary>
    public async Task<UseCaseResult<byte[]>> UrgingPdfAsync(ClaimsPrincipal user, Guid id, Guid urgingId, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var item = await GetAsync(user, id, cancellationToken);
        if (item.Value?.Urgings.SingleOrDefault(u => u.Id == urgingId) is not { } urging)
        {
            return UseCaseResult<byte[]>.NotFound();
        }
        using var output = new MemoryStream();
        UrgingNoticePdf.Write(output, item.Value, urging, culture);
        return UseCaseResult<byte[]>.Ok(output.ToArray());
    }

    /// <summary>City (the lead unit's side): records a node's outcome.</summary>
    public Task<UseCaseResult<LinkageDetail>> UpdateNodeAsync(ClaimsPrincipal user, AuditActor actor, Guid id, int nodeId, NodeUpdateInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, id, version: null, cityOnly: true, cancellationToken, (db, item) =>
        {
            ArgumentNullException.ThrowIfNull(input);
            if (item.Stage != LinkageStage.Assigned)
            {
                return Done(Fail("Stage", "LinkageNotAssigned"));
            }
            var node = item.Nodes.SingleOrDefault(n => n.Id == nodeId);
            if (node is null)
            {
                return Done(Fail("Node", "NotFoundText"));
            }
            if (!Enum.IsDefined(input.Status) || (input.Status != NodeStatus.Scheduled && input.DoneOn is null) || input.DoneOn > ShanghaiTime.Day(db.UtcNow)
                || (input.Status is NodeStatus.PartiallyMet or NodeStatus.NotMet && string.IsNullOrWhiteSpace(input.Note)) || input.Note?.Length > 2000)
            {
                return Done(Fail(nameof(input.Status), "LinkageNodeUpdate"));
            }
            node.Status = input.Status;
            node.DoneOn = input.Status == NodeStatus.Scheduled ? null : input.DoneOn;
            node.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
            node.UpdatedBy = actor.UserName;
            // The trail is the supervision ledger and is kept in the records' language, as the node's title is.
            var outcome = input.Status switch { NodeStatus.Met => "已完成", NodeStatus.PartiallyMet => "部分完成", NodeStatus.NotMet => "未完成", _ => "改回进行中" };
            Trail(db, item, LinkageAction.NodeUpdated, actor, null, $"{node.Title}：{outcome}");
            return Done([]);
        });

    /// <summary>City: issues an urging notice (督办单, numbered DB-year-nnn) to one unit of the item, with the date its answer is due.</summary>
    public Task<UseCaseResult<LinkageDetail>> UrgeAsync(ClaimsPrincipal user, AuditActor actor, Guid id, UrgingInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, id, version: null, cityOnly: true, cancellationToken, async (db, item) =>
        {
            ArgumentNullException.ThrowIfNull(input);
            if (item.Stage != LinkageStage.Assigned)
            {
                return Fail("Stage", "LinkageNotAssigned");
            }
            var unit = item.Units.SingleOrDefault(u => u.Kind == input.UnitKind && u.Code == input.UnitCode);
            if (unit is null)
            {
                return Fail("Unit", "LinkageUnitNotOnItem", input.UnitCode ?? "");
            }
            if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Length > 4000)
            {
                return Fail(nameof(input.Reason), "Required", nameof(input.Reason));
            }
            if (input.RespondBy <= ShanghaiTime.Day(db.UtcNow))
            {
                return Fail(nameof(input.RespondBy), "LinkageRespondBy");
            }
            var urging = new LinkageUrging
            {
                Id = Guid.NewGuid(), ItemId = item.Id, Number = await NextNumberAsync(db, "DB", db.UtcNow, cancellationToken), UnitKind = unit.Kind, UnitCode = unit.Code,
                Reason = input.Reason.Trim(), RespondBy = input.RespondBy, IssuedUtc = db.UtcNow, IssuedBy = actor.UserName,
            };
            db.LinkageUrgings.Add(urging);
            Trail(db, item, LinkageAction.Urged, actor, unit, urging.Number);
            Notify.Add(db, LinkageAccess.AudienceOf(unit.Kind, unit.Code), new UserMessage("NotifyLinkageUrged", urging.Number, item.Number, item.TitleZh, Day(input.RespondBy)), Link(item));
            return [];
        });

    /// <summary>The urged unit answers its urging notice.</summary>
    public Task<UseCaseResult<LinkageDetail>> RespondAsync(ClaimsPrincipal user, AuditActor actor, Guid id, Guid urgingId, UrgingResponseInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, id, version: null, cityOnly: false, cancellationToken, async (db, item) =>
        {
            ArgumentNullException.ThrowIfNull(input);
            var urging = await db.LinkageUrgings.SingleOrDefaultAsync(u => u.Id == urgingId && u.ItemId == item.Id, cancellationToken);
            if (urging is null || !LinkageAccess.ActsFor(user, urging.UnitKind, urging.UnitCode))
            {
                return Fail("Urging", "LinkageNotYourUnit");
            }
            if (urging.RespondedUtc is not null)
            {
                return Fail("Urging", "LinkageUrgingAnswered");
            }
            if (string.IsNullOrWhiteSpace(input.Response) || input.Response.Length > 4000)
            {
                return Fail(nameof(input.Response), "Required", nameof(input.Response));
            }
            urging.Response = input.Response.Trim();
            urging.RespondedUtc = db.UtcNow;
            urging.RespondedBy = actor.UserName;
            Trail(db, item, LinkageAction.UrgingAnswered, actor, item.Units.FirstOrDefault(u => u.Kind == urging.UnitKind && u.Code == urging.UnitCode), urging.Number);
            Notify.Add(db, Audiences.City, new UserMessage("NotifyLinkageUrgingAnswered", urging.Number, item.Number), Link(item));
            return [];
        });

    /// <summary>The lead unit asks for close-out with a summary, once every node has an outcome; the item goes to verification (复核).</summary>
    public Task<UseCaseResult<LinkageDetail>> RequestCloseAsync(ClaimsPrincipal user, AuditActor actor, Guid id, CloseRequestInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, id, input?.Version, cityOnly: true, cancellationToken, (db, item) =>
        {
            if (item.Stage != LinkageStage.Assigned)
            {
                return Done(Fail("Stage", "LinkageNotAssigned"));
            }
            if (item.Nodes.FirstOrDefault(n => n.Status == NodeStatus.Scheduled) is { } open)
            {
                return Done(Fail("Nodes", "LinkageNodeStillOpen", open.Title));
            }
            if (string.IsNullOrWhiteSpace(input!.Summary) || input.Summary.Length > 8000)
            {
                return Done(Fail(nameof(input.Summary), "Required", nameof(input.Summary)));
            }
            item.Stage = LinkageStage.Verifying;
            item.CloseSummary = input.Summary.Trim();
            item.CloseRequestedBy = actor.UserName;
            Trail(db, item, LinkageAction.CloseRequested, actor, item.Units.FirstOrDefault(u => u.Role == LinkageUnitRole.Lead), null);
            Notify.Add(db, Audiences.City, new UserMessage("NotifyLinkageCloseRequested", item.Number, item.TitleZh), Link(item));
            return Done([]);
        });

    /// <summary>
    /// The supervising office verifies a close-out request: closes the item (办结销号) or returns it to its units with a
    /// note. Four eyes: whoever asked for close-out does not verify it.
    /// </summary>
    public Task<UseCaseResult<LinkageDetail>> VerifyAsync(ClaimsPrincipal user, AuditActor actor, Guid id, VerifyInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, id, input?.Version, cityOnly: true, cancellationToken, (db, item) =>
        {
            if (item.Stage != LinkageStage.Verifying)
            {
                return Done(Fail("Stage", "LinkageNotVerifying"));
            }
            if (string.Equals(item.CloseRequestedBy, actor.UserName, StringComparison.Ordinal))
            {
                return Done(Fail("Stage", "LinkageVerifierNotRequester"));
            }
            var note = input!.Note?.Trim();
            if ((!input.Approve && string.IsNullOrEmpty(note)) || note?.Length > 4000)
            {
                return Done(Fail(nameof(input.Note), "LinkageReturnNote"));
            }
            if (input.Approve)
            {
                item.Stage = LinkageStage.Closed;
                item.ClosedUtc = db.UtcNow;
                item.VerifiedBy = actor.UserName;
                Trail(db, item, LinkageAction.Closed, actor, null, note);
                foreach (var audience in item.Units.Select(u => LinkageAccess.AudienceOf(u.Kind, u.Code)).Distinct())
                {
                    Notify.Add(db, audience, new UserMessage("NotifyLinkageClosed", item.Number, item.TitleZh), Link(item));
                }
            }
            else
            {
                item.Stage = LinkageStage.Assigned;
                Trail(db, item, LinkageAction.Returned, actor, null, note);
                Notify.Add(db, Audiences.City, new UserMessage("NotifyLinkageReturned", item.Number, note!), Link(item));
            }
            return Done([]);
        });

    /// <summary>City: reopens a closed item with the reason; its units carry on where they were.</summary>
    public Task<UseCaseResult<LinkageDetail>> ReopenAsync(ClaimsPrincipal user, AuditActor actor, Guid id, ReopenInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, id, input?.Version, cityOnly: true, cancellationToken, (db, item) =>
        {
            if (item.Stage != LinkageStage.Closed)
            {
                return Done(Fail("Stage", "LinkageNotClosed"));
            }
            if (string.IsNullOrWhiteSpace(input!.Note) || input.Note.Length > 4000)
            {
                return Done(Fail(nameof(input.Note), "LinkageReturnNote"));
            }
            item.Stage = LinkageStage.Assigned;
            item.ClosedUtc = null;
            item.VerifiedBy = null;
            Trail(db, item, LinkageAction.Reopened, actor, null, input.Note.Trim());
            foreach (var audience in item.Units.Select(u => LinkageAccess.AudienceOf(u.Kind, u.Code)).Distinct())
            {
                Notify.Add(db, audience, new UserMessage("NotifyLinkageReopened", item.Number, input.Note.Trim()), Link(item));
            }
            return Done([]);
        });

    /// <summary>Loads the item (tracked, with units and nodes), checks the caller may see it and act, runs the change and saves it.</summary>
    private async Task<UseCaseResult<LinkageDetail>> ChangeAsync(ClaimsPrincipal user, AuditActor actor, Guid id, Guid? version, bool cityOnly,
        CancellationToken cancellationToken, Func<ZjDbContext, LinkageItem, Task<List<FieldError>>> change)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        if (!await (await LinkageAccess.ReadableAsync(db, user, cancellationToken)).AnyAsync(i => i.Id == id, cancellationToken))
        {
            return UseCaseResult<LinkageDetail>.NotFound();
        }
        if (cityOnly && !user.IsCityWide())
        {
            return UseCaseResult<LinkageDetail>.Forbidden();
        }
        var item = await db.LinkageItems.Include(i => i.Units).Include(i => i.Nodes).AsSplitQuery().SingleAsync(i => i.Id == id, cancellationToken);
        if (version is { } expected && item.Version != expected)
        {
            return UseCaseResult<LinkageDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        var errors = await change(db, item);
        if (errors.Count > 0)
        {
            return UseCaseResult<LinkageDetail>.Invalid(errors);
        }
        var original = item.Version;
        item.UpdatedUtc = db.UtcNow;
        item.UpdatedBy = actor.UserName;
        db.Entry(item).Property(i => i.Version).OriginalValue = original;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e))
        {
            // Someone changed the item between our read and our write (a sign-off, a feedback, an edit; or an edit that
            // replaced the same units first, whose rows collide before the version check): nothing was written.
            return UseCaseResult<LinkageDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return await GetAsync(user, id, cancellationToken);
    }

    private static async Task<LinkageDetail> DetailAsync(ZjDbContext db, ClaimsPrincipal user, LinkageState state, CancellationToken cancellationToken)
    {
        var (item, feedback, urgings) = (state.Item, state.Feedback, state.Urgings);
        var names = await LinkageAccess.UnitNamesAsync(db, cancellationToken);
        var trail = await db.LinkageEvents.AsNoTracking().Where(e => e.ItemId == item.Id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var files = await AttachedFiles.OfAsync(db, AttachedFiles.LinkageFeedback, feedback.Select(f => f.Id).ToList(), cancellationToken);
        var today = ShanghaiTime.Day(db.UtcNow);
        var open = state.Open();
        LightAssessment? light = item.Stage is LinkageStage.Assigned or LinkageStage.Verifying
            ? LinkageDeadlines.Assess(item, open, state.LastPercent, today, (k, c) => Local(names, k, c))
            : null;
        var assigned = item.AssignedUtc is { } a ? ShanghaiTime.Day(a) : (DateOnly?)null;
        var units = item.Units.OrderBy(u => u.Role).ThenBy(u => u.Kind).ThenBy(u => u.Id).Select(u => new LinkageUnitView(
            Name(names, u.Kind, u.Code), u.Role, u.SignedUtc, u.SignedBy,
            u.SignedUtc is { } s && assigned is { } day && ShanghaiTime.Day(s) > day.AddDays(LinkageDeadlines.SignWithinDays),
            open.FirstOrDefault(d => d.Kind == DeadlineKind.Feedback && d.UnitKind == u.Kind && d.UnitCode == u.Code)?.DueOn,
            LinkageAccess.ActsFor(user, u.Kind, u.Code))).ToList();
        return new LinkageDetail(item.Id, item.Number, item.Kind, item.TitleZh, item.TitleEn, item.Description, item.Source, item.DueOn, item.FeedbackEveryDays,
            item.Stage, item.InvestmentWan, item.Location, item.ParkCode, item.ProjectStage, item.DecisionId, item.AssignedUtc, item.CloseSummary, item.CloseRequestedBy,
            item.ClosedUtc, item.VerifiedBy, item.CreatedUtc, item.CreatedBy, item.UpdatedUtc, item.UpdatedBy,
            units,
            item.Nodes.OrderBy(n => n.Order).Select(n => new LinkageNodeView(n.Id, n.Order, n.Title, n.Type, n.DueOn, n.Status, n.DoneOn, n.Note, n.UpdatedBy)).ToList(),
            feedback.Select(f => new LinkageFeedbackView(f.Id, Name(names, f.UnitKind, f.UnitCode), f.Narrative, f.PercentComplete, f.ProjectStage, f.DueOn, f.Late,
                f.SubmittedUtc, f.SubmittedBy, files.TryGetValue(f.Id, out var list) ? list : [])).ToList(),
            urgings.Select(u => new LinkageUrgingView(u.Id, u.Number, Name(names, u.UnitKind, u.UnitCode), u.Reason, u.RespondBy, u.IssuedUtc, u.IssuedBy, u.Response,
                u.RespondedUtc, u.RespondedBy, u.RespondedUtc is null && LinkageAccess.ActsFor(user, u.UnitKind, u.UnitCode))).ToList(),
            trail.Select(e => new LinkageEventView(e.Action, e.UnitKind is { } k && e.UnitCode is { } c ? Name(names, k, c) : null, e.Note, e.AtUtc, e.Actor)).ToList(),
            open.OrderBy(d => d.DueOn).Select(d => new LinkageDeadlineView(d.Kind, d.UnitKind is { } k && d.UnitCode is { } c ? Name(names, k, c) : null, d.What, d.DueOn,
                d.DueOn.DayNumber - today.DayNumber)).ToList(),
            light?.Light, light?.Why ?? [], user.IsCityWide() && item.Stage == LinkageStage.Drafting, user.IsCityWide(), item.Version);
    }

    private static async Task<List<FieldError>> ValidateAsync(ZjDbContext db, LinkageItemInput input, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        void Add(string field, string key, params object[] args) => errors.Add(new FieldError(field, new UserMessage(key, args)));
        if (!Enum.IsDefined(input.Kind))
        {
            Add(nameof(input.Kind), "LinkageKindUnknown");
        }
        if (string.IsNullOrWhiteSpace(input.TitleZh) || input.TitleZh.Trim().Length > 200)
        {
            Add(nameof(input.TitleZh), "Required", nameof(input.TitleZh));
        }
        if (input.TitleEn?.Length > 400 || input.Description?.Length > 8000 || input.Source?.Length > 500 || input.Location?.Length > 300)
        {
            Add(nameof(input.Description), "FieldTooLong", nameof(input.Description), 8000);
        }
        if (input.DueOn.Year is < 2000 or > 2100)
        {
            Add(nameof(input.DueOn), "LinkageDueOn");
        }
        if (input.FeedbackEveryDays is < 7 or > 92)
        {
            Add(nameof(input.FeedbackEveryDays), "LinkageCadence", 7, 92);
        }
        var units = input.Units ?? [];
        var leads = units.Where(u => u.Role == LinkageUnitRole.Lead).ToList();
        if (leads.Count != 1 || leads[0].Kind != LinkageUnitKind.CityDepartment)
        {
            Add(nameof(input.Units), "LinkageOneCityLead");
        }
        if (!units.Any(u => u.Role == LinkageUnitRole.Co))
        {
            Add(nameof(input.Units), "LinkageCoUnitNeeded");
        }
        if (units.Count > MaxUnits)
        {
            Add(nameof(input.Units), "FundTooManyLines", MaxUnits);
        }
        var names = await LinkageAccess.UnitNamesAsync(db, cancellationToken);
        for (var i = 0; i < units.Count; i++)
        {
            var u = units[i];
            if (!Enum.IsDefined(u.Role) || !names.ContainsKey((u.Kind, u.Code ?? "")))
            {
                Add($"Units[{i}]", "LinkageUnitUnknown", u.Code ?? "");
            }
        }
        if (units.GroupBy(u => (u.Kind, u.Code)).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            Add(nameof(input.Units), "LinkageUnitTwice", twice.Key.Code ?? "");
        }
        var nodes = input.Nodes ?? [];
        if (nodes.Count > MaxNodes)
        {
            Add(nameof(input.Nodes), "FundTooManyLines", MaxNodes);
        }
        for (var i = 0; i < nodes.Count; i++)
        {
            var n = nodes[i];
            if (string.IsNullOrWhiteSpace(n.Title) || n.Title.Trim().Length > 300 || !Enum.IsDefined(n.Type))
            {
                Add($"Nodes[{i}].Title", "Required", "Title");
            }
            if (n.DueOn > input.DueOn || n.DueOn.Year < 2000)
            {
                Add($"Nodes[{i}].DueOn", "LinkageNodeAfterDue", n.Title ?? "");
            }
        }
        if (input.Kind == LinkageKind.MajorProject)
        {
            if (input.InvestmentWan is not > 0)
            {
                Add(nameof(input.InvestmentWan), "LinkageInvestment");
            }
            if (string.IsNullOrWhiteSpace(input.Location))
            {
                Add(nameof(input.Location), "Required", nameof(input.Location));
            }
            if (input.ProjectStage is not { } stage || !Enum.IsDefined(stage))
            {
                Add(nameof(input.ProjectStage), "LinkageProjectStage");
            }
        }
        if (!string.IsNullOrEmpty(input.ParkCode) && !names.ContainsKey((LinkageUnitKind.Park, input.ParkCode)))
        {
            Add(nameof(input.ParkCode), "LinkageUnitUnknown", input.ParkCode);
        }
        return errors;
    }

    private static void Apply(LinkageItem item, LinkageItemInput input)
    {
        item.Kind = input.Kind;
        item.TitleZh = input.TitleZh.Trim();
        item.TitleEn = input.TitleEn?.Trim() ?? "";
        item.Description = input.Description?.Trim() ?? "";
        item.Source = input.Source?.Trim() ?? "";
        item.DueOn = input.DueOn;
        item.FeedbackEveryDays = input.FeedbackEveryDays;
        var project = input.Kind == LinkageKind.MajorProject;
        item.InvestmentWan = project ? input.InvestmentWan : null;
        item.Location = project ? input.Location?.Trim() : null;
        item.ProjectStage = project ? input.ProjectStage : null;
        item.ParkCode = string.IsNullOrEmpty(input.ParkCode) ? null : input.ParkCode;
        item.Units = input.Units.Select(u => new LinkageUnit { Kind = u.Kind, Code = u.Code, Role = u.Role }).ToList();
        item.Nodes = input.Nodes.Select((n, i) => new LinkageNode { Order = i, Title = n.Title.Trim(), Type = n.Type, DueOn = n.DueOn }).ToList();
    }

    /// <summary>The unit of the item the user acts for: the one named, or the only one that fits.</summary>
    private static (LinkageUnit? Unit, List<FieldError>? Refusal) UnitOf(ClaimsPrincipal user, LinkageItem item, UnitChoice choice, Func<LinkageUnit, bool> fits)
    {
        var mine = item.Units.Where(u => LinkageAccess.ActsFor(user, u.Kind, u.Code)).ToList();
        if (choice.UnitKind is { } kind && choice.UnitCode is { } code)
        {
            var named = mine.SingleOrDefault(u => u.Kind == kind && u.Code == code);
            return named is null ? (null, Fail("Unit", "LinkageNotYourUnit")) : fits(named) ? (named, null) : (null, Fail("Unit", "LinkageAlreadySigned"));
        }
        var candidates = mine.Where(fits).ToList();
        return candidates.Count switch
        {
            1 => (candidates[0], null),
            0 => (null, Fail("Unit", mine.Count == 0 ? "LinkageNotYourUnit" : "LinkageAlreadySigned")),
            _ => (null, Fail("Unit", "LinkageNameTheUnit")),
        };
    }

    internal static async Task<string> NextNumberAsync(ZjDbContext db, string prefix, DateTime utc, CancellationToken cancellationToken)
    {
        var stem = $"{prefix}-{ShanghaiTime.Day(utc).Year}-";
        var numbers = prefix == "LD"
            ? await db.LinkageItems.Where(i => i.Number.StartsWith(stem)).Select(i => i.Number).ToListAsync(cancellationToken)
            : await db.LinkageUrgings.Where(u => u.Number.StartsWith(stem)).Select(u => u.Number).ToListAsync(cancellationToken);
        numbers.AddRange(db.ChangeTracker.Entries<LinkageUrging>().Where(e => e.State == EntityState.Added && prefix == "DB").Select(e => e.Entity.Number));
        var next = numbers.Select(n => int.TryParse(n.AsSpan(stem.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : 0).DefaultIfEmpty(0).Max() + 1;
        return stem + next.ToString("000", CultureInfo.InvariantCulture);
    }

    private static void Trail(ZjDbContext db, LinkageItem item, LinkageAction action, AuditActor actor, LinkageUnit? unit, string? note) =>
        db.LinkageEvents.Add(new LinkageEvent { ItemId = item.Id, Action = action, UnitKind = unit?.Kind, UnitCode = unit?.Code, Note = note, AtUtc = db.UtcNow, Actor = actor.UserName });

    internal static UnitRef Name(Dictionary<(LinkageUnitKind, string), UnitRef> names, LinkageUnitKind kind, string code) =>
        names.TryGetValue((kind, code), out var name) ? name : new UnitRef(kind, code, code, code);

    internal static LocalText Local(Dictionary<(LinkageUnitKind, string), UnitRef> names, LinkageUnitKind kind, string code)
    {
        var name = Name(names, kind, code);
        return new LocalText(name.NameZh, name.NameEn);
    }

    private static string Link(LinkageItem item) => "/linkage/" + item.Id;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<FieldError> Fail(string field, string key, params object[] args) => [new FieldError(field, new UserMessage(key, args))];

    private static Task<List<FieldError>> Done(List<FieldError> errors) => Task.FromResult(errors);
}
