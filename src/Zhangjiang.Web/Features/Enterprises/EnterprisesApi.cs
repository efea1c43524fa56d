using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Web.Features.Identity;
using Zhangjiang.Web.Features.Shared;

namespace Zhangjiang.Web.Features.Enterprises;

/// <summary>
/// Enterprises and gradient cultivation under /api/v1: the registry, tier awards, statistics imports, roll-up and
/// cultivation analytics. The same use cases, and so the same scope checks, as the pages.
/// </summary>
public static class EnterprisesApi
{
    public sealed record RevealBody(string Purpose);

    public sealed record MoveBody(string ParkCode, DateOnly From, string Reason);

    public sealed record RevokeBody(DateOnly RevokedOn, string Reason, Guid Version);

    public sealed record ExplainBody(string Explanation, Guid Version);

    public sealed record ExclusionBody(string? Reason);

    /// <summary>Search exports stop here; a larger list is a statistics extract, not a page export.</summary>
    public const int MaxExportRows = 10_000;

    public static void MapEnterprisesApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        MapRegistry(app.MapGroup("/api/v1/enterprises").WithTags("Enterprises").RequireAuthorization(Policies.EnterpriseUsers));
        MapStatistics(app.MapGroup("/api/v1/enterprise-statistics").WithTags("Enterprises"));
        MapCultivation(app.MapGroup("/api/v1/cultivation").WithTags("Enterprises").RequireAuthorization(Policies.ParkDataUsers));
    }

    private static void MapRegistry(RouteGroupBuilder api)
    {
        api.MapGet("", async ([AsParameters] SearchParameters q, ClaimsPrincipal user, EnterpriseRegistry registry, CancellationToken ct) =>
                Results.Ok(await registry.SearchAsync(user, q.ToQuery(), ct)))
            .WithName("SearchEnterprises").WithSummary("Firms in the caller's scope by name (part, Chinese or English), credit-code prefix, park, tier held today, industry, investor's country; paged (≤ 100).");
        api.MapGet("/export.xlsx", async ([AsParameters] SearchParameters q, ClaimsPrincipal user, EnterpriseRegistry registry, CancellationToken ct) =>
            {
                var rows = (await registry.ListAsync(user, q.ToQuery(), MaxExportRows, ct)).Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
                {
                    ["统一社会信用代码 Credit code"] = r.CreditCode,
                    ["企业名称 Name"] = ExcelCells.Safe(r.NameZh),
                    ["英文名称 English name"] = ExcelCells.Safe(r.NameEn),
                    ["园区 Park"] = r.ParkCode,
                    ["行业 Industry (GB/T 4754)"] = r.IndustryCode,
                    ["所有制 Ownership"] = r.Ownership.ToString(),
                    ["外资来源国 Investor's country"] = r.CountryOfOrigin,
                    ["入园日期 In the park since"] = r.InParkSince?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["当前梯度 Tiers held"] = string.Join("、", r.Tiers.Select(t => EnterpriseTiers.Of(t).NameZh)),
                    ["示例数据 Demo"] = r.IsDemo ? "是 yes" : "",
                });
                return await ExcelDownload.FileAsync(rows, "企业 Enterprises", "enterprises.xlsx", ct);
            })
            .WithName("ExportEnterprises").WithSummary("The search as Excel (at most 10,000 rows; contacts are never exported).");
        api.MapGet("/awards/expiring", async (int? days, ClaimsPrincipal user, TierAwards awards, CancellationToken ct) =>
                Results.Ok(await awards.ExpiringAsync(user, days ?? 90, ct)))
            .WithName("ExpiringAwards").WithSummary("Tier awards that expire within N days (default 90), in the caller's scope: the renewal reminder list.");
        api.MapGet("/awards/expiring.xlsx", async (int? days, ClaimsPrincipal user, TierAwards awards, CancellationToken ct) =>
            {
                var rows = (await awards.ExpiringAsync(user, days ?? 90, ct)).Select(a => (IDictionary<string, object?>)new Dictionary<string, object?>
                {
                    ["统一社会信用代码 Credit code"] = a.CreditCode, ["企业名称 Name"] = ExcelCells.Safe(a.NameZh), ["园区 Park"] = a.ParkCode,
                    ["梯度 Tier"] = $"{EnterpriseTiers.Of(a.Tier).NameZh} {EnterpriseTiers.Of(a.Tier).NameEn}", ["证书编号 Certificate"] = ExcelCells.Safe(a.CertificateNumber),
                    ["到期日 Expires on"] = a.ExpiresOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["剩余天数 Days left"] = a.DaysLeft,
                });
                return await ExcelDownload.FileAsync(rows, "到期提醒 Expiring", "expiring-awards.xlsx", ct);
            })
            .WithName("ExportExpiringAwards").WithSummary("The renewal reminder list as Excel.");
        api.MapPost("/awards/{id:guid}/revoke", async (Guid id, RevokeBody body, ClaimsPrincipal user, HttpContext http, TierAwards awards, CancellationToken ct) =>
                (await awards.RevokeAsync(user, HttpAuditActorAccessor.ActorOf(http), id, body.RevokedOn, body.Reason, body.Version, ct)).ToHttp())
            .WithName("RevokeTierAward").WithSummary("City: revoke an award with a reason. Stale version → 409.");
        api.MapGet("/{code}", async (string code, ClaimsPrincipal user, EnterpriseRegistry registry, CancellationToken ct) =>
                (await registry.GetAsync(user, code, ct)).ToHttp())
            .WithName("GetEnterprise").WithSummary("A firm's profile: park history, awards, statistics years; contacts masked.");
        api.MapPut("/{code}", async (string code, EnterpriseInput input, ClaimsPrincipal user, HttpContext http, EnterpriseRegistry registry, CancellationToken ct) =>
                (await registry.UpdateAsync(user, HttpAuditActorAccessor.ActorOf(http), code, input, ct)).ToHttp())
            .WithName("UpdateEnterprise").WithSummary("Edit a firm (city, its park's manager, the firm itself). Stale version → 409.");
        api.MapPost("/{code}/contacts", async (string code, RevealBody body, ClaimsPrincipal user, HttpContext http, EnterpriseRegistry registry, CancellationToken ct) =>
                (await registry.RevealContactsAsync(user, HttpAuditActorAccessor.ActorOf(http), code, body.Purpose, ct)).ToHttp())
            .WithName("RevealEnterpriseContacts").WithSummary("Unmask the contacts for a stated purpose (4–200 characters); each reveal is a security audit entry.");
        api.MapPost("/{code}/move", async (string code, MoveBody body, ClaimsPrincipal user, HttpContext http, EnterpriseRegistry registry, CancellationToken ct) =>
                (await registry.MoveAsync(user, HttpAuditActorAccessor.ActorOf(http), code, body.ParkCode, body.From, body.Reason, ct)).ToHttp())
            .WithName("MoveEnterprise").WithSummary("City: the firm moves to another park from a date; the park history keeps both stays.");
        api.MapPost("/{code}/awards", async (string code, TierAwardInput input, ClaimsPrincipal user, HttpContext http, TierAwards awards, CancellationToken ct) =>
                (await awards.AddAsync(user, HttpAuditActorAccessor.ActorOf(http), code, input, ct)).ToHttp())
            .WithName("AddTierAward").WithSummary("City: record a tier award (certificate, issuer, dates; default validity per tier).");
        api.MapGet("/{code}/rules", async (string code, int? year, ClaimsPrincipal user, TierCandidates candidates, CancellationToken ct) =>
                (await candidates.ForFirmAsync(user, code, year, ct)).ToHttp())
            .WithName("EnterpriseRuleStanding").WithSummary("The firm's figures against every enabled tier rule, as of a statistics year (default: its latest).");
    }

    private static void MapStatistics(RouteGroupBuilder api)
    {
        api.MapGet("/template.xlsx", async (CancellationToken ct) =>
            {
                var stream = new MemoryStream();
                await StatisticsWorkbooks.WriteTemplateAsync(stream, ct);
                stream.Position = 0;
                return Results.File(stream, ExcelDownload.ContentType, "enterprise-statistics-template.xlsx");
            })
            .RequireAuthorization(Policies.StatisticsImporters)
            .WithName("StatisticsTemplateXlsx").WithSummary("The annual statistics template (Excel) with the field dictionary sheet.");
        api.MapGet("/template.csv", () => Results.File(StatisticsWorkbooks.CsvTemplate(), "text/csv; charset=utf-8", "enterprise-statistics-template.csv"))
            .RequireAuthorization(Policies.StatisticsImporters)
            .WithName("StatisticsTemplateCsv").WithSummary("The annual statistics template (CSV, UTF-8 with BOM).");
        api.MapPost("/imports", async (string? fileName, bool? errorReport, HttpRequest request, ClaimsPrincipal user, HttpContext http, StatisticsImporter importer, CancellationToken ct) =>
            {
                var name = string.IsNullOrWhiteSpace(fileName) ? "statistics.csv" : fileName;
                if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                {
                    size.MaxRequestBodySize = StatisticsUpload.LimitFor(name) + 1;
                }
                var outcome = await StatisticsUpload.ImportAsync(importer, user, HttpAuditActorAccessor.ActorOf(http), request.Body, name, null, null, ct);
                if (outcome is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"{StatisticsUpload.LimitFor(name) / (1024 * 1024)} MB");
                }
                var culture = CultureInfo.CurrentUICulture;
                return outcome.Status switch
                {
                    StatisticsImportStatus.Imported => Results.Ok(outcome.Summary),
                    StatisticsImportStatus.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: UiCulture.IsChinese ? "无权执行此操作" : "You may not do this"),
                    StatisticsImportStatus.AlreadyImported or StatisticsImportStatus.Concurrent => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: outcome.Refusal?.Render(culture)),
                    StatisticsImportStatus.Refused => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: outcome.Refusal?.Render(culture)),
                    _ when errorReport == true => await ErrorReportAsync(outcome, name, culture, ct),
                    _ => Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: UiCulture.IsChinese ? "文件有错误，未写入任何数据" : "The file has errors; nothing was written",
                        extensions: new Dictionary<string, object?>
                        {
                            ["errorCount"] = outcome.ErrorCount,
                            ["errors"] = outcome.Errors.Take(200).Select(e => new { e.Row, e.Column, e.Value, Reason = e.Message.Render(culture) }).ToList(),
                        }),
                };
            })
            .RequireAuthorization(Policies.StatisticsImporters)
            .WithName("ImportStatistics").WithSummary("Import annual statistics (raw CSV or .xlsx body; ?fileName= names it). All or nothing: 200 summary, 422 row errors (errorReport=true: the Excel report), 409 same file again, 400 refused, 413 too large.");
        api.MapGet("/imports", async (ClaimsPrincipal user, HttpContext http, StatisticsRecords records, CancellationToken ct) =>
                Results.Ok(await records.ImportsAsync(user, HttpAuditActorAccessor.ActorOf(http), 100, ct)))
            .RequireAuthorization(Policies.StatisticsImporters)
            .WithName("ListStatisticsImports").WithSummary("Committed imports: all for the city, one's own otherwise.");
        api.MapGet("/anomalies", async (string? park, bool? unexplained, ClaimsPrincipal user, StatisticsRecords records, CancellationToken ct) =>
                Results.Ok(await records.AnomaliesAsync(user, park, unexplained ?? false, 1000, ct)))
            .RequireAuthorization(Policies.ParkDataUsers)
            .WithName("ListStatisticsAnomalies").WithSummary("Year-on-year jumps of the caller's firms, unexplained first.");
        api.MapPut("/anomalies/{id:long}", async (long id, ExplainBody body, ClaimsPrincipal user, HttpContext http, StatisticsRecords records, CancellationToken ct) =>
                (await records.ExplainAsync(user, HttpAuditActorAccessor.ActorOf(http), id, body.Explanation, body.Version, ct)).ToHttp())
            .RequireAuthorization(Policies.StatisticsImporters)
            .WithName("ExplainStatisticsAnomaly").WithSummary("The park (or the city) explains a jump. Stale version → 409.");
        api.MapGet("/rollup", async (int? year, ClaimsPrincipal user, StatisticsRecords records, CancellationToken ct) =>
                Results.Ok(await records.RollupAsync(user, year, ct)))
            .RequireAuthorization(Policies.ParkDataUsers)
            .WithName("RollupValues").WithSummary("Park indicators computed from firm rows, for a year (default: the latest), with the formulas.");
        api.MapGet("/rollup.xlsx", async (int? year, ClaimsPrincipal user, StatisticsRecords records, CancellationToken ct) =>
            {
                var table = await records.RollupAsync(user, year, ct);
                var rows = table.Parks.Select(p =>
                {
                    var row = new Dictionary<string, object?> { ["园区 Park"] = p.ParkCode, ["年份 Year"] = table.Year, ["企业数 Firms"] = p.Firms, ["剔除 Excluded"] = p.ExcludedFirms };
                    foreach (var f in table.Formulas)
                    {
                        row[$"{f.NameZh} {f.NameEn} ({f.Unit})"] = p.Values.GetValueOrDefault(f.Code);
                    }
                    return (IDictionary<string, object?>)row;
                });
                var formulas = table.Formulas.Select(f => (IDictionary<string, object?>)new Dictionary<string, object?>
                {
                    ["代码 Code"] = f.Code, ["名称 Name"] = $"{f.NameZh} {f.NameEn}", ["公式 Formula"] = ExcelCells.Safe(f.Expression), ["单位 Unit"] = f.Unit,
                    ["评价指标 Indicator"] = f.IndicatorCode, ["来源 Source"] = ExcelCells.Safe(f.Source),
                });
                return await ExcelDownload.FileAsync(new Dictionary<string, object> { ["园区指标 Park values"] = rows, ["公式 Formulas"] = formulas },
                    $"rollup-{table.Year}.xlsx", ct);
            })
            .RequireAuthorization(Policies.ParkDataUsers)
            .WithName("ExportRollupValues").WithSummary("The roll-up for a year as Excel, with the formulas sheet.");
        api.MapGet("/rollup/{park}/{year:int}/{formula}", async (string park, int year, string formula, int? page, ClaimsPrincipal user, StatisticsRollup rollup, CancellationToken ct) =>
                (await rollup.LineageAsync(user, park, year, formula, page ?? 1, 50, ct)).ToHttp())
            .RequireAuthorization(Policies.ParkDataUsers)
            .WithName("RollupLineage").WithSummary("From a park value to the firm rows behind it: each firm's part of each aggregate; exclusions with reasons.");
        api.MapPost("/rollup/compute", async (int? year, ClaimsPrincipal user, HttpContext http, StatisticsRollup rollup, CancellationToken ct) =>
                (await rollup.ComputeAsync(user, HttpAuditActorAccessor.ActorOf(http), year is { } y ? [y] : null, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("ComputeRollup").WithSummary("City: recompute the park values (one year or all).");
        api.MapPut("/exclusions/{code}/{year:int}", async (string code, int year, ExclusionBody body, ClaimsPrincipal user, HttpContext http, StatisticsRollup rollup, CancellationToken ct) =>
                (await rollup.SetExclusionAsync(user, HttpAuditActorAccessor.ActorOf(http), code, year, body.Reason, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("SetStatisticsExclusion").WithSummary("City: leave a firm-year out of its park's roll-up (reason required) or put it back (empty reason). Audited.");
    }

    private static void MapCultivation(RouteGroupBuilder api)
    {
        // Default years: the last six up to this year in Shanghai.
        static (int From, int To) Years(int? from, int? to, TimeProvider clock)
        {
            var thisYear = ShanghaiTime.Today(clock).Year;
            return (from ?? thisYear - 5, to ?? thisYear);
        }
        api.MapGet("/report", async (string? park, int? from, int? to, ClaimsPrincipal user, CultivationAnalytics analytics, TimeProvider clock, CancellationToken ct) =>
            {
                var span = Years(from, to, clock);
                return (await analytics.ReportAsync(user, park, span.From, span.To, ct)).ToHttp();
            })
            .WithName("CultivationReport").WithSummary("Per year: firms reporting, firms holding each tier at the year's end, entries, promotions, demotions, exits; entry cohorts with time to promotion.");
        api.MapGet("/report.xlsx", async (string? park, int? from, int? to, ClaimsPrincipal user, CultivationAnalytics analytics, TimeProvider clock, CancellationToken ct) =>
            {
                var span = Years(from, to, clock);
                var report = await analytics.ReportAsync(user, park, span.From, span.To, ct);
                if (!report.Succeeded)
                {
                    return report.ToHttp();
                }
                var (years, cohorts) = CultivationAnalytics.Sheets(report.Value!);
                return await ExcelDownload.FileAsync(new Dictionary<string, object> { ["梯度 Ladder"] = years, ["队列 Cohorts"] = cohorts },
                    $"cultivation-{park ?? "zone"}.xlsx", ct);
            })
            .WithName("ExportCultivationReport").WithSummary("The cultivation report as Excel: the yearly ladder and the cohort table.");
        api.MapGet("/candidates", async (string park, int year, EnterpriseTier? tier, ClaimsPrincipal user, TierCandidates candidates, CancellationToken ct) =>
                (await candidates.ForParkAsync(user, park, year, tier, ct)).ToHttp())
            .WithName("TierCandidates").WithSummary("The park's firms that meet a tier's rule from a statistics year and do not hold the tier, with each criterion's figure and threshold.");
        api.MapGet("/candidates.xlsx", async (string park, int year, EnterpriseTier? tier, ClaimsPrincipal user, TierCandidates candidates, CancellationToken ct) =>
            {
                var page = await candidates.ForParkAsync(user, park, year, tier, ct);
                if (!page.Succeeded)
                {
                    return page.ToHttp();
                }
                var rows = page.Value!.Candidates.Select(c => (IDictionary<string, object?>)new Dictionary<string, object?>
                {
                    ["统一社会信用代码 Credit code"] = c.CreditCode, ["企业名称 Name"] = ExcelCells.Safe(c.NameZh), ["行业 Industry"] = c.IndustryCode,
                    ["当前最高梯度 Highest tier held"] = c.HighestHeld is { } h ? EnterpriseTiers.Of(h).NameZh : "",
                    ["候选梯度 Candidate for"] = $"{c.Rule.NameZh} {c.Rule.NameEn}",
                    ["达标条件 Criteria met"] = c.Rule.Criteria.Count(r => r.Outcome == CriterionOutcome.Met),
                    ["待人工核实 To verify"] = c.Rule.Criteria.Count(r => r.Outcome == CriterionOutcome.ToVerify),
                    ["明细 Detail"] = ExcelCells.Safe(string.Join("；", c.Rule.Criteria.Select(r => $"{r.Criterion.LabelZh}: {r.Figure?.ToString("0.####", CultureInfo.InvariantCulture) ?? "—"} {r.Criterion.Comparison} {r.Threshold?.ToString("0.####", CultureInfo.InvariantCulture) ?? "—"} ({r.Outcome})"))),
                });
                return await ExcelDownload.FileAsync(rows, "候选 Candidates", $"candidates-{park}-{year}.xlsx", ct);
            })
            .WithName("ExportTierCandidates").WithSummary("The candidate list as Excel, each criterion with figure, threshold and outcome.");
        api.MapGet("/tier-rules", async (TierRules rules, CancellationToken ct) => Results.Ok(await rules.ListAsync(ct)))
            .WithName("ListTierRules").WithSummary("The tier rules with their sources and criteria (formulas over the statistics fields).");
        api.MapPut("/tier-rules/{id:guid}", async (Guid id, TierRuleView input, ClaimsPrincipal user, HttpContext http, TierRules rules, CancellationToken ct) =>
                (await rules.SaveAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("SaveTierRule").WithSummary("City: replace a rule's criteria, source and state; every formula is checked. Stale version → 409.");
    }

    private static async Task<IResult> ErrorReportAsync(StatisticsImportOutcome outcome, string fileName, CultureInfo culture, CancellationToken ct)
    {
        var stream = new MemoryStream();
        await StatisticsWorkbooks.WriteErrorReportAsync(outcome, fileName, culture, stream, ct);
        stream.Position = 0;
        return new StatusFile(stream, Path.GetFileNameWithoutExtension(fileName) + "-errors.xlsx");
    }

    /// <summary>The Excel error report with status 422: the file is the answer, and the status still says nothing was written.</summary>
    private sealed class StatusFile(Stream stream, string fileName) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            httpContext.Response.ContentType = ExcelDownload.ContentType;
            var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(fileName);
            httpContext.Response.Headers.ContentDisposition = disposition.ToString();
            await stream.CopyToAsync(httpContext.Response.Body, httpContext.RequestAborted);
        }
    }

    public sealed record SearchParameters(string? Text, string? Park, EnterpriseTier? Tier, string? Industry, string? Country, int? Page, int? PageSize)
    {
        public EnterpriseQuery ToQuery() => new() { Text = Text, ParkCode = Park, Tier = Tier, Industry = Industry, Country = Country, Page = Page ?? 1, PageSize = PageSize ?? 20 };
    }
}
