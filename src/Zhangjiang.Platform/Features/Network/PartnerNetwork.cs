using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Files;

namespace Zhangjiang.Platform.Features.Network;

public sealed record ZoneInput(string Code, string NameZh, string? NameEn, ZoneKind Kind, string? City, string? Province, string? Source, Guid Version);

public sealed record MemberInput(string ZoneCode, MemberRole Role, DateOnly? JoinedOn = null, DateOnly? LeftOn = null);

public sealed record AllianceInput(Guid? Id, string NameZh, string? NameEn, DateOnly? FoundedOn, string? FoundedAt, string? Mission, string? MembershipNote, string? Source,
    IReadOnlyList<MemberInput> Members, Guid Version);

public sealed record EventInput(Guid? Id, NetworkEventKind Kind, string TitleZh, string? TitleEn, DateOnly? HeldOn, string? Place, Guid? AllianceId, string? Summary, string? Source, Guid Version);

public sealed record AgreementInput(Guid? Id, string TitleZh, string? TitleEn, IReadOnlyList<string> Parties, DateOnly SignedOn, DateOnly? ExpiresOn, string? Commitments, string? Source,
    Guid Version);

public sealed record JointProjectInput(Guid? Id, string TitleZh, string? TitleEn, IReadOnlyList<string> Partners, string? ParkCode, Guid? AllianceId, JointProjectStatus Status,
    DateOnly? StartedOn, string? Description, string? Source, Guid Version);

public sealed record ZoneView(string Code, string NameZh, string NameEn, ZoneKind Kind, string City, string Province, bool IsHome, string Source, Guid Version);

public sealed record MemberView(string ZoneCode, MemberRole Role, DateOnly? JoinedOn, DateOnly? LeftOn);

public sealed record AllianceView(Guid Id, string NameZh, string NameEn, DateOnly? FoundedOn, string FoundedAt, string Mission, string MembershipNote, string Source,
    IReadOnlyList<MemberView> Members, Guid Version);

public sealed record EventView(Guid Id, NetworkEventKind Kind, string TitleZh, string TitleEn, DateOnly? HeldOn, string Place, Guid? AllianceId, string Summary, string Source,
    IReadOnlyList<AttachedFileView> Documents, Guid Version);

/// <param name="DaysLeft">Days until it expires (negative once expired); null when it has no end date.</param>
public sealed record AgreementView(Guid Id, string TitleZh, string TitleEn, IReadOnlyList<string> Parties, DateOnly SignedOn, DateOnly? ExpiresOn, int? DaysLeft,
    string Commitments, string Source, Guid Version);

public sealed record JointProjectView(Guid Id, string TitleZh, string TitleEn, IReadOnlyList<string> Partners, string? ParkCode, Guid? AllianceId, JointProjectStatus Status,
    DateOnly? StartedOn, string Description, string Source, Guid Version);

public sealed record NetworkOverview(IReadOnlyList<ZoneView> Zones, IReadOnlyList<AllianceView> Alliances, IReadOnlyList<EventView> Events,
    IReadOnlyList<AgreementView> Agreements, IReadOnlyList<JointProjectView> Projects, bool CanEdit);

/// <summary>
/// The partner-zone network (ADR 0016): zones, alliances with their members and roles, events with their documents,
/// agreements with their expiry (reminded 90 days ahead) and joint projects. Everyone signed in reads it; city staff
/// keep it. Seeded only with what the seed and the domain facts state.
/// </summary>
public sealed class PartnerNetwork(IDbContextFactory<ZjDbContext> contexts, MalwareScanner? scanner = null)
{
    public const int ExpiryWarningDays = 90;

