namespace Zhangjiang.Platform.Features.Enterprises;

/// <summary>
/// One firm as a firm formula sees it: its statistics by year, the year the formula looks from, its founding date and
/// the tiers it holds at the end of that year. <see cref="Evaluate"/> gives a number; true is 1, false 0, missing NaN.
/// </summary>
public sealed class FirmFigures(IReadOnlyDictionary<int, EnterpriseYearStatistics> years, int year, DateOnly? foundedOn, IReadOnlySet<EnterpriseTier> held)
{
    public int Year => year;

    public double Evaluate(StatisticsExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression switch
        {
            StatisticsExpression.Number n => n.Value,
            StatisticsExpression.Field f => Value(f.Definition, year),
            StatisticsExpression.Unary { Operator: "not" } u => Truth(Evaluate(u.Operand)) ? 0 : 1,
            StatisticsExpression.Unary u => -Evaluate(u.Operand),
            StatisticsExpression.Binary b => Binary(b),
            StatisticsExpression.Call c => Call(c),
            _ => double.NaN,
        };
    }

    public bool IsTrue(StatisticsExpression expression) => Truth(Evaluate(expression));

    public static bool Truth(double value) => !double.IsNaN(value) && value != 0;

    private double Binary(StatisticsExpression.Binary b)
    {
        if (b.Operator == "and")
        {
            return Truth(Evaluate(b.Left)) && Truth(Evaluate(b.Right)) ? 1 : 0;
        }
        if (b.Operator == "or")
        {
            return Truth(Evaluate(b.Left)) || Truth(Evaluate(b.Right)) ? 1 : 0;
        }
        return Apply(b.Operator, Evaluate(b.Left), Evaluate(b.Right));
    }

    /// <summary>Arithmetic and comparison shared with the park roll-up: division by zero and comparisons with a missing value give missing and false.</summary>
    public static double Apply(string op, double left, double right) => op switch
    {
        "+" => left + right,
        "-" => left - right,
        "*" => left * right,
        "/" => right == 0 ? double.NaN : left / right,
        _ when double.IsNaN(left) || double.IsNaN(right) => 0,
        ">=" => left >= right ? 1 : 0,
        "<=" => left <= right ? 1 : 0,
        ">" => left > right ? 1 : 0,
        "<" => left < right ? 1 : 0,
        "=" => left == right ? 1 : 0,
        "!=" => left != right ? 1 : 0,
        _ => throw new InvalidOperationException($"Unknown operator {op}."),
    };

    private double Call(StatisticsExpression.Call c)
    {
        switch (c.Function)
        {
            case "if":
                return Truth(Evaluate(c.Arguments[0])) ? Evaluate(c.Arguments[1]) : Evaluate(c.Arguments[2]);
            case "min":
                return Math.Min(Evaluate(c.Arguments[0]), Evaluate(c.Arguments[1]));
            case "max":
                return Math.Max(Evaluate(c.Arguments[0]), Evaluate(c.Arguments[1]));
            case "age":
                return foundedOn is { } founded ? year - founded.Year : double.NaN;
            case "holds":
                return EnterpriseTiers.Parse(((StatisticsExpression.Name)c.Arguments[0]).Text) is { } tier && held.Contains(tier) ? 1 : 0;
        }
        var field = ((StatisticsExpression.Field)c.Arguments[0]).Definition;
        var n = (int)((StatisticsExpression.Number)c.Arguments[1]).Value;
        switch (c.Function)
        {
            case "prev":
                return Value(field, year - n);
            case "growth":
                var first = Value(field, year - n);
                var last = Value(field, year);
                return first > 0 && last >= 0 ? Math.Pow(last / first, 1.0 / n) - 1 : double.NaN;
            default:
                // sum / avg over the last n years: every one of them must be reported.
                var total = 0.0;
                for (var y = year - n + 1; y <= year; y++)
                {
                    total += Value(field, y);
                }
                return c.Function == "avg" ? total / n : total;
        }
    }

    private double Value(StatisticsField field, int y) =>
        years.TryGetValue(y, out var row) && field.Get(row) is { } value ? value : double.NaN;
}
