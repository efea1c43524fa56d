using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.E2E;

/// <summary>
/// A round in the browser: a park manager completes the park's form with the round's Excel template and submits it, city staff accept it, the city
/// administrator closes, computes and publishes, the manager reads the scorecard and another park's manager cannot.
/// </summary>
public sealed class EvaluationJourneyTests
{
    [Fact]
    public async Task A_park_submits_the_city_accepts_and_publishes_and_only_the_park_reads_its_scorecard()
    {
        await using var session = await ChromiumSession.StartAsync();
        var manager = await session.Factory.CreateUserAsync("pm-jiading", Roles.ParkManager, park: "jiading");
        var otherManager = await session.Factory.CreateUserAsync("pm-minhang", Roles.ParkManager, park: "minhang");
        var staff = await session.Factory.CreateUserAsync("city-staff", Roles.CityStaff);
        var admin = await session.Factory.CreateUserAsync("city-admin", Roles.CityAdmin);
        var (roundId, missingCode) = await PrepareAsync(session.Factory);

        // The park manager fills in the one value left, saves, submits.
        var page = await session.NewPageAsync();
        await session.SignInAsync(page, manager);
        await page.GotoAsync(session.BaseUrl + "/evaluation");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.ClickAsync("#zj-rounds a:has-text('填报')");
        await page.WaitForURLAsync($"**/evaluation/rounds/{roundId}/submissions/jiading");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.ClickAsync("#zj-submission-submit");
        await page.WaitForSelectorAsync($"#zj-submission-errors:has-text('{missingCode}')");

        // The missing value goes in through the round's Excel template: downloaded, filled in, uploaded.
        var download = await page.Context.APIRequest.GetAsync(session.BaseUrl + $"/api/v1/evaluation/rounds/{roundId}/submissions/jiading/template.xlsx");
        Assert.Equal(200, download.Status);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await download.BodyAsync()), useHeaderRow: true, sheetName: SubmissionWorkbook.Sheet)
            .Cast<IDictionary<string, object?>>().ToList();
        rows.Single(r => (string?)r[SubmissionWorkbook.CodeColumn] == missingCode)[SubmissionWorkbook.ValueColumn] = 120.0;
        var filled = Path.Combine(Path.GetTempPath(), $"jiading-{Guid.NewGuid():N}.xlsx");
        await MiniExcelLibs.MiniExcel.SaveAsAsync(filled, new Dictionary<string, object> { [SubmissionWorkbook.Sheet] = rows });
        await page.SetInputFilesAsync("input.zj-template-input", filled);
        await page.WaitForSelectorAsync("text=模板数据已导入");
        File.Delete(filled);
        await page.ClickAsync("#zj-submission-submit");
        await page.WaitForSelectorAsync("#zj-submission-status:has-text('已提交')");
        await page.Context.CloseAsync();

        // City staff accept it from the round page.
        page = await session.NewPageAsync();
        await session.SignInAsync(page, staff);
        await page.GotoAsync(session.BaseUrl + $"/evaluation/rounds/{roundId}/submissions/jiading");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.ClickAsync("#zj-review-accept");
        await page.WaitForSelectorAsync("#zj-submission-status:has-text('已通过')");
        await page.Context.CloseAsync();

        // The city administrator closes the round, computes and publishes.
        page = await session.NewPageAsync();
        await session.SignInAsync(page, admin);
        await page.GotoAsync(session.BaseUrl + $"/evaluation/rounds/{roundId}");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.ClickAsync("#zj-round-close");
        await page.WaitForSelectorAsync("#zj-round-status:has-text('已锁定')");
        await page.ClickAsync("#zj-round-compute");
        await page.WaitForSelectorAsync("#zj-round-message:has-text('计算完成')", new PageWaitForSelectorOptions { Timeout = 60_000 });
        await page.ClickAsync("#zj-round-publish");
        await page.WaitForSelectorAsync("#zj-round-status:has-text('已发布')");
        await page.Context.CloseAsync();

        // The manager sees the ranking (own row in full) and the scorecard.
        page = await session.NewPageAsync();
        await session.SignInAsync(page, manager);
        await page.GotoAsync(session.BaseUrl + $"/evaluation/rounds/{roundId}/ranking");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.ClickAsync("#zj-ranking a:has-text('评价报告卡')");
        await page.WaitForURLAsync($"**/scorecards/jiading");
        await page.WaitForSelectorAsync("#zj-scorecard-score");
        Assert.Matches(@"^\d+\.\d\d$", (await page.InnerTextAsync("#zj-scorecard-score")).Trim());
        Assert.Equal(5, await page.Locator("#zj-weak-links tr").CountAsync());
        await page.Context.CloseAsync();

        // Another park's manager: no scorecard of jiading, and no jiading figures on the page.
        page = await session.NewPageAsync();
        await session.SignInAsync(page, otherManager);
        await page.GotoAsync(session.BaseUrl + $"/evaluation/rounds/{roundId}/scorecards/jiading");
        await ChromiumSession.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("#zj-scorecard-forbidden");
        Assert.Equal(0, await page.Locator("#zj-scorecard-score").CountAsync());
        await page.Context.CloseAsync();

        await using var db = session.Factory.Database.CreateContext();
        var trail = await db.AuditEntries.Where(a => a.EntityType == nameof(ParkSubmission)).Select(a => a.UserName).ToListAsync();
        Assert.Contains("pm-jiading", trail);
        Assert.Contains("city-staff", trail);
    }

    /// <summary>
    /// Opens a round and fills jiading's form except one value (the browser adds it); two other parks are submitted and
    /// accepted, so the round has enough parks to compute.
    /// </summary>
    private static Task<(Guid RoundId, string MissingCode)> PrepareAsync(ZjWebFactory factory) => factory.WithServicesAsync(async sp =>
    {
        var rounds = sp.GetRequiredService<EvaluationRounds>();
        var catalog = sp.GetRequiredService<FrameworkCatalog>();
        var city = Principal([Roles.CityAdmin, Roles.CityStaff], null);
        var actor = new AuditActor(null, "setup", null);
        var framework = (await catalog.ListAsync(city)).Value!.Single(f => f.Family == "MOST-2021");
        var round = (await rounds.OpenAsync(city, actor, new RoundInput
        {
            Year = 2025, FrameworkId = framework.Id, NameZh = "2025年度综合评价", NameEn = "2025 evaluation",
            DeadlineUtc = factory.Clock.GetUtcNow().UtcDateTime.AddDays(10), Method = new EvaluationMethod { UncertaintyReplications = 200 },
        })).Value!;
        string missing = "";
        foreach (var (park, offset) in new[] { ("jiading", 0), ("yangpu", 3), ("songjiang", 7) })
        {
            var manager = Principal([Roles.ParkManager], park);
            var form = (await rounds.GetSubmissionAsync(manager, round.Id, park)).Value!;
            var values = form.Values.Select((v, i) => new ValueInput(v.Code, 10 + (i * 7 + offset) % 13, null)).ToList();
            if (park == "jiading")
            {
                missing = values[0].Code;
                values[0] = values[0] with { Value = null };
            }
            var saved = (await rounds.SaveAsync(manager, actor, round.Id, park, new SubmissionInput { Values = values, Version = form.Version })).Value!;
            if (park != "jiading")
            {
                var submitted = (await rounds.SubmitAsync(manager, actor, round.Id, park, saved.Version)).Value!;
                await rounds.ReviewAsync(city, actor, round.Id, park, true, null, submitted.Version);
            }
        }
        return (round.Id, missing);
    });

    private static ClaimsPrincipal Principal(string[] roles, string? park)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, "setup"), new(ClaimTypes.Name, "setup") };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (park is not null)
        {
            claims.Add(new Claim(ZjClaims.Park, park));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "setup"));
    }
}
