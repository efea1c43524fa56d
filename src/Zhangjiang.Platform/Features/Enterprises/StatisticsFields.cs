using System.Linq.Expressions;

namespace Zhangjiang.Platform.Features.Enterprises;

public enum StatisticsFieldKind
{
    /// <summary>万元 (10,000 yuan), two decimals at most; may be negative only where the field says so.</summary>
    Money = 0,
    /// <summary>A whole number of people, patents, institutions, standards.</summary>
    Count = 1,
    /// <summary>A non-negative quantity with decimals (full-time equivalents, tonnes of coal equivalent).</summary>
    Quantity = 2,
}

/// <summary>
/// One numeric field of the annual statistics: its key (used in files and formulas), the 火炬统计 field code it
/// corresponds to where one is known (domain-facts §7, unconfirmed mappings), its unit and its valid range.
/// </summary>
public sealed class StatisticsField
{
    internal StatisticsField(string key, Expression<Func<EnterpriseYearStatistics, double?>> property, string nameZh, string nameEn,
        StatisticsFieldKind kind, string unitZh, string unitEn, string torchCode, double max, bool allowNegative, string definitionZh, string definitionEn)
    {
        Key = key;
        var member = (MemberExpression)property.Body;
        var info = (System.Reflection.PropertyInfo)member.Member;
        Column = info.Name;
        Get = property.Compile();
        Set = (row, value) => info.SetValue(row, value);
        NameZh = nameZh;
        NameEn = nameEn;
        Kind = kind;
        UnitZh = unitZh;
        UnitEn = unitEn;
        TorchCode = torchCode;
        Max = max;
        AllowNegative = allowNegative;
        DefinitionZh = definitionZh;
        DefinitionEn = definitionEn;
    }

    public string Key { get; }
    /// <summary>The property and database column.</summary>
    public string Column { get; }
    public Func<EnterpriseYearStatistics, double?> Get { get; }
    public Action<EnterpriseYearStatistics, double?> Set { get; }
    public string NameZh { get; }
    public string NameEn { get; }
    public StatisticsFieldKind Kind { get; }
    public string UnitZh { get; }
    public string UnitEn { get; }
    public string TorchCode { get; }
    public double Max { get; }
    public bool AllowNegative { get; }
    public string DefinitionZh { get; }
    public string DefinitionEn { get; }

    public string Name(bool chinese) => chinese ? NameZh : NameEn;
}

/// <summary>
/// The field dictionary of the annual statistics (docs/enterprise-statistics.md is generated from it and checked
/// against it by a test). Money is in 万元; the 火炬 forms' 千元 divide by 10.
/// </summary>
public static class StatisticsFields
{
    private const double MoneyMax = 1e9;     // 10 trillion yuan: above any single firm's revenue
    private const double PeopleMax = 2e6;
    private const double CountMax = 1e6;

