using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Organisations;

namespace Zhangjiang.Platform.Features.Parks;

/// <summary>The fields of a park's profile its editors may change. Anything else a client sends is ignored.</summary>
public sealed record ParkProfileInput
{
    public string? AreaKm2Note { get; init; }
    public string? Address { get; init; }
    public string? Website { get; init; }
    public string? ProfileZh { get; init; }
    public string? ProfileEn { get; init; }
    public string? PlanSummaryZh { get; init; }
    public string? PlanSummaryEn { get; init; }
    public int? PlanTargetYear { get; init; }
    public string? ManagementAgencyCreditCode { get; init; }
    public string? OperatingAgencyCreditCode { get; init; }
    public IReadOnlyList<IndustryInput>? LeadingIndustries { get; init; }

    /// <summary>The version the editor started from; a different current version means someone else saved first.</summary>
    public Guid Version { get; init; }

    public static ParkProfileInput From(ParkDetail p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            AreaKm2Note = p.AreaKm2Note, Address = p.Address, Website = p.Website, ProfileZh = p.ProfileZh, ProfileEn = p.ProfileEn,
            PlanSummaryZh = p.PlanSummaryZh, PlanSummaryEn = p.PlanSummaryEn, PlanTargetYear = p.PlanTargetYear,
            ManagementAgencyCreditCode = p.ManagementAgency?.CreditCode, OperatingAgencyCreditCode = p.OperatingAgency?.CreditCode,
            LeadingIndustries = p.LeadingIndustries.Select(i => new IndustryInput(i.NameZh, i.NameEn)).ToList(),
            Version = p.Version,
        };
    }
}

public sealed record IndustryInput(string NameZh, string NameEn);

/// <summary>Edits a park's profile: CityAdmin any park, a ParkManager their own (see <see cref="ParkAuthorizationHandler"/>).</summary>
public sealed class ParkProfileEditor(IDbContextFactory<ZjDbContext> contexts, IAuthorizationService authorization)
{
    public async Task<UseCaseResult<ParkDetail>> UpdateAsync(
        ClaimsPrincipal user, AuditActor actor, string code, ParkProfileInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var park = await db.Parks
            .Include(p => p.District).Include(p => p.LeadingIndustries).Include(p => p.Initiatives)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Code == code, cancellationToken);
        if (park is null)
        {
            return UseCaseResult<ParkDetail>.NotFound();
        }
        if (!(await authorization.AuthorizeAsync(user, new ParkResource(park.Code), Operations.Edit)).Succeeded)
        {
            return UseCaseResult<ParkDetail>.Forbidden();
        }

