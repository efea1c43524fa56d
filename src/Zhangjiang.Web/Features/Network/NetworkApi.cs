using System.Security.Claims;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Features.Network;
using Zhangjiang.Web.Features.Identity;
using Zhangjiang.Web.Features.Shared;

namespace Zhangjiang.Web.Features.Network;

/// <summary>The partner-zone network under /api/v1/network: read by everyone signed in, kept by city staff.</summary>
public static class NetworkApi
{
    public static void MapNetworkApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1/network").WithTags("Network");
        api.MapGet("/", async (ClaimsPrincipal user, PartnerNetwork network, CancellationToken ct) => Results.Ok(await network.OverviewAsync(user, ct)))
            .RequireAuthorization(Policies.SignedIn)
            .WithName("GetNetwork").WithSummary("Zones, alliances with members, events with documents, agreements with days to expiry, joint projects.");
        api.MapGet("/events/{id:guid}/documents/{fileId:guid}", async (Guid id, Guid fileId, ClaimsPrincipal user, PartnerNetwork network, CancellationToken ct) =>
                (await network.DocumentAsync(user, id, fileId, ct)).ToHttp(file => Results.File(file.Content, file.ContentType, file.FileName)))
            .RequireAuthorization(Policies.SignedIn)
            .WithName("DownloadNetworkDocument").WithSummary("A document of an event (a declaration's text, a forum's programme).");
        var city = api.MapGroup("").RequireAuthorization(Policies.CityStaffOrAdmin);
        city.MapPut("/zones", async (ZoneInput input, ClaimsPrincipal user, HttpContext http, PartnerNetwork network, CancellationToken ct) =>
                (await network.SaveZoneAsync(user, HttpAuditActorAccessor.ActorOf(http), input, ct)).ToHttp())
            .WithName("SaveNetworkZone").WithSummary("City: adds a zone (version Guid.Empty) or changes one from the version read.");
        city.MapPut("/alliances", async (AllianceInput input, ClaimsPrincipal user, HttpContext http, PartnerNetwork network, CancellationToken ct) =>
                (await network.SaveAllianceAsync(user, HttpAuditActorAccessor.ActorOf(http), input, ct)).ToHttp())
            .WithName("SaveNetworkAlliance").WithSummary("City: adds or changes an alliance with its members and their roles.");
        city.MapPut("/events", async (EventInput input, ClaimsPrincipal user, HttpContext http, PartnerNetwork network, CancellationToken ct) =>
                (await network.SaveEventAsync(user, HttpAuditActorAccessor.ActorOf(http), input, null, ct)).ToHttp())
            .WithName("SaveNetworkEvent").WithSummary("City: adds or changes an event (forum, declaration, meeting, signing).");
        city.MapPut("/agreements", async (AgreementInput input, ClaimsPrincipal user, HttpContext http, PartnerNetwork network, CancellationToken ct) =>
                (await network.SaveAgreementAsync(user, HttpAuditActorAccessor.ActorOf(http), input, ct)).ToHttp())
            .WithName("SaveNetworkAgreement").WithSummary("City: adds or changes an agreement; the city is reminded 90 days before it expires.");
        city.MapPut("/projects", async (JointProjectInput input, ClaimsPrincipal user, HttpContext http, PartnerNetwork network, CancellationToken ct) =>
                (await network.SaveProjectAsync(user, HttpAuditActorAccessor.ActorOf(http), input, ct)).ToHttp())
            .WithName("SaveNetworkProject").WithSummary("City: adds or changes a joint project.");
    }
}
