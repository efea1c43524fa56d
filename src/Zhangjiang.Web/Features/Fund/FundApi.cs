using System.Security.Claims;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Web.Features.Identity;
using Zhangjiang.Web.Features.Shared;

namespace Zhangjiang.Web.Features.Fund;

/// <summary>The special fund (张江专项) under /api/v1/fund: the same use cases, and so the same authorization, as the pages.</summary>
public static class FundApi
{
    public sealed record StartApplicationBody(string TopicCode);

    public static void MapFundApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1/fund").WithTags("Fund");
        api.MapGet("/programme", async (FundSetup setup, CancellationToken ct) =>
                await setup.GetAsync(ct) is { } programme ? Results.Ok(programme) : Results.NotFound())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("GetFundProgramme").WithSummary("The fund's goal, applicant kinds and topics, each topic with its budgets by year (amounts in fen).");
        api.MapPut("/topics/{code}/budgets/{year:int}", async (string code, int year, FundBudgetInput input, ClaimsPrincipal user, HttpContext http, FundSetup setup, CancellationToken ct) =>
                (await setup.SetBudgetAsync(user, HttpAuditActorAccessor.ActorOf(http), code, year, input, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("SetFundTopicBudget").WithSummary("City: a topic's budget for a year in fen; version Guid.Empty creates it. Stale version → 409.");

        api.MapGet("/calls", async (ClaimsPrincipal user, FundCalls calls, CancellationToken ct) => (await calls.ListAsync(user, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("ListFundCalls").WithSummary("Calls the caller may see: all for the city, every call past its draft for others.");
        api.MapGet("/calls/{id:guid}", async (Guid id, ClaimsPrincipal user, FundCalls calls, CancellationToken ct) => (await calls.GetAsync(user, id, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("GetFundCall").WithSummary("A call's guide, dates and rules (eligibility, forms per topic, rubric, checklist).");
        api.MapPost("/calls", async (FundCallInput input, ClaimsPrincipal user, HttpContext http, FundCalls calls, CancellationToken ct) =>
                (await calls.CreateAsync(user, HttpAuditActorAccessor.ActorOf(http), input, ct)).ToHttp(call => Results.Created($"/api/v1/fund/calls/{call.Id}", call)))
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("CreateFundCall").WithSummary("City: drafts a call; rules left out start from the template (every topic, both kinds).");
        api.MapPut("/calls/{id:guid}", async (Guid id, FundCallInput input, ClaimsPrincipal user, HttpContext http, FundCalls calls, CancellationToken ct) =>
                (await calls.UpdateAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("UpdateFundCall").WithSummary("City: replaces a draft's settings from the version read (409 when stale or no longer a draft).");
        api.MapPost("/calls/{id:guid}/open", async (Guid id, VersionInput input, ClaimsPrincipal user, HttpContext http, FundCalls calls, CancellationToken ct) =>
                (await calls.OpenAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input.Version, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("OpenFundCall").WithSummary("City: opens a draft for applications (whole rules, deadline ahead, a budget for every topic).");
        api.MapPost("/calls/{id:guid}/close-submissions", async (Guid id, VersionInput input, ClaimsPrincipal user, HttpContext http, FundCalls calls, CancellationToken ct) =>
                (await calls.CloseSubmissionsAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input.Version, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("CloseFundCallSubmissions").WithSummary("City: after the deadline, ends submissions and starts the formal review.");
        api.MapDelete("/calls/{id:guid}", async (Guid id, Guid version, ClaimsPrincipal user, HttpContext http, FundCalls calls, CancellationToken ct) =>
                (await calls.DeleteDraftAsync(user, HttpAuditActorAccessor.ActorOf(http), id, version, ct)).ToHttp(_ => Results.NoContent()))
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("DeleteFundCallDraft").WithSummary("City: discards a draft call (?version= the version read).");

        // Applications: the endpoints are open to every signed-in user; the use cases decide per application (its applicant,
        // the city, the park it comes from) and answer 404 for what the caller may not see.
        api.MapPost("/calls/{id:guid}/applications", async (Guid id, StartApplicationBody body, ClaimsPrincipal user, HttpContext http, FundApplications applications, CancellationToken ct) =>
                (await applications.StartAsync(user, HttpAuditActorAccessor.ActorOf(http), id, body.TopicCode, ct))
                    .ToHttp(a => Results.Created($"/api/v1/fund/applications/{a.Summary.Id}", a)))
            .RequireAuthorization(Policies.SignedIn)
            .WithName("StartFundApplication").WithSummary("Applicant (operating agency or enterprise account): starts its one application to an open call under a topic.");
        api.MapGet("/applications", async (Guid? callId, ClaimsPrincipal user, FundApplications applications, CancellationToken ct) =>
                (await applications.ListAsync(user, callId, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("ListFundApplications").WithSummary("Applications in the caller's scope: applicants their own (drafts too), the city every submitted one, park managers their park's submitted ones.");
        api.MapGet("/applications/{id:guid}", async (Guid id, ClaimsPrincipal user, FundApplications applications, CancellationToken ct) =>
                (await applications.GetAsync(user, id, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("GetFundApplication").WithSummary("One application with its form, answers, budget, targets, team, attachments and status history.");
        api.MapPut("/applications/{id:guid}", async (Guid id, FundApplicationInput input, ClaimsPrincipal user, HttpContext http, FundApplications applications, CancellationToken ct) =>
                (await applications.SaveAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("SaveFundApplication").WithSummary("Applicant: saves a draft or returned application from the version read (lists replace the stored ones).");
        api.MapGet("/applications/{id:guid}/checks", async (Guid id, ClaimsPrincipal user, FundApplications applications, CancellationToken ct) =>
                (await applications.CheckAsync(user, id, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("CheckFundApplication").WithSummary("Every rule of the call and every required part, each with its outcome and reason.");
        api.MapPost("/applications/{id:guid}/submit", async (Guid id, VersionInput input, ClaimsPrincipal user, HttpContext http, FundApplications applications, CancellationToken ct) =>
                (await applications.SubmitAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input.Version, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("SubmitFundApplication").WithSummary("Applicant: submits (every failed rule → 400 naming it); gives a tracking number and a PDF copy.");
        api.MapGet("/applications/{id:guid}/copy", async (Guid id, ClaimsPrincipal user, FundApplications applications, CancellationToken ct) =>
                (await applications.SubmissionCopyAsync(user, id, ct)).ToHttp(file => Results.File(file.Content, file.ContentType, file.FileName)))
            .RequireAuthorization(Policies.SignedIn)
            .WithName("GetFundApplicationCopy").WithSummary("The PDF copy made at submission, served as an attachment.");
        api.MapPost("/applications/{id:guid}/attachments", async (Guid id, string fileName, HttpRequest request, ClaimsPrincipal user, HttpContext http, FundApplications applications, CancellationToken ct) =>
            {
                using var body = await RequestBody.ReadAsync(request, Platform.Features.Files.UploadedFileCheck.MaxBytes, ct);
                if (body is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "10 MB");
                }
                return (await applications.AttachAsync(user, HttpAuditActorAccessor.ActorOf(http), id, fileName, body.ToArray(), ct)).ToHttp();
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithName("AttachToFundApplication").WithSummary("Applicant: attaches a PDF (raw body; checked by content, no active content, 10 MB) to an editable application.");
        api.MapGet("/applications/{id:guid}/attachments/{attachmentId:guid}", async (Guid id, Guid attachmentId, ClaimsPrincipal user, FundApplications applications, CancellationToken ct) =>
                (await applications.AttachmentAsync(user, id, attachmentId, ct)).ToHttp(file => Results.File(file.Content, file.ContentType, file.FileName)))
            .RequireAuthorization(Policies.SignedIn)
            .WithName("DownloadFundAttachment").WithSummary("One attachment, served as a file download under its original name.");
        api.MapDelete("/applications/{id:guid}/attachments/{attachmentId:guid}", async (Guid id, Guid attachmentId, ClaimsPrincipal user, HttpContext http, FundApplications applications, CancellationToken ct) =>
                (await applications.RemoveAttachmentAsync(user, HttpAuditActorAccessor.ActorOf(http), id, attachmentId, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("RemoveFundAttachment").WithSummary("Applicant: removes an attachment while the application is editable.");
        api.MapGet("/applications/{id:guid}/formal-review", async (Guid id, ClaimsPrincipal user, FundFormalReview review, CancellationToken ct) =>
                (await review.GetAsync(user, id, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("GetFundFormalReview").WithSummary("The call's formal review checklist and what the reviewer found (for whoever may read the application).");
        api.MapPost("/applications/{id:guid}/formal-review", async (Guid id, FormalReviewInput input, ClaimsPrincipal user, HttpContext http, FundFormalReview review, CancellationToken ct) =>
                (await review.DecideAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("DecideFundFormalReview").WithSummary("City, in the call's formal review: pass (every item passed), return once with a reason and the call's correction days, or reject with a reason.");

        // Expert review. The API never takes a draw seed: a seed chosen by a caller would let them pick the draw.
        api.MapGet("/experts", async (ClaimsPrincipal user, FundExperts experts, CancellationToken ct) => (await experts.ListAsync(user, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("ListFundExperts").WithSummary("City: the expert pool with each expert's open assignments.");
        api.MapPost("/experts", async (FundExpertInput input, ClaimsPrincipal user, HttpContext http, FundExperts experts, CancellationToken ct) =>
                (await experts.SaveAsync(user, HttpAuditActorAccessor.ActorOf(http), null, input, ct)).ToHttp(e => Results.Created($"/api/v1/fund/experts/{e.Id}", e)))
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("AddFundExpert").WithSummary("City: adds an expert (account, institution and ties, topics, industries, availability, cap per call).");
        api.MapPut("/experts/{id:guid}", async (Guid id, FundExpertInput input, ClaimsPrincipal user, HttpContext http, FundExperts experts, CancellationToken ct) =>
                (await experts.SaveAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("UpdateFundExpert").WithSummary("City: changes an expert from the version read.");
        api.MapPost("/calls/{id:guid}/expert-review", async (Guid id, VersionInput input, ClaimsPrincipal user, HttpContext http, FundReview review, CancellationToken ct) =>
                (await review.StartExpertReviewAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input.Version, cancellationToken: ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("StartFundExpertReview").WithSummary("City: ends the formal review and draws the experts (seed generated and recorded).");
        api.MapGet("/calls/{id:guid}/draws", async (Guid id, ClaimsPrincipal user, FundReview review, CancellationToken ct) => (await review.DrawsAsync(user, id, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("ListFundDraws").WithSummary("City: the call's draws with their seeds, shortfalls and excluded conflicts.");
        api.MapGet("/draws/{id:guid}/verification", async (Guid id, ClaimsPrincipal user, FundReview review, CancellationToken ct) => (await review.VerifyDrawAsync(user, id, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("VerifyFundDraw").WithSummary("City or audit: runs a draw again from its recorded inputs and seed and compares the result.");
        api.MapGet("/assignments", async (Guid? callId, ClaimsPrincipal user, FundReview review, CancellationToken ct) => (await review.AssignmentsAsync(user, callId, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("ListFundAssignments").WithSummary("An expert's own assignments; the city's for a call.");
        api.MapPost("/assignments/{id:guid}/declaration", async (Guid id, DeclarationInput input, ClaimsPrincipal user, HttpContext http, FundReview review, CancellationToken ct) =>
                (await review.DeclareAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("DeclareFundConflict").WithSummary("Expert: declares no conflict (opens the application) or a conflict with its reason (a replacement is drawn).");
        api.MapGet("/assignments/{id:guid}/form", async (Guid id, ClaimsPrincipal user, FundReview review, CancellationToken ct) => (await review.FormAsync(user, id, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("GetFundReviewForm").WithSummary("Expert, after declaring and before the deadline: the application, the rubric and their own scores.");
        api.MapGet("/assignments/{id:guid}/attachments/{attachmentId:guid}", async (Guid id, Guid attachmentId, ClaimsPrincipal user, FundReview review, CancellationToken ct) =>
                (await review.AttachmentAsync(user, id, attachmentId, ct)).ToHttp(file => Results.File(file.Content, file.ContentType, file.FileName)))
            .RequireAuthorization(Policies.SignedIn)
            .WithName("DownloadFundAttachmentForReview").WithSummary("Expert, after declaring and before the deadline: an attachment of the application under review.");
        api.MapPost("/assignments/{id:guid}/scores", async (Guid id, ScoresInput input, ClaimsPrincipal user, HttpContext http, FundReview review, CancellationToken ct) =>
                (await review.SubmitScoresAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("SubmitFundScores").WithSummary("Expert: submits whole scores per criterion and an overall comment, once (a stale version → 409).");
        api.MapPost("/calls/{id:guid}/panel", async (Guid id, VersionInput input, ClaimsPrincipal user, HttpContext http, FundReview review, CancellationToken ct) =>
                (await review.StartPanelAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input.Version, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("StartFundPanel").WithSummary("City: opens the panel phase after the review deadline or once every assignment is settled.");
        api.MapGet("/calls/{id:guid}/panel", async (Guid id, ClaimsPrincipal user, FundReview review, CancellationToken ct) => (await review.PanelAsync(user, id, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("GetFundPanel").WithSummary("Calibrated scores per application: the city with names; experts in the panel phase, their applications, others unnamed.");

        // Ranking and decision.
        api.MapGet("/calls/{id:guid}/ranking", async (Guid id, ClaimsPrincipal user, FundDecisions decisions, CancellationToken ct) => (await decisions.RankingAsync(user, id, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("GetFundRanking").WithSummary("City, from the panel on: per topic the ranked list and its funding line (budget, granted elsewhere, caps, fundable minimum, reserves).");
        api.MapPost("/calls/{id:guid}/notice", async (Guid id, VersionInput input, ClaimsPrincipal user, HttpContext http, FundDecisions decisions, CancellationToken ct) =>
                (await decisions.PublishNoticeAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input.Version, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("PublishFundNotice").WithSummary("City: publishes the ranked list (公示) for the call's notice days; every application takes its outcome with the reason.");
        api.MapGet("/calls/{id:guid}/notice", async (Guid id, ClaimsPrincipal user, FundDecisions decisions, CancellationToken ct) => (await decisions.NoticeAsync(user, id, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("GetFundNotice").WithSummary("The public notice: recommended and approved awards with their grants.");
        api.MapPost("/calls/{id:guid}/objections", async (Guid id, ObjectionInput input, ClaimsPrincipal user, HttpContext http, FundDecisions decisions, CancellationToken ct) =>
                (await decisions.ObjectAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("RaiseFundObjection").WithSummary("Anyone signed in, during the notice: an objection against a listed application.");
        api.MapGet("/calls/{id:guid}/objections", async (Guid id, ClaimsPrincipal user, FundDecisions decisions, CancellationToken ct) => (await decisions.ObjectionsAsync(user, id, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("ListFundObjections").WithSummary("City: the call's objections and their resolutions.");
        api.MapPost("/objections/{id:guid}/resolution", async (Guid id, ObjectionResolution input, ClaimsPrincipal user, HttpContext http, FundDecisions decisions, CancellationToken ct) =>
                (await decisions.ResolveObjectionAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("ResolveFundObjection").WithSummary("City: upholds (the award is withdrawn, the first reserve moves up) or dismisses an objection, with the reason.");
        api.MapPost("/calls/{id:guid}/approval", async (Guid id, VersionInput input, ClaimsPrincipal user, HttpContext http, FundDecisions decisions, CancellationToken ct) =>
                (await decisions.ApproveAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input.Version, ct)).ToHttp())
            .RequireAuthorization(Policies.CityAdmin)
            .WithName("ApproveFundAwards").WithSummary("City administrator, after the notice with every objection resolved: approves the recommended awards (never their own organisation's).");
        api.MapPost("/applications/{id:guid}/decline", async (Guid id, DeclineInput input, ClaimsPrincipal user, HttpContext http, FundDecisions decisions, CancellationToken ct) =>
                (await decisions.DeclineAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("DeclineFundAward").WithSummary("Applicant: declines its recommended or approved award with a reason; the first reserve moves up.");
        api.MapPost("/calls/{id:guid}/release-reviews", async (Guid id, VersionInput input, ClaimsPrincipal user, HttpContext http, FundDecisions decisions, CancellationToken ct) =>
                (await decisions.ReleaseReviewsAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input.Version, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("ReleaseFundReviews").WithSummary("City: applicants may now read their final score and the experts' comments, without names.");

        // Contracts and delivery: the city signs, reviews, checks, accepts and pays; the contractor reports and asks for
        // amendments; a park manager reads its park's. Refusals for what the caller may not see are 404.
        api.MapGet("/contracts", async (bool? overdue, ClaimsPrincipal user, FundContracts contracts, CancellationToken ct) =>
                Results.Ok(await contracts.ListAsync(user, overdue ?? false, ct)))
            .RequireAuthorization(Policies.FundApplicationUsers)
            .WithName("ListFundContracts").WithSummary("Contracts the caller may read (?overdue=true: only those with an overdue milestone), overdue first.");
        api.MapGet("/applications/{id:guid}/contract", async (Guid id, ClaimsPrincipal user, FundContracts contracts, CancellationToken ct) =>
                (await contracts.GetAsync(user, id, ct)).ToHttp())
            .RequireAuthorization(Policies.FundApplicationUsers)
            .WithName("GetFundContract").WithSummary("An award's contract: KPIs, milestones, tranches, mid-term checks, amendments, acceptance.");
        api.MapPost("/applications/{id:guid}/contract", async (Guid id, SignContractInput input, ClaimsPrincipal user, HttpContext http, FundContracts contracts, CancellationToken ct) =>
                (await contracts.SignAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp(c => Results.Created($"/api/v1/fund/applications/{id}/contract", c)))
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("SignFundContract").WithSummary("City: signs an approved award's contract (the application's version); KPIs, milestones and tranches follow from it and the call.");
        api.MapPost("/applications/{id:guid}/contract/milestones/{order:int}/report", async (Guid id, int order, MilestoneReportInput input, ClaimsPrincipal user, HttpContext http, FundContracts contracts, CancellationToken ct) =>
                (await contracts.ReportAsync(user, HttpAuditActorAccessor.ActorOf(http), id, order, input, ct)).ToHttp())
            .RequireAuthorization(Policies.FundApplicationUsers)
            .WithName("ReportFundMilestone").WithSummary("Contractor: reports a milestone with the values its KPIs reached (the final one: every KPI).");
        api.MapPost("/applications/{id:guid}/contract/milestones/{order:int}/review", async (Guid id, int order, MilestoneReviewInput input, ClaimsPrincipal user, HttpContext http, FundContracts contracts, CancellationToken ct) =>
                (await contracts.ReviewAsync(user, HttpAuditActorAccessor.ActorOf(http), id, order, input, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("ReviewFundMilestone").WithSummary("City: accepts an interim milestone's report (its tranche becomes payable) or returns it with a note.");
        api.MapPost("/applications/{id:guid}/contract/midterm", async (Guid id, MidtermInput input, ClaimsPrincipal user, HttpContext http, FundContracts contracts, CancellationToken ct) =>
                (await contracts.MidtermAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("RecordFundMidterm").WithSummary("City: records a mid-term check; Unsatisfactory holds payments until a later check.");
        api.MapPost("/applications/{id:guid}/contract/acceptance", async (Guid id, AcceptanceInput input, ClaimsPrincipal user, HttpContext http, FundContracts contracts, CancellationToken ct) =>
                (await contracts.AcceptAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("AcceptFundProject").WithSummary("City: rates every KPI met / partly met / not met; the performance score against the call's pass mark decides.");
        api.MapPost("/applications/{id:guid}/contract/tranches/{order:int}/payment", async (Guid id, int order, PaymentInput input, ClaimsPrincipal user, HttpContext http, FundContracts contracts, CancellationToken ct) =>
                (await contracts.PayAsync(user, HttpAuditActorAccessor.ActorOf(http), id, order, input, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("PayFundTranche").WithSummary("City: records a payable tranche as paid, with the date and the voucher number.");
        api.MapPost("/applications/{id:guid}/contract/amendments", async (Guid id, AmendmentInput input, ClaimsPrincipal user, HttpContext http, FundContracts contracts, CancellationToken ct) =>
                (await contracts.RequestAmendmentAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.FundApplicationUsers)
            .WithName("RequestFundAmendment").WithSummary("Contractor: asks for new milestone dates or a new budget, with a reason.");
        api.MapPost("/applications/{id:guid}/contract/amendments/{number:int}/decision", async (Guid id, int number, AmendmentDecisionInput input, ClaimsPrincipal user, HttpContext http, FundContracts contracts, CancellationToken ct) =>
                (await contracts.DecideAmendmentAsync(user, HttpAuditActorAccessor.ActorOf(http), id, number, input, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("DecideFundAmendment").WithSummary("City: approves (applies) or rejects an amendment, with a note.");

        // Reports and open data.
        api.MapGet("/statistics", async (int? year, ClaimsPrincipal user, FundReports reports, CancellationToken ct) =>
                (await reports.StatisticsAsync(user, year, ct)).ToHttp())
            .RequireAuthorization(Policies.FundApplicationUsers)
            .WithName("GetFundStatistics").WithSummary("City (a park manager: its park): applications, awards, money requested, granted and paid by year, topic, applicant kind and park (fen).");
        api.MapGet("/statistics.xlsx", async (int? year, ClaimsPrincipal user, FundReports reports, FundSetup setup, CancellationToken ct) =>
            {
                var result = await reports.StatisticsAsync(user, year, ct);
                if (!result.Succeeded)
                {
                    return result.ToHttp();
                }
                return await ExcelDownload.FileAsync(await FundReportWorkbook.SheetsAsync(result.Value!, setup, ct), $"fund-statistics{(year is { } y ? "-" + y : "")}.xlsx", ct);
            })
            .RequireAuthorization(Policies.FundApplicationUsers)
            .WithName("ExportFundStatistics").WithSummary("The statistics as a workbook: by topic, kind, park and year, and every cell (amounts in 万元).");
        api.MapGet("/open-data/grants.json", async (int? year, FundReports reports, CancellationToken ct) => Results.Ok(await reports.OpenGrantsAsync(year, ct)))
            .AllowAnonymous()
            .WithName("GetFundOpenGrants").WithSummary("Public: approved grants in the 360Giving JSON shape (recipient id CN-USCC-<credit code>, amounts in yuan).");
        api.MapGet("/open-data/grants.xlsx", async (int? year, FundReports reports, CancellationToken ct) =>
                await ExcelDownload.FileAsync(FundReports.Flat(await reports.OpenGrantsAsync(year, ct)), "grants", "zhangjiang-grants-360giving.xlsx", ct))
            .AllowAnonymous()
            .WithName("ExportFundOpenGrants").WithSummary("Public: the same grants in 360Giving's flat spreadsheet columns.");

        // Lists in and out of Excel: the expert pool (its export is the import template), applications and contracts in
        // the caller's scope.
        api.MapGet("/experts.xlsx", async (ClaimsPrincipal user, FundExperts experts, CancellationToken ct) =>
            {
                var result = await experts.ListAsync(user, ct);
                if (!result.Succeeded)
                {
                    return result.ToHttp();
                }
                return await ExcelDownload.FileAsync(FundExpertWorkbook.Sheets(result.Value!), "fund-experts.xlsx", ct);
            })
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("ExportFundExperts").WithSummary("City: the expert pool as a workbook, in the layout the import reads.");
        api.MapPost("/experts/import", async (string? fileName, HttpRequest request, ClaimsPrincipal user, HttpContext http, FundExperts experts, CancellationToken ct) =>
            {
                using var body = await RequestBody.ReadAsync(request, Platform.Features.Importing.SpreadsheetUpload.MaxBytes, ct);
                if (body is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "10 MB");
                }
                return (await experts.ImportAsync(user, HttpAuditActorAccessor.ActorOf(http), body, fileName ?? "experts.xlsx", ct)).ToHttp();
            })
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("ImportFundExperts").WithSummary("City: adds and updates experts from a workbook (raw .xlsx body), all or nothing; each problem names its row and cell.");
        api.MapGet("/applications.xlsx", async (Guid? callId, ClaimsPrincipal user, FundApplications applications, FundSetup setup, CancellationToken ct) =>
            {
                var result = await applications.ListAsync(user, callId, ct);
                if (!result.Succeeded)
                {
                    return result.ToHttp();
                }
                var programme = await setup.GetAsync(ct);
                var topics = programme?.Topics.ToDictionary(t => t.Code, t => t.NameZh) ?? [];
                var kinds = programme?.ApplicantKinds.ToDictionary(k => k.Code, k => k.NameZh) ?? [];
                var rows = result.Value!.Select(a => (IDictionary<string, object?>)new Dictionary<string, object?>
                {
                    ["申报编号 Tracking number"] = a.TrackingNumber,
                    ["申报指南 Call"] = a.CallCode,
                    ["项目名称 Project"] = ExcelCells.Safe(a.ProjectTitle),
                    ["申报单位 Applicant"] = ExcelCells.Safe(a.ApplicantName),
                    ["统一社会信用代码 Credit code"] = a.ApplicantCreditCode,
                    ["申报主体 Kind"] = kinds.GetValueOrDefault(a.KindCode, a.KindCode),
                    ["专题 Topic"] = topics.GetValueOrDefault(a.TopicCode, a.TopicCode),
                    ["园区 Park"] = a.ParkCode,
                    ["申请资助（万元）Requested"] = a.RequestedFen / 1_000_000m,
                    ["自筹（万元）Self-funded"] = a.SelfFundingFen / 1_000_000m,
                    ["状态 Status"] = a.Status.ToString(),
                    ["提交时间 Submitted (UTC)"] = a.SubmittedUtc,
                });
                return await ExcelDownload.FileAsync(rows, "申报书 Applications", "fund-applications.xlsx", ct);
            })
            .RequireAuthorization(Policies.FundApplicationUsers)
            .WithName("ExportFundApplications").WithSummary("The applications the caller may see (?callId= one call) as a workbook.");
        api.MapGet("/contracts.xlsx", async (bool? overdue, ClaimsPrincipal user, FundContracts contracts, CancellationToken ct) =>
            {
                var rows = (await contracts.ListAsync(user, overdue ?? false, ct)).Select(c => (IDictionary<string, object?>)new Dictionary<string, object?>
                {
                    ["合同编号 Contract"] = c.ContractNumber,
                    ["项目名称 Project"] = ExcelCells.Safe(c.ProjectTitle),
                    ["承担单位 Contractor"] = ExcelCells.Safe(c.ApplicantName),
                    ["专题 Topic"] = c.TopicCode,
                    ["资助（万元）Grant"] = c.GrantFen / 1_000_000m,
                    ["已拨付（万元）Paid"] = c.PaidFen / 1_000_000m,
                    ["下一节点 Next due"] = c.NextDueOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    ["逾期 Overdue"] = c.Overdue ? "是 yes" : "",
                    ["状态 Status"] = c.Status.ToString(),
                    ["绩效得分 Performance"] = c.PerformanceScore,
                });
                return await ExcelDownload.FileAsync(rows, "合同 Contracts", "fund-contracts.xlsx", ct);
            })
            .RequireAuthorization(Policies.FundApplicationUsers)
            .WithName("ExportFundContracts").WithSummary("The contracts the caller may read (?overdue=true only overdue) as a workbook.");
    }
}
