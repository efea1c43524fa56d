using System.Security.Claims;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Web.Features.Identity;
using Zhangjiang.Web.Features.Shared;

namespace Zhangjiang.Web.Features.Evaluation;

/// <summary>The evaluation under /api/v1/evaluation: the same use cases, and so the same authorization, as the pages.</summary>
public static class EvaluationApi
{
    private const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The report's language: as asked, else the caller's UI language.</summary>
    private static System.Globalization.CultureInfo ReportCulture(string? lang) => lang switch
    {
        "zh" => System.Globalization.CultureInfo.GetCultureInfo("zh-CN"),
        "en" => System.Globalization.CultureInfo.GetCultureInfo("en"),
        _ => UiCulture.IsChinese ? System.Globalization.CultureInfo.GetCultureInfo("zh-CN") : System.Globalization.CultureInfo.GetCultureInfo("en"),
    };

    public sealed record ReviewBody(bool Accept, string? Comment, Guid Version);

    public sealed record VisibilityBody(ResultVisibility OthersSee, bool ShowOnPortal, Guid Version);

    public static void MapEvaluationApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/v1/portal/evaluation", async (EvaluationResults results, CancellationToken ct) => Results.Ok(await results.PublicRankingsAsync(ct)))
            .AllowAnonymous()
            .WithTags("Evaluation")
            .WithName("PublicRankings")
            .WithSummary("Public: the rankings (rank and tier only) of the rounds the city published to the portal.");

        var api = app.MapGroup("/api/v1/evaluation").WithTags("Evaluation").RequireAuthorization(Policies.SignedIn);

        api.MapGet("/frameworks", async (ClaimsPrincipal user, FrameworkCatalog catalog, CancellationToken ct) =>
                (await catalog.ListAsync(user, ct)).ToHttp())
            .WithName("ListFrameworks").WithSummary("Every version of every indicator framework.");
        api.MapGet("/frameworks/{id:guid}", async (Guid id, ClaimsPrincipal user, FrameworkCatalog catalog, CancellationToken ct) =>
                (await catalog.GetAsync(user, id, ct)).ToHttp())
            .WithName("GetFramework").WithSummary("One framework version with its indicators, weights (null where the source gives none) and sources.");
        api.MapPost("/frameworks/{id:guid}/new-version", async (Guid id, ClaimsPrincipal user, HttpContext http, FrameworkCatalog catalog, CancellationToken ct) =>
                (await catalog.NewVersionAsync(user, HttpAuditActorAccessor.ActorOf(http), id, ct)).ToHttp())
            .WithName("NewFrameworkVersion").WithSummary("CityAdmin: a new draft version copied from this one.");
        api.MapPut("/frameworks/{id:guid}", async (Guid id, FrameworkInput input, ClaimsPrincipal user, HttpContext http, FrameworkCatalog catalog, CancellationToken ct) =>
                (await catalog.UpdateDraftAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .WithName("UpdateFramework").WithSummary("CityAdmin: replace a draft's fields and indicators; a published version refuses. Stale version → 409.");
        api.MapGet("/frameworks/{id:guid}/workbook.xlsx", async (Guid id, ClaimsPrincipal user, FrameworkCatalog catalog, CancellationToken ct) =>
            {
                var framework = await catalog.GetAsync(user, id, ct);
                if (!framework.Succeeded)
                {
                    return framework.ToHttp();
                }
                var stream = new MemoryStream();
                await FrameworkWorkbook.WriteAsync(framework.Value!, stream, ct);
                stream.Position = 0;
                return Results.File(stream, XlsxContentType, $"{framework.Value!.Family}-v{framework.Value.VersionNumber}.xlsx");
            })
            .WithName("ExportFramework").WithSummary("A framework version as Excel: the iMeta layout plus definition, formula, data source, benchmark flags and sources.");
        api.MapPost("/frameworks/{id:guid}/workbook", async (Guid id, Guid version, string? fileName, HttpRequest request, ClaimsPrincipal user, HttpContext http, FrameworkCatalog catalog, CancellationToken ct) =>
            {
                if (!string.Equals(request.ContentType, XlsxContentType, StringComparison.OrdinalIgnoreCase))
                {
                    return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: XlsxContentType);
                }
                using var body = await RequestBody.ReadAsync(request, Platform.Features.Importing.SpreadsheetUpload.MaxBytes, ct);
                if (body is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "10 MB");
                }
                return (await catalog.ImportDraftAsync(user, HttpAuditActorAccessor.ActorOf(http), id, body, fileName ?? "framework.xlsx", version, ct)).ToHttp();
            })
            .WithName("ImportFramework").WithSummary("CityAdmin: replace a draft's indicators with an uploaded workbook (raw .xlsx body); bad cells are named and nothing changes.");
        api.MapPost("/frameworks/{id:guid}/publish", async (Guid id, VersionInput body, ClaimsPrincipal user, HttpContext http, FrameworkCatalog catalog, CancellationToken ct) =>
                (await catalog.PublishAsync(user, HttpAuditActorAccessor.ActorOf(http), id, body.Version, ct)).ToHttp())
            .WithName("PublishFramework").WithSummary("CityAdmin: publish a draft; it is frozen from then on.");
        api.MapDelete("/frameworks/{id:guid}", async (Guid id, Guid version, ClaimsPrincipal user, HttpContext http, FrameworkCatalog catalog, CancellationToken ct) =>
                (await catalog.DeleteDraftAsync(user, HttpAuditActorAccessor.ActorOf(http), id, version, ct)).ToHttp(_ => Results.NoContent()))
            .WithName("DeleteFrameworkDraft").WithSummary("CityAdmin: discard a draft version.");