        var errors = new List<FieldError>();
        var management = await AgencyAsync(db, input.ManagementAgencyCreditCode, OrganisationKind.ManagementAgency,
            nameof(input.ManagementAgencyCreditCode), errors, cancellationToken);
        var operating = await AgencyAsync(db, input.OperatingAgencyCreditCode, OrganisationKind.OperatingAgency,
            nameof(input.OperatingAgencyCreditCode), errors, cancellationToken);
        Limit(errors, nameof(input.AreaKm2Note), input.AreaKm2Note, 200);
        Limit(errors, nameof(input.Address), input.Address, 200);
        Limit(errors, nameof(input.Website), input.Website, 300);
        Limit(errors, nameof(input.ProfileZh), input.ProfileZh, 4000);
        Limit(errors, nameof(input.ProfileEn), input.ProfileEn, 8000);
        Limit(errors, nameof(input.PlanSummaryZh), input.PlanSummaryZh, 2000);
        Limit(errors, nameof(input.PlanSummaryEn), input.PlanSummaryEn, 4000);
        if (!string.IsNullOrWhiteSpace(input.Website)
            && !input.Website.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            && !input.Website.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new(nameof(input.Website), new UserMessage("InvalidWebsite")));
        }
        if (input.PlanTargetYear is < 2000 or > 2100)
        {
            errors.Add(new(nameof(input.PlanTargetYear), new UserMessage("Required", nameof(input.PlanTargetYear))));
        }
        var industries = (input.LeadingIndustries ?? []).Where(i => !string.IsNullOrWhiteSpace(i.NameZh)).ToList();
        for (var n = 0; n < industries.Count; n++)
        {
            Limit(errors, $"{nameof(input.LeadingIndustries)}[{n}]", industries[n].NameZh, 100);
        }
        if (errors.Count > 0)
        {
            return UseCaseResult<ParkDetail>.Invalid(errors);
        }

        db.Entry(park).Property(p => p.Version).OriginalValue = input.Version;
        park.AreaKm2Note = Clean(input.AreaKm2Note);
        park.Address = Clean(input.Address);
        park.Website = Clean(input.Website);
        park.ProfileZh = Clean(input.ProfileZh);
        park.ProfileEn = Clean(input.ProfileEn);
        if (!string.Equals(park.PlanSummaryZh, input.PlanSummaryZh ?? "", StringComparison.Ordinal)
            || !string.Equals(park.PlanSummaryEn, input.PlanSummaryEn ?? "", StringComparison.Ordinal)
            || park.PlanTargetYear != input.PlanTargetYear)
        {
            park.PlanSummaryZh = input.PlanSummaryZh?.Trim() ?? "";
            park.PlanSummaryEn = input.PlanSummaryEn?.Trim() ?? "";
            park.PlanTargetYear = input.PlanTargetYear;
            park.PlanSource = EditedSource(db, actor);
        }
        park.ManagementAgencyCreditCode = management?.CreditCode;
        park.OperatingAgencyCreditCode = operating?.CreditCode;
        ReplaceIndustries(db, park, industries, actor);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<ParkDetail>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        park.ManagementAgency = management;
        park.OperatingAgency = operating;
        return UseCaseResult<ParkDetail>.Ok(ParkDirectory.ToDetail(park));
    }

    private static void ReplaceIndustries(ZjDbContext db, Park park, List<IndustryInput> wanted, AuditActor actor)
    {
        var current = park.LeadingIndustries.OrderBy(i => i.SortOrder).ToList();
        var same = current.Count == wanted.Count && current.Zip(wanted).All(pair =>
            string.Equals(pair.First.NameZh, pair.Second.NameZh.Trim(), StringComparison.Ordinal)
            && string.Equals(pair.First.NameEn, (pair.Second.NameEn ?? "").Trim(), StringComparison.Ordinal));
        if (same)
        {
            return;
        }
        // Kept rows keep their source; new ones cite the editor.
        var bySource = current.ToDictionary(i => i.NameZh, i => i.Source, StringComparer.Ordinal);
        db.ParkLeadingIndustries.RemoveRange(current);
        park.LeadingIndustries.Clear();
        for (var n = 0; n < wanted.Count; n++)
        {
            var zh = wanted[n].NameZh.Trim();
            park.LeadingIndustries.Add(new ParkLeadingIndustry
            {
                ParkCode = park.Code,
                NameZh = zh,
                NameEn = (wanted[n].NameEn ?? "").Trim(),
                SortOrder = n,
                Source = bySource.TryGetValue(zh, out var source) ? source : EditedSource(db, actor),
            });
        }
    }

    private static string EditedSource(ZjDbContext db, AuditActor actor) =>
        string.Create(CultureInfo.InvariantCulture, $"edited by {actor.UserName} on {db.UtcNow:yyyy-MM-dd} (see audit trail)");

    private static async Task<Organisation?> AgencyAsync(
        ZjDbContext db, string? creditCode, OrganisationKind kind, string field, List<FieldError> errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(creditCode))
        {
            return null;
        }
        var check = CreditCode.Check(creditCode);
        if (!check.IsValid)
        {
            errors.Add(new(field, check.ToMessage()!));
            return null;
        }
        var code = CreditCode.Normalize(creditCode);
        var organisation = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.CreditCode == code, cancellationToken);
        if (organisation is null)
        {
            errors.Add(new(field, new UserMessage("OrganisationNotFound", code)));
        }
        else if (organisation.Kind != kind)
        {
            errors.Add(new(field, new UserMessage("OrganisationWrongKind", code, new UserMessage("OrganisationKind." + kind))));
        }
        return organisation;
    }

    private static void Limit(List<FieldError> errors, string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            errors.Add(new(field, new UserMessage("FieldTooLong", field, max)));
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
