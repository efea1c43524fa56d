using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Enterprises;

/// <summary>A firm's standing against every enabled rule, as of a statistics year, and the tiers it holds today.</summary>
public sealed record FirmRuleStanding(string CreditCode, string NameZh, int Year, IReadOnlySet<EnterpriseTier> Held, IReadOnlyList<RuleResult> Rules);

/// <summary>A next-tier candidate: a firm not holding the tier whose statistics meet the rule (manual checks left to verify).</summary>
public sealed record TierCandidate(string CreditCode, string NameZh, string? IndustryCode, EnterpriseTier? HighestHeld, RuleResult Rule);

public sealed record TierCandidatePage(string ParkCode, int Year, int FirmsChecked, IReadOnlyList<TierCandidate> Candidates);

/// <summary>
/// Next-tier candidates (梯度培育): the city's tier rules applied to firms' statistics. For one firm every rule with its
/// figures; for a park the firms that meet a tier's rule and do not hold that tier yet.
/// </summary>
public sealed class TierCandidates(IDbContextFactory<ZjDbContext> contexts, IAuthorizationService authorization, TierRules rules)
{
    /// <summary>How many years before the statistics year a rule may look at (three-year sums, growth).</summary>
    private const int YearsBack = 4;

    public async Task<UseCaseResult<FirmRuleStanding>> ForFirmAsync(ClaimsPrincipal user, string creditCode, int? year = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (firm, resource) = await EnterpriseRegistry.FindAsync(db, creditCode, cancellationToken);
        if (firm is null || !(await authorization.AuthorizeAsync(user, resource!, Operations.Read)).Succeeded)
        {
            return UseCaseResult<FirmRuleStanding>.NotFound();
        }
        var asOf = year ?? await db.EnterpriseYearStatistics.Where(s => s.CreditCode == firm.CreditCode).MaxAsync(s => (int?)s.Year, cancellationToken) ?? db.UtcNow.Year - 1;
        var figures = await FiguresAsync(db, [firm], asOf, cancellationToken);
        var enabled = (await rules.ListAsync(cancellationToken)).Where(r => r.Enabled).ToList();
        var (firmFigures, held) = figures[firm.CreditCode];
        return UseCaseResult<FirmRuleStanding>.Ok(new FirmRuleStanding(firm.CreditCode, firm.NameZh, asOf, held, TierRules.Evaluate(enabled, firmFigures)));
    }

    /// <summary>The park's firms (in the caller's scope) that meet a rule for a tier they do not hold, best first.</summary>
    public async Task<UseCaseResult<TierCandidatePage>> ForParkAsync(ClaimsPrincipal user, string parkCode, int year, EnterpriseTier? tier = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await EnterpriseRegistry.CanSeeParkAsync(db, user, parkCode, cancellationToken))
        {
            return UseCaseResult<TierCandidatePage>.NotFound();
        }
        var firms = await EnterpriseRegistry.Scoped(db, user).Where(e => e.ParkCode == parkCode).ToListAsync(cancellationToken);
        var enabled = (await rules.ListAsync(cancellationToken)).Where(r => r.Enabled && (tier is null || r.Tier == tier)).ToList();
        var candidates = new List<TierCandidate>();
        // In slices, so a large park's statistics are not all in memory at once.
        foreach (var slice in firms.Chunk(2000))
        {
            var figures = await FiguresAsync(db, slice, year, cancellationToken);
            foreach (var firm in slice)
            {
                var (firmFigures, held) = figures[firm.CreditCode];
                foreach (var result in TierRules.Evaluate(enabled.Where(r => !held.Contains(r.Tier)), firmFigures).Where(r => r.IsCandidate))
                {
                    candidates.Add(new TierCandidate(firm.CreditCode, firm.NameZh, firm.IndustryCode, held.Count == 0 ? null : held.Max(), result));
                }
            }
        }
        var ordered = candidates.OrderByDescending(c => (int)c.Rule.Tier).ThenByDescending(c => c.Rule.Criteria.Count(r => r.Outcome == CriterionOutcome.Met))
            .ThenBy(c => c.NameZh, StringComparer.Ordinal).ToList();
        return UseCaseResult<TierCandidatePage>.Ok(new TierCandidatePage(parkCode, year, firms.Count, ordered));
    }

    private static async Task<Dictionary<string, (FirmFigures Figures, IReadOnlySet<EnterpriseTier> Held)>> FiguresAsync(
        ZjDbContext db, IReadOnlyCollection<Enterprise> firms, int year, CancellationToken cancellationToken)
    {
        var codes = firms.Select(f => f.CreditCode).ToList();
        var statistics = await db.EnterpriseYearStatistics.AsNoTracking()
            .Where(s => codes.Contains(s.CreditCode) && s.Year <= year && s.Year >= year - YearsBack).ToListAsync(cancellationToken);
        var byFirm = statistics.GroupBy(s => s.CreditCode).ToDictionary(g => g.Key, g => g.ToDictionary(s => s.Year));
        var today = DateOnly.FromDateTime(db.UtcNow);
        var awards = await db.TierAwards.AsNoTracking().Where(a => codes.Contains(a.CreditCode)).ToListAsync(cancellationToken);
        var held = awards.Where(a => a.IsValidOn(today)).GroupBy(a => a.CreditCode).ToDictionary(g => g.Key, g => g.Select(a => a.Tier).ToHashSet());
        return firms.ToDictionary(f => f.CreditCode, f =>
        {
            var tiers = (IReadOnlySet<EnterpriseTier>)(held.GetValueOrDefault(f.CreditCode) ?? []);
            return (new FirmFigures(byFirm.GetValueOrDefault(f.CreditCode) ?? [], year, f.FoundedOn, tiers), tiers);
        });
    }
}
