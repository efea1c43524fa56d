using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;

namespace Zhangjiang.Platform.Features.Evaluation;

public sealed record BenchmarkValueInput(string IndicatorCode, double Value, string Source);

/// <summary>A reference entity as shown and as edited; every value carries its own source.</summary>
public sealed record BenchmarkEntityInput
{
    public BenchmarkGroup Group { get; init; }
    public required string NameZh { get; init; }
    public required string NameEn { get; init; }
    public string Country { get; init; } = "";
    public int Year { get; init; }
    public string Note { get; init; } = "";
    public IReadOnlyList<BenchmarkValueInput> Values { get; init; } = [];
    public Guid Version { get; init; }
}

public sealed record BenchmarkEntityView(
    Guid Id, BenchmarkGroup Group, string NameZh, string NameEn, string Country, int Year, string Note,
    IReadOnlyList<BenchmarkValueInput> Values, Guid Version);

/// <summary>
/// The benchmark groups' reference entities (对标国际一流: foreign first-class parks; 对比国内先进: leading national
/// zones), each for a year with sourced values per indicator. Everyone signed in reads them; CityAdmin edits.
/// </summary>
public sealed class BenchmarkLibrary(IDbContextFactory<ZjDbContext> contexts, IAuthorizationService authorization)
{
    private static readonly FrameworkResource Resource = new();

    public async Task<UseCaseResult<IReadOnlyList<BenchmarkEntityView>>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!(await authorization.AuthorizeAsync(user, Resource, Operations.Read)).Succeeded)
        {
            return UseCaseResult<IReadOnlyList<BenchmarkEntityView>>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entities = await db.BenchmarkEntities.AsNoTracking().Include(e => e.Values)
            .OrderBy(e => e.Group).ThenByDescending(e => e.Year).ThenBy(e => e.NameZh).ToListAsync(cancellationToken);
        return UseCaseResult<IReadOnlyList<BenchmarkEntityView>>.Ok(entities.Select(ToView).ToList());
    }

    /// <summary>Creates (id null) or replaces a reference entity and its values after checking them whole.</summary>
    public async Task<UseCaseResult<BenchmarkEntityView>> SaveAsync(
        ClaimsPrincipal user, AuditActor actor, Guid? id, BenchmarkEntityInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!(await authorization.AuthorizeAsync(user, Resource, Operations.Edit)).Succeeded)
        {
            return UseCaseResult<BenchmarkEntityView>.Forbidden();
        }
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return UseCaseResult<BenchmarkEntityView>.Invalid(errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        BenchmarkEntity? entity;
        if (id is { } existing)
        {
            entity = await db.BenchmarkEntities.Include(e => e.Values).SingleOrDefaultAsync(e => e.Id == existing, cancellationToken);
            if (entity is null)
            {
                return UseCaseResult<BenchmarkEntityView>.NotFound();
            }
            db.Entry(entity).Property(e => e.Version).OriginalValue = input.Version;
            db.Entry(entity).State = EntityState.Modified;
        }
        else
        {
            entity = new BenchmarkEntity { Id = Guid.NewGuid(), NameZh = "", NameEn = "" };
            db.BenchmarkEntities.Add(entity);
        }
        entity.Group = input.Group;
        entity.NameZh = input.NameZh.Trim();
        entity.NameEn = input.NameEn.Trim();
        entity.Country = input.Country.Trim();
        entity.Year = input.Year;
        entity.Note = input.Note.Trim();
        var byCode = entity.Values.ToDictionary(v => v.IndicatorCode, StringComparer.Ordinal);
        var wanted = input.Values.ToDictionary(v => v.IndicatorCode.Trim(), StringComparer.Ordinal);
        foreach (var gone in entity.Values.Where(v => !wanted.ContainsKey(v.IndicatorCode)).ToList())
        {
            entity.Values.Remove(gone);
            db.BenchmarkValues.Remove(gone);
        }
        foreach (var (code, value) in wanted)
        {
            if (byCode.TryGetValue(code, out var row))
            {
                row.Value = value.Value;
                row.Source = value.Source.Trim();
            }
            else
            {
                entity.Values.Add(new BenchmarkValue { IndicatorCode = code, Value = value.Value, Source = value.Source.Trim() });
            }
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<BenchmarkEntityView>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<BenchmarkEntityView>.Ok(ToView(entity));
    }

    public async Task<UseCaseResult<bool>> DeleteAsync(ClaimsPrincipal user, AuditActor actor, Guid id, Guid version, CancellationToken cancellationToken = default)
    {
        if (!(await authorization.AuthorizeAsync(user, Resource, Operations.Edit)).Succeeded)
        {
            return UseCaseResult<bool>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var entity = await db.BenchmarkEntities.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entity is null)
        {
            return UseCaseResult<bool>.NotFound();
        }
        db.Entry(entity).Property(e => e.Version).OriginalValue = version;
        db.BenchmarkEntities.Remove(entity);
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

    private static List<FieldError> Validate(BenchmarkEntityInput input)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.NameZh) || input.NameZh.Length > 200)
        {
            errors.Add(new(nameof(input.NameZh), new UserMessage("Required", nameof(input.NameZh))));
        }
        if (input.Year is < 1990 or > 2100)
        {
            errors.Add(new(nameof(input.Year), new UserMessage("Required", nameof(input.Year))));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var n = 0; n < input.Values.Count; n++)
        {
            var v = input.Values[n];
            var field = $"{nameof(input.Values)}[{n}]";
            if (string.IsNullOrWhiteSpace(v.IndicatorCode) || !seen.Add(v.IndicatorCode.Trim()))
            {
                errors.Add(new(field, new UserMessage("IndicatorCodeDuplicate", v.IndicatorCode ?? "")));
            }
            if (!double.IsFinite(v.Value))
            {
                errors.Add(new(field, new UserMessage("SubmissionValueNotFinite", v.IndicatorCode ?? "")));
            }
            if (string.IsNullOrWhiteSpace(v.Source))
            {
                errors.Add(new(field, new UserMessage("BenchmarkSourceRequired", v.IndicatorCode ?? "")));
            }
        }
        return errors;
    }

    private static BenchmarkEntityView ToView(BenchmarkEntity e) => new(
        e.Id, e.Group, e.NameZh, e.NameEn, e.Country, e.Year, e.Note,
        e.Values.OrderBy(v => v.IndicatorCode, StringComparer.Ordinal).Select(v => new BenchmarkValueInput(v.IndicatorCode, v.Value, v.Source)).ToList(), e.Version);
}
