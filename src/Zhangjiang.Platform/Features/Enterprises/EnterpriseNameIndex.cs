using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Enterprises;

/// <summary>One two-character piece of a firm's name (Chinese as written, English lower-cased, spaces dropped).</summary>
public sealed class EnterpriseNameGram
{
    public required string Gram { get; set; }
    public required string CreditCode { get; set; }
}

/// <summary>
/// The index behind zone-wide name search: every firm's name cut into overlapping two-character pieces (bigrams). A
/// name contains a text only if it has every bigram of the text, so the firms holding all of them are a small superset
/// that the exact substring test then checks, instead of scanning every name. Bigrams, not trigrams, because Chinese
/// searches are mostly two characters (软件, 芯片). PostgreSQL keeps a firm's bigrams in an array column of the firm's
/// row under a GIN index; SQLite, which has no such index, in a table of (bigram, firm). ADR 0009 gives the reasons.
/// Kept in step by the two writers of names: the statistics importer (new firms) and the registry's edit.
/// </summary>
public static class EnterpriseNameIndex
{
    public const string Table = "EnterpriseNameGrams";

    /// <summary>The distinct bigrams of a firm's names, as text (<see cref="GramArray"/> cuts them).</summary>
    public static HashSet<string> Grams(string nameZh, string? nameEn) =>
        GramArray(nameZh, nameEn).Select(packed => new string([(char)((uint)packed >> 16), (char)(packed & 0xFFFF)])).ToHashSet(StringComparer.Ordinal);

    /// <summary>The bigrams a search text needs; empty when the text is shorter than two characters (no index use).</summary>
    public static IReadOnlyList<string> QueryGrams(string text) => [.. Grams(text, null).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The value of <see cref="Enterprise.NameGrams"/> (PostgreSQL): the distinct bigrams, each packed into one integer
    /// (its two UTF-16 units), sorted. Packed, a firm's bigrams take about 80 bytes of its row instead of about 200 as
    /// text: the registry's other searches read those rows too. The one place names are cut into bigrams (spaces dropped,
    /// invariant lower case), without a string per bigram: a national first load packs the names of 150,000 new firms
    /// while their rows are sent.
    /// </summary>
    public static int[] GramArray(string nameZh, string? nameEn)
    {
        var packed = new int[nameZh.Length + (nameEn?.Length ?? 0)];
        var count = AddPacked(packed, 0, nameZh);
        count = AddPacked(packed, count, nameEn);
        Array.Sort(packed, 0, count);
        var distinct = 0;
        for (var i = 0; i < count; i++)
        {
            if (distinct == 0 || packed[i] != packed[distinct - 1])
            {
                packed[distinct++] = packed[i];
            }
        }
        return packed.AsSpan(0, distinct).ToArray();
    }

    /// <summary>The bigrams of one name, packed, appended at <paramref name="count"/>; returns the new count.</summary>
    private static int AddPacked(int[] packed, int count, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return count;
        }
        Span<char> compact = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var length = 0;
        foreach (var c in name)
        {
            if (!char.IsWhiteSpace(c))
            {
                compact[length++] = c;
            }
        }
        // The span form lowers exactly as string.ToLower(InvariantCulture) does, surrogate pairs included.
        Span<char> lower = length <= 256 ? stackalloc char[length] : new char[length];
        ((ReadOnlySpan<char>)compact[..length]).ToLowerInvariant(lower);
        for (var i = 0; i + 1 < lower.Length; i++)
        {
            packed[count++] = unchecked((int)(((uint)lower[i] << 16) | lower[i + 1]));
        }
        return count;
    }

    /// <summary>Bigrams (from <see cref="QueryGrams"/> or <see cref="Grams"/>) packed as <see cref="Enterprise.NameGrams"/> holds them.</summary>
    public static int[] Pack(IEnumerable<string> grams)
    {
        var packed = grams.Select(g => unchecked((int)(((uint)g[0] << 16) | g[1]))).ToArray();
        Array.Sort(packed);
        return packed;
    }

