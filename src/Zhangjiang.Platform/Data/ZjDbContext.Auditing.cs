using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Platform.Data;

public partial class ZjDbContext
{
    /// <summary>Rows that are themselves records of something else, or secrets: not audited as data.</summary>
    private static readonly HashSet<Type> UnauditedTypes =
    [
        typeof(AuditEntry), typeof(AuditChainHead), typeof(UserSession), typeof(PasswordHistoryEntry), typeof(DataProtectionKey),
        // A computation's scores are derived: the audited EvaluationResult row records the method and a digest of the
        // input, from which they are reproduced exactly. Auditing each of thousands of score rows would add nothing.
        typeof(ResultParkSummary), typeof(ResultScore),
        // File bytes: the row that refers to a file (name, size, type, SHA-256, uploader) is what is audited.
        typeof(Features.Files.StoredFile),
        // Roll-up values are derived from the statistics by the stored formula; the run itself is audited.
        typeof(Features.Enterprises.ParkStatisticValue),
    ];

    /// <summary>Large columns recorded in the audit trail by their SHA-256 digest rather than their content.</summary>
    private static readonly HashSet<string> DigestProperties = new(StringComparer.Ordinal) { nameof(EvaluationResult.InputJson) };

    /// <summary>Columns whose values never go into the audit trail; a change is recorded as "(changed)".</summary>
    private static readonly HashSet<string> SecretProperties = new(StringComparer.Ordinal)
    {
        nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp),
        nameof(IdentityUserToken<string>.Value), nameof(AppUser.LastTotpTimeStep),
    };

    private static readonly HashSet<string> NoiseProperties = new(StringComparer.Ordinal) { nameof(IVersioned.Version) };

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SaveAuditedAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (Exception e) when (e is not DbUpdateConcurrencyException && DatabaseErrors.IsDeadlockOrSerializationFailure(e))
        {
            // Two writers took the same rows in opposite orders (e.g. a child row's foreign-key lock, then the parent's
            // update; found by ConcurrencyTests submitting one application 20 times at once). The other writer went
            // through and this one was rolled back whole: it is a concurrent edit, which every use case answers with 409.
            throw new DbUpdateConcurrencyException("The transaction was rolled back because a concurrent one changed the same rows.", e);
        }
    }

    private async Task<int> SaveAuditedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        ChangeTracker.DetectChanges();
        await Features.Notifications.Notify.ApplicationStatusChangesAsync(this, cancellationToken);
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.Version = Guid.NewGuid();
            }
        }

        var captured = CaptureChanges();
        if (captured.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var actor = Actor ?? actorAccessor?.Current
            ?? throw new InvalidOperationException("A write reached the database without an acting user: every write is audited.");

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var now = UtcNow;
            var rows = captured.Select(c => new AuditEntry
            {
                Kind = AuditKind.Data,
                Action = c.Action,
                TimestampUtc = now,
                UserId = actor.UserId,
                UserName = actor.UserName,
                IpAddress = actor.IpAddress,
                EntityType = c.Entry.Metadata.ClrType.Name,
                EntityKey = KeyOf(c.Entry),
                Changes = JsonSerializer.Serialize(c.Changes, AuditJson.Options),
                PreviousHash = "",
                Hash = "",
            }).ToList();
            await AppendAuditRowsAsync(rows, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
            return written;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Appends rows to the chain inside the current transaction (or a new one). Used for data changes and
    /// security events alike. If the append fails, the caller's whole transaction fails with it.
    /// </summary>
    public async Task AppendAuditRowsAsync(IReadOnlyList<AuditEntry> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }
        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            // The head row is the chain's lock: FOR UPDATE on PostgreSQL; SQLite transactions here are
            // BEGIN IMMEDIATE, so writers are already serialised.
            var head = Provider == DatabaseProvider.Postgres
                ? await AuditChainHeads.FromSqlRaw("SELECT * FROM \"AuditChainHeads\" WHERE \"Id\" = 1 FOR UPDATE").AsTracking().SingleAsync(cancellationToken)
                : await AuditChainHeads.AsTracking().SingleAsync(h => h.Id == 1, cancellationToken);
            // Another context may have moved the head since this one loaded it.
            await Entry(head).ReloadAsync(cancellationToken);
            foreach (var row in rows)
            {
                row.Sequence = head.LastSequence + 1;
                row.PreviousHash = head.LastHash;
                row.TimestampUtc = TruncateToMicroseconds(row.TimestampUtc);
                row.Hash = AuditChain.ComputeHash(row);
                head.LastSequence = row.Sequence;
                head.LastHash = row.Hash;
                AuditEntries.Add(row);
            }
            await base.SaveChangesAsync(true, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Appends one event that is not a row change — a security event, a bulk import, a computation run — inside the
    /// current transaction (or its own), so it commits or fails with the work it records.
    /// </summary>
    public Task AppendEventAsync(
        AuditKind kind, string action, AuditActor actor, object? details = null, string? entityType = null, string? entityKey = null,
        string outcome = "Success", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return AppendAuditRowsAsync(
        [
            new AuditEntry
            {
                Kind = kind, Action = action, TimestampUtc = UtcNow, UserId = actor.UserId, UserName = actor.UserName,
                IpAddress = actor.IpAddress, EntityType = entityType, EntityKey = entityKey, Outcome = outcome,
                Changes = details is null ? null : JsonSerializer.Serialize(details, AuditJson.Options), PreviousHash = "", Hash = "",
            },
        ], cancellationToken);
    }

    /// <summary>PostgreSQL keeps microseconds; hashing a finer time would not verify after a round trip.</summary>
    private static DateTime TruncateToMicroseconds(DateTime t) =>
        new(t.Ticks - (t.Ticks % 10), DateTimeKind.Utc);

    private sealed record CapturedChange(EntityEntry Entry, string Action, Dictionary<string, string?[]> Changes);

    private List<CapturedChange> CaptureChanges()
    {
        var result = new List<CapturedChange>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || UnauditedTypes.Contains(entry.Metadata.ClrType))
            {
                continue;
            }
            var changes = new Dictionary<string, string?[]>(StringComparer.Ordinal);
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (NoiseProperties.Contains(name))
                {
                    continue;
                }
                var secret = SecretProperties.Contains(name);
                var digest = DigestProperties.Contains(name);
                string? Show(object? value) => digest ? Digest(value) : Format(value);
                switch (entry.State)
                {
                    case EntityState.Added when property.CurrentValue is not null:
                        changes[name] = [null, secret ? "(set)" : Show(property.CurrentValue)];
                        break;
                    case EntityState.Deleted when property.OriginalValue is not null:
                        changes[name] = [secret ? "(set)" : Show(property.OriginalValue), null];
                        break;
                    case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                        changes[name] = secret ? ["(changed)", "(changed)"] : [Show(property.OriginalValue), Show(property.CurrentValue)];
                        break;
                }
            }
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }
            var action = entry.State switch
            {
                EntityState.Added => "Create",
                EntityState.Deleted => "Delete",
                _ => "Update",
            };
            result.Add(new CapturedChange(entry, action, changes));
        }
        return result;
    }

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null)
        {
            return "";
        }
        return string.Join("|", key.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue ?? entry.Property(p.Name).OriginalValue)));
    }

    private static string? Digest(object? value) => value is null
        ? null
        : "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Format(value) ?? "")));

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
