using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Indicators;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;

namespace Zhangjiang.Platform.Features.Evaluation;

public sealed record FrameworkSummary(
    Guid Id, string Family, int VersionNumber, string NameZh, string NameEn, FrameworkStatus Status,
    int IndicatorCount, int AggregateCount, DateTime? PublishedUtc);

/// <summary>One node as shown and as edited. Everything a client may set; nothing else is read.</summary>
public sealed record IndicatorInput
{
    public required string Code { get; init; }
    public required string NameZh { get; init; }
    public string NameEn { get; init; } = "";
    public int Level { get; init; }
    public string? ParentCode { get; init; }
    public double? Weight { get; init; }
    public int Direction { get; init; } = 1;
    public string Unit { get; init; } = "";
    public double? Target { get; init; }
    public string DefinitionZh { get; init; } = "";
    public string DefinitionEn { get; init; } = "";
    public string Formula { get; init; } = "";
    public IndicatorDataSource DataSource { get; init; }
    public bool CompareInternational { get; init; }
    public bool CompareDomestic { get; init; }
    public bool ShanghaiCharacteristic { get; init; }
    public string Source { get; init; } = "";

    public static IndicatorInput From(EvaluationIndicator i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new()
        {
            Code = i.Code, NameZh = i.NameZh, NameEn = i.NameEn, Level = i.Level, ParentCode = i.ParentCode, Weight = i.Weight,
            Direction = i.Direction, Unit = i.Unit, Target = i.Target, DefinitionZh = i.DefinitionZh, DefinitionEn = i.DefinitionEn,
            Formula = i.Formula, DataSource = i.DataSource, CompareInternational = i.CompareInternational,
            CompareDomestic = i.CompareDomestic, ShanghaiCharacteristic = i.ShanghaiCharacteristic, Source = i.Source,
        };
    }
}

public sealed record FrameworkDetail(
    Guid Id, string Family, int VersionNumber, string NameZh, string NameEn, string DescriptionZh, string DescriptionEn,
    string Source, FrameworkStatus Status, DateTime? PublishedUtc, string? PublishedBy, IReadOnlyList<IndicatorInput> Indicators, Guid Version);

/// <summary>The editable fields of a draft version.</summary>
public sealed record FrameworkInput
{
    public required string NameZh { get; init; }
    public required string NameEn { get; init; }
    public string DescriptionZh { get; init; } = "";
    public string DescriptionEn { get; init; } = "";
    public string Source { get; init; } = "";
    public required IReadOnlyList<IndicatorInput> Indicators { get; init; }

    /// <summary>The version the editor started from.</summary>
    public Guid Version { get; init; }
}

/// <summary>
/// Versioned indicator frameworks: everyone signed in reads them; CityAdmin makes a new draft version from any
/// version, edits the draft, publishes it (frozen from then on) or discards it.
/// </summary>
public sealed class FrameworkCatalog(IDbContextFactory<ZjDbContext> contexts, IAuthorizationService authorization)
{
    private static readonly FrameworkResource Resource = new();