    public async Task<NetworkOverview> OverviewAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = ShanghaiTime.Day(db.UtcNow);
        var zones = await db.PartnerZones.AsNoTracking().OrderByDescending(z => z.IsHome).ThenBy(z => z.Province).ThenBy(z => z.Code).ToListAsync(cancellationToken);
        var alliances = await db.Alliances.AsNoTracking().Include(a => a.Members).OrderBy(a => a.FoundedOn).ThenBy(a => a.NameZh).ToListAsync(cancellationToken);
        var events = await db.NetworkEvents.AsNoTracking().OrderByDescending(e => e.HeldOn).ToListAsync(cancellationToken);
        var documents = await AttachedFiles.OfAsync(db, AttachedFiles.NetworkEvent, events.Select(e => e.Id).ToList(), cancellationToken);
        var agreements = await db.PartnerAgreements.AsNoTracking().OrderBy(a => a.ExpiresOn == null).ThenBy(a => a.ExpiresOn).ToListAsync(cancellationToken);
        var projects = await db.JointProjects.AsNoTracking().OrderBy(p => p.Status).ThenBy(p => p.TitleZh).ToListAsync(cancellationToken);
        return new NetworkOverview(
            zones.Select(z => new ZoneView(z.Code, z.NameZh, z.NameEn, z.Kind, z.City, z.Province, z.IsHome, z.Source, z.Version)).ToList(),
            alliances.Select(a => new AllianceView(a.Id, a.NameZh, a.NameEn, a.FoundedOn, a.FoundedAt, a.Mission, a.MembershipNote, a.Source,
                a.Members.OrderBy(m => m.Role).ThenBy(m => m.Id).Select(m => new MemberView(m.ZoneCode, m.Role, m.JoinedOn, m.LeftOn)).ToList(), a.Version)).ToList(),
            events.Select(e => new EventView(e.Id, e.Kind, e.TitleZh, e.TitleEn, e.HeldOn, e.Place, e.AllianceId, e.Summary, e.Source,
                documents.TryGetValue(e.Id, out var files) ? files : [], e.Version)).ToList(),
            agreements.Select(a => new AgreementView(a.Id, a.TitleZh, a.TitleEn, Codes(a.Parties), a.SignedOn, a.ExpiresOn,
                a.ExpiresOn is { } end ? end.DayNumber - today.DayNumber : null, a.Commitments, a.Source, a.Version)).ToList(),
            projects.Select(p => new JointProjectView(p.Id, p.TitleZh, p.TitleEn, Codes(p.Partners), p.ParkCode, p.AllianceId, p.Status, p.StartedOn, p.Description,
                p.Source, p.Version)).ToList(),
            user.IsCityWide());
    }

    public Task<UseCaseResult<NetworkOverview>> SaveZoneAsync(ClaimsPrincipal user, AuditActor actor, ZoneInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, cancellationToken, async db =>
        {
            ArgumentNullException.ThrowIfNull(input);
            var errors = new List<FieldError>();
            if (string.IsNullOrWhiteSpace(input.Code) || input.Code.Length > 40 || !input.Code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                errors.Add(Error(nameof(input.Code), "NetworkZoneCode"));
            }
            Require(errors, nameof(input.NameZh), input.NameZh, 200);
            if (!Enum.IsDefined(input.Kind) || input.NameEn?.Length > 300 || input.City?.Length > 50 || input.Province?.Length > 50 || input.Source?.Length > 500)
            {
                errors.Add(Error(nameof(input.Kind), "FieldTooLong", nameof(input.NameEn), 300));
            }
            if (errors.Count > 0)
            {
                return errors;
            }
            var zone = await db.PartnerZones.SingleOrDefaultAsync(z => z.Code == input.Code, cancellationToken);
            Expect(db, zone, input.Version);
            if (zone is null)
            {
                zone = new PartnerZone { Code = input.Code.Trim(), NameZh = "" };
                db.PartnerZones.Add(zone);
            }
            zone.NameZh = input.NameZh.Trim();
            zone.NameEn = input.NameEn?.Trim() ?? "";
            zone.Kind = input.Kind;
            zone.City = input.City?.Trim() ?? "";
            zone.Province = input.Province?.Trim() ?? "";
            zone.Source = input.Source?.Trim() ?? "";
            return errors;
        });

    public Task<UseCaseResult<NetworkOverview>> SaveAllianceAsync(ClaimsPrincipal user, AuditActor actor, AllianceInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, cancellationToken, async db =>
        {
            ArgumentNullException.ThrowIfNull(input);
            var errors = new List<FieldError>();
            Require(errors, nameof(input.NameZh), input.NameZh, 200);
            if (input.Mission?.Length > 4000 || input.MembershipNote?.Length > 1000 || input.FoundedAt?.Length > 200 || input.Source?.Length > 1000 || input.NameEn?.Length > 300)
            {
                errors.Add(Error(nameof(input.Mission), "FieldTooLong", nameof(input.Mission), 4000));
            }
            var members = input.Members ?? [];
            await CheckZonesAsync(db, errors, nameof(input.Members), members.Select(m => m.ZoneCode), cancellationToken);
            if (members.GroupBy(m => m.ZoneCode).Any(g => g.Count() > 1) || members.Any(m => !Enum.IsDefined(m.Role)))
            {
                errors.Add(Error(nameof(input.Members), "NetworkMemberTwice"));
            }
            if (errors.Count > 0)
            {
                return errors;
            }
            var alliance = input.Id is { } id ? await db.Alliances.Include(a => a.Members).SingleOrDefaultAsync(a => a.Id == id, cancellationToken) : null;
            if (input.Id is not null && alliance is null)
            {
                return [Error(nameof(input.Id), "NotFoundText")];
            }
            Expect(db, alliance, input.Version);
            if (alliance is null)
            {
                alliance = new Alliance { Id = Guid.NewGuid(), NameZh = "" };
                db.Alliances.Add(alliance);
            }
            alliance.NameZh = input.NameZh.Trim();
            alliance.NameEn = input.NameEn?.Trim() ?? "";
            alliance.FoundedOn = input.FoundedOn;
            alliance.FoundedAt = input.FoundedAt?.Trim() ?? "";
            alliance.Mission = input.Mission?.Trim() ?? "";
            alliance.MembershipNote = input.MembershipNote?.Trim() ?? "";
            alliance.Source = input.Source?.Trim() ?? "";
            db.AllianceMembers.RemoveRange(alliance.Members);
            alliance.Members = members.Select(m => new AllianceMember { ZoneCode = m.ZoneCode, Role = m.Role, JoinedOn = m.JoinedOn, LeftOn = m.LeftOn }).ToList();
            return errors;
        });

    public Task<UseCaseResult<NetworkOverview>> SaveEventAsync(ClaimsPrincipal user, AuditActor actor, EventInput input, IReadOnlyList<UploadedFile>? documents = null,
        CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, cancellationToken, async db =>
        {
            ArgumentNullException.ThrowIfNull(input);
            var errors = new List<FieldError>();
            Require(errors, nameof(input.TitleZh), input.TitleZh, 300);
            if (!Enum.IsDefined(input.Kind) || input.Summary?.Length > 20_000 || input.Place?.Length > 200 || input.Source?.Length > 1000 || input.TitleEn?.Length > 400)
            {
                errors.Add(Error(nameof(input.Summary), "FieldTooLong", nameof(input.Summary), 20_000));
            }
            if (input.AllianceId is { } allianceId && !await db.Alliances.AnyAsync(a => a.Id == allianceId, cancellationToken))
            {
                errors.Add(Error(nameof(input.AllianceId), "NotFoundText"));
            }
            if (errors.Count > 0)
            {
                return errors;
            }
            var item = input.Id is { } id ? await db.NetworkEvents.SingleOrDefaultAsync(e => e.Id == id, cancellationToken) : null;
            if (input.Id is not null && item is null)
            {
                return [Error(nameof(input.Id), "NotFoundText")];
            }
            Expect(db, item, input.Version);
            if (item is null)
            {
                item = new NetworkEvent { Id = Guid.NewGuid(), TitleZh = "" };
                db.NetworkEvents.Add(item);
            }
            item.Kind = input.Kind;
            item.TitleZh = input.TitleZh.Trim();
            item.TitleEn = input.TitleEn?.Trim() ?? "";
            item.HeldOn = input.HeldOn;
            item.Place = input.Place?.Trim() ?? "";
            item.AllianceId = input.AllianceId;
            item.Summary = input.Summary?.Trim() ?? "";
            item.Source = input.Source?.Trim() ?? "";
            return await AttachedFiles.AddAsync(db, scanner, actor, AttachedFiles.NetworkEvent, item.Id, documents ?? [], cancellationToken);
        });

    public Task<UseCaseResult<NetworkOverview>> SaveAgreementAsync(ClaimsPrincipal user, AuditActor actor, AgreementInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, cancellationToken, async db =>
        {
            ArgumentNullException.ThrowIfNull(input);
            var errors = new List<FieldError>();
            Require(errors, nameof(input.TitleZh), input.TitleZh, 300);
            if (input.ExpiresOn is { } end && end <= input.SignedOn)
            {
                errors.Add(Error(nameof(input.ExpiresOn), "NetworkAgreementDates"));
            }
            if ((input.Parties ?? []).Count < 1 || input.Commitments?.Length > 8000 || input.Source?.Length > 1000 || input.TitleEn?.Length > 400)
            {
                errors.Add(Error(nameof(input.Parties), "NetworkAgreementParties"));
            }
            await CheckZonesAsync(db, errors, nameof(input.Parties), input.Parties ?? [], cancellationToken);
            if (errors.Count > 0)
            {
                return errors;
            }
            var item = input.Id is { } id ? await db.PartnerAgreements.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) : null;
            if (input.Id is not null && item is null)
            {
                return [Error(nameof(input.Id), "NotFoundText")];
            }
            Expect(db, item, input.Version);
            if (item is null)
            {
                item = new PartnerAgreement { Id = Guid.NewGuid(), TitleZh = "" };
                db.PartnerAgreements.Add(item);
            }
            item.TitleZh = input.TitleZh.Trim();
            item.TitleEn = input.TitleEn?.Trim() ?? "";
            item.Parties = string.Join(',', input.Parties!.Distinct());
            item.SignedOn = input.SignedOn;
            item.ExpiresOn = input.ExpiresOn;
            item.Commitments = input.Commitments?.Trim() ?? "";
            item.Source = input.Source?.Trim() ?? "";
            return errors;
        });

    public Task<UseCaseResult<NetworkOverview>> SaveProjectAsync(ClaimsPrincipal user, AuditActor actor, JointProjectInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, cancellationToken, async db =>
        {
            ArgumentNullException.ThrowIfNull(input);
            var errors = new List<FieldError>();
            Require(errors, nameof(input.TitleZh), input.TitleZh, 300);
            if (!Enum.IsDefined(input.Status) || input.Description?.Length > 8000 || input.Source?.Length > 1000 || input.TitleEn?.Length > 400)
            {
                errors.Add(Error(nameof(input.Description), "FieldTooLong", nameof(input.Description), 8000));
            }
            await CheckZonesAsync(db, errors, nameof(input.Partners), input.Partners ?? [], cancellationToken);
            if (input.ParkCode is { Length: > 0 } park && !await db.Parks.AnyAsync(p => p.Code == park, cancellationToken))
            {
                errors.Add(Error(nameof(input.ParkCode), "ParkNotFound", park));
            }
            if (errors.Count > 0)
            {
                return errors;
            }
            var item = input.Id is { } id ? await db.JointProjects.SingleOrDefaultAsync(p => p.Id == id, cancellationToken) : null;
            if (input.Id is not null && item is null)
            {
                return [Error(nameof(input.Id), "NotFoundText")];
            }
            Expect(db, item, input.Version);
            if (item is null)
            {
                item = new JointProject { Id = Guid.NewGuid(), TitleZh = "" };
                db.JointProjects.Add(item);
            }
            item.TitleZh = input.TitleZh.Trim();
            item.TitleEn = input.TitleEn?.Trim() ?? "";
            item.Partners = string.Join(',', (input.Partners ?? []).Distinct());
            item.ParkCode = string.IsNullOrEmpty(input.ParkCode) ? null : input.ParkCode;
            item.AllianceId = input.AllianceId;
            item.Status = input.Status;
            item.StartedOn = input.StartedOn;
            item.Description = input.Description?.Trim() ?? "";
            item.Source = input.Source?.Trim() ?? "";
            return errors;
        });

    /// <summary>A document of an event, for anyone signed in.</summary>
    public async Task<UseCaseResult<Evaluation.EvidenceFile>> DocumentAsync(ClaimsPrincipal user, Guid eventId, Guid fileId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var file = await AttachedFiles.ReadAsync(db, AttachedFiles.NetworkEvent, fileId, [eventId], cancellationToken);
        return file is null ? UseCaseResult<Evaluation.EvidenceFile>.NotFound() : UseCaseResult<Evaluation.EvidenceFile>.Ok(file);
    }

    /// <summary>City staff change the network; the change's refusals come back as field errors, a stale version as a conflict.</summary>
    private async Task<UseCaseResult<NetworkOverview>> ChangeAsync(ClaimsPrincipal user, AuditActor actor, CancellationToken cancellationToken,
        Func<ZjDbContext, Task<List<FieldError>>> change)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        if (!user.IsCityWide())
        {
            return UseCaseResult<NetworkOverview>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        try
        {
            var errors = await change(db);
            if (errors.Count > 0)
            {
                return UseCaseResult<NetworkOverview>.Invalid(errors);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A stale version seen before the save (Expect) or at it: nothing was written.
            return UseCaseResult<NetworkOverview>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<NetworkOverview>.Ok(await OverviewAsync(user, cancellationToken));
    }

    /// <summary>
    /// A new record comes with version Guid.Empty, an existing one with the version read; a stale one fails as the save's
    /// own concurrency check would, and the version read guards the save too.
    /// </summary>
    private static void Expect<T>(ZjDbContext db, T? entity, Guid version) where T : class, IVersioned
    {
        if ((entity?.Version ?? Guid.Empty) != version)
        {
            throw new DbUpdateConcurrencyException("The record changed since it was read.");
        }
        if (entity is not null)
        {
            db.Entry(entity).Property(e => e.Version).OriginalValue = version;
        }
    }

    private static async Task CheckZonesAsync(ZjDbContext db, List<FieldError> errors, string field, IEnumerable<string> codes, CancellationToken cancellationToken)
    {
        var wanted = codes.Distinct().ToList();
        var known = await db.PartnerZones.Where(z => wanted.Contains(z.Code)).Select(z => z.Code).ToListAsync(cancellationToken);
        if (wanted.FirstOrDefault(c => !known.Contains(c)) is { } unknown)
        {
            errors.Add(Error(field, "NetworkZoneUnknown", unknown));
        }
    }

    private static void Require(List<FieldError> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > max)
        {
            errors.Add(Error(field, "Required", field));
        }
    }

    private static FieldError Error(string field, string key, params object[] args) => new(field, new UserMessage(key, args));

    private static List<string> Codes(string joined) => joined.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
}
