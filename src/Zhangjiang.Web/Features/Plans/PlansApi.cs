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
