using Microsoft.EntityFrameworkCore;
using Zhangjiang.Indicators;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Evaluation;

public sealed class RoundResultsTests
{
    private static readonly System.Security.Claims.ClaimsPrincipal CityAdmin = TestPrincipals.User(Roles.CityAdmin, name: "admin");
    private static readonly System.Security.Claims.ClaimsPrincipal CityStaff = TestPrincipals.User(Roles.CityStaff, name: "staff");
    private static readonly System.Security.Claims.ClaimsPrincipal Jiading = TestPrincipals.User(Roles.ParkManager, "jiading", "jiading-manager");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_locked_round_computes_reproducibly_publishes_and_each_user_sees_what_the_round_allows(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var authorization = TestPrincipals.Authorization();
        var rounds = new EvaluationRounds(database.Factory(), authorization);
        var computation = new RoundComputation(database.Factory(), authorization);
        var results = new EvaluationResults(database.Factory(), authorization);
        var round = await EvaluationRoundsTests.OpenAsync(database, rounds, 2025, ct);

        Assert.Equal("RoundNotLocked", (await computation.ComputeAsync(CityAdmin, TestPrincipals.Actor("admin"), round.Id, cancellationToken: ct)).Errors.Single().Message.Key);
        var parks = round.Submissions.Select(s => s.ParkCode).ToList();
        for (var p = 0; p < parks.Count; p++)
        {
            await SubmitDistinctValuesAsync(rounds, round.Id, parks[p], p, ct);
        }
        var locked = (await rounds.GetAsync(CityAdmin, round.Id, ct)).Value!;
        Assert.Equal(RoundStatus.Locked, locked.Status);

        Assert.Equal(UseCaseStatus.Forbidden, (await computation.ComputeAsync(CityStaff, TestPrincipals.Actor("staff"), round.Id, cancellationToken: ct)).Status);
        var computed = (await computation.ComputeAsync(CityAdmin, TestPrincipals.Actor("admin"), round.Id, cancellationToken: ct)).Value!;
        Assert.Equal(22, computed.Parks);
        Assert.Equal(200, computed.Replications);
        Assert.Empty(computed.NotEvaluated);

        // Before publishing only the city sees anything.
        Assert.Equal(UseCaseStatus.Forbidden, (await results.RankingAsync(Jiading, round.Id, ct)).Status);
        Assert.Equal(UseCaseStatus.Forbidden, (await results.ScorecardAsync(Jiading, round.Id, "jiading", cancellationToken: ct)).Status);
        var cityRanking = (await results.RankingAsync(CityStaff, round.Id, ct)).Value!;
        Assert.False(cityRanking.Official);
        Assert.Equal(22, cityRanking.Rows.Count);
        Assert.All(cityRanking.Rows, r => Assert.True(r.RankP5 is not null && r.RankP5 <= r.MedianRank && r.MedianRank <= r.RankP95));

        // The stored result is what the engine gives for the stored input and method.
        await using (var db = database.CreateContext())
        {
            var stored = await db.EvaluationResults.SingleAsync(r => r.RoundId == round.Id, ct);
            var input = RoundInputData.FromJson(stored.InputJson);
            var framework = await RoundComputation.FrameworkOfAsync(db, round.FrameworkId, ct);
            var again = CompositeIndicator.Run(framework, input.ToEngine(framework), EvaluationMethod.FromJson(stored.MethodJson).ToPipeline());
            foreach (var row in cityRanking.Rows)
            {
                Assert.Equal(again.Score("Index", row.ParkCode), row.Score);
                Assert.Equal(again.Rank("Index", row.ParkCode), row.Rank);
                Assert.Equal(row.Score >= locked.FirstTierMinScore ? 1 : row.Score >= locked.SecondTierMinScore ? 2 : 3, row.Tier);
            }
            Assert.Equal(22 * framework.Nodes.Count, await db.ResultScores.CountAsync(s => s.ResultId == stored.Id, ct));
            var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(EvaluationResult), ct);
            Assert.Contains("\"InputJson\":[null,\"sha256:", audit.Changes, StringComparison.Ordinal);
        }

