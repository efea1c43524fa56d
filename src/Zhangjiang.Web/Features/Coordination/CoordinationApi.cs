using System.Security.Claims;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Features.Coordination;
using Zhangjiang.Web.Features.Identity;
using Zhangjiang.Web.Features.Shared;

namespace Zhangjiang.Web.Features.Coordination;

/// <summary>District coordination under /api/v1/districts: mechanisms, meetings and decisions, with the page's scope rules.</summary>
public static class CoordinationApi
{
    public static void MapCoordinationApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1/districts").WithTags("District coordination").RequireAuthorization(Policies.ParkDataUsers);
        api.MapGet("/", async (ClaimsPrincipal user, DistrictCoordination coordination, CancellationToken ct) => Results.Ok(await coordination.ListAsync(user, ct)))
            .WithName("ListDistrictMechanisms").WithSummary("The districts the caller may read (the city: all; a district or park: its own) with their mechanism and meetings.");
        api.MapGet("/{code}", async (string code, ClaimsPrincipal user, DistrictCoordination coordination, CancellationToken ct) => (await coordination.GetAsync(user, code, ct)).ToHttp())
            .WithName("GetDistrictMechanism").WithSummary("A district's mechanism (leader, members, parks covered) and its meetings.");
        api.MapPut("/{code}/mechanism", async (string code, MechanismInput input, ClaimsPrincipal user, HttpContext http, DistrictCoordination coordination, CancellationToken ct) =>
                (await coordination.SaveMechanismAsync(user, HttpAuditActorAccessor.ActorOf(http), code, input, ct)).ToHttp())
            .WithName("SaveDistrictMechanism").WithSummary("The district's officers (or the city): record the mechanism, from the version read.");
        api.MapPost("/{code}/meetings", async (string code, MeetingInput input, ClaimsPrincipal user, HttpContext http, DistrictCoordination coordination, CancellationToken ct) =>
                (await coordination.CreateMeetingAsync(user, HttpAuditActorAccessor.ActorOf(http), code, input, ct)).ToHttp())
            .WithName("CreateCoordinationMeeting").WithSummary("The district's officers (or the city): record a meeting with minutes and decisions.");
        api.MapGet("/meetings/{id:guid}", async (Guid id, ClaimsPrincipal user, DistrictCoordination coordination, CancellationToken ct) =>
                (await coordination.GetMeetingAsync(user, id, ct)).ToHttp())
            .WithName("GetCoordinationMeeting").WithSummary("A meeting with its decisions and the linkage items made from them.");
        api.MapPut("/meetings/{id:guid}", async (Guid id, MeetingInput input, ClaimsPrincipal user, HttpContext http, DistrictCoordination coordination, CancellationToken ct) =>
                (await coordination.SaveMeetingAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .WithName("SaveCoordinationMeeting").WithSummary("Replaces a meeting's record from the version read; decisions made into items stay.");
        api.MapPost("/meetings/{id:guid}/decisions/{decisionId:guid}/linkage", async (Guid id, Guid decisionId, ProposeLinkageInput input, ClaimsPrincipal user, HttpContext http,
                DistrictCoordination coordination, CancellationToken ct) =>
                (await coordination.ProposeLinkageAsync(user, HttpAuditActorAccessor.ActorOf(http), id, decisionId, input, ct)).ToHttp())
            .WithName("ProposeLinkageFromDecision").WithSummary("Turns a decision into a linkage item drafted for the city to complete and assign.");
    }
}
