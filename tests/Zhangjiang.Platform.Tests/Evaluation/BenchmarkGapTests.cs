using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Evaluation;

public sealed class BenchmarkGapTests
{
    private static readonly System.Security.Claims.ClaimsPrincipal CityAdmin = TestPrincipals.User(Roles.CityAdmin, name: "admin");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_park_sees_its_gap_to_each_benchmark_group_per_indicator_and_overall_and_the_Shanghai_sub_index(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var authorization = TestPrincipals.Authorization();
        var catalog = new FrameworkCatalog(database.Factory(), authorization);
        var library = new BenchmarkLibrary(database.Factory(), authorization);
        var rounds = new EvaluationRounds(database.Factory(), authorization);
        var computation = new RoundComputation(database.Factory(), authorization);
        var results = new EvaluationResults(database.Factory(), authorization);

        // A framework version that compares D1_1 and D1_2 internationally, D1_1 domestically, and marks D2_1 and D2_2 as Shanghai's own.
        var template = (await catalog.ListAsync(CityAdmin, ct)).Value!.Single(f => f.Family == "MOST-2021");
        var draft = (await catalog.NewVersionAsync(CityAdmin, TestPrincipals.Actor(), template.Id, ct)).Value!;
        var marked = draft.Indicators.Select(i => i.Code switch
        {
            "D1_1" => i with { CompareInternational = true, CompareDomestic = true },
            "D1_2" => i with { CompareInternational = true },
            "D2_1" or "D2_2" => i with { ShanghaiCharacteristic = true },
            _ => i,
        }).ToList();
        var saved = (await catalog.UpdateDraftAsync(CityAdmin, TestPrincipals.Actor(), draft.Id, new FrameworkInput
        {
            NameZh = draft.NameZh, NameEn = draft.NameEn, Indicators = marked, Version = draft.Version,
        }, ct)).Value!;
        await catalog.PublishAsync(CityAdmin, TestPrincipals.Actor(), draft.Id, saved.Version, ct);

        // References: two international entities (their mean counts) and one domestic; a value without a source is refused.
        var refused = await library.SaveAsync(CityAdmin, TestPrincipals.Actor(), null, new BenchmarkEntityInput
        {
            Group = BenchmarkGroup.International, NameZh = "无来源", NameEn = "No source", Year = 2024, Values = [new("D1_1", 1, " ")],
        }, ct);
        Assert.Equal("BenchmarkSourceRequired", refused.Errors.Single().Message.Key);
        Assert.Equal(UseCaseStatus.Forbidden, (await library.SaveAsync(TestPrincipals.User(Roles.CityStaff), TestPrincipals.Actor(), null, new BenchmarkEntityInput
        {
            Group = BenchmarkGroup.International, NameZh = "x", NameEn = "x", Year = 2024,
        }, ct)).Status);
        foreach (var (name, group, d11, d12) in new[] { ("硅谷", BenchmarkGroup.International, 40.0, 30.0), ("剑桥科技园", BenchmarkGroup.International, 20.0, 10.0), ("中关村", BenchmarkGroup.Domestic, 25.0, 0.0) })
        {
            var values = new List<BenchmarkValueInput> { new("D1_1", d11, "测试来源 test source") };
            if (group == BenchmarkGroup.International)
            {
                values.Add(new("D1_2", d12, "测试来源 test source"));
            }
            Assert.True((await library.SaveAsync(CityAdmin, TestPrincipals.Actor(), null, new BenchmarkEntityInput
            {
                Group = group, NameZh = name, NameEn = name, Year = 2024, Values = values,
            }, ct)).Succeeded);
        }

        var opened = await rounds.OpenAsync(CityAdmin, TestPrincipals.Actor(), EvaluationRoundsTests.Round(draft.Id, 2025), ct);
        var round = opened.Value!;
        var parks = round.Submissions.Select(s => s.ParkCode).ToList();
        for (var p = 0; p < parks.Count; p++)
        {
            var manager = TestPrincipals.User(Roles.ParkManager, parks[p]);
            var form = (await rounds.GetSubmissionAsync(manager, round.Id, parks[p], ct)).Value!;
            var input = new SubmissionInput { Values = form.Values.Select((v, i) => new ValueInput(v.Code, 5 + p + i % 3, null)).ToList(), Version = form.Version };
            var s = (await rounds.SaveAsync(manager, TestPrincipals.Actor(), round.Id, parks[p], input, ct)).Value!;
            var submitted = (await rounds.SubmitAsync(manager, TestPrincipals.Actor(), round.Id, parks[p], s.Version, ct)).Value!;
            await rounds.ReviewAsync(CityAdmin, TestPrincipals.Actor(), round.Id, parks[p], true, null, submitted.Version, ct);
        }
        Assert.True((await computation.ComputeAsync(CityAdmin, TestPrincipals.Actor(), round.Id, cancellationToken: ct)).Succeeded);

        var card = (await results.ScorecardAsync(CityAdmin, round.Id, parks[5], cancellationToken: ct)).Value!;
        var international = card.Gaps.Single(g => g.Group == BenchmarkGroup.International);
        Assert.Equal(2, international.Entities.Count);
        var d11Gap = international.Indicators.Single(i => i.Code == "D1_1");
        Assert.Equal(30, d11Gap.Reference); // mean of 40 and 20
        Assert.Equal(10, d11Gap.Raw); // 5 + park 5 + 0
        Assert.Equal((10 - 30) / 30.0, d11Gap.RelativeGap!.Value, 12);
        Assert.Equal(2, international.Indicators.Count);
        Assert.NotNull(international.OverallAttainment);
        var domestic = card.Gaps.Single(g => g.Group == BenchmarkGroup.Domestic);
        Assert.Equal(["D1_1"], domestic.Indicators.Select(i => i.Code));
        // Overall attainment is the effective-weight mean of the per-indicator attainments (weights 0.8 and 1.2 here).
        var expected = (0.8 * d11Gap.Attainment!.Value + 1.2 * international.Indicators.Single(i => i.Code == "D1_2").Attainment!.Value) / 2.0;
        Assert.Equal(expected, international.OverallAttainment!.Value, 12);
        // The group on the parks' scale: D1_1 values run 5..26 and D1_2 6..27 across the parks, so the references 30 and 20
        // score (30−5)/21·100 and (20−6)/21·100, weighted 0.8 : 1.2 in D1.
        var d1 = (0.8 * (30 - 5) / 21.0 * 100 + 1.2 * (20 - 6) / 21.0 * 100) / 2.0;
        Assert.Equal(d1, international.AggregateScores["D1"], 9);
        Assert.False(international.AggregateScores.ContainsKey("D2")); // nothing under D2 is compared
        Assert.NotNull(card.ShanghaiScore);
        Assert.NotNull(card.ShanghaiZoneMedian);

        var ranking = (await results.RankingAsync(CityAdmin, round.Id, ct)).Value!;
        Assert.All(ranking.Rows, r => Assert.NotNull(r.InternationalAttainment));
    }
}
