using System.Globalization;
using Zhangjiang.Platform.Common;

namespace Zhangjiang.Platform.Features.Enterprises;

/// <summary>
/// The small formula language of tier rules and park roll-ups, stored as text so the city can edit them:
/// numbers (<c>5%</c> is 0.05), the statistics keys of <see cref="StatisticsFields"/>, + − × ÷, comparisons,
/// <c>and</c>/<c>or</c>/<c>not</c>, and functions. A firm formula reads one firm's years
/// (<c>sum(rd_expenditure, 3) / sum(revenue, 3) &gt;= if(revenue &lt;= 5000, 5%, 4%)</c>); a park formula aggregates the
/// firms of a park and year (<c>sum(rd_expenditure) / sum(revenue)</c>, <c>count(rd_expenditure / revenue &gt;= 5% and revenue &gt;= 50000)</c>).
/// A missing value makes a number NaN and a comparison false, so a rule never passes on data that is not there.
/// </summary>
public abstract record StatisticsExpression
{
    /// <summary>Function names and how many arguments each takes, per kind of formula.</summary>
    public static readonly IReadOnlyDictionary<string, (int Min, int Max)> FirmFunctions = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["sum"] = (2, 2), ["avg"] = (2, 2), ["prev"] = (2, 2), ["growth"] = (2, 2),
        ["age"] = (0, 0), ["holds"] = (1, 1), ["if"] = (3, 3), ["min"] = (2, 2), ["max"] = (2, 2),
    };

    public static readonly IReadOnlyDictionary<string, (int Min, int Max)> ParkFunctions = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["sum"] = (1, 1), ["avg"] = (1, 1), ["min"] = (1, 1), ["max"] = (1, 1), ["count"] = (0, 1), ["share"] = (1, 1), ["if"] = (3, 3),
    };

    public sealed record Number(double Value) : StatisticsExpression;
    public sealed record Field(StatisticsField Definition) : StatisticsExpression;
    /// <summary>A bare word that is not a field: a tier code inside holds(…).</summary>
    public sealed record Name(string Text) : StatisticsExpression;
    public sealed record Unary(string Operator, StatisticsExpression Operand) : StatisticsExpression;
    public sealed record Binary(string Operator, StatisticsExpression Left, StatisticsExpression Right) : StatisticsExpression;
    public sealed record Call(string Function, IReadOnlyList<StatisticsExpression> Arguments) : StatisticsExpression;

    /// <summary>Parses a formula; the message says what is wrong and at which character (1-based).</summary>
    public static (StatisticsExpression? Expression, UserMessage? Error) Parse(string? text, bool park)
    {
        try
        {
            var parser = new Parser(text ?? "", park ? ParkFunctions : FirmFunctions);
            var expression = parser.ParseAll();
            if (park)
            {
                CheckParkFields(expression, insideAggregate: false);
            }
            else
            {
                CheckFirmCalls(expression);
            }
            return (expression, null);
        }
        catch (FormulaException e)
        {
            return (null, e.Problem);
        }
    }

    /// <summary>In a park formula a field means nothing outside an aggregate: which firm's value would it be?</summary>
    private static void CheckParkFields(StatisticsExpression expression, bool insideAggregate)
    {
        switch (expression)
        {
            case Field f when !insideAggregate:
                throw new FormulaException(new UserMessage("FormulaFieldOutsideAggregate", f.Definition.Key));
            case Unary u:
                CheckParkFields(u.Operand, insideAggregate);
                break;
            case Binary b:
                CheckParkFields(b.Left, insideAggregate);
                CheckParkFields(b.Right, insideAggregate);
                break;
            case Call c:
                var aggregate = c.Function is not "if";
                if (aggregate && insideAggregate)
                {
                    throw new FormulaException(new UserMessage("FormulaNestedAggregate", c.Function));
                }
                foreach (var argument in c.Arguments)
                {
                    CheckParkFields(argument, insideAggregate || aggregate);
                }
                break;
        }
    }

    /// <summary>In a firm formula sum/avg/prev/growth take a field and a whole number of years (1–10); holds takes a tier.</summary>
    private static void CheckFirmCalls(StatisticsExpression expression)
    {
        switch (expression)
        {
            case Unary u:
                CheckFirmCalls(u.Operand);
                break;
            case Binary b:
                CheckFirmCalls(b.Left);
                CheckFirmCalls(b.Right);
                break;
            case Call { Function: "sum" or "avg" or "prev" or "growth" } c:
                if (c.Arguments[0] is not Field || c.Arguments[1] is not Number { Value: >= 1 and <= 10 } years || years.Value != Math.Floor(years.Value))
                {
                    throw new FormulaException(new UserMessage("FormulaYearsArguments", c.Function));
                }
                break;
            case Call { Function: "holds" } c:
                if (c.Arguments[0] is not Name)
                {
                    throw new FormulaException(new UserMessage("FormulaHoldsArgument"));
                }
                break;
            case Call c:
                foreach (var argument in c.Arguments)
                {
                    CheckFirmCalls(argument);
                }
                break;
            case Name n:
                throw new FormulaException(new UserMessage("FormulaUnknownField", n.Text, 1));
        }
    }

    /// <summary>The formula written back in a canonical, fully bracketed form (records' own ToString shows the tree).</summary>
    public string ToFormula() => this switch
    {
        Number n => n.Value.ToString("R", CultureInfo.InvariantCulture),
        Field f => f.Definition.Key,
        Name n => n.Text,
        Unary u => u.Operator == "not" ? $"not {u.Operand.ToFormula()}" : $"-{u.Operand.ToFormula()}",
        Binary b => $"({b.Left.ToFormula()} {b.Operator} {b.Right.ToFormula()})",
        Call c => $"{c.Function}({string.Join(", ", c.Arguments.Select(a => a.ToFormula()))})",
        _ => "",
    };

    private sealed class FormulaException(UserMessage problem) : Exception(problem.Key)
    {
        public UserMessage Problem { get; } = problem;
    }

    private sealed class Parser(string text, IReadOnlyDictionary<string, (int Min, int Max)> functions)
    {
        private int _at;

        public StatisticsExpression ParseAll()
        {
            if (text.Length > 2000)
            {
                throw new FormulaException(new UserMessage("FormulaTooLong", 2000));
            }
            var expression = Or(0);
            Skip();
            if (_at < text.Length)
            {
                throw Error("FormulaUnexpected", text[_at].ToString());
            }
            return expression;
        }

        private StatisticsExpression Or(int depth)
        {
            var left = And(depth);
            while (Keyword("or"))
            {
                left = new Binary("or", left, And(depth));
            }
            return left;
        }

        private StatisticsExpression And(int depth)
        {
            var left = Not(depth);
            while (Keyword("and"))
            {
                left = new Binary("and", left, Not(depth));
            }
            return left;
        }

        private StatisticsExpression Not(int depth) => Keyword("not") ? new Unary("not", Not(depth + 1)) : Comparison(depth);

        private StatisticsExpression Comparison(int depth)
        {
            var left = Sum(depth);
            foreach (var op in new[] { ">=", "<=", "!=", ">", "<", "=" })
            {
                if (Symbol(op))
                {
                    return new Binary(op, left, Sum(depth));
                }
            }
            return left;
        }

        private StatisticsExpression Sum(int depth)
        {
            var left = Product(depth);
            while (true)
            {
                if (Symbol("+")) left = new Binary("+", left, Product(depth));
                else if (Symbol("-")) left = new Binary("-", left, Product(depth));
                else return left;
            }
        }

        private StatisticsExpression Product(int depth)
        {
            var left = Negation(depth);
            while (true)
            {
                if (Symbol("*")) left = new Binary("*", left, Negation(depth));
                else if (Symbol("/")) left = new Binary("/", left, Negation(depth));
                else return left;
            }
        }

        private StatisticsExpression Negation(int depth) => Symbol("-") ? new Unary("-", Negation(depth + 1)) : Primary(depth);

        private StatisticsExpression Primary(int depth)
        {
            if (depth > 50)
            {
                throw Error("FormulaTooDeep", "");
            }
            Skip();
            if (_at >= text.Length)
            {
                throw new FormulaException(new UserMessage("FormulaIncomplete"));
            }
            var c = text[_at];
            if (Symbol("("))
            {
                var inner = Or(depth + 1);
                Expect(")");
                return inner;
            }
            if (char.IsAsciiDigit(c) || c == '.')
            {
                var start = _at;
                while (_at < text.Length && (char.IsAsciiDigit(text[_at]) || text[_at] == '.'))
                {
                    _at++;
                }
                if (!double.TryParse(text.AsSpan(start, _at - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                {
                    throw Error("FormulaBadNumber", text[start.._at], start);
                }
                return new Number(Symbol("%") ? value / 100 : value);
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = _at;
                while (_at < text.Length && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] == '_'))
                {
                    _at++;
                }
                var word = text[start.._at];
                if (Symbol("("))
                {
                    if (!functions.TryGetValue(word, out var arity))
                    {
                        throw Error("FormulaUnknownFunction", word, start);
                    }
                    var arguments = new List<StatisticsExpression>();
                    if (!Symbol(")"))
                    {
                        do
                        {
                            arguments.Add(Or(depth + 1));
                        }
                        while (Symbol(","));
                        Expect(")");
                    }
                    if (arguments.Count < arity.Min || arguments.Count > arity.Max)
                    {
                        throw Error("FormulaArgumentCount", word, start, arity.Min == arity.Max ? arity.Min.ToString(CultureInfo.InvariantCulture) : $"{arity.Min}–{arity.Max}");
                    }
                    return new Call(word, arguments);
                }
                if (StatisticsFields.Find(word) is { } field && field.Key == word)
                {
                    return new Field(field);
                }
                if (EnterpriseTiers.Parse(word) is not null)
                {
                    return new Name(word);
                }
                throw Error("FormulaUnknownField", word, start);
            }
            throw Error("FormulaUnexpected", c.ToString());
        }

        private void Expect(string symbol)
        {
            if (!Symbol(symbol))
            {
                Skip();
                throw _at < text.Length ? Error("FormulaExpected", symbol) : new FormulaException(new UserMessage("FormulaExpectedAtEnd", symbol));
            }
        }

        private bool Symbol(string symbol)
        {
            Skip();
            if (string.CompareOrdinal(text, _at, symbol, 0, symbol.Length) != 0)
            {
                return false;
            }
            // "<" must not take the first half of "<=".
            if (symbol is ">" or "<" && _at + 1 < text.Length && text[_at + 1] == '=')
            {
                return false;
            }
            _at += symbol.Length;
            return true;
        }

        private bool Keyword(string word)
        {
            Skip();
            var end = _at + word.Length;
            if (end > text.Length || string.CompareOrdinal(text, _at, word, 0, word.Length) != 0
                || (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')))
            {
                return false;
            }
            _at = end;
            return true;
        }

        private void Skip()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        private FormulaException Error(string key, string found, int? at = null, string? extra = null) =>
            new(extra is null ? new UserMessage(key, found, (at ?? _at) + 1) : new UserMessage(key, found, (at ?? _at) + 1, extra));
    }
}
