using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Platform.Features.Enterprises;

public sealed record AnomalyView(
    long Id, string CreditCode, string NameZh, int Year, string ParkCode, string Field, double PreviousValue, double Value,
    string? Explanation, string? ExplainedBy, DateTime? ExplainedUtc, Guid Version);

public sealed record RollupFormulaView(string Code, string NameZh, string NameEn, string Expression, string Unit, string? IndicatorCode, string Source, bool Enabled);

public sealed record ParkValueRow(string ParkCode, IReadOnlyDictionary<string, double?> Values, int Firms, int ExcludedFirms);

public sealed record RollupTable(int Year, IReadOnlyList<int> Years, IReadOnlyList<RollupFormulaView> Formulas, IReadOnlyList<ParkValueRow> Parks, DateTime? ComputedUtc);

/// <summary>
/// What the statistics imports left to look at: the import history, the year-on-year jumps to explain, and the park
/// values of the roll-up, each within the caller's scope.
/// </summary>
public sealed class StatisticsRecords(IDbContextFactory<ZjDbContext> contexts)
{
    /// <summary>Committed imports, newest first: all for the city, one's own otherwise.</summary>
    public async Task<IReadOnlyList<StatisticsImportSummary>> ImportsAsync(ClaimsPrincipal user, AuditActor actor, int take = 50, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var imports = db.StatisticsImports.AsNoTracking();
        if (!user.IsCityWide())
        {
            imports = imports.Where(i => i.ImportedBy == actor.UserName);
        }
        var rows = await imports.OrderByDescending(i => i.FinishedUtc).Take(Math.Clamp(take, 1, 500)).ToListAsync(cancellationToken);
        return rows.Select(r => new StatisticsImportSummary(r.Id, r.FileName, r.Rows, r.NewEnterprises, r.Anomalies, r.Years, r.FinishedUtc, r.ImportedBy)).ToList();
    }

    /// <summary>Year-on-year jumps of the caller's firms, unexplained first.</summary>
    public async Task<IReadOnlyList<AnomalyView>> AnomaliesAsync(ClaimsPrincipal user, string? parkCode, bool unexplainedOnly, int take = 500, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var firms = EnterpriseRegistry.Scoped(db, user);
        var anomalies = db.StatisticsAnomalies.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(parkCode))
        {
            anomalies = anomalies.Where(a => a.ParkCode == parkCode);
        }
        if (unexplainedOnly)
        {
            anomalies = anomalies.Where(a => a.Explanation == null);
        }
        var rows = await anomalies.Join(firms, a => a.CreditCode, e => e.CreditCode, (a, e) => new { a, e.NameZh })
            .OrderBy(x => x.a.Explanation != null).ThenByDescending(x => x.a.Year).ThenBy(x => x.a.CreditCode).ThenBy(x => x.a.Field)
            .Take(Math.Clamp(take, 1, 5000)).ToListAsync(cancellationToken);
        return rows.Select(x => View(x.a, x.NameZh)).ToList();
    }

    /// <summary>The firm's park (or the city) explains a jump; the explanation is audited.</summary>
    public async Task<UseCaseResult<AnomalyView>> ExplainAsync(ClaimsPrincipal user, AuditActor actor, long id, string explanation, Guid version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var anomaly = await db.StatisticsAnomalies.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        var firm = anomaly is null ? null : await EnterpriseRegistry.Scoped(db, user).Where(e => e.CreditCode == anomaly.CreditCode).Select(e => e.NameZh).SingleOrDefaultAsync(cancellationToken);
        if (anomaly is null || firm is null)
        {
            return UseCaseResult<AnomalyView>.NotFound();
        }
        // The park's manager answers for the park's figures (district officers read them); the city may too.
        if (!user.IsCityWide() && !user.IsInRole(Roles.ParkManager))
        {
            return UseCaseResult<AnomalyView>.Forbidden();
        }
        var text = explanation?.Trim() ?? "";
        if (text.Length is < 4 or > 1000)
        {
            return UseCaseResult<AnomalyView>.Invalid("explanation", new UserMessage("AnomalyExplanationLength"));
        }
        if (anomaly.Version != version)
        {
            return UseCaseResult<AnomalyView>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        anomaly.Explanation = text;
        anomaly.ExplainedBy = actor.UserName;
        anomaly.ExplainedUtc = db.UtcNow;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<AnomalyView>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return UseCaseResult<AnomalyView>.Ok(View(anomaly, firm));
    }

    /// <summary>
    /// The roll-up's park values for a year (the latest computed year when none is asked): every park for the city,
    /// the district's parks for a district officer, one's own park for a park manager.
    /// </summary>
    public async Task<RollupTable> RollupAsync(ClaimsPrincipal user, int? year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The same park scope as everywhere else (EnterpriseAuthorizationHandler.CanSeePark), over the 22 parks.
        var allParks = await db.Parks.AsNoTracking().Select(p => new { p.Code, p.DistrictCode }).ToListAsync(cancellationToken);
        var visible = allParks.Where(p => EnterpriseAuthorizationHandler.CanSeePark(user, p.Code, p.DistrictCode)).Select(p => p.Code).ToList();
        var values = db.ParkStatisticValues.AsNoTracking().Where(v => visible.Contains(v.ParkCode));
        var years = await values.Select(v => v.Year).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken);
        var shown = year ?? (years.Count > 0 ? years[0] : db.UtcNow.Year - 1);
        var rows = await values.Where(v => v.Year == shown).ToListAsync(cancellationToken);
        var formulas = await db.RollupFormulas.AsNoTracking().OrderBy(f => f.SortOrder).ThenBy(f => f.Code)
            .Select(f => new RollupFormulaView(f.Code, f.NameZh, f.NameEn, f.Expression, f.Unit, f.IndicatorCode, f.Source, f.Enabled))
            .ToListAsync(cancellationToken);
        var parks = rows.GroupBy(v => v.ParkCode).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ParkValueRow(g.Key, g.ToDictionary(v => v.FormulaCode, v => v.Value), g.Max(v => v.Firms), g.Max(v => v.ExcludedFirms)))
            .ToList();
        return new RollupTable(shown, years, formulas, parks, rows.Count == 0 ? null : rows.Max(v => v.ComputedUtc));
    }

    private static AnomalyView View(StatisticsAnomaly a, string name) =>
        new(a.Id, a.CreditCode, name, a.Year, a.ParkCode, a.Field, a.PreviousValue, a.Value, a.Explanation, a.ExplainedBy, a.ExplainedUtc, a.Version);
}
