using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Linkage;
using Zhangjiang.Platform.Features.Notifications;

namespace Zhangjiang.Platform.Features.Coordination;

public sealed record MechanismMember(string Name, string Title, string Unit);

public sealed record MechanismInput(string LeaderName, string LeaderTitle, IReadOnlyList<MechanismMember> Members, IReadOnlyList<string> ParkCodes, DateOnly? EstablishedOn,
    string? Remit, string? Source, Guid Version);

/// <param name="Id">An existing decision's id (kept, with any linkage item made from it); null for a new one.</param>
public sealed record DecisionInput(string Text, string? Owner, DateOnly? DueOn, Guid? Id = null);

public sealed record MeetingInput(string Title, DateOnly HeldOn, string? Location, string? Chair, string? Attendees, string? Minutes, IReadOnlyList<DecisionInput> Decisions, Guid Version);

public sealed record ProposeLinkageInput(LinkageKind Kind, DateOnly? DueOn);

public sealed record DistrictSummary(string Code, string NameZh, string NameEn, string LeaderTitle, string LeaderName, int Parks, int Meetings, int Decisions,
    int DecisionsToLinkage, DateOnly? LastMeeting);

public sealed record ParkRef(string Code, string NameZh, string NameEn);

public sealed record MeetingSummary(Guid Id, string Title, DateOnly HeldOn, int Decisions, int DecisionsToLinkage);

public sealed record DistrictView(string Code, string NameZh, string NameEn, string LeaderName, string LeaderTitle, IReadOnlyList<MechanismMember> Members,
    IReadOnlyList<ParkRef> Parks, IReadOnlyList<ParkRef> DistrictParks, DateOnly? EstablishedOn, string Remit, string Source, DateTime UpdatedUtc, string UpdatedBy,
    IReadOnlyList<MeetingSummary> Meetings, bool CanEdit, Guid Version);

public sealed record DecisionView(Guid Id, int Order, string Text, string Owner, DateOnly? DueOn, Guid? LinkageItemId, string? LinkageNumber, LinkageStage? LinkageStage);

public sealed record MeetingView(Guid Id, string DistrictCode, string DistrictNameZh, string DistrictNameEn, string Title, DateOnly HeldOn, string Location, string Chair,
    string Attendees, string Minutes, DateTime UpdatedUtc, string UpdatedBy, IReadOnlyList<DecisionView> Decisions, bool CanEdit, Guid Version);

