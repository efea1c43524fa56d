using System.Data.Common;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;
using E = Zhangjiang.Platform.Features.Enterprises.StatisticsExpression;

namespace Zhangjiang.Platform.Features.Enterprises;

public sealed record RollupSummary(IReadOnlyList<int> Years, int Formulas, int Values, DateTime ComputedUtc);

/// <summary>One firm behind a park value: its part of each aggregate of the formula (or why it was left out).</summary>
public sealed record LineageRow(string CreditCode, string NameZh, IReadOnlyList<double?> Parts, string? ExclusionReason);

public sealed record Lineage(
    string ParkCode, int Year, string FormulaCode, string Expression, double? Value, IReadOnlyList<string> Aggregates,
    IReadOnlyList<double?> AggregateValues, IReadOnlyList<LineageRow> Firms, int TotalFirms);

/// <summary>
/// Park-level indicators from the firms' rows by the stored formulas (<see cref="RollupFormula"/>): every aggregate of
/// every formula is computed in one grouped SQL query over the statistics (per park and year, excluded firm-years left
/// out), the arithmetic around the aggregates in C#. Lineage goes back from a value to the firm rows behind it.
/// </summary>
public sealed class StatisticsRollup(IDbContextFactory<ZjDbContext> contexts)
{
    public static bool CanCompute(ClaimsPrincipal user) => user.IsCityWide();

    /// <summary>Recomputes the values of the given years (all years with statistics when empty). The run is audited.</summary>
    public async Task<UseCaseResult<RollupSummary>> ComputeAsync(ClaimsPrincipal user, AuditActor actor, IReadOnlyList<int>? years = null, CancellationToken cancellationToken = default)
    {
        if (!CanCompute(user))
        {
            return UseCaseResult<RollupSummary>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var formulas = await db.RollupFormulas.AsNoTracking().Where(f => f.Enabled).OrderBy(f => f.SortOrder).ToListAsync(cancellationToken);
        var parsed = new List<(RollupFormula Formula, E Expression)>();
        foreach (var formula in formulas)
        {
            var (expression, error) = E.Parse(formula.Expression, park: true);
            if (expression is null)
            {
                return UseCaseResult<RollupSummary>.Invalid(formula.Code, error!);
            }
            parsed.Add((formula, expression));
        }
        var aggregates = parsed.SelectMany(p => Aggregates(p.Expression)).DistinctBy(a => a.ToFormula()).ToList();
        var index = aggregates.Select((a, i) => (a.ToFormula(), i)).ToDictionary(x => x.Item1, x => x.i);

        var selected = years is { Count: > 0 } ? years.Distinct().Order().ToList() : null;
        var yearFilter = selected is null ? "" : $" AND \"Year\" IN ({string.Join(", ", selected.Select(y => y.ToString(CultureInfo.InvariantCulture)))})";
        // One scan: excluded firm-years are left out inside each aggregate, and counted beside them.
        var sql = new StringBuilder("SELECT \"ParkCode\", \"Year\"");
        foreach (var aggregate in aggregates)
        {
            sql.Append(", ").Append(Sql(aggregate));
        }
        sql.Append(CultureInfo.InvariantCulture,
            $", COUNT(*), SUM(CASE WHEN {Included} THEN 0 ELSE 1 END) FROM \"{EnterpriseModel.StatisticsTable}\" s WHERE 1 = 1{yearFilter} GROUP BY \"ParkCode\", \"Year\"");

        var now = db.UtcNow;
        var values = new List<ParkStatisticValue>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using (var command = Command(db, sql.ToString()))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            var row = new double[aggregates.Count];
            while (await reader.ReadAsync(cancellationToken))
            {
                var park = reader.GetString(0);
                var year = reader.GetInt32(1);
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(2 + i) ? double.NaN : Convert.ToDouble(reader.GetValue(2 + i), CultureInfo.InvariantCulture);
                }
                var all = Convert.ToInt32(reader.GetValue(2 + row.Length), CultureInfo.InvariantCulture);
                var excluded = Convert.ToInt32(reader.GetValue(3 + row.Length), CultureInfo.InvariantCulture);
                foreach (var (formula, expression) in parsed)
                {
                    var value = Outer(expression, row, index);
                    values.Add(new ParkStatisticValue
                    {
                        ParkCode = park, Year = year, FormulaCode = formula.Code, Expression = formula.Expression,
                        Value = double.IsFinite(value) ? value : null, Firms = all - excluded, ExcludedFirms = excluded, ComputedUtc = now,
                    });
                }
            }
        }
        var stale = db.ParkStatisticValues.AsQueryable();
        if (selected is not null)
        {
            stale = stale.Where(v => selected.Contains(v.Year));
        }
        await stale.ExecuteDeleteAsync(cancellationToken);
        // Derived rows, not audited one by one (the run is, below): written in bulk.
        using (var writer = BulkWriter.Start(db, "ParkStatisticValues",
        [
            ("ParkCode", BulkType.Text), ("Year", BulkType.Int), ("FormulaCode", BulkType.Text), ("Value", BulkType.Double),
            ("Expression", BulkType.Text), ("Firms", BulkType.Int), ("ExcludedFirms", BulkType.Int), ("ComputedUtc", BulkType.Timestamp),
        ]))
        {
            foreach (var v in values)
            {
                writer.StartRow();
                writer.Text(v.ParkCode);
                writer.Int(v.Year);
                writer.Text(v.FormulaCode);
                writer.Double(v.Value);
                writer.Text(v.Expression);
                writer.Int(v.Firms);
                writer.Int(v.ExcludedFirms);
                writer.Timestamp(v.ComputedUtc);
                writer.EndRow();
            }
            writer.Complete();
        }
        var computedYears = values.Select(v => v.Year).Distinct().Order().ToList();
        await db.AppendEventAsync(AuditKind.Data, "StatisticsRollup", actor,
            new { years = computedYears, formulas = parsed.ToDictionary(p => p.Formula.Code, p => p.Formula.Expression), values = values.Count },
            nameof(ParkStatisticValue), string.Join(",", computedYears), cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return UseCaseResult<RollupSummary>.Ok(new RollupSummary(computedYears, parsed.Count, values.Count, now));
    }

