namespace Zhangjiang.Platform.Common;

/// <summary>
/// A prefix search over codes made of ASCII digits and capital letters (credit codes, industry codes) as a key range an
/// ordinary index serves: from ≤ code &lt; to. LIKE 'C39%' is served by no index here (SQLite's LIKE folds case; a
/// PostgreSQL b-tree only serves it under the C collation), and a naive upper bound such as 'C39~' or 'C3:' is wrong
/// under a language collation (ICU and glibc sort punctuation before digits). Digits before letters, letters in
/// alphabetical order: that much holds under byte order and under every language collation, so the upper bound here is
/// the prefix's next value in that alphabet (C39 → C3A, 9131Z → 9132).
/// </summary>
public static class CodePrefix
{
    /// <summary>
    /// The range of codes that start with <paramref name="prefix"/> (trimmed, upper-cased); <c>To</c> is null when no
    /// code sorts above them (ZZZ). Null when the prefix holds anything but digits and letters: no code starts with it.
    /// </summary>
    public static (string From, string? To)? Range(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var from = prefix.Trim().ToUpperInvariant();
        if (from.Length == 0 || !from.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }
        var next = from.ToCharArray();
        for (var i = next.Length - 1; i >= 0; i--)
        {
            if (next[i] != 'Z')
            {
                next[i] = next[i] == '9' ? 'A' : (char)(next[i] + 1);
                return (from, new string(next, 0, i + 1));
            }
        }
        return (from, null);
    }
}
