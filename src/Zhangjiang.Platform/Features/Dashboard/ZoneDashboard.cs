using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Calendar;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Linkage;
using Zhangjiang.Platform.Features.Plans;

namespace Zhangjiang.Platform.Features.Dashboard;

public sealed record DistrictParks(string Code, string NameZh, string NameEn, IReadOnlyList<LocalText> Parks);

public sealed record IndustryCount(LocalText Industry, int Parks);

public sealed record TierCount(int Tier, int Parks);

public sealed record FundTotals(int Year, int Applications, int Awards, long RequestedFen, long GrantedFen, long PaidFen);

/// <summary>
/// The zone at a glance for the signed-in user (or the public): parks by district for the map, leading industries,
/// plans by stage, linkage items by light, the latest public evaluation tiers, this year's fund totals and the user's
/// next obligations — each part only where the user may see it and the module has data (null or empty otherwise).
/// </summary>
public sealed record DashboardView(
    IReadOnlyList<DistrictParks> Districts, string? MyDistrict, string? MyPark, IReadOnlyList<IndustryCount> Industries,
    IReadOnlyDictionary<PlanWorkflow, int> Plans, IReadOnlyDictionary<TrafficLight, int>? Linkage, int? LinkageClosed,
    int? TierYear, IReadOnlyList<TierCount> Tiers, FundTotals? Fund, IReadOnlyList<CalendarEntry> NextObligations);

/// <summary>Builds the home page's dashboard from the modules' own use cases, so each part keeps its module's scope rules.</summary>
public sealed class ZoneDashboard(IDbContextFactory<ZjDbContext> contexts, ParkPlans plans, LinkageItems linkage, EvaluationResults results, FundReports fund,
    ObligationCalendar calendar)
{
    public async Task<DashboardView> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var signedIn = user.Identity?.IsAuthenticated == true;
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.Code).ToListAsync(cancellationToken);
        var parks = await db.Parks.AsNoTracking().Include(p => p.LeadingIndustries).OrderBy(p => p.Code).ToListAsync(cancellationToken);
        var byDistrict = districts.Select(d => new DistrictParks(d.Code, d.NameZh, d.NameEn,
            parks.Where(p => p.DistrictCode == d.Code).Select(p => new LocalText(p.NameZh, p.NameEn)).ToList())).ToList();
        var industries = parks.SelectMany(p => p.LeadingIndustries).GroupBy(i => i.NameZh)
            .Select(g => new IndustryCount(new LocalText(g.Key, g.First().NameEn), g.Count())).OrderByDescending(i => i.Parks).ThenBy(i => i.Industry.Zh, StringComparer.Ordinal).Take(12).ToList();

        var planCounts = signedIn
            ? (await plans.ListAsync(user, cancellationToken)).GroupBy(p => p.Workflow).ToDictionary(g => g.Key, g => g.Count())
            : new Dictionary<PlanWorkflow, int> { [PlanWorkflow.Published] = await db.ParkPlans.AsNoTracking().CountAsync(p => p.PublishedUtc != null, cancellationToken) };

        IReadOnlyDictionary<TrafficLight, int>? lights = null;
        int? closed = null;
        if (user.IsCityWide() || user.IsInRole(Roles.DistrictOfficer) || user.IsInRole(Roles.ParkManager))
        {
            var items = await linkage.ListAsync(user, null, cancellationToken);
            lights = Enum.GetValues<TrafficLight>().ToDictionary(l => l, l => items.Count(i => i.Light == l));
            closed = items.Count(i => i.Stage == LinkageStage.Closed);
        }

        var rankings = await results.PublicRankingsAsync(cancellationToken);
        var latest = rankings.OrderByDescending(r => r.Year).FirstOrDefault();
        var tiers = latest is null ? [] : latest.Rows.GroupBy(r => r.Tier).OrderBy(g => g.Key).Select(g => new TierCount(g.Key, g.Count())).ToList();

        FundTotals? totals = null;
        if (user.IsCityWide() || user.IsInRole(Roles.ParkManager))
        {
            var year = ShanghaiTime.Day(db.UtcNow).Year;
            var stats = await fund.StatisticsAsync(user, null, cancellationToken);
            if (stats.Value is { Rows.Count: > 0 } s)
            {
                var shown = s.Years.Contains(year) ? year : s.Years.Max();
                var rows = s.Rows.Where(r => r.Year == shown).ToList();
                totals = new FundTotals(shown, rows.Sum(r => r.Applications), rows.Sum(r => r.Awards), rows.Sum(r => r.RequestedFen), rows.Sum(r => r.GrantedFen), rows.Sum(r => r.PaidFen));
            }
        }

        IReadOnlyList<CalendarEntry> next = [];
        if (signedIn)
        {
            var today = ShanghaiTime.Day(db.UtcNow);
            next = (await calendar.ForUserAsync(user, today.AddMonths(-6), today.AddMonths(6), null, cancellationToken))
                .Where(e => e.Overdue || e.Date >= today).OrderByDescending(e => e.Overdue).ThenBy(e => e.Date).Take(6).ToList();
        }
        var myDistrict = user.IsInRole(Roles.DistrictOfficer) ? user.DistrictScope()
            : user.IsInRole(Roles.ParkManager) ? parks.FirstOrDefault(p => p.Code == user.ParkScope())?.DistrictCode : null;
        return new DashboardView(byDistrict, myDistrict, user.IsInRole(Roles.ParkManager) ? user.ParkScope() : null, industries, planCounts, lights, closed,
            latest?.Year, tiers, totals, next);
    }
}
