using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Evaluation;

public sealed class EvaluationDemoTests
{
    [Fact]
    public async Task The_demo_builds_three_published_years_and_an_open_one_labelled_as_demo_and_only_on_an_empty_database()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var authorization = TestPrincipals.Authorization();
        var rounds = new EvaluationRounds(database.Factory(), authorization);
        var demo = new EvaluationDemo(database.Factory(), new FrameworkCatalog(database.Factory(), authorization), rounds, new RoundComputation(database.Factory(), authorization));
        var created = await demo.GenerateAsync(2022, cancellationToken: ct);
        Assert.Equal([(2022, RoundStatus.Published), (2023, RoundStatus.Published), (2024, RoundStatus.Published), (2025, RoundStatus.Open)],
            created.Select(r => (r.Year, r.Status)));
        await using (var db = database.CreateContext())
        {
            Assert.All(await db.EvaluationRounds.ToListAsync(ct), r => Assert.Contains("示例", r.NameZh, StringComparison.Ordinal));
            Assert.Equal(3, await db.EvaluationResults.CountAsync(r => r.Official, ct));
        }
        // Year-on-year: the scorecard of the last published year shows the year before.
        var results = new EvaluationResults(database.Factory(), authorization);
        var card = (await results.ScorecardAsync(TestPrincipals.User(Zhangjiang.Platform.Features.Identity.Roles.CityStaff), created[2].Id, "jiading", cancellationToken: ct)).Value!;
        Assert.Equal(2023, card.PreviousYear!.Year);
        await Assert.ThrowsAsync<InvalidOperationException>(() => demo.GenerateAsync(2022, cancellationToken: ct));
    }
}
