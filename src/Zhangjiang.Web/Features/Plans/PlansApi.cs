using System.Security.Claims;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Plans;
using Zhangjiang.Web.Features.Identity;
using Zhangjiang.Web.Features.Shared;

namespace Zhangjiang.Web.Features.Plans;

/// <summary>Park plans (一园一方案) under /api/v1/plans: the same use case, and so the same scope rules, as the pages.</summary>
public static class PlansApi
{
    public static void MapPlansApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1/plans").WithTags("Plans");
        api.MapGet("/", async (ClaimsPrincipal user, ParkPlans plans, CancellationToken ct) => Results.Ok(await plans.ListAsync(user, ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithName("ListPlans").WithSummary("Plans the caller may read: published ones for all; drafts for their park, district and the city.");
        api.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, ParkPlans plans, CancellationToken ct) => (await plans.GetAsync(user, id, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("GetPlan").WithSummary("A plan with targets, key tasks and versions (outside its park, district and the city: the last published version).");
        api.MapGet("/{id:guid}/versions/{number:int}", async (Guid id, int number, ClaimsPrincipal user, ParkPlans plans, CancellationToken ct) =>
                (await plans.VersionAsync(user, id, number, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("GetPlanVersion").WithSummary("A published version of a plan, as it was published.");
        api.MapPut("/{id:guid}", async (Guid id, PlanInput input, ClaimsPrincipal user, HttpContext http, ParkPlans plans, CancellationToken ct) =>
                (await plans.SaveAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.PlanEditors)
            .WithName("SavePlan").WithSummary("The park (or the city): replaces the working copy while drafting, from the version read (409 when stale).");
        api.MapPost("/{id:guid}/submit", async (Guid id, VersionInput input, ClaimsPrincipal user, HttpContext http, ParkPlans plans, CancellationToken ct) =>
                (await plans.SubmitAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input.Version, ct)).ToHttp())
            .RequireAuthorization(Policies.PlanEditors)
            .WithName("SubmitPlan").WithSummary("The park: submits its draft (at least one target) for the city's review.");
        api.MapPost("/{id:guid}/review", async (Guid id, PlanReviewInput input, ClaimsPrincipal user, HttpContext http, ParkPlans plans, CancellationToken ct) =>
                (await plans.ReviewAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("ReviewPlan").WithSummary("City: clears a submitted plan for publication, or returns it to drafting with a note.");
        api.MapPost("/{id:guid}/publish", async (Guid id, VersionInput input, ClaimsPrincipal user, HttpContext http, ParkPlans plans, CancellationToken ct) =>
                (await plans.PublishAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input.Version, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("PublishPlan").WithSummary("City: publishes a reviewed plan as its next numbered version, kept whole.");
        api.MapPost("/{id:guid}/revision", async (Guid id, VersionInput input, ClaimsPrincipal user, HttpContext http, ParkPlans plans, CancellationToken ct) =>
                (await plans.StartRevisionAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input.Version, ct)).ToHttp())
            .RequireAuthorization(Policies.PlanEditors)
            .WithName("StartPlanRevision").WithSummary("The park (or the city): starts the next version of a published plan; readers keep the published one.");
        api.MapGet("/{id:guid}/progress", async (Guid id, ClaimsPrincipal user, PlanReports reports, CancellationToken ct) => (await reports.ProgressAsync(user, id, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("GetPlanProgress").WithSummary("Each target's readings, status (with the reason in figures) and forecast for the target year.");
        api.MapGet("/{id:guid}/reports", async (Guid id, ClaimsPrincipal user, PlanReports reports, CancellationToken ct) => (await reports.PeriodsAsync(user, id, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("ListPlanReportPeriods").WithSummary("The periods the plan reports on, with due dates and each report's state.");
        api.MapGet("/{id:guid}/reports/{periodEnd}", async (Guid id, DateOnly periodEnd, ClaimsPrincipal user, PlanReports reports, CancellationToken ct) =>
                (await reports.GetAsync(user, id, periodEnd, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("GetPlanReport").WithSummary("A period's report (drafts: the park and the city only).");
        api.MapPut("/{id:guid}/reports/{periodEnd}", async (Guid id, DateOnly periodEnd, PlanReportInput input, ClaimsPrincipal user, HttpContext http, PlanReports reports, CancellationToken ct) =>
                (await reports.SaveAsync(user, HttpAuditActorAccessor.ActorOf(http), id, periodEnd, input, ct)).ToHttp())
            .RequireAuthorization(Policies.PlanEditors)
            .WithName("SavePlanReport").WithSummary("The park: saves a period's report from the version read (Guid.Empty for a new one).");
        api.MapPost("/{id:guid}/reports/{periodEnd}/submit", async (Guid id, DateOnly periodEnd, PlanReportInput input, ClaimsPrincipal user, HttpContext http, PlanReports reports,
                CancellationToken ct) =>
                (await reports.SubmitAsync(user, HttpAuditActorAccessor.ActorOf(http), id, periodEnd, input, ct)).ToHttp())
            .RequireAuthorization(Policies.PlanEditors)
            .WithName("SubmitPlanReport").WithSummary("The park: submits the report; every numeric target needs a value and every stated target an assessment.");
        api.MapPost("/{id:guid}/reports/{periodEnd}/files", async (Guid id, DateOnly periodEnd, string fileName, HttpRequest request, ClaimsPrincipal user, HttpContext http,
                PlanReports reports, CancellationToken ct) =>
            {
                // The file is the raw request body; the report must have been saved, and keeps its content.
                using var body = await RequestBody.ReadAsync(request, Zhangjiang.Platform.Features.Files.UploadedFileCheck.MaxBytes, ct);
                if (body is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "10 MB");
                }
                var current = await reports.GetAsync(user, id, periodEnd, ct);
                if (!current.Succeeded)
                {
                    return current.ToHttp();
                }
                var r = current.Value!;
                var input = new PlanReportInput(r.Narrative, r.Evidence, r.Values.Select(v => new ReportValueInput(v.TargetKey, v.Actual, v.Assessment, v.Note)).ToList(), r.Version);
                return (await reports.SaveAsync(user, HttpAuditActorAccessor.ActorOf(http), id, periodEnd, input, [new Zhangjiang.Platform.Features.Files.UploadedFile(fileName, body.ToArray())], ct)).ToHttp();
            })
            .RequireAuthorization(Policies.PlanEditors)
            .WithName("AddPlanReportFile").WithSummary("The park: attaches evidence to a saved report (raw body; PDF without active content, PNG, JPEG or .xlsx; 10 MB).");
        api.MapGet("/{id:guid}/reports/{periodEnd}/files/{fileId:guid}", async (Guid id, DateOnly periodEnd, Guid fileId, ClaimsPrincipal user, PlanReports reports, CancellationToken ct) =>
                (await reports.EvidenceFileAsync(user, id, periodEnd, fileId, ct)).ToHttp(file => Results.File(file.Content, file.ContentType, file.FileName)))
            .RequireAuthorization(Policies.SignedIn)
            .WithName("DownloadPlanReportFile").WithSummary("An evidence file of a report, for whoever may read the report.");
        api.MapGet("/{id:guid}/weak-links", async (Guid id, ClaimsPrincipal user, PlanLoop loop, CancellationToken ct) => (await loop.WeakLinksAsync(user, id, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("GetPlanWeakLinks").WithSummary("The weak links of the park's latest scorecard the caller may see, with the targets and tasks answering each (null when none).");
        api.MapPost("/{id:guid}/weak-links", async (Guid id, WeakLinkInput input, ClaimsPrincipal user, HttpContext http, PlanLoop loop, CancellationToken ct) =>
                (await loop.AnswerWeakLinkAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.PlanEditors)
            .WithName("AnswerPlanWeakLink").WithSummary("The park (or the city): makes a weak link of a round's scorecard a target or key task (a published plan starts its next version).");
        api.MapGet("/{id:guid}/funded-projects", async (Guid id, ClaimsPrincipal user, PlanLoop loop, CancellationToken ct) => (await loop.FundedProjectsAsync(user, id, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("GetPlanFundedProjects").WithSummary("The park's funded projects with the plan targets each serves.");
        api.MapPut("/{id:guid}/funded-projects", async (Guid id, FundLinkInput input, ClaimsPrincipal user, HttpContext http, PlanLoop loop, CancellationToken ct) =>
                (await loop.LinkFundingAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.PlanEditors)
            .WithName("LinkPlanFundedProject").WithSummary("The park (or the city): sets which plan targets a funded project of the park serves.");
    }
}
