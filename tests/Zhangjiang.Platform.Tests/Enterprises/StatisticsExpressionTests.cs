using Zhangjiang.Platform.Features.Enterprises;

namespace Zhangjiang.Platform.Tests.Enterprises;

public sealed class StatisticsExpressionTests
{
    private static FirmFigures Firm(params (int Year, double Revenue, double? Rd)[] years) =>
        new(years.ToDictionary(y => y.Year, y => new EnterpriseYearStatistics
        {
            CreditCode = "x", ParkCode = "yangpu", Year = y.Year, Revenue = y.Revenue, RdExpenditure = y.Rd, Employees = 100, TechStaff = 12,
        }), years.Max(y => y.Year), new DateOnly(2015, 3, 1), new HashSet<EnterpriseTier> { EnterpriseTier.TechSme });

    private static double Eval(FirmFigures firm, string formula)
    {
        var (expression, error) = StatisticsExpression.Parse(formula, park: false);
        Assert.True(expression is not null, error?.ToString());
        return firm.Evaluate(expression!);
    }

    [Fact]
    public void The_high_tech_enterprise_rd_ratio_by_revenue_band_reads_as_written()
    {
        // 高新技术企业认定管理办法 (2016): three-year R&D / sales ≥ 5% up to 5000万, 4% to 2亿, 3% above.
        const string figure = "sum(rd_expenditure, 3) / sum(revenue, 3)";
        const string threshold = "if(avg(revenue, 3) <= 5000, 5%, if(avg(revenue, 3) <= 20000, 4%, 3%))";
        var small = Firm((2022, 3000, 140), (2023, 4000, 190), (2024, 5000, 230));
        Assert.Equal(560.0 / 12000, Eval(small, figure), 12);
        Assert.Equal(0.05, Eval(small, threshold), 12);
        Assert.Equal(0, Eval(small, $"{figure} >= {threshold}"));

        var middle = Firm((2022, 9000, 400), (2023, 10000, 420), (2024, 11000, 440));
        Assert.Equal(0.04, Eval(middle, threshold), 12);
        Assert.Equal(1, Eval(middle, $"{figure} >= {threshold}"));

        // A missing year is not a pass.
        var gap = Firm((2022, 9000, null), (2023, 10000, 420), (2024, 11000, 440));
        Assert.True(double.IsNaN(Eval(gap, figure)));
        Assert.Equal(0, Eval(gap, $"{figure} >= 3%"));
        Assert.Equal(1, Eval(gap, $"not ({figure} >= 3%)"));
    }

    [Fact]
    public void Growth_age_previous_years_and_tiers_held()
    {
        var firm = Firm((2021, 1000, 50), (2022, 1200, 60), (2023, 1440, 70), (2024, 1728, 80));
        Assert.Equal(0.2, Eval(firm, "growth(revenue, 3)"), 12);
        Assert.Equal(9, Eval(firm, "age()"));
        Assert.Equal(1200, Eval(firm, "prev(revenue, 2)"));
        Assert.Equal(1, Eval(firm, "holds(TechSme) and not holds(HighTechEnterprise)"));
        Assert.Equal(1, Eval(firm, "tech_staff / employees >= 10% or revenue > 1000000"));
        Assert.Equal(-3, Eval(firm, "-(1 + 2) * max(1, 0.5)"));
        Assert.True(double.IsNaN(Eval(firm, "revenue / (employees - 100)")));
    }

    public static TheoryData<string, bool, string> Refused => new()
    {
        { "sum(rd_expenditure, 3) / ", false, "FormulaIncomplete" },
        { "revenu > 5", false, "FormulaUnknownField" },
        { "sum(revenue) > 5", false, "FormulaArgumentCount" },
        { "sum(revenue * 2, 3)", false, "FormulaYearsArguments" },
        { "sum(revenue, 12)", false, "FormulaYearsArguments" },
        { "holds(revenue)", false, "FormulaHoldsArgument" },
        { "(revenue > 5", false, "FormulaExpectedAtEnd" },
        { "revenue > 5 )", false, "FormulaUnexpected" },
        { "median(revenue)", true, "FormulaUnknownFunction" },
        { "sum(rd_expenditure) / revenue", true, "FormulaFieldOutsideAggregate" },
        { "sum(sum(revenue))", true, "FormulaNestedAggregate" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_wrong_formula_is_refused_saying_what_and_where(string formula, bool park, string key)
    {
        var (expression, error) = StatisticsExpression.Parse(formula, park);
        Assert.Null(expression);
        Assert.Equal(key, error!.Key);
    }

    [Fact]
    public void Park_formulas_aggregate_firm_rows()
    {
        var (intensity, error) = StatisticsExpression.Parse("sum(rd_expenditure) / sum(revenue)", park: true);
        Assert.Null(error);
        Assert.Equal("(sum(rd_expenditure) / sum(revenue))", intensity!.ToFormula());
        var (count, _) = StatisticsExpression.Parse("count(rd_expenditure / revenue >= 5% and revenue >= 50000)", park: true);
        Assert.Equal("count((((rd_expenditure / revenue) >= 0.05) and (revenue >= 50000)))", count!.ToFormula());
    }
}
