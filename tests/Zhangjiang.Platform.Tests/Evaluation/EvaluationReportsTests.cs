using System.Globalization;
using System.Text;
using UglyToad.PdfPig;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Evaluation;

public sealed class EvaluationReportsTests
{
    [Fact]
    public async Task Scorecards_and_the_zone_report_are_PDFs_whose_text_carries_the_figures_in_both_languages()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var authorization = TestPrincipals.Authorization();
        var rounds = new EvaluationRounds(database.Factory(), authorization);
        var results = new EvaluationResults(database.Factory(), authorization);
        var demo = new EvaluationDemo(database.Factory(), new FrameworkCatalog(database.Factory(), authorization), rounds, new RoundComputation(database.Factory(), authorization));
        var published = (await demo.GenerateAsync(2022, cancellationToken: ct)).Last(r => r.Status == RoundStatus.Published).Id;
        var reports = new EvaluationReports(results);
        var manager = TestPrincipals.User(Roles.ParkManager, "jiading");
        var card = (await results.ScorecardAsync(manager, published, "jiading", cancellationToken: ct)).Value!;

        using var zhPdf = new MemoryStream();
        var zh = await reports.ScorecardAsync(manager, published, "jiading", CultureInfo.GetCultureInfo("zh-CN"), zhPdf, ct);
        Assert.Equal("scorecard-2024-jiading-zh.pdf", zh.Value);
        Keep("scorecard.zh-CN.pdf", zhPdf);
        var zhText = Text(zhPdf.ToArray(), out var zhPages);
        Assert.True(zhPages >= 2);
        Assert.Contains("评价报告卡", zhText, StringComparison.Ordinal);
        Assert.Contains("嘉定园", zhText, StringComparison.Ordinal);
        Assert.Contains(card.Score!.Value.ToString("0.00", CultureInfo.InvariantCulture), zhText, StringComparison.Ordinal);
        Assert.Contains("薄弱环节", zhText, StringComparison.Ordinal);
        Assert.Contains(card.WeakLinks[0].NameZh, zhText, StringComparison.Ordinal);

        using var enPdf = new MemoryStream();
        await reports.ScorecardAsync(manager, published, "jiading", CultureInfo.GetCultureInfo("en"), enPdf, ct);
        Keep("scorecard.en.pdf", enPdf);
        var enText = Text(enPdf.ToArray(), out _);
        Assert.Contains("Scorecard", enText, StringComparison.Ordinal);
        Assert.Contains("Jiading Park", enText, StringComparison.Ordinal);
        Assert.Contains("Weak links", enText, StringComparison.Ordinal);

        // Another park's manager gets no PDF of jiading's scorecard; the zone report is the city's.
        using var refused = new MemoryStream();
        Assert.Equal(UseCaseStatus.Forbidden, (await reports.ScorecardAsync(TestPrincipals.User(Roles.ParkManager, "yangpu"), published, "jiading", CultureInfo.InvariantCulture, refused, ct)).Status);
        Assert.Equal(0, refused.Length);
        Assert.Equal(UseCaseStatus.Forbidden, (await reports.ZoneReportAsync(manager, published, CultureInfo.InvariantCulture, refused, ct)).Status);

        using var zone = new MemoryStream();
        await reports.ZoneReportAsync(TestPrincipals.User(Roles.CityStaff), published, CultureInfo.GetCultureInfo("zh-CN"), zone, ct);
        Keep("zone-report.zh-CN.pdf", zone);
        var zoneText = Text(zone.ToArray(), out _);
        Assert.Contains("张江高新区综合评价报告", zoneText, StringComparison.Ordinal);
        foreach (var park in new[] { "嘉定园", "杨浦园", "张江科学城", "漕河泾园" })
        {
            Assert.Contains(park, zoneText, StringComparison.Ordinal);
        }
    }

    /// <summary>Keeps a copy under artifacts/reports for people to look at (like the screenshots).</summary>
    private static void Keep(string name, MemoryStream pdf)
    {
        var folder = Path.Combine(Zhangjiang.Platform.Data.DatabaseSetup.FindDataRoot(AppContext.BaseDirectory), "artifacts", "reports");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, name), pdf.ToArray());
    }

    /// <summary>The PDF's text. NFKC folds the Kangxi radicals some CJK glyphs map back to (文 → ⽂) into ordinary characters.</summary>
    private static string Text(byte[] pdf, out int pages)
    {
        using var document = PdfDocument.Open(pdf);
        pages = document.NumberOfPages;
        var text = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            text.Append(string.Concat(page.Letters.Select(l => l.Value)));
        }
        return text.ToString().Normalize(NormalizationForm.FormKC);
    }
}