/// <summary>
/// District coordination (区级统筹协调): each district's mechanism led by its principal leaders, covering its parks; its
/// meetings with minutes and decisions; and a decision turned into a city–district linkage item, drafted for the city
/// to complete and assign (ADR 0016). A district's officers (and the city) edit; the district's park managers read.
/// </summary>
public sealed class DistrictCoordination(IDbContextFactory<ZjDbContext> contexts)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const int MaxDecisions = 50;
    private const int MaxMembers = 60;

    public async Task<IReadOnlyList<DistrictSummary>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var readable = await ReadableDistrictsAsync(db, user, cancellationToken);
        var districts = await db.Districts.AsNoTracking().Where(d => readable.Contains(d.Code)).OrderBy(d => d.Code).ToListAsync(cancellationToken);
        var mechanisms = await db.DistrictMechanisms.AsNoTracking().Where(m => readable.Contains(m.DistrictCode)).ToDictionaryAsync(m => m.DistrictCode, cancellationToken);
        var meetings = await db.CoordinationMeetings.AsNoTracking().Where(m => readable.Contains(m.DistrictCode))
            .Select(m => new { m.DistrictCode, m.HeldOn, Decisions = m.Decisions.Count, Linked = m.Decisions.Count(d => d.LinkageItemId != null) }).ToListAsync(cancellationToken);
        return districts.Select(d =>
        {
            var mechanism = mechanisms.GetValueOrDefault(d.Code);
            var mine = meetings.Where(m => m.DistrictCode == d.Code).ToList();
            return new DistrictSummary(d.Code, d.NameZh, d.NameEn, mechanism?.LeaderTitle ?? "", mechanism?.LeaderName ?? "", Codes(mechanism?.ParkCodes).Count, mine.Count,
                mine.Sum(m => m.Decisions), mine.Sum(m => m.Linked), mine.Count == 0 ? null : mine.Max(m => m.HeldOn));
        }).ToList();
    }

    public async Task<UseCaseResult<DistrictView>> GetAsync(ClaimsPrincipal user, string districtCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var district = await db.Districts.AsNoTracking().SingleOrDefaultAsync(d => d.Code == districtCode, cancellationToken);
        if (district is null || !(await ReadableDistrictsAsync(db, user, cancellationToken)).Contains(districtCode))
        {
            return UseCaseResult<DistrictView>.NotFound();
        }
        var mechanism = await db.DistrictMechanisms.AsNoTracking().SingleOrDefaultAsync(m => m.DistrictCode == districtCode, cancellationToken);
        var parks = await db.Parks.AsNoTracking().OrderBy(p => p.Code).Select(p => new { p.Code, p.NameZh, p.NameEn, p.DistrictCode }).ToListAsync(cancellationToken);
        var covered = Codes(mechanism?.ParkCodes);
        var meetings = await db.CoordinationMeetings.AsNoTracking().Where(m => m.DistrictCode == districtCode).OrderByDescending(m => m.HeldOn)
            .Select(m => new MeetingSummary(m.Id, m.Title, m.HeldOn, m.Decisions.Count, m.Decisions.Count(d => d.LinkageItemId != null))).ToListAsync(cancellationToken);
        return UseCaseResult<DistrictView>.Ok(new DistrictView(district.Code, district.NameZh, district.NameEn, mechanism?.LeaderName ?? "", mechanism?.LeaderTitle ?? "",
            mechanism is null ? [] : JsonSerializer.Deserialize<List<MechanismMember>>(mechanism.MembersJson, Json) ?? [],
            parks.Where(p => covered.Contains(p.Code)).Select(p => new ParkRef(p.Code, p.NameZh, p.NameEn)).ToList(),
            parks.Where(p => p.DistrictCode == districtCode).Select(p => new ParkRef(p.Code, p.NameZh, p.NameEn)).ToList(),
            mechanism?.EstablishedOn, mechanism?.Remit ?? "", mechanism?.Source ?? "", mechanism?.UpdatedUtc ?? default, mechanism?.UpdatedBy ?? "",
            meetings, CanEdit(user, districtCode), mechanism?.Version ?? Guid.Empty));
    }

    /// <summary>The district (or the city) records its mechanism; the first save creates it (version Guid.Empty).</summary>
    public async Task<UseCaseResult<DistrictView>> SaveMechanismAsync(ClaimsPrincipal user, AuditActor actor, string districtCode, MechanismInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        if (await RefusalAsync(db, user, districtCode, cancellationToken) is { } refused)
        {
            return new UseCaseResult<DistrictView>(refused, null, []);
        }
        var errors = new List<FieldError>();
        if (input.LeaderName?.Length > 100 || input.LeaderTitle?.Length > 100 || input.Remit?.Length > 4000 || input.Source?.Length > 500)
        {
            errors.Add(new FieldError(nameof(input.Remit), new UserMessage("FieldTooLong", nameof(input.Remit), 4000)));
        }
        var members = input.Members ?? [];
        if (members.Count > MaxMembers || members.Any(m => string.IsNullOrWhiteSpace(m.Name) || m.Name.Length > 100 || m.Title?.Length > 100 || m.Unit?.Length > 200))
        {
            errors.Add(new FieldError(nameof(input.Members), new UserMessage("CoordinationMembers", MaxMembers)));
        }
        var parks = (input.ParkCodes ?? []).Distinct().ToList();
        var known = await db.Parks.Where(p => parks.Contains(p.Code)).Select(p => p.Code).ToListAsync(cancellationToken);
        if (parks.FirstOrDefault(p => !known.Contains(p)) is { } unknown)
        {
            errors.Add(new FieldError(nameof(input.ParkCodes), new UserMessage("ParkNotFound", unknown)));
        }
        if (errors.Count > 0)
        {
            return UseCaseResult<DistrictView>.Invalid(errors);
        }
        var mechanism = await db.DistrictMechanisms.SingleOrDefaultAsync(m => m.DistrictCode == districtCode, cancellationToken);
        if ((mechanism?.Version ?? Guid.Empty) != input.Version)
        {
            return UseCaseResult<DistrictView>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        if (mechanism is null)
        {
            mechanism = new DistrictMechanism { DistrictCode = districtCode, UpdatedBy = actor.UserName };
            db.DistrictMechanisms.Add(mechanism);
        }
        else
        {
            db.Entry(mechanism).Property(m => m.Version).OriginalValue = input.Version;
        }
        mechanism.LeaderName = input.LeaderName?.Trim() ?? "";
        mechanism.LeaderTitle = input.LeaderTitle?.Trim() ?? "";
        mechanism.MembersJson = JsonSerializer.Serialize(members.Select(m => new MechanismMember(m.Name.Trim(), m.Title?.Trim() ?? "", m.Unit?.Trim() ?? "")).ToList(), Json);
        mechanism.ParkCodes = string.Join(',', parks);
        mechanism.EstablishedOn = input.EstablishedOn;
        mechanism.Remit = input.Remit?.Trim() ?? "";
        mechanism.Source = input.Source?.Trim() ?? "";
        mechanism.UpdatedUtc = db.UtcNow;
        mechanism.UpdatedBy = actor.UserName;
        return await SaveAsync(db, () => GetAsync(user, districtCode, cancellationToken), cancellationToken);
    }

    public async Task<UseCaseResult<MeetingView>> GetMeetingAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var meeting = await db.CoordinationMeetings.AsNoTracking().Include(m => m.Decisions).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null || !(await ReadableDistrictsAsync(db, user, cancellationToken)).Contains(meeting.DistrictCode))
        {
            return UseCaseResult<MeetingView>.NotFound();
        }
        var district = await db.Districts.AsNoTracking().SingleAsync(d => d.Code == meeting.DistrictCode, cancellationToken);
        var itemIds = meeting.Decisions.Where(d => d.LinkageItemId != null).Select(d => d.LinkageItemId!.Value).ToList();
        // The district sees the number and stage of the item made from its decision, even while the city drafts it.
        var items = await db.LinkageItems.AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => new { i.Number, i.Stage }, cancellationToken);
        return UseCaseResult<MeetingView>.Ok(new MeetingView(meeting.Id, meeting.DistrictCode, district.NameZh, district.NameEn, meeting.Title, meeting.HeldOn, meeting.Location,
            meeting.Chair, meeting.Attendees, meeting.Minutes, meeting.UpdatedUtc, meeting.UpdatedBy,
            meeting.Decisions.OrderBy(d => d.Order).Select(d => new DecisionView(d.Id, d.Order, d.Text, d.Owner, d.DueOn, d.LinkageItemId,
                d.LinkageItemId is { } item && items.TryGetValue(item, out var i) ? i.Number : null,
                d.LinkageItemId is { } item2 && items.TryGetValue(item2, out var j) ? j.Stage : null)).ToList(),
            CanEdit(user, meeting.DistrictCode), meeting.Version));
    }

    /// <summary>The district (or the city) records a meeting of its mechanism with minutes and decisions.</summary>
    public async Task<UseCaseResult<MeetingView>> CreateMeetingAsync(ClaimsPrincipal user, AuditActor actor, string districtCode, MeetingInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        if (await RefusalAsync(db, user, districtCode, cancellationToken) is { } refused)
        {
            return new UseCaseResult<MeetingView>(refused, null, []);
        }
        var meeting = new CoordinationMeeting { Id = Guid.NewGuid(), DistrictCode = districtCode, Title = "", UpdatedBy = actor.UserName };
        var errors = Apply(meeting, input, db.UtcNow, actor.UserName);
        if (errors.Count > 0)
        {
            return UseCaseResult<MeetingView>.Invalid(errors);
        }
        db.CoordinationMeetings.Add(meeting);
        return await SaveAsync(db, () => GetMeetingAsync(user, meeting.Id, cancellationToken), cancellationToken);
    }

    /// <summary>Replaces a meeting's record from the version read; a decision already made into a linkage item stays.</summary>
    public async Task<UseCaseResult<MeetingView>> SaveMeetingAsync(ClaimsPrincipal user, AuditActor actor, Guid id, MeetingInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var meeting = await db.CoordinationMeetings.Include(m => m.Decisions).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (await RefusalAsync(db, user, meeting?.DistrictCode, cancellationToken) is { } refused)
        {
            return new UseCaseResult<MeetingView>(refused, null, []);
        }
        if (meeting!.Version != input.Version)
        {
            return UseCaseResult<MeetingView>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        var kept = (input.Decisions ?? []).Where(d => d.Id is not null).Select(d => d.Id!.Value).ToHashSet();
        if (meeting.Decisions.FirstOrDefault(d => d.LinkageItemId is not null && !kept.Contains(d.Id)) is { } linked)
        {
            return UseCaseResult<MeetingView>.Invalid("Decisions", new UserMessage("CoordinationDecisionLinked", linked.Order + 1));
        }
        var errors = Apply(meeting, input, db.UtcNow, actor.UserName, db);
        if (errors.Count > 0)
        {
            return UseCaseResult<MeetingView>.Invalid(errors);
        }
        db.Entry(meeting).Property(m => m.Version).OriginalValue = input.Version;
        return await SaveAsync(db, () => GetMeetingAsync(user, id, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The district (or the city) turns a decision into a linkage item: drafted with the zone office as lead and the
    /// district as co-unit, the decision as its source; the city completes it (units, nodes) and assigns it.
    /// </summary>
    public async Task<UseCaseResult<MeetingView>> ProposeLinkageAsync(ClaimsPrincipal user, AuditActor actor, Guid meetingId, Guid decisionId, ProposeLinkageInput input,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var meeting = await db.CoordinationMeetings.Include(m => m.Decisions).SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
        if (await RefusalAsync(db, user, meeting?.DistrictCode, cancellationToken) is { } refused)
        {
            return new UseCaseResult<MeetingView>(refused, null, []);
        }
        var decision = meeting!.Decisions.SingleOrDefault(d => d.Id == decisionId);
        if (decision is null)
        {
            return UseCaseResult<MeetingView>.NotFound();
        }
        if (decision.LinkageItemId is not null)
        {
            return UseCaseResult<MeetingView>.Invalid("Decision", new UserMessage("CoordinationAlreadyProposed"));
        }
        var due = decision.DueOn ?? input.DueOn;
        if (!Enum.IsDefined(input.Kind) || due is null || due < ShanghaiTime.Day(db.UtcNow))
        {
            return UseCaseResult<MeetingView>.Invalid(nameof(input.DueOn), new UserMessage("CoordinationProposal"));
        }
        var district = await db.Districts.AsNoTracking().SingleAsync(d => d.Code == meeting.DistrictCode, cancellationToken);
        var now = db.UtcNow;
        var title = decision.Text.Length > 200 ? decision.Text[..199] + "…" : decision.Text;
        var item = new LinkageItem
        {
            Id = Guid.NewGuid(), Number = await LinkageItems.NextNumberAsync(db, "LD", now, cancellationToken), Kind = input.Kind, TitleZh = title,
            Description = decision.Text, DueOn = due.Value, Stage = LinkageStage.Drafting, DecisionId = decision.Id,
            Source = $"{district.NameZh}区级统筹协调会议“{meeting.Title}”（{meeting.HeldOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}）议定事项 {decision.Order + 1}",
            CreatedUtc = now, CreatedBy = actor.UserName, UpdatedUtc = now, UpdatedBy = actor.UserName,
            Units =
            [
                new LinkageUnit { Kind = LinkageUnitKind.CityDepartment, Code = "zjoffice", Role = LinkageUnitRole.Lead },
                new LinkageUnit { Kind = LinkageUnitKind.District, Code = meeting.DistrictCode, Role = LinkageUnitRole.Co },
            ],
        };
        if (item.Source.Length > 500)
        {
            item.Source = item.Source[..500];
        }
        db.LinkageItems.Add(item);
        db.LinkageEvents.Add(new LinkageEvent { ItemId = item.Id, Action = LinkageAction.Created, UnitKind = LinkageUnitKind.District, UnitCode = meeting.DistrictCode,
            Note = item.Source, AtUtc = now, Actor = actor.UserName });
        decision.LinkageItemId = item.Id;
        Notify.Add(db, Audiences.City, new UserMessage("NotifyLinkageProposed", district.NameZh, item.Number, title), "/linkage/" + item.Id);
        return await SaveAsync(db, () => GetMeetingAsync(user, meetingId, cancellationToken), cancellationToken);
    }

    /// <summary>Why the user may not change the district's records (not found: unknown or unreadable; forbidden: read-only), or null.</summary>
    private static async Task<UseCaseStatus?> RefusalAsync(ZjDbContext db, ClaimsPrincipal user, string? districtCode, CancellationToken cancellationToken)
    {
        if (districtCode is null || !await db.Districts.AnyAsync(d => d.Code == districtCode, cancellationToken)
            || !(await ReadableDistrictsAsync(db, user, cancellationToken)).Contains(districtCode))
        {
            return UseCaseStatus.NotFound;
        }
        return CanEdit(user, districtCode) ? null : UseCaseStatus.Forbidden;
    }

    /// <summary>The city and the district's officers edit; nobody else.</summary>
    private static bool CanEdit(ClaimsPrincipal user, string districtCode) =>
        user.IsCityWide() || (user.IsInRole(Roles.DistrictOfficer) && string.Equals(user.DistrictScope(), districtCode, StringComparison.Ordinal));

    /// <summary>The city reads every district; a district officer their own; a park manager the district of the park.</summary>
    private static async Task<List<string>> ReadableDistrictsAsync(ZjDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.IsCityWide())
        {
            return await db.Districts.AsNoTracking().Select(d => d.Code).ToListAsync(cancellationToken);
        }
        var list = new List<string>();
        if (user.IsInRole(Roles.DistrictOfficer) && user.DistrictScope() is { } district)
        {
            list.Add(district);
        }
        if (user.IsInRole(Roles.ParkManager) && user.ParkScope() is { } park)
        {
            list.AddRange(await db.Parks.AsNoTracking().Where(p => p.Code == park).Select(p => p.DistrictCode).ToListAsync(cancellationToken));
        }
        return list;
    }

    private static List<FieldError> Apply(CoordinationMeeting meeting, MeetingInput input, DateTime now, string userName, ZjDbContext? db = null)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > 200)
        {
            errors.Add(new FieldError(nameof(input.Title), new UserMessage("Required", nameof(input.Title))));
        }
        if (input.HeldOn.Year is < 2000 or > 2100)
        {
            errors.Add(new FieldError(nameof(input.HeldOn), new UserMessage("CoordinationHeldOn")));
        }
        if (input.Minutes?.Length > 50_000 || input.Attendees?.Length > 4000 || input.Location?.Length > 200 || input.Chair?.Length > 100)
        {
            errors.Add(new FieldError(nameof(input.Minutes), new UserMessage("FieldTooLong", nameof(input.Minutes), 50_000)));
        }
        var decisions = input.Decisions ?? [];
        if (decisions.Count > MaxDecisions)
        {
            errors.Add(new FieldError(nameof(input.Decisions), new UserMessage("FundTooManyLines", MaxDecisions)));
        }
        for (var i = 0; i < decisions.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(decisions[i].Text) || decisions[i].Text.Length > 2000 || decisions[i].Owner?.Length > 200)
            {
                errors.Add(new FieldError($"Decisions[{i}].Text", new UserMessage("Required", "Text")));
            }
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        meeting.Title = input.Title.Trim();
        meeting.HeldOn = input.HeldOn;
        meeting.Location = input.Location?.Trim() ?? "";
        meeting.Chair = input.Chair?.Trim() ?? "";
        meeting.Attendees = input.Attendees?.Trim() ?? "";
        meeting.Minutes = input.Minutes?.Trim() ?? "";
        meeting.UpdatedUtc = now;
        meeting.UpdatedBy = userName;
        var existing = meeting.Decisions.ToDictionary(d => d.Id);
        var next = new List<MeetingDecision>();
        for (var i = 0; i < decisions.Count; i++)
        {
            var d = decisions[i];
            var decision = d.Id is { } id && existing.TryGetValue(id, out var old) ? old : new MeetingDecision { Id = Guid.NewGuid(), MeetingId = meeting.Id, Text = "" };
            decision.Order = i;
            decision.Text = d.Text.Trim();
            decision.Owner = d.Owner?.Trim() ?? "";
            decision.DueOn = d.DueOn;
            next.Add(decision);
        }
        if (db is not null)
        {
            db.MeetingDecisions.RemoveRange(meeting.Decisions.Where(d => !next.Contains(d)));
            foreach (var added in next.Where(d => !existing.ContainsKey(d.Id)))
            {
                db.MeetingDecisions.Add(added);
            }
        }
        else
        {
            meeting.Decisions = next;
        }
        return errors;
    }

    private static async Task<UseCaseResult<T>> SaveAsync<T>(ZjDbContext db, Func<Task<UseCaseResult<T>>> then, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<T>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Two first saves of the same district's mechanism, or two items drawing the same number: the second asks again.
            return UseCaseResult<T>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return await then();
    }

    private static List<string> Codes(string? joined) => string.IsNullOrEmpty(joined) ? [] : joined.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
}
