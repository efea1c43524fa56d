using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Parks;

public sealed record IndustryView(string NameZh, string NameEn, string Source);
public sealed record InitiativeView(string NameZh, string NameEn, string StatusZh, string StatusEn, string Source);
public sealed record AgencyView(string CreditCode, string NameZh, string? NameEn);

public sealed record ParkSummary(
    string Code, string NameZh, string NameEn, string DistrictCode, string DistrictNameZh, string DistrictNameEn,
    IReadOnlyList<IndustryView> LeadingIndustries, PlanStatus PlanStatus, int? PlanTargetYear,
    AgencyView? ManagementAgency, AgencyView? OperatingAgency);

public sealed record ParkDetail(
    string Code, string NameZh, string NameEn, string DistrictCode, string DistrictNameZh, string DistrictNameEn, string DistrictSource,
    IReadOnlyList<IndustryView> LeadingIndustries, IReadOnlyList<InitiativeView> Initiatives,
    string PlanSummaryZh, string PlanSummaryEn, int? PlanTargetYear, PlanStatus PlanStatus, string PlanSource, string PlanStatusSource,
    string? AreaKm2Note, string? Address, string? Website, string? ProfileZh, string? ProfileEn,
    AgencyView? ManagementAgency, AgencyView? OperatingAgency, Guid Version);

public sealed record ParkFilter(string? DistrictCode = null, string? Industry = null, string? Search = null);

/// <summary>Read side of the park registry: what the city publishes about its parks.</summary>
public sealed class ParkDirectory(IDbContextFactory<ZjDbContext> contexts)
{
    public async Task<IReadOnlyList<ParkSummary>> ListAsync(ParkFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // 22 parks: filtering in memory keeps the matching identical (and case-insensitive) on both providers.
        var rows = await db.Parks.AsNoTracking()
            .Include(p => p.District).Include(p => p.LeadingIndustries)
            .Include(p => p.ManagementAgency).Include(p => p.OperatingAgency)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        IEnumerable<Park> matching = rows;
        if (!string.IsNullOrWhiteSpace(filter.DistrictCode))
        {
            matching = matching.Where(p => p.DistrictCode == filter.DistrictCode);
        }
        if (!string.IsNullOrWhiteSpace(filter.Industry))
        {
            var industry = filter.Industry.Trim();
            matching = matching.Where(p => p.LeadingIndustries.Any(i => Has(i.NameZh, industry) || Has(i.NameEn, industry)));
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var text = filter.Search.Trim();
            matching = matching.Where(p => Has(p.NameZh, text) || Has(p.NameEn, text) || Has(p.Code, text));
        }
        return matching
            .OrderBy(p => p.DistrictCode, StringComparer.Ordinal).ThenBy(p => p.Code, StringComparer.Ordinal)
            .Select(p => new ParkSummary(
                p.Code, p.NameZh, p.NameEn, p.DistrictCode, p.District!.NameZh, p.District.NameEn,
                Industries(p), p.PlanStatus, p.PlanTargetYear, Agency(p.ManagementAgency), Agency(p.OperatingAgency)))
            .ToList();
    }

    public async Task<ParkDetail?> GetAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var p = await db.Parks.AsNoTracking()
            .Include(x => x.District).Include(x => x.LeadingIndustries).Include(x => x.Initiatives)
            .Include(x => x.ManagementAgency).Include(x => x.OperatingAgency)
            .AsSplitQuery()
            .SingleOrDefaultAsync(x => x.Code == code, cancellationToken);
        return p is null ? null : ToDetail(p);
    }

    public async Task<IReadOnlyList<District>> DistrictsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Districts.AsNoTracking().OrderBy(d => d.Code).ToListAsync(cancellationToken);
    }

    /// <summary>Distinct leading industries, for the list filter.</summary>
    public async Task<IReadOnlyList<IndustryView>> IndustriesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var all = await db.ParkLeadingIndustries.AsNoTracking().ToListAsync(cancellationToken);
        return all.GroupBy(i => i.NameZh, StringComparer.Ordinal)
            .Select(g => new IndustryView(g.Key, g.First().NameEn, ""))
            .OrderBy(i => i.NameEn, StringComparer.Ordinal)
            .ToList();
    }

    private static bool Has(string value, string part) => value.Contains(part, StringComparison.OrdinalIgnoreCase);

    internal static ParkDetail ToDetail(Park p) => new(
        p.Code, p.NameZh, p.NameEn, p.DistrictCode, p.District!.NameZh, p.District.NameEn, p.DistrictSource,
        Industries(p),
        p.Initiatives.OrderBy(i => i.Id).Select(i => new InitiativeView(i.NameZh, i.NameEn, i.StatusZh, i.StatusEn, i.Source)).ToList(),
        p.PlanSummaryZh, p.PlanSummaryEn, p.PlanTargetYear, p.PlanStatus, p.PlanSource, p.PlanStatusSource,
        p.AreaKm2Note, p.Address, p.Website, p.ProfileZh, p.ProfileEn,
        Agency(p.ManagementAgency), Agency(p.OperatingAgency), p.Version);

    private static List<IndustryView> Industries(Park p) =>
        p.LeadingIndustries.OrderBy(i => i.SortOrder).Select(i => new IndustryView(i.NameZh, i.NameEn, i.Source)).ToList();

    private static AgencyView? Agency(Organisations.Organisation? o) => o is null ? null : new AgencyView(o.CreditCode, o.NameZh, o.NameEn);
}
