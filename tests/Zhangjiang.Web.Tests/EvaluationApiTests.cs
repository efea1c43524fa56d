using System.Net;
using System.Net.Http.Json;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;
using Zhangjiang.Web.Features.Evaluation;

namespace Zhangjiang.Web.Tests;

/// <summary>A whole evaluation round through /api/v1/evaluation, on both providers, with who may do what.</summary>
public sealed class EvaluationApiTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Open_submit_return_resubmit_accept_close_compute_publish_and_view(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider);
        var admin = await factory.SignInAsync(await factory.CreateUserAsync("city-admin", Roles.CityAdmin));
        var staff = await factory.SignInAsync(await factory.CreateUserAsync("city-staff", Roles.CityStaff));
        var parks = new[] { "jiading", "yangpu", "minhang", "songjiang" };
        var managers = new Dictionary<string, Browser>();
        foreach (var park in parks)
        {
            managers[park] = await factory.SignInAsync(await factory.CreateUserAsync(park + "-manager", Roles.ParkManager, park: park));
        }
        var reviewer = await factory.SignInAsync(await factory.CreateUserAsync("an-expert", Roles.Reviewer));

        var frameworks = await (await admin.GetAsync("/api/v1/evaluation/frameworks")).Content.ReadFromJsonAsync<List<FrameworkSummary>>();
        var most = frameworks!.Single(f => f.Family == "MOST-2021");
        var input = new RoundInput
        {
            Year = 2025, FrameworkId = most.Id, NameZh = "2025年度综合评价", NameEn = "2025 evaluation",
            DeadlineUtc = factory.Clock.GetUtcNow().UtcDateTime.AddDays(30), Method = new EvaluationMethod { UncertaintyReplications = 100 },
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostJsonAsync("/api/v1/evaluation/rounds", input)).StatusCode);
        var opened = await admin.PostJsonAsync("/api/v1/evaluation/rounds", input);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var round = (await opened.Content.ReadFromJsonAsync<RoundDetail>())!;
        var roundPath = $"/api/v1/evaluation/rounds/{round.Id}";

        // Park managers see their own form only; fund reviewers nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync("/api/v1/evaluation/rounds")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await managers["jiading"].GetAsync(roundPath)).StatusCode);
        var foreign = await managers["jiading"].GetAsync($"{roundPath}/submissions/yangpu");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.DoesNotContain("D1_1", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The template upload takes the raw workbook; anything else is refused before parsing.
        var uploadPath = $"{roundPath}/submissions/jiading/upload?version={Guid.Empty}&fileName=x.xlsx";
        var wrongType = await managers["jiading"].SendAsync(new HttpRequestMessage(HttpMethod.Post, uploadPath) { Content = new StringContent("a,b") });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        var garbage = new ByteArrayContent("not a workbook"u8.ToArray());
        garbage.Headers.ContentType = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var refused = await managers["jiading"].SendAsync(new HttpRequestMessage(HttpMethod.Post, uploadPath) { Content = garbage });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("x.xlsx", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        for (var p = 0; p < parks.Length; p++)
        {
            var park = parks[p];
            var path = $"{roundPath}/submissions/{park}";
            var form = (await (await managers[park].GetAsync(path)).Content.ReadFromJsonAsync<SubmissionDetail>())!;
            var values = form.Values.Select((v, i) => new ValueInput(v.Code, 5 + ((p * 5 + i * 3) % 11) + p, null)).ToList();
            var saved = await managers[park].PutJsonAsync(path, new SubmissionInput { Values = values, Version = form.Version });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            var version = (await saved.Content.ReadFromJsonAsync<SubmissionDetail>())!.Version;
            // A second save from the same stale form is a conflict.
            Assert.Equal(HttpStatusCode.Conflict, (await managers[park].PutJsonAsync(path, new SubmissionInput { Values = values, Version = form.Version })).StatusCode);
            var submitted = await managers[park].PostJsonAsync(path + "/submit", new Zhangjiang.Platform.Common.VersionInput(version));
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
            version = (await submitted.Content.ReadFromJsonAsync<SubmissionDetail>())!.Version;
            if (park == "jiading")
            {
                var returned = await staff.PostJsonAsync(path + "/review", new EvaluationApi.ReviewBody(false, "请补充证明材料", version));
                Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
                version = (await returned.Content.ReadFromJsonAsync<SubmissionDetail>())!.Version;
                var again = await managers[park].PostJsonAsync(path + "/submit", new Zhangjiang.Platform.Common.VersionInput(version));
                version = (await again.Content.ReadFromJsonAsync<SubmissionDetail>())!.Version;
            }
            Assert.Equal(HttpStatusCode.Forbidden, (await managers[park].PostJsonAsync(path + "/review", new EvaluationApi.ReviewBody(true, null, version))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await staff.PostJsonAsync(path + "/review", new EvaluationApi.ReviewBody(true, null, version))).StatusCode);
        }

        var current = (await (await admin.GetAsync(roundPath)).Content.ReadFromJsonAsync<RoundDetail>())!;
        Assert.Equal(4, current.Submissions.Count(s => s.Status == SubmissionStatus.Accepted));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync(roundPath + "/close", new Zhangjiang.Platform.Common.VersionInput(current.Version))).StatusCode);
        var computed = await admin.PostJsonAsync(roundPath + "/compute", new { });
        Assert.Equal(HttpStatusCode.OK, computed.StatusCode);
        var summary = (await computed.Content.ReadFromJsonAsync<ComputationSummary>())!;
        Assert.Equal(4, summary.Parks);
        Assert.Equal(18, summary.NotEvaluated.Count);

        Assert.Equal(HttpStatusCode.Forbidden, (await managers["jiading"].GetAsync(roundPath + "/ranking")).StatusCode);
        current = (await (await admin.GetAsync(roundPath)).Content.ReadFromJsonAsync<RoundDetail>())!;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostJsonAsync(roundPath + "/publish", new Zhangjiang.Platform.Common.VersionInput(current.Version))).StatusCode);

        var ranking = (await (await managers["jiading"].GetAsync(roundPath + "/ranking")).Content.ReadFromJsonAsync<RankingView>())!;
        Assert.Equal(4, ranking.Rows.Count);
        Assert.NotNull(ranking.Rows.Single(r => r.ParkCode == "jiading").Score);
        Assert.All(ranking.Rows.Where(r => r.ParkCode != "jiading"), r => Assert.Null(r.Score));
        var card = await managers["jiading"].GetAsync(roundPath + "/scorecards/jiading?targetRank=1");
        Assert.Equal(HttpStatusCode.OK, card.StatusCode);
        Assert.Equal("jiading", (await card.Content.ReadFromJsonAsync<Scorecard>())!.ParkCode);
        var other = await managers["jiading"].GetAsync(roundPath + "/scorecards/yangpu");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.DoesNotContain("yangpu", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.Browser().GetAsync(roundPath + "/ranking")).StatusCode);

        // The results workbook: the city's, read back sheet by sheet; parks do not get it.
        Assert.Equal(HttpStatusCode.Forbidden, (await managers["jiading"].GetAsync(roundPath + "/results.xlsx")).StatusCode);
        var workbook = await staff.GetAsync(roundPath + "/results.xlsx");
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        using var book = new MemoryStream(await workbook.Content.ReadAsByteArrayAsync());
        Assert.Equal(["排名 Ranking", "得分 Scores", "数据 Input", "说明 About"], MiniExcelLibs.MiniExcel.GetSheetNames(book));
        book.Position = 0;
        var rankingSheet = MiniExcelLibs.MiniExcel.Query(book, useHeaderRow: true, sheetName: "排名 Ranking").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(4, rankingSheet.Count);
        Assert.Equal(1.0, Convert.ToDouble(rankingSheet[0]["名次 Rank"], System.Globalization.CultureInfo.InvariantCulture));
        book.Position = 0;
        var inputSheet = MiniExcelLibs.MiniExcel.Query(book, useHeaderRow: true, sheetName: "数据 Input").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(41 + 2, inputSheet[0].Count);

        // PDFs: the park's own scorecard for its manager, the zone report for the city only.
        var pdf = await managers["jiading"].GetAsync(roundPath + "/scorecards/jiading/pdf?lang=en");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await managers["jiading"].GetAsync(roundPath + "/scorecards/yangpu/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await managers["jiading"].GetAsync(roundPath + "/report/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(roundPath + "/report/pdf?lang=zh")).StatusCode);
    }
}
