using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Evaluation;

public sealed class EvaluationAnalysisTests
{
    [Fact]
    public async Task What_if_league_tables_and_past_years_are_the_citys_and_agree_with_the_official_figures_when_nothing_changes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var authorization = TestPrincipals.Authorization();
        var rounds = new EvaluationRounds(database.Factory(), authorization);
        var demo = new EvaluationDemo(database.Factory(), new FrameworkCatalog(database.Factory(), authorization), rounds, new RoundComputation(database.Factory(), authorization));
        var created = await demo.GenerateAsync(2022, cancellationToken: ct);
        var latest = created.Last(r => r.Status == RoundStatus.Published).Id;
        var analysis = new EvaluationAnalysis(database.Factory());
        var staff = TestPrincipals.User(Roles.CityStaff);

        Assert.Equal(UseCaseStatus.Forbidden, (await analysis.WhatIfAsync(TestPrincipals.User(Roles.ParkManager, "jiading"), latest, new WhatIfInput(), ct)).Status);

        var same = (await analysis.WhatIfAsync(staff, latest, new WhatIfInput(), ct)).Value!;
        Assert.All(same, r => Assert.Equal(r.Rank, r.NewRank));
        var onlyD5 = (await analysis.WhatIfAsync(staff, latest, new WhatIfInput
        {
            Weights = new Dictionary<string, double> { ["D1"] = 0, ["D2"] = 0, ["D3"] = 0, ["D4"] = 0 },
        }, ct)).Value!;
        Assert.Contains(onlyD5, r => r.NewRank != r.Rank);
        var bad = await analysis.WhatIfAsync(staff, latest, new WhatIfInput { Weights = new Dictionary<string, double> { ["D1_1"] = 2, ["D2"] = -1 } }, ct);
        Assert.Equal(["D1_1:SubmissionCodeUnknown", "D2:IndicatorWeightInvalid"], bad.Errors.Select(e => e.Field + ":" + e.Message.Key));

        var league = (await analysis.LeagueAsync(staff, latest, "D1_1", ct)).Value!;
        Assert.Equal(22, league.Count);
        Assert.Equal(1, league[0].Rank);
        Assert.True(league.Zip(league.Skip(1)).All(p => p.First.Rank <= p.Second.Rank));

        // Earlier years recomputed under the same framework and method give back their official ranks.
        var history = (await analysis.HistoryAsync(staff, latest, ct)).Value!;
        Assert.Equal([2023, 2022], history.Select(h => h.Year).Distinct());
        Assert.All(history, h => Assert.Equal(h.OfficialRank, h.RecomputedRank));
    }
}
