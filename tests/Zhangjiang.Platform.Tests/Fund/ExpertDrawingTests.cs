using Zhangjiang.Platform.Features.Fund;

namespace Zhangjiang.Platform.Tests.Fund;

public sealed class ExpertDrawingTests
{
    [Fact]
    public void The_generator_gives_the_published_SplitMix64_sequence_so_a_recorded_seed_replays_anywhere()
    {
        var rng = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, rng.Next());
        Assert.Equal(0x6E789E6AA1B965F4UL, rng.Next());
        Assert.Equal(0x06C45D188009454FUL, rng.Next());
    }

    private static DrawExpert Expert(int n, string topic = "t", string? institutionCode = null, string[]? affiliations = null, string[]? industries = null, int max = 100, int load = 0) =>
        new(new Guid(n, 0, 0, new byte[8]), "专家" + n, "机构" + n, institutionCode, (affiliations ?? []).ToHashSet(), new HashSet<string> { topic }, industries ?? [], max, load);

    private static DrawApplication Application(int n, int needed = 3, string topic = "t", string applicant = "A", string? industry = null, string? parkOperator = null,
        string[]? coApplicants = null, FundExclusion[]? exclusions = null) =>
        new(new Guid(0, 0, (short)n, new byte[8]), $"ZJ-{n:0000}", topic, applicant, industry, parkOperator, (coApplicants ?? []).ToHashSet(), exclusions ?? [], new HashSet<Guid>(), needed);

    [Fact]
    public void The_same_pool_applications_and_seed_give_the_same_draw_and_another_seed_another()
    {
        var experts = Enumerable.Range(1, 30).Select(n => Expert(n)).ToList();
        var apps = Enumerable.Range(1, 20).Select(n => Application(n, 5)).ToList();
        var first = ExpertDrawing.Draw(experts, apps, 20271);
        var again = ExpertDrawing.Draw(experts.AsEnumerable().Reverse().ToList(), apps.AsEnumerable().Reverse().ToList(), 20271);
        var other = ExpertDrawing.Draw(experts, apps, 20272);
        Assert.Equal(first.Assignments, again.Assignments);
        Assert.NotEqual(first.Assignments, other.Assignments);
        Assert.Equal(100, first.Assignments.Count);
    }

    [Fact]
    public void Workload_is_balanced_and_no_expert_reviews_an_application_twice_or_beyond_their_cap()
    {
        var experts = Enumerable.Range(1, 6).Select(n => Expert(n, max: n == 6 ? 2 : 100)).ToList();
        var result = ExpertDrawing.Draw(experts, Enumerable.Range(1, 10).Select(n => Application(n)).ToList(), 7);
        var loads = result.Assignments.GroupBy(a => a.ExpertId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, loads[experts[5].Id]);
        Assert.All(experts.Take(5), e => Assert.InRange(loads[e.Id], 5, 6)); // 28 left over 5 experts
        Assert.All(result.Assignments.GroupBy(a => a.ApplicationId), g => Assert.Equal(3, g.Select(a => a.ExpertId).Distinct().Count()));
    }

    [Fact]
    public void Experts_are_drawn_only_for_their_topics_and_a_shortfall_is_reported()
    {
        var experts = new[] { Expert(1, "park"), Expert(2, "park"), Expert(3, "firm"), Expert(4, "firm"), Expert(5, "firm") };
        var result = ExpertDrawing.Draw(experts, [Application(1, 3, topic: "park"), Application(2, 3, topic: "firm")], 1);
        Assert.Equal([experts[0].Id, experts[1].Id], result.Assignments.Where(a => a.ApplicationId == Application(1).Id).Select(a => a.ExpertId).Order());
        Assert.Equal(new DrawShortfall(Application(1).Id, 3, 2), result.Shortfalls.Single());
    }

    [Fact]
    public void Each_conflict_of_interest_rule_keeps_the_expert_off_and_is_named()
    {
        const string applicant = "91310000MA1FL8XQ30", parkOperator = "91310115MA1H7GYT1X";
        var experts = new[]
        {
            Expert(1, institutionCode: applicant),
            Expert(2, affiliations: [applicant]),
            Expert(3, institutionCode: parkOperator),
            Expert(4),
            Expert(5),
            Expert(6),
            Expert(7),
        };
        var app = Application(1, 2, applicant: applicant, parkOperator: parkOperator, coApplicants: ["专家4"],
            exclusions: [new FundExclusion("专家5", "机构5", "竞争关系"), new FundExclusion("专家6", "别的机构", "同名不同人")]);
        var result = ExpertDrawing.Draw(experts, [app], 3);
        Assert.Equal(
            [(experts[0].Id, "same-organisation"), (experts[1].Id, "same-group"), (experts[2].Id, "park-operator"), (experts[3].Id, "past-co-applicant"), (experts[4].Id, "named-exclusion")],
            result.Conflicts.Select(c => (c.ExpertId, c.Rule)));
        Assert.Equal([experts[5].Id, experts[6].Id], result.Assignments.Select(a => a.ExpertId).Order());
    }

    [Fact]
    public void Among_equally_loaded_experts_those_who_know_the_industry_come_first()
    {
        var experts = new[] { Expert(1, industries: ["C39"]), Expert(2), Expert(3), Expert(4, industries: ["C3"]) };
        var result = ExpertDrawing.Draw(experts, [Application(1, 2, industry: "C3973")], 99);
        Assert.Equal([experts[0].Id, experts[3].Id], result.Assignments.Select(a => a.ExpertId).Order());
    }
}
