using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Platform.Features.Enterprises;

/// <summary>
/// One published criterion of a tier: a figure computed from the firm's statistics compared with a threshold (which
/// may depend on the firm, e.g. the revenue band). Without a figure it is a check statistics cannot show.
/// </summary>
public sealed record TierCriterion
{
    public string LabelZh { get; init; } = "";
    public string LabelEn { get; init; } = "";
    public string Figure { get; init; } = "";
    /// <summary>&gt;=, &lt;=, &gt; or &lt;.</summary>
    public string Comparison { get; init; } = "";
    public string Threshold { get; init; } = "";
    /// <summary>How the page shows the figures: percent, amount (万元), count, flag.</summary>
    public string Format { get; init; } = "";

    public bool IsManual => string.IsNullOrWhiteSpace(Figure);
}

public enum CriterionOutcome
{
    Met = 0,
    NotMet,
    /// <summary>The statistics needed are missing (a year not reported, a field left empty).</summary>
    NoData,
    /// <summary>Not shown by statistics: to be verified by hand.</summary>
    ToVerify,
}

public sealed record CriterionResult(TierCriterion Criterion, double? Figure, double? Threshold, CriterionOutcome Outcome);

public sealed record RuleResult(Guid RuleId, EnterpriseTier Tier, string NameZh, string NameEn, string Source, int Year, IReadOnlyList<CriterionResult> Criteria)
{
    /// <summary>Every criterion statistics can show is met (the rest are to verify).</summary>
    public bool IsCandidate => Criteria.All(c => c.Outcome is CriterionOutcome.Met or CriterionOutcome.ToVerify) && Criteria.Any(c => c.Outcome == CriterionOutcome.Met);
}

public sealed record TierRuleView(Guid Id, EnterpriseTier Tier, string NameZh, string NameEn, string Source, bool Enabled, IReadOnlyList<TierCriterion> Criteria, DateTime UpdatedUtc, string UpdatedBy, Guid Version);

