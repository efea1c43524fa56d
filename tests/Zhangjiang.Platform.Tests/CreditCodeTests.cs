using System.Globalization;
using Zhangjiang.Platform.Features.Organisations;

namespace Zhangjiang.Platform.Tests;

public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")] // the GB 32100 tooling example
    [InlineData("914403001922038216")] // 华为技术有限公司
    [InlineData("91440300708461136T")] // 深圳市腾讯计算机系统有限公司
    [InlineData("91110108551385082Q")] // 小米科技有限责任公司
    [InlineData(" 91110108551385082q ")] // trimmed and upper-cased
    public void Real_codes_pass(string code) => Assert.True(CreditCode.Check(code).IsValid);

    [Fact]
    public void Altered_check_character_names_the_expected_one()
    {
        var check = CreditCode.Check("914403001922038217");
        Assert.Equal(CreditCodeProblem.WrongCheckCharacter, check.Problem);
        Assert.Equal('6', check.Expected);
        Assert.Equal('7', check.Found);
        var zh = check.ToMessage()!.Render(CultureInfo.GetCultureInfo("zh-CN"));
        Assert.Contains("第18位校验码应为“6”", zh, StringComparison.Ordinal);
        var en = check.ToMessage()!.Render(CultureInfo.GetCultureInfo("en"));
        Assert.Contains("should be '6', not '7'", en, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9144030019220382I6", 17, 'I')]
    [InlineData("O14403001922038216", 1, 'O')]
    [InlineData("9144030019S2038216", 11, 'S')]
    [InlineData("91440300192203821-", 18, '-')]
    public void Forbidden_character_names_its_position(string code, int position, char found)
    {
        var check = CreditCode.Check(code);
        Assert.Equal(CreditCodeProblem.InvalidCharacter, check.Problem);
        Assert.Equal(position, check.Position);
        Assert.Equal(found, check.Found);
        Assert.Contains($"第{position}位", check.ToMessage()!.Render(CultureInfo.GetCultureInfo("zh-CN")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", CreditCodeProblem.Empty)]
    [InlineData("   ", CreditCodeProblem.Empty)]
    [InlineData("9144030019220382", CreditCodeProblem.WrongLength)]
    [InlineData("9144030019220382160", CreditCodeProblem.WrongLength)]
    public void Empty_and_wrong_length_are_refused(string code, CreditCodeProblem problem) =>
        Assert.Equal(problem, CreditCode.Check(code).Problem);

    [Theory]
    [InlineData("91110108717809965C")]
    [InlineData("9133010057462616XH")]
    public void Sample_codes_seen_in_mock_data_fail(string code) => Assert.False(CreditCode.IsValid(code));

    [Fact]
    public void Every_single_character_change_of_a_valid_code_is_caught_or_still_consistent()
    {
        const string valid = "91440300708461136T";
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var accepted = 0;
        for (var position = 0; position < 17; position++)
        {
            foreach (var c in alphabet.Where(c => c != valid[position]))
            {
                var changed = valid[..position] + c + valid[(position + 1)..];
                if (CreditCode.IsValid(changed))
                {
                    accepted++;
                }
            }
        }
        // Weights are non-zero mod the prime 31, so any single substitution changes the checksum.
        Assert.Equal(0, accepted);
    }

    [Fact]
    public void Computed_check_character_matches_published_codes() =>
        Assert.Equal('Q', CreditCode.ComputeCheckCharacter("91110108551385082"));

    [Fact]
    public void Legal_pilot_codes_that_predate_the_standard_are_accepted() =>
        Assert.True(CreditCode.IsValid("91350100M0001TGQXM"));
}
