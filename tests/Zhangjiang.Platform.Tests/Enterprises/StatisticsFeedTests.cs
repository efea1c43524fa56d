using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Enterprises;

/// <summary>The roll-up feeds the evaluation: computed indicators arrive filled and marked, typed values are kept.</summary>
public sealed class StatisticsFeedTests
{
    private static readonly System.Security.Claims.ClaimsPrincipal City = TestPrincipals.User(Roles.CityAdmin, name: "admin");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_round_opens_with_the_parks_computed_indicators_from_the_roll_up_and_the_city_refreshes_them(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var importer = new StatisticsImporter(database.Factory());
        Assert.True((await importer.ImportAsync(City, TestPrincipals.Actor(), new StatisticsCsv().Firm(1, 2025).Firm(2, 2025, scale: 2).Stream(), "a.csv", null, ct)).Succeeded);
        var rollup = new StatisticsRollup(database.Factory());
        Assert.True((await rollup.ComputeAsync(City, TestPrincipals.Actor(), null, ct)).Succeeded);

        var rounds = new EvaluationRounds(database.Factory(), TestPrincipals.Authorization());
        var round = await EvaluationRoundsTests.OpenAsync(database, rounds, 2025, ct);
        var yangpu = TestPrincipals.User(Roles.ParkManager, "yangpu", "yp");
        var form = (await rounds.GetSubmissionAsync(yangpu, round.Id, "yangpu", ct)).Value!;
        var intensity = form.Values.Single(v => v.Code == "D1_3");
        Assert.Equal(EnterpriseStatisticsIntensity(), intensity.Value!.Value, 9);
        Assert.True(intensity.Computed);
        Assert.Equal(IndicatorDataSource.EnterpriseStatistics, intensity.DataSource);
        Assert.Null(form.Values.Single(v => v.Code == "D1_2").Value);   // no R&D FTE reported: left for the park
        Assert.All((await rounds.GetSubmissionAsync(TestPrincipals.User(Roles.ParkManager, "jiading"), round.Id, "jiading", ct)).Value!.Values, v => Assert.False(v.Computed));

        // The park types its own D1_4; a later import and roll-up change D1_3; the city refreshes: D1_3 follows, D1_4 stays.
        var saved = await rounds.SaveAsync(yangpu, TestPrincipals.Actor("yp"), round.Id, "yangpu",
            new SubmissionInput { Values = [new ValueInput("D1_4", 42, null)], Version = form.Version }, ct);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message.ToString())));
        Assert.True((await importer.ImportAsync(City, TestPrincipals.Actor(), new StatisticsCsv().Firm(3, 2025, change: v => v["rd_expenditure"] = "6000").Stream(), "b.csv", null, ct)).Succeeded);
        Assert.True((await rollup.ComputeAsync(City, TestPrincipals.Actor(), [2025], ct)).Succeeded);
        var feed = new StatisticsFeed(database.Factory());
        Assert.Equal(UseCaseStatus.Forbidden, (await feed.RefreshAsync(yangpu, TestPrincipals.Actor(), round.Id, ct)).Status);
        var refreshed = await feed.RefreshAsync(City, TestPrincipals.Actor("admin"), round.Id, ct);
        Assert.True(refreshed.Succeeded);
        Assert.True(refreshed.Value >= 1);
        form = (await rounds.GetSubmissionAsync(yangpu, round.Id, "yangpu", ct)).Value!;
        Assert.Equal((900.5 + 1801 + 6000) / (12000 + 24000 + 12000) * 100, form.Values.Single(v => v.Code == "D1_3").Value!.Value, 9);
        Assert.Equal((42.0, false), (form.Values.Single(v => v.Code == "D1_4").Value!.Value, form.Values.Single(v => v.Code == "D1_4").Computed));
        // A stale editor of the form is told: the refresh gave the form a new version.
        Assert.Equal(UseCaseStatus.Conflict, (await rounds.SaveAsync(yangpu, TestPrincipals.Actor("yp"), round.Id, "yangpu",
            new SubmissionInput { Values = [new ValueInput("D1_4", 43, null)], Version = saved.Value!.Version }, ct)).Status);
    }

    private static double EnterpriseStatisticsIntensity() => (900.5 + 1801) / (12000 + 24000.0) * 100;
}
