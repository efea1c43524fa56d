namespace Zhangjiang.Platform.Features.Organisations;

/// <summary>Why a 统一社会信用代码 was refused. Position is 1-based, as users count.</summary>
public enum CreditCodeProblem
{
    None = 0,
    Empty,
    WrongLength,
    InvalidCharacter,
    WrongCheckCharacter,
}

public readonly record struct CreditCodeCheck(CreditCodeProblem Problem, int Position, char Found, char Expected, int Length)
{
    public bool IsValid => Problem == CreditCodeProblem.None;
}

/// <summary>
/// Validation of the unified social credit code per GB 32100-2015: 18 characters from a 31-symbol set
/// (no I, O, S, V, Z), weights 3^(i-1) mod 31 over positions 1–17, check character (31 − Σ mod 31) mod 31.
/// </summary>
public static class CreditCode
{
    public const int Length = 18;
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>
    /// Early pilot codes that are legal although their check character does not match (Fujian, before the
    /// standard was final). Source: aarioai/id-rule chinese_org_id.go, cited in reference/domain-facts.md §6.
    /// </summary>
    private static readonly HashSet<string> LegalPilotCodes = new(StringComparer.Ordinal)
    {
        "91350100M0001TGQXM",
        "91350211M0000XUF46",
        "91350203M0001FUE2P",
    };

    /// <summary>Trims and upper-cases user input; full-width characters are not folded on purpose.</summary>
    public static string Normalize(string? input) => (input ?? "").Trim().ToUpperInvariant();

    public static CreditCodeCheck Check(string? input)
    {
        var code = Normalize(input);
        if (code.Length == 0)
        {
            return new(CreditCodeProblem.Empty, 0, '\0', '\0', 0);
        }
        if (code.Length != Length)
        {
            return new(CreditCodeProblem.WrongLength, 0, '\0', '\0', code.Length);
        }
        var sum = 0;
        for (var i = 0; i < Length; i++)
        {
            var value = Alphabet.IndexOf(code[i], StringComparison.Ordinal);
            if (value < 0)
            {
                return new(CreditCodeProblem.InvalidCharacter, i + 1, code[i], '\0', Length);
            }
            if (i < Length - 1)
            {
                sum += value * Weights[i];
            }
        }
        var expected = Alphabet[(31 - (sum % 31)) % 31];
        if (code[Length - 1] != expected && !LegalPilotCodes.Contains(code))
        {
            return new(CreditCodeProblem.WrongCheckCharacter, Length, code[Length - 1], expected, Length);
        }
        return new(CreditCodeProblem.None, 0, '\0', '\0', Length);
    }

    public static bool IsValid(string? input) => Check(input).IsValid;

    /// <summary>The check character the first 17 characters call for (for test data and error messages).</summary>
    public static char ComputeCheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException("Exactly 17 characters are needed.", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"Character '{first17[i]}' at position {i + 1} is not allowed.", nameof(first17));
            }
            sum += value * Weights[i];
        }
        return Alphabet[(31 - (sum % 31)) % 31];
    }
}

public static class CreditCodeMessages
{
    public static Common.UserMessage? ToMessage(this CreditCodeCheck check) => check.Problem switch
    {
        CreditCodeProblem.None => null,
        CreditCodeProblem.Empty => new("CreditCodeEmpty"),
        CreditCodeProblem.WrongLength => new("CreditCodeWrongLength", check.Length),
        CreditCodeProblem.InvalidCharacter => new("CreditCodeInvalidCharacter", check.Position, check.Found),
        CreditCodeProblem.WrongCheckCharacter => new("CreditCodeWrongCheckCharacter", check.Expected, check.Found),
        _ => throw new ArgumentOutOfRangeException(nameof(check)),
    };
}
