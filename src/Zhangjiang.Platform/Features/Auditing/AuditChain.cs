using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Zhangjiang.Platform.Features.Auditing;

/// <summary>Hashing and verification of the audit chain.</summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>SHA-256 over every column in a fixed, culture-independent order, chained to the previous hash.</summary>
    public static string ComputeHash(AuditEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var text = string.Join('\u001f',
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.TimestampUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
            ((int)e.Kind).ToString(CultureInfo.InvariantCulture),
            e.Action,
            e.UserId ?? "",
            e.UserName ?? "",
            e.EntityType ?? "",
            e.EntityKey ?? "",
            e.Changes ?? "",
            e.Outcome,
            e.IpAddress ?? "",
            e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Checks rows in sequence order against each other and against the head.</summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> rowsInOrder, AuditChainHead? head)
    {
        ArgumentNullException.ThrowIfNull(rowsInOrder);
        var problems = new List<AuditProblem>();
        var expectedSequence = 1L;
        var previousHash = GenesisHash;
        long count = 0;
        foreach (var row in rowsInOrder)
        {
            count++;
            if (row.Sequence != expectedSequence)
            {
                problems.Add(new(row.Sequence, $"missing rows: expected sequence {expectedSequence}, found {row.Sequence}"));
            }
            if (!string.Equals(row.PreviousHash, previousHash, StringComparison.Ordinal))
            {
                problems.Add(new(row.Sequence, "previous-hash link broken (a row before it was changed or removed)"));
            }
            if (!string.Equals(ComputeHash(row), row.Hash, StringComparison.Ordinal))
            {
                problems.Add(new(row.Sequence, "content does not match its hash (the row was edited)"));
            }
            expectedSequence = row.Sequence + 1;
            previousHash = row.Hash;
        }
        var lastSequence = expectedSequence - 1;
        if (head is not null && (head.LastSequence != lastSequence || !string.Equals(head.LastHash, previousHash, StringComparison.Ordinal)))
        {
            problems.Add(new(head.LastSequence, $"chain head says the last row is {head.LastSequence}, the table ends at {lastSequence} (rows removed from the end)"));
        }
        return new AuditVerification(count, problems);
    }
}

public sealed record AuditProblem(long Sequence, string Description);

public sealed record AuditVerification(long RowsChecked, IReadOnlyList<AuditProblem> Problems)
{
    public bool IsIntact => Problems.Count == 0;
}
