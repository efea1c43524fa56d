using System.Security.Claims;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Web.Features.Identity;
using Zhangjiang.Web.Features.Shared;

namespace Zhangjiang.Web.Features.Fund;

/// <summary>The special fund (张江专项) under /api/v1/fund: its frame and topic budgets so far (issue 6 grows it).</summary>
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
    }
}