/// <summary>
/// The rules that find next-tier candidates: seeded from data/seed/tier-rules.json (criteria from the published policy
/// texts, each with its source), edited by the city, evaluated against a firm's statistics with the figures shown.
/// </summary>
public sealed class TierRules(IDbContextFactory<ZjDbContext> contexts)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static bool CanEdit(ClaimsPrincipal user) => user.IsInRole(Roles.CityAdmin) || user.IsInRole(Roles.CityStaff);

    public async Task<IReadOnlyList<TierRuleView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rules = await db.TierRules.AsNoTracking().ToListAsync(cancellationToken);
        return rules.OrderBy(r => (int)r.Tier).Select(View).ToList();
    }

    /// <summary>Saves a rule's text and criteria after checking every formula; a stale version is a conflict.</summary>
    public async Task<UseCaseResult<TierRuleView>> SaveAsync(ClaimsPrincipal user, AuditActor actor, Guid id, TierRuleView input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!CanEdit(user))
        {
            return UseCaseResult<TierRuleView>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var rule = await db.TierRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return UseCaseResult<TierRuleView>.NotFound();
        }
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return UseCaseResult<TierRuleView>.Invalid(errors);
        }
        db.Entry(rule).Property(r => r.Version).OriginalValue = input.Version;
        rule.NameZh = input.NameZh.Trim();
        rule.NameEn = input.NameEn.Trim();
        rule.Source = input.Source.Trim();
        rule.Enabled = input.Enabled;
        rule.CriteriaJson = JsonSerializer.Serialize(input.Criteria, Json);
        rule.UpdatedUtc = db.UtcNow;
        rule.UpdatedBy = actor.UserName;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<TierRuleView>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<TierRuleView>.Ok(View(rule));
    }

    /// <summary>Each enabled rule against one firm as of a statistics year (figures from that year and the ones before).</summary>
    public static IReadOnlyList<RuleResult> Evaluate(IEnumerable<TierRuleView> rules, FirmFigures firm) =>
        rules.Where(r => r.Enabled).Select(r => new RuleResult(r.Id, r.Tier, r.NameZh, r.NameEn, r.Source, firm.Year,
            r.Criteria.Select(c => Evaluate(c, firm)).ToList())).ToList();

    public static CriterionResult Evaluate(TierCriterion criterion, FirmFigures firm)
    {
        if (criterion.IsManual)
        {
            return new CriterionResult(criterion, null, null, CriterionOutcome.ToVerify);
        }
        var figureExpression = Parsed(criterion.Figure);
        var thresholdExpression = Parsed(criterion.Threshold);
        if (figureExpression is null || thresholdExpression is null)
        {
            return new CriterionResult(criterion, null, null, CriterionOutcome.NoData);
        }
        var figure = firm.Evaluate(figureExpression);
        var threshold = firm.Evaluate(thresholdExpression);
        if (double.IsNaN(figure) || double.IsNaN(threshold))
        {
            return new CriterionResult(criterion, double.IsNaN(figure) ? null : figure, double.IsNaN(threshold) ? null : threshold, CriterionOutcome.NoData);
        }
        var met = FirmFigures.Truth(FirmFigures.Apply(criterion.Comparison, figure, threshold));
        return new CriterionResult(criterion, figure, threshold, met ? CriterionOutcome.Met : CriterionOutcome.NotMet);
    }

    /// <summary>
    /// Formulas parsed once per text: a candidate search evaluates the same few dozen formulas for every firm.
    /// Texts come from the rules table, so the cache stays small.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, StatisticsExpression?> ParsedFormulas = new(StringComparer.Ordinal);

    private static StatisticsExpression? Parsed(string text) =>
        ParsedFormulas.GetOrAdd(text, t => StatisticsExpression.Parse(t, park: false).Expression);

    internal static List<FieldError> Validate(TierRuleView input)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.NameZh))
        {
            errors.Add(new(nameof(input.NameZh), new UserMessage("Required", nameof(input.NameZh))));
        }
        if (string.IsNullOrWhiteSpace(input.Source))
        {
            errors.Add(new(nameof(input.Source), new UserMessage("TierRuleSourceRequired")));
        }
        for (var i = 0; i < input.Criteria.Count; i++)
        {
            var c = input.Criteria[i];
            var where = $"Criteria[{i + 1}]";
            if (string.IsNullOrWhiteSpace(c.LabelZh))
            {
                errors.Add(new(where, new UserMessage("Required", $"{where}.LabelZh")));
            }
            if (c.IsManual)
            {
                continue;
            }
            if (c.Comparison is not (">=" or "<=" or ">" or "<"))
            {
                errors.Add(new(where + ".Comparison", new UserMessage("TierRuleComparison", c.Comparison)));
            }
            foreach (var (part, text) in new[] { ("Figure", c.Figure), ("Threshold", c.Threshold) })
            {
                if (StatisticsExpression.Parse(text, park: false).Error is { } problem)
                {
                    errors.Add(new($"{where}.{part}", problem));
                }
            }
        }
        return errors;
    }

    /// <summary>Adds the seeded rule of each tier that has none yet.</summary>
    public static async Task<int> ApplySeedAsync(ZjDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var seed = Data.SeedFile.Read<RuleSeed>("tier-rules.json");
        var known = await db.TierRules.Select(r => r.Tier).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var rule in seed.Rules.Where(r => !known.Contains(r.Tier)))
        {
            db.TierRules.Add(new TierRule
            {
                Id = Guid.NewGuid(), Tier = rule.Tier, NameZh = rule.NameZh, NameEn = rule.NameEn, Source = rule.Source,
                CriteriaJson = JsonSerializer.Serialize(rule.Criteria, Json), UpdatedUtc = db.UtcNow, UpdatedBy = "seed",
            });
            added++;
        }
        if (added > 0)
        {
            db.Actor ??= AuditActor.System;
            await db.SaveChangesAsync(cancellationToken);
        }
        return added;
    }

    private static TierRuleView View(TierRule r) =>
        new(r.Id, r.Tier, r.NameZh, r.NameEn, r.Source, r.Enabled, JsonSerializer.Deserialize<List<TierCriterion>>(r.CriteriaJson, Json) ?? [], r.UpdatedUtc, r.UpdatedBy, r.Version);

    private sealed record RuleSeed(List<SeedRule> Rules);

    private sealed record SeedRule(EnterpriseTier Tier, string NameZh, string NameEn, string Source, List<TierCriterion> Criteria);
}
