using System.Globalization;
using System.Security.Claims;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Files;
using Zhangjiang.Platform.Features.Linkage;
using Zhangjiang.Web.Features.Identity;
using Zhangjiang.Web.Features.Shared;

namespace Zhangjiang.Web.Features.Linkage;

/// <summary>City–district linkage items under /api/v1/linkage: the same use cases, and so the same scope rules, as the pages.</summary>
public static class LinkageApi
{
    public static void MapLinkageApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1/linkage").WithTags("Linkage").RequireAuthorization(Policies.ParkDataUsers);
        api.MapGet("/", async (LinkageKind? kind, LinkageStage? stage, TrafficLight? light, string? search, ClaimsPrincipal user, LinkageItems items, CancellationToken ct) =>
                Results.Ok(await items.ListAsync(user, new LinkageFilter(kind, stage, light, search), ct)))
            .WithName("ListLinkageItems").WithSummary("Items the caller may read (the city: all; a unit: its items; a district: also its parks' items), with each one's light.");
        api.MapGet("/units", () => Results.Ok(CityDepartments.All))
            .WithName("ListLinkageCityDepartments").WithSummary("The city departments that can lead or join an item (districts and parks come from /api/v1/parks).");
        api.MapGet("/league", async (int? year, LinkageKind? kind, ClaimsPrincipal user, LinkageLeague league, CancellationToken ct) =>
                (await league.TableAsync(user, year, kind, ct)).ToHttp())
            .WithName("GetLinkageLeague").WithSummary("Units ranked by the share of their sign-offs, feedback, node dates and answers to urging notices met on time.");
        api.MapGet("/league.xlsx", async (int? year, LinkageKind? kind, ClaimsPrincipal user, LinkageLeague league, CancellationToken ct) =>
            {
                var result = await league.TableAsync(user, year, kind, ct);
                return result.Succeeded ? await ExcelDownload.FileAsync(LeagueRows(result.Value!), "排名 League", "linkage-league.xlsx", ct) : result.ToHttp();
            })
            .WithName("ExportLinkageLeague").WithSummary("The league table as a workbook.");
        api.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, LinkageItems items, CancellationToken ct) => (await items.GetAsync(user, id, ct)).ToHttp())
            .WithName("GetLinkageItem").WithSummary("An item with its units, nodes, feedback, urging notices, trail, open deadlines and light with the reasons.");
        api.MapPost("/", async (LinkageItemInput input, ClaimsPrincipal user, HttpContext http, LinkageItems items, CancellationToken ct) =>
                (await items.CreateAsync(user, HttpAuditActorAccessor.ActorOf(http), input, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("CreateLinkageItem").WithSummary("City: drafts an item (one city lead unit, at least one co-unit; major projects with investment, location and stage).");
        api.MapPut("/{id:guid}", async (Guid id, LinkageItemInput input, ClaimsPrincipal user, HttpContext http, LinkageItems items, CancellationToken ct) =>
                (await items.SaveAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("SaveLinkageItem").WithSummary("City: replaces a draft, from the version read (409 when stale).");
        api.MapPost("/{id:guid}/assign", async (Guid id, VersionInput input, ClaimsPrincipal user, HttpContext http, LinkageItems items, CancellationToken ct) =>
                (await items.AssignAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input.Version, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("AssignLinkageItem").WithSummary("City: assigns a draft (交办); every unit is told and has 3 days to sign.");
        api.MapPost("/{id:guid}/sign", async (Guid id, UnitChoice input, ClaimsPrincipal user, HttpContext http, LinkageItems items, CancellationToken ct) =>
                (await items.SignAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .WithName("SignLinkageItem").WithSummary("A unit signs for the item (签收); name the unit when the caller acts for several.");
        api.MapPost("/{id:guid}/feedback", async (Guid id, LinkageFeedbackInput input, ClaimsPrincipal user, HttpContext http, LinkageItems items, CancellationToken ct) =>
                (await items.FeedbackAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, null, ct)).ToHttp())
            .WithName("GiveLinkageFeedback").WithSummary("A unit that has signed reports progress; files are added with the next call.");
        api.MapPost("/{id:guid}/feedback/{feedbackId:guid}/files", async (Guid id, Guid feedbackId, string fileName, HttpRequest request, ClaimsPrincipal user, HttpContext http,
                LinkageItems items, CancellationToken ct) =>
            {
                // The file is the raw request body; its type is judged from its content, not from any header.
                using var body = await RequestBody.ReadAsync(request, UploadedFileCheck.MaxBytes, ct);
                if (body is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "10 MB");
                }
                return (await items.AddFeedbackFilesAsync(user, HttpAuditActorAccessor.ActorOf(http), id, feedbackId, [new UploadedFile(fileName, body.ToArray())], ct)).ToHttp();
            })
            .WithName("AddLinkageFeedbackFile").WithSummary("The feedback's unit attaches evidence (raw body; PDF without active content, PNG, JPEG or .xlsx; 10 MB).");
        api.MapGet("/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, ClaimsPrincipal user, LinkageItems items, CancellationToken ct) =>
                (await items.FileAsync(user, id, fileId, ct)).ToHttp(file => Results.File(file.Content, file.ContentType, file.FileName)))
            .WithName("DownloadLinkageFile").WithSummary("An evidence file of the item's feedback, served as a download under its original name.");
        api.MapPost("/{id:guid}/nodes/{nodeId:int}", async (Guid id, int nodeId, NodeUpdateInput input, ClaimsPrincipal user, HttpContext http, LinkageItems items, CancellationToken ct) =>
                (await items.UpdateNodeAsync(user, HttpAuditActorAccessor.ActorOf(http), id, nodeId, input, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("UpdateLinkageNode").WithSummary("City: records a node's outcome (met, partly met, not met) with its date.");
        api.MapPost("/{id:guid}/urgings", async (Guid id, UrgingInput input, ClaimsPrincipal user, HttpContext http, LinkageItems items, CancellationToken ct) =>
                (await items.UrgeAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("UrgeLinkageUnit").WithSummary("City: issues an urging notice (督办单) to one unit of the item.");
        api.MapPost("/{id:guid}/urgings/{urgingId:guid}/response", async (Guid id, Guid urgingId, UrgingResponseInput input, ClaimsPrincipal user, HttpContext http,
                LinkageItems items, CancellationToken ct) =>
                (await items.RespondAsync(user, HttpAuditActorAccessor.ActorOf(http), id, urgingId, input, ct)).ToHttp())
            .WithName("AnswerLinkageUrging").WithSummary("The urged unit answers its notice.");
        api.MapGet("/{id:guid}/urgings/{urgingId:guid}.pdf", async (Guid id, Guid urgingId, ClaimsPrincipal user, LinkageItems items, CancellationToken ct) =>
                (await items.UrgingPdfAsync(user, id, urgingId, CultureInfo.CurrentUICulture, ct)).ToHttp(bytes => Results.File(bytes, "application/pdf", $"urging-{urgingId:N}.pdf")))
            .WithName("PrintLinkageUrging").WithSummary("The urging notice as a PDF for printing and filing.");
        api.MapPost("/{id:guid}/close-request", async (Guid id, CloseRequestInput input, ClaimsPrincipal user, HttpContext http, LinkageItems items, CancellationToken ct) =>
                (await items.RequestCloseAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("RequestLinkageClose").WithSummary("The lead (city): asks for close-out with a summary once every node has an outcome.");
        api.MapPost("/{id:guid}/verify", async (Guid id, VerifyInput input, ClaimsPrincipal user, HttpContext http, LinkageItems items, CancellationToken ct) =>
                (await items.VerifyAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("VerifyLinkageItem").WithSummary("City, not the requester: closes the item (办结销号) or returns it with a note.");
        api.MapPost("/{id:guid}/reopen", async (Guid id, ReopenInput input, ClaimsPrincipal user, HttpContext http, LinkageItems items, CancellationToken ct) =>
                (await items.ReopenAsync(user, HttpAuditActorAccessor.ActorOf(http), id, input, ct)).ToHttp())
            .RequireAuthorization(Policies.CityStaffOrAdmin)
            .WithName("ReopenLinkageItem").WithSummary("City: reopens a closed item with the reason.");
    }

    /// <summary>The league table's rows with bilingual headers, as the page shows them.</summary>
    public static IEnumerable<IDictionary<string, object?>> LeagueRows(IEnumerable<LeagueRow> rows) => rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
    {
        ["名次 Rank"] = r.Rank,
        ["单位 Unit"] = ExcelCells.Safe(r.Unit.NameZh),
        ["Unit (en)"] = ExcelCells.Safe(r.Unit.NameEn),
        ["事项 Items"] = r.Items,
        ["牵头 Lead"] = r.Leads,
        ["按时签收 Signed on time"] = r.SignOnTime,
        ["逾期签收 Signed late"] = r.SignLate,
        ["未签收逾期 Unsigned, overdue"] = r.SignOverdue,
        ["按时反馈 Feedback on time"] = r.FeedbackOnTime,
        ["逾期反馈 Feedback late"] = r.FeedbackLate,
        ["反馈逾期未报 Feedback overdue"] = r.FeedbackOverdue,
        ["节点按时 Nodes on time"] = r.NodesOnTime,
        ["节点逾期 Nodes late"] = r.NodesLate,
        ["督办单 Urging notices"] = r.Urgings,
        ["按时回复 Answered on time"] = r.UrgingsOnTime,
        ["逾期回复 Answered late"] = r.UrgingsLate,
        ["按时率 % On time"] = r.Score,
    });
}