    /// <summary>From a park value back to the firm rows: each firm's part of each aggregate, excluded firm-years with their reason.</summary>
    public async Task<UseCaseResult<Lineage>> LineageAsync(ClaimsPrincipal user, string parkCode, int year, string formulaCode, int page = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await EnterpriseRegistry.CanSeeParkAsync(db, user, parkCode, cancellationToken))
        {
            return UseCaseResult<Lineage>.NotFound();
        }
        var stored = await db.ParkStatisticValues.AsNoTracking().SingleOrDefaultAsync(v => v.ParkCode == parkCode && v.Year == year && v.FormulaCode == formulaCode, cancellationToken);
        if (stored is null)
        {
            return UseCaseResult<Lineage>.NotFound();
        }
        // The expression the value was computed with, not today's: lineage explains the value shown.
        var expression = E.Parse(stored.Expression, park: true).Expression!;
        var aggregates = Aggregates(expression).DistinctBy(a => a.ToFormula()).ToList();
        var rows = db.EnterpriseYearStatistics.AsNoTracking().Where(s => s.ParkCode == parkCode && s.Year == year);
        var total = await rows.CountAsync(cancellationToken);
        var size = Math.Clamp(pageSize, 1, 500);
        var firmRows = await rows.OrderBy(s => s.ExclusionReason != null).ThenBy(s => s.CreditCode).Skip((Math.Max(1, page) - 1) * size).Take(size).ToListAsync(cancellationToken);
        var codes = firmRows.Select(r => r.CreditCode).ToList();
        var names = await db.Enterprises.AsNoTracking().Where(e => codes.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, e => e.NameZh, cancellationToken);
        var lineage = firmRows.Select(r =>
        {
            var firm = new FirmFigures(new Dictionary<int, EnterpriseYearStatistics> { [year] = r }, year, null, new HashSet<EnterpriseTier>());
            var parts = aggregates.Select(a => r.ExclusionReason is null ? Part(firm, (E.Call)a) : null).ToList();
            return new LineageRow(r.CreditCode, names.GetValueOrDefault(r.CreditCode, ""), parts, r.ExclusionReason);
        }).ToList();
        var all = await rows.Where(s => s.ExclusionReason == null).ToListAsync(cancellationToken);
        var aggregateValues = aggregates.Select(a => Aggregate((E.Call)a, all, year)).ToList();
        return UseCaseResult<Lineage>.Ok(new Lineage(parkCode, year, formulaCode, stored.Expression, stored.Value,
            aggregates.Select(a => a.ToFormula()).ToList(), aggregateValues, lineage, total));
    }

    /// <summary>Leaves a firm-year out of its park's roll-up (reason required) or puts it back (reason empty). Audited.</summary>
    public async Task<UseCaseResult<bool>> SetExclusionAsync(ClaimsPrincipal user, AuditActor actor, string creditCode, int year, string? reason, CancellationToken cancellationToken = default)
    {
        if (!user.IsCityWide())
        {
            return UseCaseResult<bool>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var row = await db.EnterpriseYearStatistics.SingleOrDefaultAsync(s => s.CreditCode == creditCode && s.Year == year, cancellationToken);
        if (row is null)
        {
            return UseCaseResult<bool>.NotFound();
        }
        var text = reason?.Trim();
        if (text is { Length: > 500 })
        {
            return UseCaseResult<bool>.Invalid("reason", new UserMessage("FieldTooLong", "reason", 500));
        }
        row.ExclusionReason = string.IsNullOrEmpty(text) ? null : text;
        await db.SaveChangesAsync(cancellationToken);
        return UseCaseResult<bool>.Ok(row.ExclusionReason is not null);
    }

    /// <summary>Adds the seeded formula of each code that is missing.</summary>
    public static async Task<int> ApplySeedAsync(ZjDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var seed = SeedFile.Read<FormulaSeed>("rollup-formulas.json");
        var known = await db.RollupFormulas.Select(f => f.Code).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var (f, order) in seed.Formulas.Select((f, i) => (f, i)).Where(x => !known.Contains(x.f.Code)))
        {
            db.RollupFormulas.Add(new RollupFormula
            {
                Code = f.Code, NameZh = f.NameZh, NameEn = f.NameEn, Expression = f.Expression, Unit = f.Unit, IndicatorCode = f.IndicatorCode,
                Source = "data/seed/rollup-formulas.json", SortOrder = order,
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

    private static IEnumerable<E> Aggregates(E expression) => expression switch
    {
        E.Call { Function: not "if" } call => [call],
        E.Call call => call.Arguments.SelectMany(Aggregates),
        E.Unary u => Aggregates(u.Operand),
        E.Binary b => Aggregates(b.Left).Concat(Aggregates(b.Right)),
        _ => [],
    };

    /// <summary>The arithmetic around the aggregates, on one park-year's aggregate values.</summary>
    private static double Outer(E expression, double[] row, Dictionary<string, int> index) => expression switch
    {
        E.Number n => n.Value,
        E.Call { Function: "if" } c => FirmFigures.Truth(Outer(c.Arguments[0], row, index)) ? Outer(c.Arguments[1], row, index) : Outer(c.Arguments[2], row, index),
        E.Call c => row[index[c.ToFormula()]],
        E.Unary { Operator: "not" } u => FirmFigures.Truth(Outer(u.Operand, row, index)) ? 0 : 1,
        E.Unary u => -Outer(u.Operand, row, index),
        E.Binary { Operator: "and" } b => FirmFigures.Truth(Outer(b.Left, row, index)) && FirmFigures.Truth(Outer(b.Right, row, index)) ? 1 : 0,
        E.Binary { Operator: "or" } b => FirmFigures.Truth(Outer(b.Left, row, index)) || FirmFigures.Truth(Outer(b.Right, row, index)) ? 1 : 0,
        E.Binary b => FirmFigures.Apply(b.Operator, Outer(b.Left, row, index), Outer(b.Right, row, index)),
        _ => double.NaN,
    };

    /// <summary>One firm's part of an aggregate (its value summed, or 1/0 for what it counts).</summary>
    private static double? Part(FirmFigures firm, E.Call aggregate)
    {
        if (aggregate.Arguments.Count == 0)
        {
            return 1;
        }
        var value = firm.Evaluate(aggregate.Arguments[0]);
        return aggregate.Function is "count" or "share" ? (FirmFigures.Truth(value) ? 1 : 0) : double.IsNaN(value) ? null : value;
    }

    /// <summary>The aggregate recomputed in C# over the rows (as the SQL does), for lineage's totals line.</summary>
    private static double? Aggregate(E.Call aggregate, IReadOnlyList<EnterpriseYearStatistics> rows, int year)
    {
        var parts = rows.Select(r => Part(new FirmFigures(new Dictionary<int, EnterpriseYearStatistics> { [year] = r }, year, null, new HashSet<EnterpriseTier>()), aggregate))
            .Where(p => p is not null).Select(p => p!.Value).ToList();
        if (parts.Count == 0)
        {
            return aggregate.Function is "count" ? 0 : null;
        }
        return aggregate.Function switch
        {
            "sum" or "count" => parts.Sum(),
            "avg" or "share" => parts.Average(),
            "min" => parts.Min(),
            _ => parts.Max(),
        };
    }

    private const string Included = "s.\"ExclusionReason\" IS NULL";

    /// <summary>
    /// SQL for one aggregate over the firm-years not excluded; the inner expression is built only from dictionary
    /// columns and numbers, never from the formula's text.
    /// </summary>
    private static string Sql(E expression) => expression switch
    {
        E.Call { Function: "count", Arguments.Count: 0 } => $"SUM(CASE WHEN {Included} THEN 1 ELSE 0 END)",
        E.Call { Function: "count" } c => $"SUM(CASE WHEN {Included} AND {Condition(c.Arguments[0])} THEN 1 ELSE 0 END)",
        E.Call { Function: "share" } c => $"AVG(CASE WHEN {Included} THEN (CASE WHEN {Condition(c.Arguments[0])} THEN 1.0 ELSE 0.0 END) END)",
        E.Call c => $"{c.Function.ToUpperInvariant()}(CASE WHEN {Included} THEN {NumberSql(c.Arguments[0])} END)",
        _ => throw new InvalidOperationException("Not an aggregate."),
    };

    private static string NumberSql(E expression) => expression switch
    {
        E.Number n => Literal(n.Value),
        E.Field f => $"s.\"{f.Definition.Column}\"",
        E.Unary { Operator: "-" } u => $"(-{NumberSql(u.Operand)})",
        E.Binary { Operator: "/" } b => $"({NumberSql(b.Left)} / NULLIF({NumberSql(b.Right)}, 0))",
        E.Binary { Operator: "+" or "-" or "*" } b => $"({NumberSql(b.Left)} {b.Operator} {NumberSql(b.Right)})",
        E.Call { Function: "if" } c => $"(CASE WHEN {Condition(c.Arguments[0])} THEN {NumberSql(c.Arguments[1])} ELSE {NumberSql(c.Arguments[2])} END)",
        _ => $"(CASE WHEN {Condition(expression)} THEN 1.0 ELSE 0.0 END)",
    };

    private static string Condition(E expression) => expression switch
    {
        E.Binary { Operator: "and" or "or" } b => $"({Condition(b.Left)} {b.Operator.ToUpperInvariant()} {Condition(b.Right)})",
        E.Unary { Operator: "not" } u => $"(NOT COALESCE({Condition(u.Operand)}, FALSE))",
        E.Binary { Operator: ">=" or "<=" or ">" or "<" or "=" } b => $"({NumberSql(b.Left)} {b.Operator} {NumberSql(b.Right)})",
        E.Binary { Operator: "!=" } b => $"({NumberSql(b.Left)} <> {NumberSql(b.Right)})",
        _ => $"({NumberSql(expression)} <> 0)",
    };

    /// <summary>Always with a decimal point, so PostgreSQL never divides integers.</summary>
    private static string Literal(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static DbCommand Command(ZjDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(db.Database.CurrentTransaction!);
        return command;
    }

    private sealed record FormulaSeed(List<SeedFormula> Formulas);

    private sealed record SeedFormula(string Code, string NameZh, string NameEn, string Expression, string Unit, string? IndicatorCode);
}
