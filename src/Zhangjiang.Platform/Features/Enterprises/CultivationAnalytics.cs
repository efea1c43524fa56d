using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Enterprises;

/// <summary>
/// One year of a park's ladder: the firms that reported statistics for the year (the funnel's mouth), those holding each
/// tier at the year's end, and how firms moved during the year.
/// </summary>
public sealed record CultivationYear(
    int Year, DateOnly AsOf, int Reporting, int Firms, IReadOnlyDictionary<EnterpriseTier, int> Holding,
    int Entered, int Promoted, int Demoted, int Exited);

/// <summary>
/// Firms whose first award fell in <paramref name="Year"/>: how many, and the share promoted above their entry tier
/// within 1, 2, … years (null until that year has ended).
/// </summary>
public sealed record CultivationCohort(int Year, int Firms, int Promoted, double? MedianYearsToPromotion, IReadOnlyList<double?> PromotedWithin);

public sealed record CultivationReport(
    string? ParkCode, int FromYear, int ToYear, IReadOnlyList<CultivationYear> Years, IReadOnlyList<CultivationCohort> Cohorts, int CohortHorizon);

/// <summary>
/// Cultivation analytics (梯度培育): per park and year, the firms at each tier, promotions and demotions, and time to
/// promotion by entry cohort. A firm counts for the park it was in at the year's end (its park history), at the highest
/// tier it held that day; a promotion is a higher highest tier than a year before, a demotion a lower one, an exit none.
/// Counts only: no firm is named, so a district officer sees the parks of the district and a park manager their own.
/// </summary>
public sealed class CultivationAnalytics(IDbContextFactory<ZjDbContext> contexts)
{
    public const int MaxYears = 20;
    public const int CohortHorizon = 5;

