using System.Globalization;
using Zhangjiang.Web.Features.Shared;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Web.Features.Identity;

namespace Zhangjiang.Web.Features.Auditing;

/// <summary>The audit trail, readable (never editable) by the audit administrator only.</summary>
public static class AuditApi
{
    public static void MapAuditApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var audit = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Policies.AuditAdmin);

        audit.MapGet("/", async ([AsParameters] AuditQueryParameters q, AuditLogQuery query, CancellationToken ct) =>
                Results.Ok(await query.PageAsync(q.ToFilter(), q.Skip ?? 0, q.Take ?? 50, ct)))
            .WithName("ListAudit").WithSummary("Audit rows, newest first, filtered by time (UTC), user, action, kind and entity.");

        audit.MapGet("/export.xlsx", async ([AsParameters] AuditQueryParameters q, HttpContext http, AuditLogQuery query, SecurityAudit security, CancellationToken ct) =>
            {
                var rows = await query.ExportRowsAsync(q.ToFilter(), ct);
                await security.RecordAsync(SecurityEvents.Export, HttpAuditActorAccessor.ActorOf(http),
                    details: new { what = "audit", rows = rows.Count, filter = q.ToFilter() }, cancellationToken: ct);
                return await ExcelDownload.FileAsync(rows.Select(a => new Dictionary<string, object?>
                {
                    ["序号 Sequence"] = a.Sequence,
                    ["时间(UTC) Time (UTC)"] = a.TimestampUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    ["类别 Kind"] = a.Kind.ToString(),
                    ["操作 Action"] = a.Action,
                    ["用户 User"] = ExcelCells.Safe(a.UserName),
                    ["IP"] = a.IpAddress,
                    ["对象 Entity"] = a.EntityType,
                    ["键 Key"] = ExcelCells.Safe(a.EntityKey),
                    ["变更 Changes"] = ExcelCells.Safe(a.Changes),
                    ["结果 Outcome"] = a.Outcome,
                    ["哈希 Hash"] = a.Hash,
                }), "audit", $"audit-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.xlsx", ct);
            })
            .WithName("ExportAudit").WithSummary("The filtered audit rows as Excel (up to 200,000); the export itself is audited.");

        audit.MapGet("/verify", async (AuditLogQuery query, CancellationToken ct) => Results.Ok(await query.VerifyAsync(ct)))
            .WithName("VerifyAudit").WithSummary("Check the hash chain; lists edited, inserted or removed rows.");
    }

    public sealed record AuditQueryParameters(
        DateTime? From, DateTime? To, string? User, string? Action, AuditKind? Kind, string? Entity, string? Key, int? Skip, int? Take)
    {
        public AuditFilter ToFilter() => new(
            From is { } f ? DateTime.SpecifyKind(f, DateTimeKind.Utc) : null,
            To is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : null,
            User, Action, Kind, Entity, Key);
    }
}