        api.MapGet("/benchmarks", async (ClaimsPrincipal user, BenchmarkLibrary library, CancellationToken ct) =>
                (await library.ListAsync(user, ct)).ToHttp())
            .WithName("ListBenchmarks").WithSummary("The benchmark groups' reference entities with their sourced values.");
        api.MapPost("/benchmarks", async (BenchmarkEntityInput input, ClaimsPrincipal user, HttpContext http, BenchmarkLibrary library, CancellationToken ct) =>
                (await library.SaveAsync(user, HttpAuditActorAccessor.ActorOf(http), null, input, ct)).ToHttp())
            .WithName("CreateBenchmark").WithSummary("CityAdmin: add a reference entity; every value needs a source.");
        api.MapPut("/benchmarks/{id:guid}", async (Guid id, BenchmarkEntityInput input, ClaimsPrincipal user, HttpContext http, BenchmarkLibrary library, CancellationToken ct) =>
                (await library.SaveAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .WithName("UpdateBenchmark").WithSummary("CityAdmin: replace a reference entity and its values. Stale version → 409.");
        api.MapDelete("/benchmarks/{id:guid}", async (Guid id, Guid version, ClaimsPrincipal user, HttpContext http, BenchmarkLibrary library, CancellationToken ct) =>
                (await library.DeleteAsync(user, HttpAuditActorAccessor.ActorOf(http), id, version, ct)).ToHttp(_ => Results.NoContent()))
            .WithName("DeleteBenchmark").WithSummary("CityAdmin: remove a reference entity.");

        api.MapGet("/rounds", async (ClaimsPrincipal user, EvaluationRounds rounds, CancellationToken ct) =>
                (await rounds.ListAsync(user, ct)).ToHttp())
            .WithName("ListRounds").WithSummary("Rounds: all for the city; for a park manager, with their own submission's state.");
        api.MapPost("/rounds", async (RoundInput input, ClaimsPrincipal user, HttpContext http, EvaluationRounds rounds, CancellationToken ct) =>
                (await rounds.OpenAsync(user, HttpAuditActorAccessor.ActorOf(http), input, ct)).ToHttp(r => Results.Created($"/api/v1/evaluation/rounds/{r.Id}", r)))
            .WithName("OpenRound").WithSummary("CityAdmin: open a round on a published framework; every park gets a draft submission.");
        api.MapGet("/rounds/{id:guid}", async (Guid id, ClaimsPrincipal user, EvaluationRounds rounds, CancellationToken ct) =>
                (await rounds.GetAsync(user, id, ct)).ToHttp())
            .WithName("GetRound").WithSummary("City: a round with every park's submission state.");
        api.MapPost("/rounds/{id:guid}/fill-computed", async (Guid id, ClaimsPrincipal user, HttpContext http, StatisticsFeed feed, CancellationToken ct) =>
                (await feed.RefreshAsync(user, HttpAuditActorAccessor.ActorOf(http), id, ct)).ToHttp(n => Results.Ok(new { filled = n })))
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("FillComputedIndicators").WithSummary("City: refill the open round's draft and returned forms from the enterprise-statistics roll-up (typed values kept).");
        api.MapPost("/rounds/{id:guid}/close", async (Guid id, VersionInput body, ClaimsPrincipal user, HttpContext http, EvaluationRounds rounds, CancellationToken ct) =>
                (await rounds.CloseAsync(user, HttpAuditActorAccessor.ActorOf(http), id, body.Version, ct)).ToHttp())
            .WithName("CloseRound").WithSummary("CityAdmin: stop submissions before every park is accepted.");
        api.MapPut("/rounds/{id:guid}/visibility", async (Guid id, VisibilityBody body, ClaimsPrincipal user, HttpContext http, EvaluationRounds rounds, CancellationToken ct) =>
                (await rounds.SetVisibilityAsync(user, HttpAuditActorAccessor.ActorOf(http), id, body.OthersSee, body.ShowOnPortal, body.Version, ct)).ToHttp())
            .WithName("SetRoundVisibility").WithSummary("CityAdmin: what parks see of the others, and whether the public portal shows the ranking.");
        api.MapPost("/rounds/{id:guid}/compute", async (Guid id, ClaimsPrincipal user, HttpContext http, RoundComputation computation, CancellationToken ct) =>
                (await computation.ComputeAsync(user, HttpAuditActorAccessor.ActorOf(http), id, null, ct)).ToHttp())
            .WithName("ComputeRound").WithSummary("CityAdmin: compute a locked round (replaces the last unpublished result).");
        api.MapPost("/rounds/{id:guid}/publish", async (Guid id, VersionInput body, ClaimsPrincipal user, HttpContext http, RoundComputation computation, CancellationToken ct) =>
                (await computation.PublishAsync(user, HttpAuditActorAccessor.ActorOf(http), id, body.Version, ct)).ToHttp(_ => Results.NoContent()))
            .WithName("PublishRound").WithSummary("CityAdmin: freeze the computed result as official and show it by the round's visibility.");

        api.MapGet("/rounds/{id:guid}/submissions/{park}", async (Guid id, string park, ClaimsPrincipal user, EvaluationRounds rounds, CancellationToken ct) =>
                (await rounds.GetSubmissionAsync(user, id, park, ct)).ToHttp())
            .WithName("GetSubmission").WithSummary("A park's submission with last year's values; the park's manager and city staff.");
        api.MapPut("/rounds/{id:guid}/submissions/{park}", async (Guid id, string park, SubmissionInput input, ClaimsPrincipal user, HttpContext http, EvaluationRounds rounds, CancellationToken ct) =>
                (await rounds.SaveAsync(user, HttpAuditActorAccessor.ActorOf(http), id, park, input, ct)).ToHttp())
            .WithName("SaveSubmission").WithSummary("The park's manager: save values and explanations as a draft. Stale version → 409.");
        api.MapGet("/rounds/{id:guid}/submissions/{park}/template.xlsx", async (Guid id, string park, ClaimsPrincipal user, EvaluationRounds rounds, CancellationToken ct) =>
            {
                var form = await rounds.GetSubmissionAsync(user, id, park, ct);
                if (!form.Succeeded)
                {
                    return form.ToHttp();
                }
                var stream = new MemoryStream();
                await SubmissionWorkbook.WriteAsync(form.Value!, stream, ct);
                stream.Position = 0;
                return Results.File(stream, XlsxContentType, $"submission-{form.Value!.Year}-{form.Value.ParkCode}.xlsx");
            })
            .WithName("DownloadSubmissionTemplate").WithSummary("The park's Excel template for the round, with last year's and the current values.");
        api.MapPost("/rounds/{id:guid}/submissions/{park}/upload", async (Guid id, string park, Guid version, string? fileName, HttpRequest request, ClaimsPrincipal user, HttpContext http, EvaluationRounds rounds, CancellationToken ct) =>
            {
                // The workbook is the raw request body (Content-Type: the .xlsx media type): no form parsing, and a type
                // no cross-site form can send.
                if (!string.Equals(request.ContentType, XlsxContentType, StringComparison.OrdinalIgnoreCase))
                {
                    return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: XlsxContentType);
                }
                using var body = await RequestBody.ReadAsync(request, Platform.Features.Importing.SpreadsheetUpload.MaxBytes, ct);
                if (body is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "10 MB");
                }
                return (await rounds.ImportAsync(user, HttpAuditActorAccessor.ActorOf(http), id, park, body, fileName ?? "upload.xlsx", version, ct)).ToHttp();
            })
            .WithName("UploadSubmissionTemplate").WithSummary("The park's manager: upload the filled-in template (raw .xlsx body); every bad cell is named and nothing is saved.");
        api.MapGet("/rounds/{id:guid}/submissions/{park}/evidence", async (Guid id, string park, ClaimsPrincipal user, SubmissionEvidenceStore store, CancellationToken ct) =>
                (await store.ListAsync(user, id, park, ct)).ToHttp())
            .WithName("ListEvidence").WithSummary("The evidence attached to a park's submission.");
        api.MapPost("/rounds/{id:guid}/submissions/{park}/evidence", async (Guid id, string park, string fileName, string? indicator, HttpRequest request, ClaimsPrincipal user, HttpContext http, SubmissionEvidenceStore store, CancellationToken ct) =>
            {
                // The file is the raw request body; its type is judged from its content, not from any header.
                using var body = await RequestBody.ReadAsync(request, Platform.Features.Files.UploadedFileCheck.MaxBytes, ct);
                if (body is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "10 MB");
                }
                return (await store.AddAsync(user, HttpAuditActorAccessor.ActorOf(http), id, park, fileName, body.ToArray(), indicator, ct)).ToHttp();
            })
            .WithName("AddEvidence").WithSummary("The park's manager: attach a file (raw body; PDF without active content, PNG, JPEG or .xlsx; 10 MB).");
        api.MapGet("/rounds/{id:guid}/submissions/{park}/evidence/{evidenceId:guid}", async (Guid id, string park, Guid evidenceId, ClaimsPrincipal user, SubmissionEvidenceStore store, CancellationToken ct) =>
                (await store.DownloadAsync(user, id, park, evidenceId, ct)).ToHttp(file => Results.File(file.Content, file.ContentType, file.FileName)))
            .WithName("DownloadEvidence").WithSummary("One evidence file, served as an attachment.");
        api.MapDelete("/rounds/{id:guid}/submissions/{park}/evidence/{evidenceId:guid}", async (Guid id, string park, Guid evidenceId, ClaimsPrincipal user, HttpContext http, SubmissionEvidenceStore store, CancellationToken ct) =>
                (await store.RemoveAsync(user, HttpAuditActorAccessor.ActorOf(http), id, park, evidenceId, ct)).ToHttp())
            .WithName("RemoveEvidence").WithSummary("The park's manager: remove an evidence file while the submission is editable.");
        api.MapPost("/rounds/{id:guid}/submissions/{park}/submit", async (Guid id, string park, VersionInput body, ClaimsPrincipal user, HttpContext http, EvaluationRounds rounds, CancellationToken ct) =>
                (await rounds.SubmitAsync(user, HttpAuditActorAccessor.ActorOf(http), id, park, body.Version, ct)).ToHttp())
            .WithName("SubmitSubmission").WithSummary("The park's manager: submit; every missing value and unexplained large change is named.");
        api.MapPost("/rounds/{id:guid}/submissions/{park}/review", async (Guid id, string park, ReviewBody body, ClaimsPrincipal user, HttpContext http, EvaluationRounds rounds, CancellationToken ct) =>
                (await rounds.ReviewAsync(user, HttpAuditActorAccessor.ActorOf(http), id, park, body.Accept, body.Comment, body.Version, ct)).ToHttp())
            .WithName("ReviewSubmission").WithSummary("City staff: accept a submitted submission, or return it with a comment.");

        api.MapGet("/rounds/{id:guid}/ranking", async (Guid id, ClaimsPrincipal user, EvaluationResults results, CancellationToken ct) =>
                (await results.RankingAsync(user, id, ct)).ToHttp())
            .WithName("GetRanking").WithSummary("The ranking as this user may see it: the city in full; parks their own row in full and the others per the round.");
        api.MapGet("/rounds/{id:guid}/results.xlsx", async (Guid id, ClaimsPrincipal user, EvaluationResults results, CancellationToken ct) =>
            {
                var stream = new MemoryStream();
                var exported = await results.ExportAsync(user, id, stream, ct);
                stream.Position = 0;
                return exported.ToHttp(name => Results.File(stream, XlsxContentType, name));
            })
            .WithName("ExportResults").WithSummary("City: the whole result as Excel (ranking, scores at every node, input values, method).");
        api.MapGet("/rounds/{id:guid}/scorecards/{park}/pdf", async (Guid id, string park, string? lang, ClaimsPrincipal user, EvaluationReports reports, CancellationToken ct) =>
            {
                var stream = new MemoryStream();
                var written = await reports.ScorecardAsync(user, id, park, ReportCulture(lang), stream, ct);
                stream.Position = 0;
                return written.ToHttp(name => Results.File(stream, "application/pdf", name));
            })
            .WithName("ScorecardPdf").WithSummary("A park's scorecard as a print-ready PDF (lang=zh or en), for whoever may read the scorecard.");
        api.MapGet("/rounds/{id:guid}/report/pdf", async (Guid id, string? lang, ClaimsPrincipal user, EvaluationReports reports, CancellationToken ct) =>
            {
                var stream = new MemoryStream();
                var written = await reports.ZoneReportAsync(user, id, ReportCulture(lang), stream, ct);
                stream.Position = 0;
                return written.ToHttp(name => Results.File(stream, "application/pdf", name));
            })
            .WithName("ZoneReportPdf").WithSummary("City: the round's zone report as a print-ready PDF (lang=zh or en).");
        api.MapPost("/rounds/{id:guid}/what-if", async (Guid id, WhatIfInput input, ClaimsPrincipal user, EvaluationAnalysis analysis, CancellationToken ct) =>
                (await analysis.WhatIfAsync(user, id, input, ct)).ToHttp())
            .WithName("WhatIf").WithSummary("City: ranks under other dimension weights or another method; nothing is stored.");
        api.MapGet("/rounds/{id:guid}/indicators/{code}/league", async (Guid id, string code, ClaimsPrincipal user, EvaluationAnalysis analysis, CancellationToken ct) =>
                (await analysis.LeagueAsync(user, id, code, ct)).ToHttp())
            .WithName("IndicatorLeague").WithSummary("City: the parks ordered by one indicator.");
        api.MapGet("/rounds/{id:guid}/history", async (Guid id, ClaimsPrincipal user, EvaluationAnalysis analysis, CancellationToken ct) =>
                (await analysis.HistoryAsync(user, id, ct)).ToHttp())
            .WithName("RecomputedHistory").WithSummary("City: earlier published years recomputed under this round's framework and method, beside their official ranks.");
        api.MapGet("/rounds/{id:guid}/scorecards/{park}", async (Guid id, string park, double? targetRank, ClaimsPrincipal user, EvaluationResults results, CancellationToken ct) =>
                (await results.ScorecardAsync(user, id, park, targetRank, ct)).ToHttp())
            .WithName("GetScorecard").WithSummary("A park's scorecard; with targetRank, the improvement path to that rank.");
    }
}