    /// <summary>
    /// SQLite: writes the bigrams of new firms in bulk (inside the caller's transaction), in key order: a million-row first
    /// import brings some two million bigrams, and inserting them in the order the firms came (random for the key)
    /// cost 12 s on both databases where the sorted order appends to the index. The sort runs on packed 64-bit keys
    /// (two UTF-16 units of the gram, the firm's position), 16 MB for two million, not on strings.
    /// </summary>
    internal static void Write(ZjDbContext db, IEnumerable<(string Code, string NameZh, string? NameEn)> firms)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException("On PostgreSQL the bigrams are a column of the firm's row; the firm's writer sets them.");
        }
        var ordered = firms.OrderBy(f => f.Code, StringComparer.Ordinal).ToList();
        var keys = new List<ulong>(ordered.Count * 14);
        for (var i = 0; i < ordered.Count; i++)
        {
            foreach (var gram in GramArray(ordered[i].NameZh, ordered[i].NameEn))
            {
                keys.Add(((ulong)(uint)gram << 32) | (uint)i);
            }
        }
        keys.Sort();
        using var writer = BulkWriter.Start(db, Table, [("Gram", BulkType.Text), ("CreditCode", BulkType.Text)]);
        Span<char> pair = stackalloc char[2];
        foreach (var key in keys)
        {
            pair[0] = (char)(key >> 48);
            pair[1] = (char)(key >> 32);
            writer.StartRow();
            writer.Text(new string(pair));
            writer.Text(ordered[(int)(uint)key].Code);
            writer.EndRow();
        }
        writer.Complete();
    }

    /// <summary>After a rename: the bigrams the old names had and the new ones lack go, the new ones come (tracked, saved by the caller).</summary>
    internal static void Replace(ZjDbContext db, Enterprise firm, (string NameZh, string? NameEn) before)
    {
        var after = (firm.NameZh, firm.NameEn);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            firm.NameGrams = GramArray(after.NameZh, after.NameEn);
            return;
        }
        var code = firm.CreditCode;
        var old = Grams(before.NameZh, before.NameEn);
        var now = Grams(after.NameZh, after.NameEn);
        foreach (var gram in old.Except(now))
        {
            db.EnterpriseNameGrams.Remove(new EnterpriseNameGram { Gram = gram, CreditCode = code });
        }
        db.EnterpriseNameGrams.AddRange(now.Except(old).Select(g => new EnterpriseNameGram { Gram = g, CreditCode = code }));
    }

    /// <summary>
    /// Builds the index for a database that has firms but no index yet (a database from before the index existed, or
    /// from before PostgreSQL kept it in the firm's row). Runs with the seed step after migrations; a no-op afterwards.
    /// </summary>
    public static async Task<int> BuildIfMissingAsync(ZjDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            var missing = await db.Enterprises.AsNoTracking().Where(e => e.NameGrams == null)
                .Select(e => new { e.CreditCode, e.NameZh, e.NameEn }).ToListAsync(cancellationToken);
            if (missing.Count == 0)
            {
                return 0;
            }
            await using var pgTransaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("CREATE TEMP TABLE zj_name_grams (code text PRIMARY KEY, grams integer[]) ON COMMIT DROP", cancellationToken);
            using (var writer = BulkWriter.Start(db, "zj_name_grams", [("code", BulkType.Text), ("grams", BulkType.IntArray)]))
            {
                foreach (var firm in missing)
                {
                    writer.StartRow();
                    writer.Text(firm.CreditCode);
                    writer.IntArray(GramArray(firm.NameZh, firm.NameEn));
                    writer.EndRow();
                }
                writer.Complete();
            }
            await db.Database.ExecuteSqlRawAsync(
                $"UPDATE \"{EnterpriseModel.EnterprisesTable}\" AS e SET \"NameGrams\" = g.grams FROM zj_name_grams AS g WHERE e.\"CreditCode\" = g.code",
                cancellationToken);
            await pgTransaction.CommitAsync(cancellationToken);
            return missing.Count;
        }
        if (await db.EnterpriseNameGrams.AnyAsync(cancellationToken) || !await db.Enterprises.AnyAsync(cancellationToken))
        {
            return 0;
        }
        var firms = await db.Enterprises.AsNoTracking().Select(e => new { e.CreditCode, e.NameZh, e.NameEn }).ToListAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Write(db, firms.Select(f => (f.CreditCode, f.NameZh, f.NameEn)));
        await transaction.CommitAsync(cancellationToken);
        return firms.Count;
    }
}