    public async Task<UseCaseResult<CultivationReport>> ReportAsync(ClaimsPrincipal user, string? parkCode, int fromYear, int toYear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var park = string.IsNullOrWhiteSpace(parkCode) ? null : parkCode.Trim();
        if (park is null)
        {
            if (!user.IsCityWide())
            {
                return UseCaseResult<CultivationReport>.Forbidden();
            }
        }
        else if (!await EnterpriseRegistry.CanSeeParkAsync(db, user, park, cancellationToken))
        {
            return UseCaseResult<CultivationReport>.NotFound();
        }
        if (toYear < fromYear || toYear - fromYear >= MaxYears || fromYear < StatisticsImporter.FirstYear)
        {
            return UseCaseResult<CultivationReport>.Invalid("years", new UserMessage("CultivationYears", MaxYears));
        }

        var today = DateOnly.FromDateTime(db.UtcNow);
        // The history is read once: awards and park stays of the firms that were ever in the park (or all firms).
        var stays = db.EnterpriseParkAssignments.AsNoTracking();
        var firmCodes = park is null ? null : stays.Where(s => s.ParkCode == park).Select(s => s.CreditCode).Distinct();
        var awards = await (firmCodes is null ? db.TierAwards.AsNoTracking() : db.TierAwards.AsNoTracking().Where(a => firmCodes.Contains(a.CreditCode)))
            .ToListAsync(cancellationToken);
        var awardsByFirm = awards.GroupBy(a => a.CreditCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        Dictionary<string, List<Stay>>? staysByFirm = null;
        if (park is not null)
        {
            var parkStays = await stays.Where(s => firmCodes!.Contains(s.CreditCode))
                .Select(s => new Stay(s.CreditCode, s.ParkCode, s.FromDate, s.ToDate)).ToListAsync(cancellationToken);
            staysByFirm = parkStays.GroupBy(s => s.CreditCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        }

        bool InPark(string code, DateOnly day) =>
            staysByFirm is null
            || (staysByFirm.TryGetValue(code, out var list) && list.Any(s => s.ParkCode == park && s.FromDate <= day && (s.ToDate is null || s.ToDate >= day)));

        // The highest rung a firm held on a day (0: none).
        static int Highest(List<TierAward> list, DateOnly day) => list.Where(a => a.IsValidOn(day)).Select(a => (int)a.Tier).DefaultIfEmpty(0).Max();

        // The funnel's mouth: firms that reported statistics in the park that year.
        var reportingRows = db.EnterpriseYearStatistics.AsNoTracking().Where(s => s.Year >= fromYear && s.Year <= toYear);
        if (park is not null)
        {
            reportingRows = reportingRows.Where(s => s.ParkCode == park);
        }
        var reporting = await reportingRows.GroupBy(s => s.Year).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        DateOnly YearEnd(int year) => year >= today.Year ? today : new DateOnly(year, 12, 31);

        var years = new List<CultivationYear>();
        for (var year = fromYear; year <= toYear && year <= today.Year; year++)
        {
            var end = YearEnd(year);
            var before = new DateOnly(year - 1, 12, 31);
            var holding = EnterpriseTiers.All.ToDictionary(t => t.Tier, _ => 0);
            int firms = 0, entered = 0, promoted = 0, demoted = 0, exited = 0;
            foreach (var (code, list) in awardsByFirm)
            {
                var now = InPark(code, end) ? Highest(list, end) : 0;
                var then = Highest(list, before);
                if (now > 0)
                {
                    firms++;
                    foreach (var tier in list.Where(a => a.IsValidOn(end)).Select(a => a.Tier).Distinct())
                    {
                        holding[tier]++;
                    }
                }
                // Movements are the park's firms': those in the park at the year's end, and those that left the ladder while in it.
                if (now > 0 && then == 0)
                {
                    entered++;
                }
                else if (now > 0 && now > then)
                {
                    promoted++;
                }
                else if (now > 0 && now < then)
                {
                    demoted++;
                }
                else if (now == 0 && then > 0 && InPark(code, before) && Highest(list, end) == 0)
                {
                    exited++;
                }
            }
            years.Add(new CultivationYear(year, end, reporting.GetValueOrDefault(year), firms, holding, entered, promoted, demoted, exited));
        }

        // Cohorts: entry year = the year of a firm's first award while in the park; promotion = a year-end with a higher
        // highest tier than at the end of the entry year.
        var cohorts = new Dictionary<int, (int Firms, List<int> YearsToPromotion)>();
        foreach (var (code, list) in awardsByFirm)
        {
            var first = list.Min(a => a.AwardedOn);
            if (first.Year < fromYear || first.Year > toYear || !InPark(code, YearEnd(first.Year)))
            {
                continue;
            }
            var entryTier = Highest(list, YearEnd(first.Year));
            if (entryTier == 0)
            {
                continue;
            }
            var entry = cohorts.TryGetValue(first.Year, out var c) ? c : (Firms: 0, YearsToPromotion: new List<int>());
            entry.Firms++;
            for (var year = first.Year + 1; year <= today.Year; year++)
            {
                if (Highest(list, YearEnd(year)) > entryTier)
                {
                    entry.YearsToPromotion.Add(year - first.Year);
                    break;
                }
            }
            cohorts[first.Year] = entry;
        }
        var cohortRows = cohorts.OrderBy(c => c.Key).Select(c =>
        {
            var (firms, times) = c.Value;
            var within = Enumerable.Range(1, CohortHorizon)
                .Select(k => c.Key + k < today.Year ? (double?)times.Count(t => t <= k) / firms : null).ToList();
            return new CultivationCohort(c.Key, firms, times.Count, Median(times), within);
        }).ToList();
        return UseCaseResult<CultivationReport>.Ok(new CultivationReport(park, fromYear, toYear, years, cohortRows, CohortHorizon));
    }

    /// <summary>The report as Excel rows: the yearly ladder and the cohort table, with bilingual column names.</summary>
    public static (List<Dictionary<string, object?>> Years, List<Dictionary<string, object?>> Cohorts) Sheets(CultivationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var years = report.Years.Select(y =>
        {
            var row = new Dictionary<string, object?> { ["年份 Year"] = y.Year, ["截至 As of"] = y.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["报送统计企业 Firms reporting"] = y.Reporting, ["在梯度企业 Firms on the ladder"] = y.Firms };
            foreach (var tier in EnterpriseTiers.All)
            {
                row[$"{tier.NameZh} {tier.NameEn}"] = y.Holding.GetValueOrDefault(tier.Tier);
            }
            row["新进入 Entered"] = y.Entered;
            row["晋级 Promoted"] = y.Promoted;
            row["降级 Demoted"] = y.Demoted;
            row["退出 Exited"] = y.Exited;
            return row;
        }).ToList();
        var cohorts = report.Cohorts.Select(c =>
        {
            var row = new Dictionary<string, object?> { ["首次认定年份 Entry year"] = c.Year, ["企业数 Firms"] = c.Firms, ["已晋级 Promoted"] = c.Promoted,
                ["晋级年数中位数 Median years to promotion"] = c.MedianYearsToPromotion };
            for (var k = 0; k < c.PromotedWithin.Count; k++)
            {
                row[$"{k + 1}年内晋级 Promoted within {k + 1}y"] = c.PromotedWithin[k] is { } share ? Math.Round(share, 4) : null;
            }
            return row;
        }).ToList();
        return (years, cohorts);
    }

    private static double? Median(List<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    private sealed record Stay(string CreditCode, string ParkCode, DateOnly FromDate, DateOnly? ToDate);
}
