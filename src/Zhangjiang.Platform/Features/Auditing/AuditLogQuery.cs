using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Auditing;

public sealed record AuditFilter(
    DateTime? FromUtc = null, DateTime? ToUtc = null, string? UserName = null, string? Action = null,
    AuditKind? Kind = null, string? EntityType = null, string? EntityKey = null);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Rows, int Total);

/// <summary>Read side of the audit trail, for the audit administrator (page, filters, Excel export, verification).</summary>
public sealed class AuditLogQuery(IDbContextFactory<ZjDbContext> contexts)
{
    public const int MaxExportRows = 200_000;

    public async Task<AuditPage> PageAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, filter);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(a => a.Sequence).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500)).ToListAsync(cancellationToken);
        return new AuditPage(rows, total);
    }

    public async Task<List<AuditEntry>> ExportRowsAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Filtered(db, filter).OrderBy(a => a.Sequence).Take(MaxExportRows).ToListAsync(cancellationToken);
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var rows = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync(cancellationToken);
        return AuditChain.Verify(rows, head);
    }

    private static IQueryable<AuditEntry> Filtered(ZjDbContext db, AuditFilter f)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (f.FromUtc is { } from)
        {
            query = query.Where(a => a.TimestampUtc >= from);
        }
        if (f.ToUtc is { } to)
        {
            query = query.Where(a => a.TimestampUtc < to);
        }
        if (!string.IsNullOrWhiteSpace(f.UserName))
        {
            query = query.Where(a => a.UserName == f.UserName.Trim());
        }
        if (!string.IsNullOrWhiteSpace(f.Action))
        {
            query = query.Where(a => a.Action == f.Action.Trim());
        }
        if (f.Kind is { } kind)
        {
            query = query.Where(a => a.Kind == kind);
        }
        if (!string.IsNullOrWhiteSpace(f.EntityType))
        {
            query = query.Where(a => a.EntityType == f.EntityType.Trim());
        }
        if (!string.IsNullOrWhiteSpace(f.EntityKey))
        {
            query = query.Where(a => a.EntityKey == f.EntityKey.Trim());
        }
        return query;
    }
}