        // Recomputing replaces the unofficial result; publishing freezes it.
        await computation.ComputeAsync(CityAdmin, TestPrincipals.Actor("admin"), round.Id, cancellationToken: ct);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(1, await db.EvaluationResults.CountAsync(r => r.RoundId == round.Id, ct));
        }
        var current = (await rounds.GetAsync(CityAdmin, round.Id, ct)).Value!;
        Assert.Equal(UseCaseStatus.Forbidden, (await computation.PublishAsync(CityStaff, TestPrincipals.Actor("staff"), round.Id, current.Version, ct)).Status);
        Assert.True((await computation.PublishAsync(CityAdmin, TestPrincipals.Actor("admin"), round.Id, current.Version, ct)).Succeeded);
        Assert.Equal("RoundPublished", (await computation.ComputeAsync(CityAdmin, TestPrincipals.Actor("admin"), round.Id, cancellationToken: ct)).Errors.Single().Message.Key);

        // Published with "ranks only": the park sees its own row in full and only the others' ranks.
        var parkView = (await results.RankingAsync(Jiading, round.Id, ct)).Value!;
        Assert.True(parkView.Official);
        var own = parkView.Rows.Single(r => r.Own);
        Assert.Equal("jiading", own.ParkCode);
        Assert.NotNull(own.Score);
        Assert.All(parkView.Rows.Where(r => !r.Own), r =>
        {
            Assert.Null(r.Score);
            Assert.Null(r.Tier);
            Assert.NotNull(r.Rank);
            Assert.False(r.ScorecardVisible);
        });
        Assert.Equal(UseCaseStatus.Forbidden, (await results.ScorecardAsync(Jiading, round.Id, "yangpu", cancellationToken: ct)).Status);

        // The city opens the others' results in full afterwards: jiading's manager now sees yangpu's scorecard.
        var before = (await rounds.GetAsync(CityAdmin, round.Id, ct)).Value!;
        Assert.Equal(UseCaseStatus.Forbidden, (await rounds.SetVisibilityAsync(CityStaff, TestPrincipals.Actor("staff"), round.Id, ResultVisibility.Full, true, before.Version, ct)).Status);
        var opened = (await rounds.SetVisibilityAsync(CityAdmin, TestPrincipals.Actor("admin"), round.Id, ResultVisibility.Full, true, before.Version, ct)).Value!;
        Assert.True(opened.ShowOnPortal);
        Assert.Equal(UseCaseStatus.Ok, (await results.ScorecardAsync(Jiading, round.Id, "yangpu", cancellationToken: ct)).Status);
        Assert.Single(await results.PublicRankingsAsync(ct));
        await rounds.SetVisibilityAsync(CityAdmin, TestPrincipals.Actor("admin"), round.Id, ResultVisibility.RanksOnly, false, opened.Version, ct);

        var card = (await results.ScorecardAsync(Jiading, round.Id, "jiading", targetRank: 1, cancellationToken: ct)).Value!;
        Assert.Equal(own.Score, card.Score);
        Assert.Equal(5, card.Strengths.Count);
        Assert.Equal(5, card.WeakLinks.Count);
        Assert.True(card.WeakLinks[0].Rank >= card.Strengths[0].Rank);
        Assert.Equal(card.Score!.Value, card.Nodes.Where(n => n.Level == 1).Sum(n => n.Contribution ?? 0), 9);
        Assert.Equal(5, card.Nodes.Count(n => n.Level == 2 && n.ZoneMedian is not null));
        Assert.NotNull(card.Improvement);
        if (card.Rank > 1)
        {
            Assert.NotEmpty(card.Improvement!.Steps);
            Assert.True(card.Improvement.Reached ? card.Improvement.RankAfter <= 1 : card.Improvement.RankAfter >= 1);
        }
    }

    /// <summary>Every park different and every indicator spread, so ranks and tiers vary.</summary>
    private static async Task SubmitDistinctValuesAsync(EvaluationRounds rounds, Guid roundId, string park, int p, CancellationToken ct)
    {
        var manager = TestPrincipals.User(Roles.ParkManager, park, park + "-manager");
        var form = (await rounds.GetSubmissionAsync(manager, roundId, park, ct)).Value!;
        var input = new SubmissionInput
        {
            Values = form.Values.Select((v, i) => new ValueInput(v.Code, 10 + ((p * 7 + i * 13) % 23) + p * 0.5, null)).ToList(),
            Version = form.Version,
        };
        var saved = (await rounds.SaveAsync(manager, TestPrincipals.Actor(park + "-manager"), roundId, park, input, ct)).Value!;
        var submitted = (await rounds.SubmitAsync(manager, TestPrincipals.Actor(park + "-manager"), roundId, park, saved.Version, ct)).Value!;
        Assert.True((await rounds.ReviewAsync(CityStaff, TestPrincipals.Actor("staff"), roundId, park, true, null, submitted.Version, ct)).Succeeded);
    }
}
