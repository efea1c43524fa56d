using Zhangjiang.Platform.Common;

namespace Zhangjiang.Platform.Tests;

public sealed class CodePrefixTests
{
    [Theory]
    [InlineData("C39", "C39", "C3A")]
    [InlineData(" c3 ", "C3", "C4")]
    [InlineData("C", "C", "D")]
    [InlineData("9131", "9131", "9132")]
    [InlineData("91310115MA9", "91310115MA9", "91310115MAA")]
    [InlineData("9131Z", "9131Z", "9132")]
    [InlineData("91ZZ", "91ZZ", "92")]
    [InlineData("ZZ", "ZZ", null)]
    public void The_range_covers_exactly_the_codes_that_start_with_the_prefix(string prefix, string from, string? to)
    {
        Assert.Equal((from, to), CodePrefix.Range(prefix));
    }

    [Theory]
    [InlineData("C3%")]
    [InlineData("C_9")]
    [InlineData("  ")]
    [InlineData("C３9")]
    public void Text_that_no_code_starts_with_has_no_range(string prefix)
    {
        Assert.Null(CodePrefix.Range(prefix));
    }

    [Fact]
    public void Every_code_of_a_small_alphabet_falls_in_its_prefix_range_and_no_other_does()
    {
        // All codes of up to three characters from a slice of the alphabet, compared ordinally as the databases do.
        const string alphabet = "089AYZ";
        var codes = (from a in alphabet from b in alphabet from c in alphabet select $"{a}{b}{c}")
            .Concat(from a in alphabet from b in alphabet select $"{a}{b}").Concat(alphabet.Select(a => a.ToString())).ToList();
        foreach (var prefix in codes.Where(c => c.Length <= 2))
        {
            var (from, to) = CodePrefix.Range(prefix)!.Value;
            foreach (var code in codes)
            {
                var inRange = string.CompareOrdinal(code, from) >= 0 && (to is null || string.CompareOrdinal(code, to) < 0);
                Assert.True(inRange == code.StartsWith(prefix, StringComparison.Ordinal), $"{code} against prefix {prefix}: [{from}, {to})");
            }
        }
    }
}