    public static readonly IReadOnlyList<StatisticsField> All =
    [
        new("revenue", s => s.Revenue, "营业收入", "Operating revenue", StatisticsFieldKind.Money, "万元", "10k yuan", "qc05_0", MoneyMax, false,
            "企业在报告年度内经营主要业务和其他业务所确认的收入总额。", "All revenue recognised from main and other business in the year."),
        new("main_business_revenue", s => s.MainBusinessRevenue, "主营业务收入", "Main-business revenue", StatisticsFieldKind.Money, "万元", "10k yuan", "", MoneyMax, false,
            "主营业务产生的收入；专精特新、小巨人认定看其占营业收入的比重。", "Revenue of the main business; the 专精特新 and little-giant criteria use its share of revenue."),
        new("high_tech_revenue", s => s.HighTechRevenue, "高新技术产品（服务）收入", "High-tech product and service revenue", StatisticsFieldKind.Money, "万元", "10k yuan", "", MoneyMax, false,
            "属于《国家重点支持的高新技术领域》的产品（服务）收入；高企认定要求占总收入 60% 以上。", "Revenue from products and services in the state-supported high-tech fields; a high-tech enterprise needs 60% or more."),
        new("industrial_output", s => s.IndustrialOutput, "工业总产值", "Gross industrial output", StatisticsFieldKind.Money, "万元", "10k yuan", "qc02", MoneyMax, false,
            "以货币表现的工业产品总量（当年价格）。", "Industrial production in money terms, at current prices."),
        new("value_added", s => s.ValueAdded, "增加值", "Value added", StatisticsFieldKind.Money, "万元", "10k yuan", "qz001", MoneyMax, true,
            "生产活动新创造的价值。", "New value created by production."),
        new("net_profit", s => s.NetProfit, "净利润", "Net profit", StatisticsFieldKind.Money, "万元", "10k yuan", "qc12", MoneyMax, true,
            "利润总额减所得税；亏损为负数。", "Profit after income tax; a loss is negative."),
        new("taxes_paid", s => s.TaxesPaid, "上缴税费", "Taxes and fees paid", StatisticsFieldKind.Money, "万元", "10k yuan", "", MoneyMax, false,
            "报告年度实际上缴的各项税费。", "Taxes and fees actually paid in the year."),
        new("exports", s => s.Exports, "出口总额", "Exports", StatisticsFieldKind.Money, "万元", "10k yuan", "qc11", MoneyMax, false,
            "出口的产品和服务总额（人民币）。", "Exported goods and services, in yuan."),
        new("tech_service_exports", s => s.TechServiceExports, "技术服务出口", "Technical-service exports", StatisticsFieldKind.Money, "万元", "10k yuan", "qc11_1", MoneyMax, false,
            "出口总额中的技术服务部分。", "The technical-service part of exports."),
        new("total_assets", s => s.TotalAssets, "资产总计", "Total assets", StatisticsFieldKind.Money, "万元", "10k yuan", "", MoneyMax, false,
            "年末资产总额；科技型中小企业要求不超过 2 亿元。", "Assets at year end; a tech-based SME has at most 200 million yuan."),
        new("total_liabilities", s => s.TotalLiabilities, "负债合计", "Total liabilities", StatisticsFieldKind.Money, "万元", "10k yuan", "", MoneyMax, false,
            "年末负债总额；与资产总计一起给出资产负债率。", "Liabilities at year end; with total assets gives the debt ratio."),
        new("payroll", s => s.Payroll, "职工薪酬", "Payroll", StatisticsFieldKind.Money, "万元", "10k yuan", "qc51", MoneyMax, false,
            "报告年度支付给职工的全部薪酬。", "All pay to employees in the year."),
        new("energy_consumption", s => s.EnergyConsumption, "综合能耗", "Energy consumption", StatisticsFieldKind.Quantity, "吨标准煤", "t coal equiv.", "qc41", 1e8, false,
            "报告年度消耗的各种能源折合标准煤。", "All energy used in the year, in tonnes of coal equivalent."),
        new("employees", s => s.Employees, "年末从业人员", "Employees at year end", StatisticsFieldKind.Count, "人", "persons", "qd01", PeopleMax, false,
            "年末在本企业工作并取得劳动报酬的人员。", "People working for and paid by the firm at year end."),
        new("bachelor_staff", s => s.BachelorStaff, "本科学历人员", "Staff with a bachelor's degree", StatisticsFieldKind.Count, "人", "persons", "qd08", PeopleMax, false,
            "从业人员中最高学历为本科者。", "Employees whose highest degree is a bachelor's."),
        new("postgraduate_staff", s => s.PostgraduateStaff, "研究生学历人员", "Staff with a postgraduate degree", StatisticsFieldKind.Count, "人", "persons", "qd18", PeopleMax, false,
            "从业人员中具有硕士、博士学历者。", "Employees with a master's or doctoral degree."),
        new("returnee_staff", s => s.ReturneeStaff, "留学归国人员", "Returned overseas graduates", StatisticsFieldKind.Count, "人", "persons", "qd03", PeopleMax, false,
            "从业人员中的留学归国人员。", "Employees who studied abroad and returned."),
        new("foreign_staff", s => s.ForeignStaff, "外籍常驻人员", "Resident foreign staff", StatisticsFieldKind.Count, "人", "persons", "qd25", PeopleMax, false,
            "从业人员中的外籍常驻人员。", "Employees of foreign nationality resident in China."),
        new("tech_staff", s => s.TechStaff, "科技人员", "S&T staff", StatisticsFieldKind.Count, "人", "persons", "", PeopleMax, false,
            "直接从事研发和相关技术创新活动以及专门从事上述活动管理和提供直接服务的人员；高企要求占职工总数 10% 以上。", "Staff in R&D and related innovation, and those managing or directly serving it; a high-tech enterprise needs 10% or more."),
        new("rd_staff", s => s.RdStaff, "R&D人员", "R&D staff", StatisticsFieldKind.Count, "人", "persons", "", PeopleMax, false,
            "参加研究与试验发展项目研究、管理和辅助工作的人员。", "Staff taking part in R&D projects as researchers, managers or support."),
        new("rd_fte", s => s.RdFte, "R&D人员全时当量", "R&D full-time equivalent", StatisticsFieldKind.Quantity, "人年", "person-years", "qh40", PeopleMax, false,
            "R&D人员按实际从事R&D工作时间折算的全时人员数。", "R&D staff counted by the share of their time spent on R&D."),
        new("rd_expenditure", s => s.RdExpenditure, "R&D经费内部支出", "Intramural R&D expenditure", StatisticsFieldKind.Money, "万元", "10k yuan", "qh51", MoneyMax, false,
            "企业内部开展R&D活动的实际支出。", "Actual spending on R&D carried out inside the firm."),
        new("patent_applications", s => s.PatentApplications, "专利申请数", "Patent applications", StatisticsFieldKind.Count, "件", "items", "", CountMax, false,
            "报告年度向专利行政部门提出的专利申请（三种专利合计）。", "Patent applications filed in the year, all three kinds."),
        new("patents_granted", s => s.PatentsGranted, "专利授权数", "Patents granted", StatisticsFieldKind.Count, "件", "items", "", CountMax, false,
            "报告年度获得授权的专利（三种专利合计）。", "Patents granted in the year, all three kinds."),
        new("invention_applications", s => s.InventionApplications, "发明专利申请数", "Invention-patent applications", StatisticsFieldKind.Count, "件", "items", "qj56", CountMax, false,
            "专利申请中的发明专利。", "The invention patents among the applications."),
        new("invention_grants", s => s.InventionGrants, "发明专利授权数", "Invention patents granted", StatisticsFieldKind.Count, "件", "items", "qj57", CountMax, false,
            "专利授权中的发明专利。", "The invention patents among the grants."),
        new("valid_invention_patents", s => s.ValidInventionPatents, "有效发明专利数", "Valid invention patents", StatisticsFieldKind.Count, "件", "items", "qj73", CountMax, false,
            "年末拥有的经授权且在有效期内的发明专利。", "Granted invention patents in force at year end."),
        new("pct_applications", s => s.PctApplications, "PCT专利申请数", "PCT applications", StatisticsFieldKind.Count, "件", "items", "", CountMax, false,
            "通过《专利合作条约》提出的国际专利申请。", "International applications under the Patent Cooperation Treaty."),
        new("trademarks", s => s.Trademarks, "注册商标数", "Registered trademarks", StatisticsFieldKind.Count, "件", "items", "qj79", CountMax, false,
            "年末拥有的注册商标。", "Registered trademarks held at year end."),
        new("tech_contract_turnover", s => s.TechContractTurnover, "技术合同成交额", "Technology contract turnover", StatisticsFieldKind.Money, "万元", "10k yuan", "qj80", MoneyMax, false,
            "经登记的技术合同（技术开发、转让、许可、咨询、服务）成交金额。", "Value of registered technology contracts (development, transfer, licence, consulting, service)."),
        new("overseas_rd_institutions", s => s.OverseasRdInstitutions, "境外研发机构数", "Overseas R&D institutions", StatisticsFieldKind.Count, "个", "units", "qj90", CountMax, false,
            "企业在境外设立的研发机构。", "R&D institutions the firm runs abroad."),
        new("international_standards", s => s.InternationalStandards, "主导制定国际标准数", "International standards led", StatisticsFieldKind.Count, "项", "items", "qj98", CountMax, false,
            "报告年度主导制定并发布的国际标准。", "International standards published in the year under the firm's lead."),
        new("equity_financing", s => s.EquityFinancing, "当年股权融资额", "Equity financing in the year", StatisticsFieldKind.Money, "万元", "10k yuan", "qc226", MoneyMax, false,
            "报告年度获得的股权投资（含风险投资）金额；专精特新、小巨人直通条件使用。", "Equity investment received in the year, venture capital included; used by the 专精特新 fast-track conditions."),
    ];

