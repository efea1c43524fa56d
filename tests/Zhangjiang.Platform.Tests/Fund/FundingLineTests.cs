using Zhangjiang.Platform.Features.Fund;

namespace Zhangjiang.Platform.Tests.Fund;

public sealed class FundingLineTests
{
    private static readonly FundCallRules Rules = new() { MaxGrantFen = 150, FundableMinimum = 60, MaxAwardsPerApplicantPerYear = 1, Topics = [new CallTopic { TopicCode = "t" }] };

    private static RankCandidate C(int n, double? score, long requested, string applicant = "") =>
        new(new Guid(n, 0, 0, new byte[8]), "t", applicant.Length > 0 ? applicant : "A" + n, $"ZJ-{n:0000}", requested, score, new DateTime(2027, 3, n, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Grants_go_in_rank_order_while_the_money_lasts_and_every_fundable_one_below_the_first_misfit_is_a_reserve_in_order()
    {
        var line = FundingLine.Compute(
            [C(1, 80, 100), C(2, 90, 100), C(3, 85, 200), C(4, 70, 50), C(5, 50, 10), C(6, null, 10)],
            new Dictionary<string, (long, long)> { ["t"] = (300, 0) }, Rules, new Dictionary<string, ApplicantYear>()).Single();

        Assert.Equal(
            [(2, LineOutcome.Funded, 100L, (int?)null), (3, LineOutcome.Funded, 150L, null), (1, LineOutcome.Reserve, 100L, 1), (4, LineOutcome.Reserve, 50L, 2),
             (5, LineOutcome.BelowMinimum, 0L, null), (6, LineOutcome.NoScore, 0L, null)],
            line.Rows.Select(r => (r.ApplicationId.ToByteArray()[0] + 0, r.Outcome, r.GrantFen, r.ReservePosition)));
        Assert.Equal([1, 2, 3, 4, 5, (int?)null], line.Rows.Select(r => r.Rank));
        Assert.Equal((250L, 50L), (line.FundedFen, line.LeftFen));
    }

    [Fact]
    public void What_other_calls_of_the_year_granted_narrows_the_topic_and_the_applicants_caps()
    {
        var rules = Rules with { MaxFenPerApplicantPerYear = 200 };
        var line = FundingLine.Compute(
            [C(1, 90, 150, "held-one-award"), C(2, 85, 150, "held-money"), C(3, 80, 150)],
            new Dictionary<string, (long, long)> { ["t"] = (500, 300) }, rules with { MaxAwardsPerApplicantPerYear = 2 },
            new Dictionary<string, ApplicantYear> { ["held-one-award"] = new(2, 10), ["held-money"] = new(1, 120) }).Single();

        // 500 budget − 300 granted elsewhere = 200: the first applicant is at its award cap, the second may get 80 more, the third 150 does not fit.
        Assert.Equal([LineOutcome.ApplicantCap, LineOutcome.Funded, LineOutcome.Reserve], line.Rows.Select(r => r.Outcome));
        Assert.Equal(80, line.Rows[1].GrantFen);
        Assert.Equal(120, line.LeftFen);
    }

    [Fact]
    public void Equal_scores_rank_the_earlier_submission_first()
    {
        var line = FundingLine.Compute([C(2, 75, 100), C(1, 75, 100)], new Dictionary<string, (long, long)> { ["t"] = (100, 0) }, Rules, new Dictionary<string, ApplicantYear>()).Single();
        Assert.Equal([LineOutcome.Funded, LineOutcome.Reserve], line.Rows.Select(r => r.Outcome));
        Assert.Equal(new Guid(1, 0, 0, new byte[8]), line.Rows[0].ApplicationId);
    }
}
