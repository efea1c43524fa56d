using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Enterprises;

public sealed class TierRulesTests
{
    /// <summary>A firm founded in 2018 with three reported years, as the 高企 criteria read them.</summary>
    private static FirmFigures Firm(double rdShare, double revenue = 4000, double techStaff = 15, double highTechRevenueShare = 0.7) =>
        new(Enumerable.Range(2022, 3).ToDictionary(y => y, y => new EnterpriseYearStatistics
        {
            CreditCode = "x", ParkCode = "yangpu", Year = y, Revenue = revenue, RdExpenditure = revenue * rdShare,
            Employees = 100, TechStaff = techStaff, HighTechRevenue = revenue * highTechRevenueShare,
        }), 2024, new DateOnly(2018, 5, 1), new HashSet<EnterpriseTier>());

    [Fact]
    public async Task The_seeded_rules_cover_the_tiers_with_sources_and_valid_formulas()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var rules = await new TierRules(database.Factory()).ListAsync(ct);

        Assert.Equal(
            [EnterpriseTier.TechSme, EnterpriseTier.InnovativeSme, EnterpriseTier.HighTechEnterprise, EnterpriseTier.SpecialisedSme,
             EnterpriseTier.ShanghaiLittleGiantCultivation, EnterpriseTier.ShanghaiLittleGiant, EnterpriseTier.LittleGiant, EnterpriseTier.Gazelle, EnterpriseTier.Unicorn],
            rules.Select(r => r.Tier));
        Assert.All(rules, r =>
        {
            Assert.NotEmpty(r.Source);
            Assert.Empty(TierRules.Validate(r));
        });
        Assert.Contains("国科发火〔2016〕32号", rules.Single(r => r.Tier == EnterpriseTier.HighTechEnterprise).Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_high_tech_enterprise_rule_shows_the_firms_figures_against_the_published_thresholds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var hte = (await new TierRules(database.Factory()).ListAsync(ct)).Single(r => r.Tier == EnterpriseTier.HighTechEnterprise);

        var candidate = TierRules.Evaluate([hte], Firm(rdShare: 0.055)).Single();
        Assert.True(candidate.IsCandidate);
        var rd = candidate.Criteria.Single(c => c.Criterion.Figure.StartsWith("sum(rd_expenditure", StringComparison.Ordinal));
        Assert.Equal((0.055, 0.05, CriterionOutcome.Met), (Math.Round(rd.Figure!.Value, 6), rd.Threshold, rd.Outcome));
        Assert.Equal(CriterionOutcome.ToVerify, candidate.Criteria[^1].Outcome);

        // 4.5% is enough above 5000万 revenue (4% band) but not below it (5% band).
        Assert.False(TierRules.Evaluate([hte], Firm(rdShare: 0.045)).Single().IsCandidate);
        var larger = TierRules.Evaluate([hte], Firm(rdShare: 0.045, revenue: 8000)).Single();
        Assert.True(larger.IsCandidate);
        Assert.Equal(0.04, larger.Criteria.Single(c => c.Criterion.Figure.StartsWith("sum(rd_expenditure", StringComparison.Ordinal)).Threshold);

        var fewScientists = TierRules.Evaluate([hte], Firm(rdShare: 0.06, techStaff: 8)).Single();
        Assert.False(fewScientists.IsCandidate);
        Assert.Equal((0.08, CriterionOutcome.NotMet), (fewScientists.Criteria[1].Figure, fewScientists.Criteria[1].Outcome));
    }

    [Fact]
    public async Task The_city_edits_a_rule_and_a_wrong_formula_is_refused_naming_the_criterion()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var store = new TierRules(database.Factory());
        var gazelle = (await store.ListAsync(ct)).Single(r => r.Tier == EnterpriseTier.Gazelle);
        var city = TestPrincipals.User(Roles.CityStaff, name: "city-staff");

        var broken = gazelle with { Criteria = [gazelle.Criteria[0], gazelle.Criteria[1] with { Figure = "growth(revenu, 3)" }] };
        var refused = await store.SaveAsync(city, TestPrincipals.Actor("city-staff"), gazelle.Id, broken, ct);
        Assert.Equal(UseCaseStatus.Invalid, refused.Status);
        Assert.Equal(("Criteria[2].Figure", "FormulaUnknownField"), (refused.Errors.Single().Field, refused.Errors.Single().Message.Key));

        Assert.Equal(UseCaseStatus.Forbidden,
            (await store.SaveAsync(TestPrincipals.User(Roles.ParkManager, "yangpu"), TestPrincipals.Actor(), gazelle.Id, gazelle, ct)).Status);

        var stricter = gazelle with { Criteria = [gazelle.Criteria[0], gazelle.Criteria[1] with { Threshold = "30%" }] };
        var saved = await store.SaveAsync(city, TestPrincipals.Actor("city-staff"), gazelle.Id, stricter, ct);
        Assert.True(saved.Succeeded);
        Assert.Equal(("30%", "city-staff"), (saved.Value!.Criteria[1].Threshold, saved.Value.UpdatedBy));
        Assert.Equal(UseCaseStatus.Conflict, (await store.SaveAsync(city, TestPrincipals.Actor(), gazelle.Id, stricter, ct)).Status);
    }
}
