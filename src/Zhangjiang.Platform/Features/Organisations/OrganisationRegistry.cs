using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Platform.Features.Organisations;

public sealed record OrganisationView(
    string CreditCode, string NameZh, string? NameEn, OrganisationKind Kind, string? ParkCode, string? DistrictCode,
    string? Address, string? Note, Guid Version);

public sealed record OrganisationInput
{
    public string CreditCode { get; init; } = "";
    public string NameZh { get; init; } = "";
    public string? NameEn { get; init; }
    public OrganisationKind Kind { get; init; } = OrganisationKind.Enterprise;
    public string? ParkCode { get; init; }
    public string? DistrictCode { get; init; }
    public string? Address { get; init; }
    public string? Note { get; init; }
    public Guid Version { get; init; }
}

public sealed record OrganisationFilter(OrganisationKind? Kind = null, string? ParkCode = null, string? Search = null);

/// <summary>The registry of organisations keyed by 统一社会信用代码. Lists are filtered by the caller's scope.</summary>
public sealed class OrganisationRegistry(IDbContextFactory<ZjDbContext> contexts, IAuthorizationService authorization)
{
    public async Task<IReadOnlyList<OrganisationView>> ListAsync(ClaimsPrincipal user, OrganisationFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = ScopedQuery(db, user);
        if (filter.Kind is { } kind)
        {
            query = query.Where(o => o.Kind == kind);
        }
        if (!string.IsNullOrWhiteSpace(filter.ParkCode))
        {
            query = query.Where(o => o.ParkCode == filter.ParkCode);
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var text = filter.Search.Trim();
            var upper = CreditCode.Normalize(text);
            query = query.Where(o => o.NameZh.Contains(text) || (o.NameEn != null && o.NameEn.Contains(text)) || o.CreditCode.StartsWith(upper));
        }
        return await query.OrderBy(o => o.Kind).ThenBy(o => o.NameZh).Take(5000).Select(o => View(o)).ToListAsync(cancellationToken);
    }

    public async Task<UseCaseResult<OrganisationView>> GetAsync(ClaimsPrincipal user, string creditCode, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var code = CreditCode.Normalize(creditCode);
        var o = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(x => x.CreditCode == code, cancellationToken);
        // Out of scope looks the same as absent: no hint that the code exists.
        if (o is null || !(await authorization.AuthorizeAsync(user, o, Operations.Read)).Succeeded)
        {
            return UseCaseResult<OrganisationView>.NotFound();
        }
        return UseCaseResult<OrganisationView>.Ok(View(o));
    }

    public async Task<UseCaseResult<OrganisationView>> CreateAsync(ClaimsPrincipal user, AuditActor actor, OrganisationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var errors = await ValidateAsync(db, input, cancellationToken);
        var check = CreditCode.Check(input.CreditCode);
        if (!check.IsValid)
        {
            errors.Insert(0, new(nameof(input.CreditCode), check.ToMessage()!));
        }
        if (errors.Count > 0)
        {
            return UseCaseResult<OrganisationView>.Invalid(errors);
        }
        var code = CreditCode.Normalize(input.CreditCode);
        var existing = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.CreditCode == code, cancellationToken);
        if (existing is not null)
        {
            return UseCaseResult<OrganisationView>.Conflict(new UserMessage("OrganisationExists", code, existing.NameZh));
        }
        var organisation = new Organisation { CreditCode = code, NameZh = input.NameZh.Trim(), CreatedUtc = db.UtcNow };
        Apply(organisation, input);
        if (!(await authorization.AuthorizeAsync(user, organisation, Operations.Create)).Succeeded)
        {
            return UseCaseResult<OrganisationView>.Forbidden();
        }
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(cancellationToken);
        return UseCaseResult<OrganisationView>.Ok(View(organisation));
    }

    public async Task<UseCaseResult<OrganisationView>> UpdateAsync(
        ClaimsPrincipal user, AuditActor actor, string creditCode, OrganisationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var code = CreditCode.Normalize(creditCode);
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.CreditCode == code, cancellationToken);
        if (organisation is null || !(await authorization.AuthorizeAsync(user, organisation, Operations.Read)).Succeeded)
        {
            return UseCaseResult<OrganisationView>.NotFound();
        }
        if (!(await authorization.AuthorizeAsync(user, organisation, Operations.Edit)).Succeeded)
        {
            return UseCaseResult<OrganisationView>.Forbidden();
        }
        var errors = await ValidateAsync(db, input, cancellationToken);
        if (errors.Count > 0)
        {
            return UseCaseResult<OrganisationView>.Invalid(errors);
        }
        db.Entry(organisation).Property(o => o.Version).OriginalValue = input.Version;
        organisation.NameZh = input.NameZh.Trim();
        // Only the city moves an organisation between parks or changes its kind.
        var scopeBefore = (organisation.Kind, organisation.ParkCode, organisation.DistrictCode);
        Apply(organisation, input);
        if (!user.IsCityWide())
        {
            (organisation.Kind, organisation.ParkCode, organisation.DistrictCode) = scopeBefore;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<OrganisationView>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<OrganisationView>.Ok(View(organisation));
    }

    private static void Apply(Organisation o, OrganisationInput input)
    {
        o.NameEn = Clean(input.NameEn);
        o.Kind = input.Kind;
        o.ParkCode = Clean(input.ParkCode);
        o.DistrictCode = Clean(input.DistrictCode);
        o.Address = Clean(input.Address);
        o.Note = Clean(input.Note);
    }

    private static async Task<List<FieldError>> ValidateAsync(ZjDbContext db, OrganisationInput input, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.NameZh))
        {
            errors.Add(new(nameof(input.NameZh), new UserMessage("Required", nameof(input.NameZh))));
        }
        else if (input.NameZh.Length > 200)
        {
            errors.Add(new(nameof(input.NameZh), new UserMessage("FieldTooLong", nameof(input.NameZh), 200)));
        }
        if (!Enum.IsDefined(input.Kind))
        {
            errors.Add(new(nameof(input.Kind), new UserMessage("Required", nameof(input.Kind))));
        }
        if (!string.IsNullOrWhiteSpace(input.ParkCode) && !await db.Parks.AnyAsync(p => p.Code == input.ParkCode, cancellationToken))
        {
            errors.Add(new(nameof(input.ParkCode), new UserMessage("UnknownPark", input.ParkCode)));
        }
        if (!string.IsNullOrWhiteSpace(input.DistrictCode) && !await db.Districts.AnyAsync(d => d.Code == input.DistrictCode, cancellationToken))
        {
            errors.Add(new(nameof(input.DistrictCode), new UserMessage("UnknownDistrict", input.DistrictCode)));
        }
        return errors;
    }

    private static IQueryable<Organisation> ScopedQuery(ZjDbContext db, ClaimsPrincipal user)
    {
        var all = db.Organisations.AsNoTracking();
        if (user.IsCityWide())
        {
            return all;
        }
        var park = user.IsInRole(Roles.ParkManager) ? user.ParkScope() : null;
        var district = user.IsInRole(Roles.DistrictOfficer) ? user.DistrictScope() : null;
        var own = user.IsInRole(Roles.Operator) || user.IsInRole(Roles.Enterprise) ? user.OrganisationScope() : null;
        return all.Where(o => (park != null && o.ParkCode == park)
                              || (district != null && o.DistrictCode == district)
                              || (own != null && o.CreditCode == own));
    }

    private static OrganisationView View(Organisation o) =>
        new(o.CreditCode, o.NameZh, o.NameEn, o.Kind, o.ParkCode, o.DistrictCode, o.Address, o.Note, o.Version);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
