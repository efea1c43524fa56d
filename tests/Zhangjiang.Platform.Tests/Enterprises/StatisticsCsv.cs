using System.Globalization;
using System.Text;
using Zhangjiang.Platform.Features.Organisations;

namespace Zhangjiang.Platform.Tests.Enterprises;

/// <summary>Builds annual-statistics CSV files for tests, with valid credit codes.</summary>
internal sealed class StatisticsCsv
{
    public static readonly string[] DefaultColumns =
        ["credit_code", "year", "name", "park", "industry_code", "revenue", "employees", "rd_staff", "rd_expenditure", "net_profit", "invention_grants", "patents_granted"];

    private readonly List<string[]> _rows = [];

    public StatisticsCsv(params string[] columns) => Columns = columns.Length == 0 ? DefaultColumns : columns;

    public string[] Columns { get; }

    /// <summary>A valid 统一社会信用代码 for firm number <paramref name="n"/> (91310115MA + 7 digits + check).</summary>
    public static string Code(int n)
    {
        var first17 = "91310115MA" + n.ToString("D7", CultureInfo.InvariantCulture);
        return first17 + CreditCode.ComputeCheckCharacter(first17);
    }

    /// <summary>A firm-year with plausible values; <paramref name="scale"/> multiplies the money and staff figures.</summary>
    public StatisticsCsv Firm(int n, int year, string park = "yangpu", double scale = 1, Action<Dictionary<string, string>>? change = null)
    {
        var values = new Dictionary<string, string>
        {
            ["credit_code"] = Code(n),
            ["year"] = year.ToString(CultureInfo.InvariantCulture),
            ["name"] = $"测试科技有限公司{n}",
            ["park"] = park,
            ["industry_code"] = "6513",
            ["revenue"] = F(12000 * scale),
            ["employees"] = F(Math.Round(120 * scale)),
            ["rd_staff"] = F(Math.Round(30 * scale)),
            ["rd_expenditure"] = F(900.5 * scale),
            ["net_profit"] = F(-150 * scale),
            ["invention_grants"] = "3",
            ["patents_granted"] = "8",
        };
        change?.Invoke(values);
        _rows.Add(Columns.Select(c => values.GetValueOrDefault(c, "")).ToArray());
        return this;
    }

    public StatisticsCsv Raw(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public string Text() =>
        string.Join("\n", new[] { string.Join(",", Columns) }.Concat(_rows.Select(r => string.Join(",", r.Select(Quote))))) + "\n";

    public MemoryStream Stream() => new(Encoding.UTF8.GetBytes(Text()));

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