    public async Task<UseCaseResult<IReadOnlyList<FrameworkSummary>>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!await AllowedAsync(user, Operations.Read))
        {
            return UseCaseResult<IReadOnlyList<FrameworkSummary>>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.EvaluationFrameworks.AsNoTracking()
            .OrderBy(f => f.Family).ThenByDescending(f => f.VersionNumber)
            .Select(f => new FrameworkSummary(f.Id, f.Family, f.VersionNumber, f.NameZh, f.NameEn, f.Status,
                f.Indicators.Count(i => i.Level == 1), f.Indicators.Count(i => i.Level > 1), f.PublishedUtc))
            .ToListAsync(cancellationToken);
        return UseCaseResult<IReadOnlyList<FrameworkSummary>>.Ok(rows);
    }

    public async Task<UseCaseResult<FrameworkDetail>> GetAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        if (!await AllowedAsync(user, Operations.Read))
        {
            return UseCaseResult<FrameworkDetail>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var framework = await LoadAsync(db, id, tracking: false, cancellationToken);
        return framework is null ? UseCaseResult<FrameworkDetail>.NotFound() : UseCaseResult<FrameworkDetail>.Ok(ToDetail(framework));
    }

    /// <summary>A new draft version of the same family, copied from <paramref name="fromId"/>. One draft per family at a time.</summary>
    public async Task<UseCaseResult<FrameworkDetail>> NewVersionAsync(ClaimsPrincipal user, AuditActor actor, Guid fromId, CancellationToken cancellationToken = default)
    {
        if (!await AllowedAsync(user, Operations.Create))
        {
            return UseCaseResult<FrameworkDetail>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var source = await LoadAsync(db, fromId, tracking: false, cancellationToken);
        if (source is null)
        {
            return UseCaseResult<FrameworkDetail>.NotFound();
        }
        var versions = await db.EvaluationFrameworks.Where(f => f.Family == source.Family)
            .Select(f => new { f.VersionNumber, f.Status }).ToListAsync(cancellationToken);
        if (versions.Any(v => v.Status == FrameworkStatus.Draft))
        {
            return UseCaseResult<FrameworkDetail>.Conflict(new UserMessage("FrameworkDraftExists", source.Family));
        }
        var draft = new EvaluationFramework
        {
            Id = Guid.NewGuid(),
            Family = source.Family,
            VersionNumber = versions.Max(v => v.VersionNumber) + 1,
            NameZh = source.NameZh,
            NameEn = source.NameEn,
            DescriptionZh = source.DescriptionZh,
            DescriptionEn = source.DescriptionEn,
            Source = source.Source,
            Status = FrameworkStatus.Draft,
            CreatedUtc = db.UtcNow,
            Indicators = source.Indicators.Select(i => ToEntity(IndicatorInput.From(i), i.SortOrder)).ToList(),
        };
        db.EvaluationFrameworks.Add(draft);
        await db.SaveChangesAsync(cancellationToken);
        return UseCaseResult<FrameworkDetail>.Ok(ToDetail(draft));
    }

    /// <summary>Replaces a draft's fields and nodes after checking them whole; a published version refuses.</summary>
    public async Task<UseCaseResult<FrameworkDetail>> UpdateDraftAsync(
        ClaimsPrincipal user, AuditActor actor, Guid id, FrameworkInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await AllowedAsync(user, Operations.Edit))
        {
            return UseCaseResult<FrameworkDetail>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var framework = await LoadAsync(db, id, tracking: true, cancellationToken);
        if (framework is null)
        {
            return UseCaseResult<FrameworkDetail>.NotFound();
        }
        if (framework.Status != FrameworkStatus.Draft)
        {
            return UseCaseResult<FrameworkDetail>.Invalid("", new UserMessage("FrameworkFrozen", framework.Family, framework.VersionNumber));
        }
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return UseCaseResult<FrameworkDetail>.Invalid(errors);
        }

        db.Entry(framework).Property(f => f.Version).OriginalValue = input.Version;
        framework.NameZh = input.NameZh.Trim();
        framework.NameEn = input.NameEn.Trim();
        framework.DescriptionZh = input.DescriptionZh.Trim();
        framework.DescriptionEn = input.DescriptionEn.Trim();
        framework.Source = input.Source.Trim();
        ReplaceIndicators(db, framework, input.Indicators);
        // The version token must change even when only child rows changed, so a concurrent editor is told.
        db.Entry(framework).State = EntityState.Modified;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<FrameworkDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<FrameworkDetail>.Ok(ToDetail(framework));
    }

    /// <summary>
    /// Replaces a draft's nodes with those of an uploaded workbook (<see cref="FrameworkWorkbook"/>): every cell is
    /// checked, then the structure, and nothing changes unless all of it holds.
    /// </summary>
    public async Task<UseCaseResult<FrameworkDetail>> ImportDraftAsync(
        ClaimsPrincipal user, AuditActor actor, Guid id, Stream file, string fileName, Guid version, CancellationToken cancellationToken = default)
    {
        if (!await AllowedAsync(user, Operations.Edit))
        {
            return UseCaseResult<FrameworkDetail>.Forbidden();
        }
        var current = await GetAsync(user, id, cancellationToken);
        if (!current.Succeeded)
        {
            return current;
        }
        var (nodes, errors) = FrameworkWorkbook.Read(file, fileName);
        if (errors.Count > 0)
        {
            return UseCaseResult<FrameworkDetail>.Invalid(errors);
        }
        var detail = current.Value!;
        return await UpdateDraftAsync(user, actor, id, new FrameworkInput
        {
            NameZh = detail.NameZh, NameEn = detail.NameEn, DescriptionZh = detail.DescriptionZh, DescriptionEn = detail.DescriptionEn,
            Source = detail.Source, Indicators = nodes, Version = version,
        }, cancellationToken);
    }

    /// <summary>Publishes a draft: from then on it is frozen and rounds may use it.</summary>
    public async Task<UseCaseResult<FrameworkDetail>> PublishAsync(ClaimsPrincipal user, AuditActor actor, Guid id, Guid version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!await AllowedAsync(user, Operations.Publish))
        {
            return UseCaseResult<FrameworkDetail>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var framework = await LoadAsync(db, id, tracking: true, cancellationToken);
        if (framework is null)
        {
            return UseCaseResult<FrameworkDetail>.NotFound();
        }
        if (framework.Status != FrameworkStatus.Draft)
        {
            return UseCaseResult<FrameworkDetail>.Invalid("", new UserMessage("FrameworkFrozen", framework.Family, framework.VersionNumber));
        }
        var errors = Validate(new FrameworkInput
        {
            NameZh = framework.NameZh, NameEn = framework.NameEn, Indicators = framework.Indicators.Select(IndicatorInput.From).ToList(),
        });
        if (errors.Count > 0)
        {
            return UseCaseResult<FrameworkDetail>.Invalid(errors);
        }
        db.Entry(framework).Property(f => f.Version).OriginalValue = version;
        framework.Status = FrameworkStatus.Published;
        framework.PublishedUtc = db.UtcNow;
        framework.PublishedBy = actor.UserName;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<FrameworkDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<FrameworkDetail>.Ok(ToDetail(framework));
    }

    /// <summary>Discards a draft version.</summary>
    public async Task<UseCaseResult<bool>> DeleteDraftAsync(ClaimsPrincipal user, AuditActor actor, Guid id, Guid version, CancellationToken cancellationToken = default)
    {
        if (!await AllowedAsync(user, Operations.Edit))
        {
            return UseCaseResult<bool>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var framework = await LoadAsync(db, id, tracking: true, cancellationToken);
        if (framework is null)
        {
            return UseCaseResult<bool>.NotFound();
        }
        if (framework.Status != FrameworkStatus.Draft)
        {
            return UseCaseResult<bool>.Invalid("", new UserMessage("FrameworkFrozen", framework.Family, framework.VersionNumber));
        }
        db.Entry(framework).Property(f => f.Version).OriginalValue = version;
        db.EvaluationFrameworks.Remove(framework);
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

    /// <summary>
    /// The framework as the engine sees it. A weight the source does not give counts as 1 (equal among siblings).
    /// </summary>
    public static IndicatorFramework ToEngine(IEnumerable<IndicatorInput> indicators) =>
        IndicatorFramework.Create(indicators.Select(i => new FrameworkNode(
            i.Code, i.NameZh, i.Level, i.ParentCode, i.Weight ?? 1, i.Direction,
            i.Level == 1 ? NodeKind.Indicator : NodeKind.Aggregate, Target: i.Target, Unit: i.Unit)));

    /// <summary>Every problem at once, each naming the node (by code) and the field.</summary>
    internal static List<FieldError> Validate(FrameworkInput input)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.NameZh))
        {
            errors.Add(new(nameof(input.NameZh), new UserMessage("Required", nameof(input.NameZh))));
        }
        var nodes = input.Indicators;
        if (nodes.Count == 0)
        {
            errors.Add(new(nameof(input.Indicators), new UserMessage("FrameworkEmpty")));
            return errors;
        }
        var byCode = new Dictionary<string, IndicatorInput>(StringComparer.Ordinal);
        for (var n = 0; n < nodes.Count; n++)
        {
            var node = nodes[n];
            var where = $"{nameof(input.Indicators)}[{n}]";
            if (string.IsNullOrWhiteSpace(node.Code) || node.Code.Length > 40 || node.Code.Any(c => char.IsWhiteSpace(c) || c == ','))
            {
                errors.Add(new(where + ".Code", new UserMessage("IndicatorCodeInvalid", node.Code ?? "")));
                continue;
            }
            if (!byCode.TryAdd(node.Code, node))
            {
                errors.Add(new(where + ".Code", new UserMessage("IndicatorCodeDuplicate", node.Code)));
            }
            if (string.IsNullOrWhiteSpace(node.NameZh))
            {
                errors.Add(new(where + ".NameZh", new UserMessage("IndicatorFieldRequired", node.Code, "NameZh")));
            }
            if (node.Direction is not (1 or -1))
            {
                errors.Add(new(where + ".Direction", new UserMessage("IndicatorDirectionInvalid", node.Code)));
            }
            if (node.Weight is < 0 || (node.Weight is { } w && !double.IsFinite(w)))
            {
                errors.Add(new(where + ".Weight", new UserMessage("IndicatorWeightInvalid", node.Code)));
            }
            if (node.Level < 1)
            {
                errors.Add(new(where + ".Level", new UserMessage("IndicatorLevelInvalid", node.Code)));
            }
        }
        for (var n = 0; n < nodes.Count; n++)
        {
            var node = nodes[n];
            if (node.ParentCode is null or "")
            {
                continue;
            }
            if (!byCode.TryGetValue(node.ParentCode, out var parent))
            {
                errors.Add(new($"{nameof(input.Indicators)}[{n}].ParentCode", new UserMessage("IndicatorParentUnknown", node.Code, node.ParentCode)));
            }
            else if (parent.Level <= node.Level)
            {
                errors.Add(new($"{nameof(input.Indicators)}[{n}].ParentCode", new UserMessage("IndicatorParentLevel", node.Code, node.ParentCode)));
            }
        }
        if (errors.Count == 0)
        {
            try
            {
                ToEngine(nodes);
            }
            catch (FrameworkException e)
            {
                errors.AddRange(e.Problems.Select(p => new FieldError(nameof(input.Indicators), new UserMessage("FrameworkInvalid", p))));
            }
        }
        return errors;
    }

    private static void ReplaceIndicators(ZjDbContext db, EvaluationFramework framework, IReadOnlyList<IndicatorInput> wanted)
    {
        // Rows keep their identity where the code stays, so the audit trail shows field changes rather than delete + create.
        var current = framework.Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var keep = new HashSet<string>(wanted.Select(w => w.Code), StringComparer.Ordinal);
        foreach (var gone in framework.Indicators.Where(i => !keep.Contains(i.Code)).ToList())
        {
            framework.Indicators.Remove(gone);
            db.EvaluationIndicators.Remove(gone);
        }
        for (var n = 0; n < wanted.Count; n++)
        {
            var w = wanted[n];
            if (current.TryGetValue(w.Code, out var row))
            {
                Copy(w, row, n);
            }
            else
            {
                framework.Indicators.Add(ToEntity(w, n));
            }
        }
    }

    private static EvaluationIndicator ToEntity(IndicatorInput input, int sortOrder)
    {
        var row = new EvaluationIndicator { Code = input.Code.Trim(), NameZh = input.NameZh.Trim() };
        Copy(input, row, sortOrder);
        return row;
    }

    private static void Copy(IndicatorInput from, EvaluationIndicator to, int sortOrder)
    {
        to.NameZh = from.NameZh.Trim();
        to.NameEn = from.NameEn.Trim();
        to.Level = from.Level;
        to.ParentCode = string.IsNullOrWhiteSpace(from.ParentCode) ? null : from.ParentCode.Trim();
        to.SortOrder = sortOrder;
        to.Weight = from.Weight;
        to.Direction = from.Direction;
        to.Unit = from.Unit.Trim();
        to.Target = from.Target;
        to.DefinitionZh = from.DefinitionZh.Trim();
        to.DefinitionEn = from.DefinitionEn.Trim();
        to.Formula = from.Formula.Trim();
        to.DataSource = from.DataSource;
        to.CompareInternational = from.CompareInternational;
        to.CompareDomestic = from.CompareDomestic;
        to.ShanghaiCharacteristic = from.ShanghaiCharacteristic;
        to.Source = from.Source.Trim();
    }

    internal static async Task<EvaluationFramework?> LoadAsync(ZjDbContext db, Guid id, bool tracking, CancellationToken cancellationToken)
    {
        var query = db.EvaluationFrameworks.Include(f => f.Indicators).AsQueryable();
        if (!tracking)
        {
            query = query.AsNoTracking();
        }
        return await query.SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
    }

    internal static FrameworkDetail ToDetail(EvaluationFramework f) => new(
        f.Id, f.Family, f.VersionNumber, f.NameZh, f.NameEn, f.DescriptionZh, f.DescriptionEn, f.Source, f.Status, f.PublishedUtc,
        f.PublishedBy, f.Indicators.OrderBy(i => i.SortOrder).Select(IndicatorInput.From).ToList(), f.Version);

    private async Task<bool> AllowedAsync(ClaimsPrincipal user, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, Resource, operation)).Succeeded;
}
