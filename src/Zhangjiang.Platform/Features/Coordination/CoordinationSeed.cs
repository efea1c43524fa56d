using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;

namespace Zhangjiang.Platform.Features.Coordination;

/// <summary>
/// Seeds, for each district with a sub-park, the mechanism the seed asks for ("推动各分园建立以区主要领导牵头的区级统筹协调
/// 机制"): led by the district's principal leaders, covering the district's parks. Names, members and dates are not in
/// the seed and are left for the district to fill in.
/// </summary>
public static class CoordinationSeed
{
    public const string Source = "seed:000_fcb6976a21c0d86c.txt § 强化区级责任主体";

    public static async Task<int> ApplyAsync(ZjDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var present = await db.DistrictMechanisms.Select(m => m.DistrictCode).ToListAsync(cancellationToken);
        var parks = await db.Parks.AsNoTracking().Where(p => !present.Contains(p.DistrictCode)).OrderBy(p => p.Code)
            .Select(p => new { p.Code, p.DistrictCode }).ToListAsync(cancellationToken);
        if (parks.Count == 0)
        {
            return 0;
        }
        var now = db.UtcNow;
        foreach (var district in parks.GroupBy(p => p.DistrictCode))
        {
            db.DistrictMechanisms.Add(new DistrictMechanism
            {
                DistrictCode = district.Key, LeaderTitle = "区主要领导", ParkCodes = string.Join(',', district.Select(p => p.Code)),
                Remit = "谋划园区发展重大项目，做实分园管理机构，做强园区运营机构", Source = Source, UpdatedUtc = now, UpdatedBy = "seed",
            });
        }
        db.Actor ??= AuditActor.System;
        await db.SaveChangesAsync(cancellationToken);
        return parks.Select(p => p.DistrictCode).Distinct().Count();
    }
}
