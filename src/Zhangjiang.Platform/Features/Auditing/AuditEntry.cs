namespace Zhangjiang.Platform.Features.Auditing;

public enum AuditKind
{
    Data = 1,
    Security = 2,
}

/// <summary>
/// One row of the append-only, hash-chained audit trail. <see cref="Hash"/> covers every other column and
/// the previous row's hash, so an edited, inserted or deleted row breaks the chain (see <see cref="AuditChain"/>).
/// </summary>
public sealed class AuditEntry
{
    public long Sequence { get; set; }
    public DateTime TimestampUtc { get; set; }
    public AuditKind Kind { get; set; }

    /// <summary>What happened: Create/Update/Delete for data; SignIn, SignInFailed, LockedOut, … for security.</summary>
    public required string Action { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string? EntityType { get; set; }
    public string? EntityKey { get; set; }

    /// <summary>JSON: for data, {field: [before, after]}; for security, event details.</summary>
    public string? Changes { get; set; }
    public string Outcome { get; set; } = "Success";
    public string? IpAddress { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

/// <summary>
/// The chain's head, updated in the same transaction as every append. It lets verification notice rows
/// removed from the end, and on PostgreSQL its row lock serialises concurrent appends.
/// </summary>
public sealed class AuditChainHead
{
    public int Id { get; set; }
    public long LastSequence { get; set; }
    public string LastHash { get; set; } = AuditChain.GenesisHash;
}
