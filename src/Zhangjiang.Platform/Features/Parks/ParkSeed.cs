using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;

namespace Zhangjiang.Platform.Features.Parks;

/// <summary>
/// Loads data/seed/parks.json (embedded in this assembly) into an empty or partly filled database. Rows that
/// exist are left alone: after the first start the parks belong to their editors, not to the seed file.
/// </summary>
public static class ParkSeed
{
    public static SeedDocument Load()
    {
        return SeedFile.Read<SeedDocument>("parks.json");
    }

    /// <summary>Adds the districts and parks that are missing. Returns how many parks were added.</summary>
    public static async Task<int> ApplyAsync(ZjDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var seed = Load();
        var knownDistricts = await db.Districts.Select(d => d.Code).ToListAsync(cancellationToken);
        foreach (var d in seed.Districts.Where(d => !knownDistricts.Contains(d.Code)))
        {
            db.Districts.Add(new District { Code = d.Code, NameZh = d.NameZh, NameEn = d.NameEn, Source = d.Source });
        }
        var knownParks = await db.Parks.Select(p => p.Code).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var p in seed.Parks.Where(p => !knownParks.Contains(p.Code)))
        {
            added++;
            db.Parks.Add(new Park
            {
                Code = p.Code,
                NameZh = p.NameZh,
                NameEn = p.NameEn,
                DistrictCode = p.DistrictCode,
                DistrictSource = p.DistrictSource,
                PlanSummaryZh = p.PlanSummaryZh,
                PlanSummaryEn = p.PlanSummaryEn,
                PlanSource = p.PlanSource,
                PlanTargetYear = p.PlanTargetYear,
                PlanStatus = Enum.Parse<PlanStatus>(p.PlanStatus),
                PlanStatusSource = p.PlanStatusSource,
                LeadingIndustries = p.LeadingIndustries.Select((i, n) => new ParkLeadingIndustry
                {
                    ParkCode = p.Code, NameZh = i.NameZh, NameEn = i.NameEn, Source = i.Source, SortOrder = n,
                }).ToList(),
                Initiatives = p.Initiatives.Select(i => new ParkInitiative
                {
                    ParkCode = p.Code, NameZh = i.NameZh, NameEn = i.NameEn, StatusZh = i.StatusZh, StatusEn = i.StatusEn, Source = i.Source,
                }).ToList(),
            });
        }
        if (db.ChangeTracker.HasChanges())
        {
            db.Actor ??= AuditActor.System;
            await db.SaveChangesAsync(cancellationToken);
        }
        return added;
    }

    public sealed record SeedDocument(string About, List<SeedDistrict> Districts, List<SeedPark> Parks);
    public sealed record SeedDistrict(string Code, string NameZh, string NameEn, string Source);
    public sealed record SeedIndustry(string NameZh, string NameEn, string Source);
    public sealed record SeedInitiative(string NameZh, string NameEn, string StatusZh, string StatusEn, string Source);
    public sealed record SeedPark(
        string Code, string NameZh, string NameEn, string DistrictCode, string DistrictSource,
        List<SeedIndustry> LeadingIndustries, string PlanSummaryZh, string PlanSummaryEn, string PlanSource,
        int? PlanTargetYear, string PlanStatus, string PlanStatusSource, List<SeedInitiative> Initiatives);
}
