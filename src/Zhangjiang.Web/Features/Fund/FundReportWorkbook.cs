using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Fund;

namespace Zhangjiang.Web.Features.Fund;

/// <summary>The fund statistics as workbook sheets: one per dimension, then every cell; names in both languages, amounts in 万元.</summary>
public static class FundReportWorkbook
{
    public static async Task<Dictionary<string, object>> SheetsAsync(FundStatistics statistics, FundSetup setup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(setup);
        var programme = await setup.GetAsync(cancellationToken);
        var topics = programme?.Topics.ToDictionary(t => t.Code, t => $"{t.NameZh} {t.NameEn}") ?? [];
        var kinds = programme?.ApplicantKinds.ToDictionary(k => k.Code, k => $"{k.NameZh} {k.NameEn}") ?? [];
        string Name(Dictionary<string, string> names, string code) => names.GetValueOrDefault(code, code);

        IEnumerable<IDictionary<string, object?>> Totals(IReadOnlyList<FundStatisticsTotal> totals, string heading, Func<string, string> name) =>
            totals.Select(t => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                [heading] = ExcelCells.Safe(name(t.Key)),
                ["申报数 Applications"] = t.Applications,
                ["立项数 Awards"] = t.Awards,
                ["立项率 Success rate"] = Math.Round(t.SuccessRate, 4),
                ["申请资助（万元）Requested"] = Wan(t.RequestedFen),
                ["立项资助（万元）Granted"] = Wan(t.GrantedFen),
                ["已拨付（万元）Paid"] = Wan(t.PaidFen),
            });

        return new Dictionary<string, object>
        {
            ["按专题 By topic"] = Totals(statistics.By(r => r.TopicCode), "专题 Topic", c => Name(topics, c)).ToList(),
            ["按主体 By kind"] = Totals(statistics.By(r => r.KindCode), "申报主体 Applicant kind", c => Name(kinds, c)).ToList(),
            ["按园区 By park"] = Totals(statistics.By(r => r.ParkCode ?? "—"), "园区 Park", c => c).ToList(),
            ["按年度 By year"] = Totals(statistics.By(r => r.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)), "年度 Year", c => c).ToList(),
            ["明细 All cells"] = statistics.Rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["年度 Year"] = r.Year,
                ["专题 Topic"] = Name(topics, r.TopicCode),
                ["申报主体 Applicant kind"] = Name(kinds, r.KindCode),
                ["园区 Park"] = r.ParkCode,
                ["申报数 Applications"] = r.Applications,
                ["立项数 Awards"] = r.Awards,
                ["申请资助（万元）Requested"] = Wan(r.RequestedFen),
                ["立项资助（万元）Granted"] = Wan(r.GrantedFen),
                ["已拨付（万元）Paid"] = Wan(r.PaidFen),
                ["已验收 Accepted"] = r.Accepted,
                ["平均绩效得分 Mean performance"] = r.AveragePerformance,
            }).ToList(),
        };
    }

    private static decimal Wan(long fen) => fen / 1_000_000m;
}
