using System.Globalization;
using System.Security.Claims;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Parks;
using Zhangjiang.Web.Features.Identity;
using Zhangjiang.Web.Features.Shared;

namespace Zhangjiang.Web.Features.Parks;

public static class ParksApi
{
    public static void MapParksApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var parks = app.MapGroup("/api/v1/parks").WithTags("Parks");

        parks.MapGet("/", async (string? district, string? industry, string? search, ParkDirectory directory, CancellationToken ct) =>
                Results.Ok(await directory.ListAsync(new ParkFilter(district, industry, search), ct)))
            .AllowAnonymous()
            .WithName("ListParks")
            .WithSummary("The 22 sub-parks as the city publishes them; filter by district code, leading industry or text.");

        parks.MapGet("/export.xlsx", async (string? district, string? industry, string? search, ParkDirectory directory, CancellationToken ct) =>
            {
                var rows = await directory.ListAsync(new ParkFilter(district, industry, search), ct);
                return await ExcelDownload.FileAsync(rows.Select(p => new Dictionary<string, object?>
                {
                    ["园区代码 Code"] = p.Code,
                    ["园区 Park"] = ExcelCells.Safe(p.NameZh),
                    ["Park (en)"] = ExcelCells.Safe(p.NameEn),
                    ["所在区 District"] = ExcelCells.Safe(p.DistrictNameZh),
                    ["主导产业 Leading industries"] = ExcelCells.Safe(string.Join("、", p.LeadingIndustries.Select(i => i.NameZh))),
                    ["方案状态 Plan status"] = p.PlanStatus.ToString(),
                    ["目标年份 Target year"] = p.PlanTargetYear?.ToString(CultureInfo.InvariantCulture),
                    ["管理机构 Management agency"] = ExcelCells.Safe(p.ManagementAgency?.NameZh),
                    ["运营机构 Operating agency"] = ExcelCells.Safe(p.OperatingAgency?.NameZh),
                }), "parks", "zhangjiang-parks.xlsx", ct);
            })
            .AllowAnonymous()
            .WithName("ExportParks")
            .WithSummary("The park list as Excel, with the same filters.");

        parks.MapGet("/{code}", async (string code, ParkDirectory directory, CancellationToken ct) =>
                await directory.GetAsync(code, ct) is { } park ? Results.Ok(park) : UseCaseResult<ParkDetail>.NotFound().ToHttp())
            .AllowAnonymous()
            .WithName("GetPark")
            .WithSummary("One park: district, leading industries, plan summary, pilot initiatives, agencies, each with its source.");

        parks.MapPut("/{code}", async (string code, ParkProfileInput input, ClaimsPrincipal user, HttpContext http, ParkProfileEditor editor, CancellationToken ct) =>
                (await editor.UpdateAsync(user, HttpAuditActorAccessor.ActorOf(http), code, input, ct)).ToHttp())
            .RequireAuthorization(Policies.SignedIn)
            .WithName("UpdatePark")
            .WithSummary("Edit a park's profile: CityAdmin any park, ParkManager their own. Send the version you read; a stale one gets 409.");
    }
}