    private static readonly Dictionary<string, StatisticsField> ByKey = All.ToDictionary(f => f.Key, StringComparer.OrdinalIgnoreCase);

    public static StatisticsField? Find(string key) => ByKey.GetValueOrDefault(key);

    /// <summary>A part that cannot exceed its whole in the same row (checked on import).</summary>
    public static readonly IReadOnlyList<(string Part, string Whole)> PartOfWhole =
    [
        ("main_business_revenue", "revenue"), ("high_tech_revenue", "revenue"), ("tech_service_exports", "exports"),
        ("bachelor_staff", "employees"), ("postgraduate_staff", "employees"), ("returnee_staff", "employees"),
        ("foreign_staff", "employees"), ("tech_staff", "employees"), ("rd_staff", "employees"), ("rd_fte", "rd_staff"),
        ("invention_applications", "patent_applications"), ("invention_grants", "patents_granted"),
    ];

    /// <summary>
    /// Fields whose year-on-year change is checked: flagged when the value grows or shrinks more than
    /// <see cref="JumpFactor"/>-fold from a previous value of at least the floor (small bases move a lot).
    /// </summary>
    public static readonly IReadOnlyList<(string Field, double Floor)> JumpWatched =
    [
        ("revenue", 100), ("employees", 10), ("rd_expenditure", 50), ("taxes_paid", 50), ("exports", 100),
    ];

    public const double JumpFactor = 3;
}
