using System.Globalization;
using System.Security.Claims;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Features.Organisations;
using Zhangjiang.Web.Features.Identity;
using Zhangjiang.Web.Features.Shared;

namespace Zhangjiang.Web.Features.Organisations;

public static class OrganisationsApi
{
    public static void MapOrganisationsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var organisations = app.MapGroup("/api/v1/organisations").WithTags("Organisations").RequireAuthorization(Policies.OrganisationReaders);

        organisations.MapGet("/", async (OrganisationKind? kind, string? park, string? search, ClaimsPrincipal user, OrganisationRegistry registry, CancellationToken ct) =>
                Results.Ok(await registry.ListAsync(user, new OrganisationFilter(kind, park, search), ct)))
            .WithName("ListOrganisations")
            .WithSummary("Organisations in the caller's scope: city staff see all, a park manager their park's, an enterprise itself.");

        organisations.MapGet("/export.xlsx", async (OrganisationKind? kind, string? park, string? search, ClaimsPrincipal user, HttpContext http,
                OrganisationRegistry registry, SecurityAudit audit, CancellationToken ct) =>
            {
                var rows = await registry.ListAsync(user, new OrganisationFilter(kind, park, search), ct);
                await audit.RecordAsync(SecurityEvents.Export, HttpAuditActorAccessor.ActorOf(http),
                    details: new { what = "organisations", rows = rows.Count, kind, park, search }, cancellationToken: ct);
                return await ExcelDownload.FileAsync(rows.Select(o => new Dictionary<string, object?>
                {
                    ["统一社会信用代码 Credit code"] = o.CreditCode,
                    ["名称 Name"] = ExcelCells.Safe(o.NameZh),
                    ["Name (en)"] = ExcelCells.Safe(o.NameEn),
                    ["类别 Kind"] = o.Kind.ToString(),
                    ["园区 Park"] = o.ParkCode,
                    ["区 District"] = o.DistrictCode,
                    ["地址 Address"] = ExcelCells.Safe(o.Address),
                }), "organisations", "organisations.xlsx", ct);
            })
            .WithName("ExportOrganisations")
            .WithSummary("The organisations in the caller's scope as Excel; the export is audited.");

        organisations.MapGet("/{creditCode}", async (string creditCode, ClaimsPrincipal user, OrganisationRegistry registry, CancellationToken ct) =>
                (await registry.GetAsync(user, creditCode, ct)).ToHttp())
            .WithName("GetOrganisation")
            .WithSummary("One organisation by its 统一社会信用代码; out of scope answers 404.");

        organisations.MapPost("/", async (OrganisationInput input, ClaimsPrincipal user, HttpContext http, OrganisationRegistry registry, CancellationToken ct) =>
                (await registry.CreateAsync(user, HttpAuditActorAccessor.ActorOf(http), input, ct))
                    .ToHttp(created => Results.Created($"/api/v1/organisations/{created.CreditCode}", created)))
            .WithName("CreateOrganisation")
            .WithSummary("Register an organisation; the credit code is checked per GB 32100-2015.");

        organisations.MapPut("/{creditCode}", async (string creditCode, OrganisationInput input, ClaimsPrincipal user, HttpContext http, OrganisationRegistry registry, CancellationToken ct) =>
                (await registry.UpdateAsync(user, HttpAuditActorAccessor.ActorOf(http), creditCode, input, ct)).ToHttp())
            .WithName("UpdateOrganisation")
            .WithSummary("Edit an organisation. Send the version you read; a stale one gets 409.");

        app.MapGet("/api/v1/credit-codes/{code}", (string code) =>
            {
                var check = CreditCode.Check(code);
                return Results.Ok(new { code = CreditCode.Normalize(code), valid = check.IsValid, message = check.ToMessage()?.Render(CultureInfo.CurrentUICulture) });
            })
            .WithTags("Organisations")
            .RequireAuthorization(Policies.SignedIn)
            .WithName("CheckCreditCode")
            .WithSummary("Check a 统一社会信用代码: which position is wrong or which check character is expected.");
    }
}
