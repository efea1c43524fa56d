using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Notifications;

namespace Zhangjiang.Platform.Features.Linkage;

/// <summary>A city department that can lead or join a linkage item.</summary>
public sealed record CityDepartment(string Code, string NameZh, string NameEn);

/// <summary>
/// The city departments that lead linkage items. A short fixed list: the units the zone's coordination work names
/// (the science commission leads; the zone office coordinates), plus the departments whose policies the items touch.
/// </summary>
public static class CityDepartments
{
    public static readonly IReadOnlyList<CityDepartment> All =
    [
        new("zjoffice", "上海张江高新区管委会", "Shanghai Zhangjiang High-tech Zone Administrative Committee"),
        new("stcsm", "上海市科学技术委员会", "Science and Technology Commission of Shanghai Municipality"),
        new("drc", "上海市发展和改革委员会", "Shanghai Municipal Development and Reform Commission"),
        new("eitc", "上海市经济和信息化委员会", "Shanghai Municipal Commission of Economy and Informatization"),
        new("plan", "上海市规划和自然资源局", "Shanghai Municipal Bureau of Planning and Natural Resources"),
        new("commerce", "上海市商务委员会", "Shanghai Municipal Commission of Commerce"),
        new("finance", "上海市财政局", "Shanghai Municipal Finance Bureau"),
        new("hrss", "上海市人力资源和社会保障局", "Shanghai Municipal Human Resources and Social Security Bureau"),
    ];

    public static CityDepartment? Find(string code) => All.FirstOrDefault(d => d.Code == code);
}

/// <summary>A unit's key and its display names.</summary>
public sealed record UnitRef(LinkageUnitKind Kind, string Code, string NameZh, string NameEn);

/// <summary>Who sees and acts on linkage items (ADR 0015): each unit is acted for by its own people, the city sees all.</summary>
internal static class LinkageAccess
{
    /// <summary>City departments by city staff; a district by its officers; a park by its managers.</summary>
    public static bool ActsFor(ClaimsPrincipal user, LinkageUnitKind kind, string code) => kind switch
    {
        LinkageUnitKind.CityDepartment => user.IsCityWide(),
        LinkageUnitKind.District => user.IsInRole(Roles.DistrictOfficer) && string.Equals(user.DistrictScope(), code, StringComparison.Ordinal),
        LinkageUnitKind.Park => user.IsInRole(Roles.ParkManager) && string.Equals(user.ParkScope(), code, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>
    /// The items a user may read: all for the city; for others, the assigned items where they act for a unit — and, for a
    /// district officer, where a park of the district is a unit. Drafts are the city's.
    /// </summary>
    public static async Task<IQueryable<LinkageItem>> ReadableAsync(ZjDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var items = db.LinkageItems.AsNoTracking();
        if (user.IsCityWide())
        {
            return items;
        }
        items = items.Where(i => i.Stage != LinkageStage.Drafting);
        if (user.IsInRole(Roles.DistrictOfficer) && user.DistrictScope() is { } district)
        {
            var parks = await db.Parks.AsNoTracking().Where(p => p.DistrictCode == district).Select(p => p.Code).ToListAsync(cancellationToken);
            return items.Where(i => i.Units.Any(u => (u.Kind == LinkageUnitKind.District && u.Code == district) || (u.Kind == LinkageUnitKind.Park && parks.Contains(u.Code))));
        }
        if (user.IsInRole(Roles.ParkManager) && user.ParkScope() is { } park)
        {
            return items.Where(i => i.Units.Any(u => u.Kind == LinkageUnitKind.Park && u.Code == park));
        }
        return items.Where(_ => false);
    }

    /// <summary>Who is told about a unit's obligations: the district's officers, the park's managers, the city for city departments.</summary>
    public static string AudienceOf(LinkageUnitKind kind, string code) => kind switch
    {
        LinkageUnitKind.District => Audiences.District(code),
        LinkageUnitKind.Park => Audiences.Park(code),
        _ => Audiences.City,
    };

    /// <summary>Names of every unit that can take part: city departments, districts, parks.</summary>
    public static async Task<Dictionary<(LinkageUnitKind, string), UnitRef>> UnitNamesAsync(ZjDbContext db, CancellationToken cancellationToken)
    {
        var names = CityDepartments.All.ToDictionary(d => (LinkageUnitKind.CityDepartment, d.Code), d => new UnitRef(LinkageUnitKind.CityDepartment, d.Code, d.NameZh, d.NameEn));
        foreach (var d in await db.Districts.AsNoTracking().ToListAsync(cancellationToken))
        {
            names[(LinkageUnitKind.District, d.Code)] = new UnitRef(LinkageUnitKind.District, d.Code, d.NameZh, d.NameEn);
        }
        foreach (var p in await db.Parks.AsNoTracking().Select(p => new { p.Code, p.NameZh, p.NameEn }).ToListAsync(cancellationToken))
        {
            names[(LinkageUnitKind.Park, p.Code)] = new UnitRef(LinkageUnitKind.Park, p.Code, p.NameZh, p.NameEn);
        }
        return names;
    }
}
