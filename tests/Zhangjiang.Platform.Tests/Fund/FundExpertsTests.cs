using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Fund;

public sealed class FundExpertsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_city_keeps_the_pool_with_accounts_topics_and_ties_checked(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.Actor = Features.Auditing.AuditActor.System;
            db.Users.Add(new AppUser { UserName = "expert01", NormalizedUserName = "EXPERT01", DisplayName = "专家一" });
            await db.SaveChangesAsync(ct);
        }
        var experts = new FundExperts(database.Factory());
        var city = TestPrincipals.User(Roles.CityStaff);
        var input = new FundExpertInput
        {
            Name = "李教授", UserName = "expert01", Institution = "上海某大学", Title = "教授", Topics = ["gradient-cultivation"], Industries = ["c39"],
            AffiliatedCreditCodes = [" 91310000ma1fl8xq37 "],
        };
        var created = await experts.SaveAsync(city, TestPrincipals.Actor(), null, input, ct);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Field + ": " + e.Message)));
        Assert.Equal(["C39"], created.Value!.Industries);
        Assert.Equal(["91310000MA1FL8XQ37"], created.Value.AffiliatedCreditCodes);

        var bad = await experts.SaveAsync(city, TestPrincipals.Actor(), null, input with
        {
            UserName = "nobody", Topics = ["no-topic"], AffiliatedCreditCodes = ["91310000MA1FL8XQ30"], MaxPerCall = 0,
        }, ct);
        Assert.Equal(["AffiliatedCreditCodes[0]", "Topics", "MaxPerCall", "UserName"], bad.Errors.Select(e => e.Field));
        Assert.Equal("FundExpertAccountTaken", (await experts.SaveAsync(city, TestPrincipals.Actor(), null, input, ct)).Errors.Single().Message.Key);
        Assert.Equal(UseCaseStatus.Conflict, (await experts.SaveAsync(city, TestPrincipals.Actor(), created.Value.Id, input with { Version = Guid.NewGuid() }, ct)).Status);
        var updated = await experts.SaveAsync(city, TestPrincipals.Actor(), created.Value.Id, input with { Available = false, Version = created.Value.Version }, ct);
        Assert.False(updated.Value!.Available);
        Assert.Equal(UseCaseStatus.Forbidden, (await experts.ListAsync(TestPrincipals.User(Roles.Reviewer), ct)).Status);
        Assert.Single((await experts.ListAsync(city, ct)).Value!);
    }

    [Fact]
    public void Calibration_puts_each_expert_on_the_common_scale_trims_the_ends_and_flags_outliers()
    {
        Guid E(int n) => new(n, 0, 0, new byte[8]);
        Guid A(int n) => new(0, 0, (short)n, new byte[8]);
        // A harsh expert (E1) scores 20 points under a lenient one (E2) on the same two applications.
        var scores = new List<ExpertScore>
        {
            new(A(1), E(1), 50), new(A(2), E(1), 60),
            new(A(1), E(2), 70), new(A(2), E(2), 80),
        };
        var raw = ScoreCalibration.Compute(scores, zScore: false, trimDrop: 0, outlierPoints: 100);
        Assert.Equal([60.0, 70.0], raw.OrderBy(r => r.ApplicationId).Select(r => r.Final));
        var z = ScoreCalibration.Compute(scores, zScore: true, trimDrop: 0, outlierPoints: 100).OrderBy(r => r.ApplicationId).ToList();
        // Both experts put A1 one sd below their own mean: after calibration they agree exactly.
        Assert.Equal(z[0].Scores[0].Calibrated, z[0].Scores[1].Calibrated, 9);
        Assert.True(z[0].Final < z[1].Final);

        var five = new[] { 80.0, 82, 85, 84, 20 }.Select((s, i) => new ExpertScore(A(9), E(i + 1), s)).ToList();
        var trimmed = ScoreCalibration.Compute(five, zScore: false, trimDrop: 1, outlierPoints: 20).Single();
        Assert.Equal((82 + 84 + 80) / 3.0, trimmed.TrimmedMean, 9);
        Assert.Equal(70.2, trimmed.Mean, 9);
        Assert.Equal([false, false, false, false, true], trimmed.Scores.Select(s => s.Outlier));
        // Too few scores to trim: the mean of what there is.
        Assert.Equal(75, ScoreCalibration.Compute([new(A(3), E(1), 70), new(A(3), E(2), 80)], false, 1, 20).Single().Final, 9);
    }
}
