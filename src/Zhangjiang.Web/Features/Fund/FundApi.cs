using System.Security.Claims;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Web.Features.Identity;
using Zhangjiang.Web.Features.Shared;

namespace Zhangjiang.Web.Features.Fund;

/// <summary>The special fund (张江专项) under /api/v1/fund: the same use cases, and so the same authorization, as the pages.</summary>
public static class FundApi
{
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
    }
}
