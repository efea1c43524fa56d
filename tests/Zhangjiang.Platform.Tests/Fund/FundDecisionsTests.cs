using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Fund;

public sealed class FundDecisionsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_line_is_published_objections_are_resolved_approval_waits_for_the_notice_and_a_declined_award_moves_the_reserve_up(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await FundWorld.CreateAsync(provider, ct);
        // The second firm gets the tier too, so both firms compete in the cultivation topic, whose 2027 budget is 200 万元.
        await using (var db = world.Database.CreateContext())
        {
            db.Actor = Features.Auditing.AuditActor.System;
            db.TierAwards.Add(new TierAward { Id = Guid.NewGuid(), CreditCode = FundWorld.OtherFirm, Tier = EnterpriseTier.HighTechEnterprise, AwardedOn = new DateOnly(2026, 1, 1), ExpiresOn = new DateOnly(2029, 1, 1) });
            (await db.FundTopicBudgets.SingleAsync(b => b.TopicCode == "gradient-cultivation" && b.Year == 2027, ct)).AmountFen = 200_0000_00;
            await db.SaveChangesAsync(ct);
        }
        var otherApp = await FundFormalReviewTests.SubmitAsync(world, FundWorld.OtherFirmUser, "gradient-cultivation", ct);
        var (firmApp, agencyApp, pool) = await FundReviewTests.ReadyForDrawAsync(world, ct);
        var formal = new FundFormalReview(world.Database.Factory(world.Clock), TestPrincipals.Authorization());
        var version = (await world.Applications.GetAsync(FundWorld.City, otherApp, ct)).Value!.Version;
        await formal.DecideAsync(FundWorld.City, TestPrincipals.Actor(), otherApp, new FormalReviewInput
        {
            Decision = FormalReviewDecision.Pass, Items = FundFormalReviewTests.AllPassed(world.Call.Rules), Version = version,
        }, ct);
        var review = FundReviewTests.Review(world);
        var call = (await world.Calls.GetAsync(FundWorld.City, world.Call.Id, ct)).Value!;
        await review.StartExpertReviewAsync(FundWorld.City, TestPrincipals.Actor(), call.Id, call.Version, 11, ct);

        // One expert per application scores it: the firm 8s (80), the other firm 7s (70), the agency 9s (90).
        var scoreOf = new Dictionary<Guid, int> { [firmApp] = 8, [otherApp] = 7, [agencyApp] = 9 };
        foreach (var (appId, score) in scoreOf)
        {
            var a = (await review.AssignmentsAsync(FundWorld.City, call.Id, ct)).Value!.First(x => x.ApplicationId == appId);
            var expert = FundReviewTests.Expert(pool.Single(p => p.Name == a.ExpertName).UserName!);
            var accepted = (await review.DeclareAsync(expert, TestPrincipals.Actor(), a.Id, new DeclarationInput(false, null, a.Version), ct)).Value!;
            Assert.True((await review.SubmitScoresAsync(expert, TestPrincipals.Actor(), a.Id, FundReviewTests.Scores(world.Call.Rules, accepted.Version, score), ct)).Succeeded);
        }
        var decisions = new FundDecisions(world.Database.Factory(world.Clock));
        call = (await world.Calls.GetAsync(FundWorld.City, call.Id, ct)).Value!;
        Assert.Equal(UseCaseStatus.Conflict, (await decisions.RankingAsync(FundWorld.City, call.Id, ct)).Status);
        world.Clock.SetUtcNow(new DateTimeOffset(call.ReviewDeadlineUtc));
        await review.StartPanelAsync(FundWorld.City, TestPrincipals.Actor(), call.Id, call.Version, ct);

        // The line: in cultivation the firm (80) takes 150 of 200 万元 and the other firm (70, 150) is reserve 1.
        var ranking = (await decisions.RankingAsync(FundWorld.City, call.Id, ct)).Value!;
        var cultivation = ranking.Single(t => t.TopicCode == "gradient-cultivation");
        Assert.Equal([(firmApp, LineOutcome.Funded, 150_0000_00L), (otherApp, LineOutcome.Reserve, 150_0000_00L)], cultivation.Rows.Select(r => (r.ApplicationId, r.Outcome, r.GrantFen)));
        Assert.Equal(50_0000_00L, cultivation.LeftFen);
        Assert.Equal(UseCaseStatus.Forbidden, (await decisions.RankingAsync(FundWorld.FirmUser, call.Id, ct)).Status);

        call = (await world.Calls.GetAsync(FundWorld.City, call.Id, ct)).Value!;
        Assert.True((await decisions.PublishNoticeAsync(FundWorld.City, TestPrincipals.Actor("city-staff"), call.Id, call.Version, ct)).Succeeded);
        var firm = (await world.Applications.GetAsync(FundWorld.FirmUser, firmApp, ct)).Value!;
        Assert.Equal(FundApplicationStatus.Recommended, firm.Summary.Status);
        Assert.Contains("拟资助 150 万元", firm.Events.Last().Reason, StringComparison.Ordinal);
        Assert.Contains("备选第 1 位", (await world.Applications.GetAsync(FundWorld.OtherFirmUser, otherApp, ct)).Value!.Events.Last().Reason, StringComparison.Ordinal);

        // An objection during the notice holds the approval back, as does the notice itself.
        var objection = (await decisions.ObjectAsync(FundWorld.AgencyUser, TestPrincipals.Actor("agency-user"), call.Id, new ObjectionInput(firmApp, "该企业高新技术企业资质存疑。"), ct)).Value!;
        var admin = TestPrincipals.User(Roles.CityAdmin, name: "city-admin");
        call = (await world.Calls.GetAsync(FundWorld.City, call.Id, ct)).Value!;
        Assert.Equal("FundNoticeRunning", (await decisions.ApproveAsync(admin, TestPrincipals.Actor(), call.Id, call.Version, ct)).Errors.Single().Message.Key);
        world.Clock.Advance(TimeSpan.FromDays(world.Call.Rules.NoticeDays));
        Assert.Equal(UseCaseStatus.Conflict, (await decisions.ObjectAsync(FundWorld.AgencyUser, TestPrincipals.Actor(), call.Id, new ObjectionInput(firmApp, "迟到的异议"), ct)).Status);
        Assert.Equal("FundObjectionsOpen", (await decisions.ApproveAsync(admin, TestPrincipals.Actor(), call.Id, call.Version, ct)).Errors.Single().Message.Key);
        Assert.True((await decisions.ResolveObjectionAsync(FundWorld.City, TestPrincipals.Actor(), objection.Id, new ObjectionResolution(false, "经核查资质有效。", objection.Version), ct)).Succeeded);

        // Nobody approves their own organisation's award; staff may not approve at all.
        var ownAdmin = TestPrincipals.User(Roles.CityAdmin, name: "admin-of-firm", org: FundWorld.Firm);
        Assert.Equal("FundOwnOrganisation", (await decisions.ApproveAsync(ownAdmin, TestPrincipals.Actor(), call.Id, call.Version, ct)).Errors.Single().Message.Key);
        Assert.Equal(UseCaseStatus.Forbidden, (await decisions.ApproveAsync(FundWorld.City, TestPrincipals.Actor(), call.Id, call.Version, ct)).Status);
        Assert.Equal(2, (await decisions.ApproveAsync(admin, TestPrincipals.Actor("city-admin"), call.Id, call.Version, ct)).Value);
        Assert.Equal(FundCallStatus.Decided, (await world.Calls.GetAsync(FundWorld.City, call.Id, ct)).Value!.Status);

        // The firm declines; the reserve moves up to recommended and is approved in its turn.
        firm = (await world.Applications.GetAsync(FundWorld.FirmUser, firmApp, ct)).Value!;
        Assert.Equal(FundApplicationStatus.Approved, firm.Summary.Status);
        Assert.Equal(UseCaseStatus.NotFound, (await decisions.DeclineAsync(FundWorld.OtherFirmUser, TestPrincipals.Actor(), firmApp, new DeclineInput("x", firm.Version), ct)).Status);
        Assert.True((await decisions.DeclineAsync(FundWorld.FirmUser, TestPrincipals.Actor(), firmApp, new DeclineInput("企业战略调整，放弃立项。", firm.Version), ct)).Succeeded);
        var moved = (await world.Applications.GetAsync(FundWorld.OtherFirmUser, otherApp, ct)).Value!;
        Assert.Equal(FundApplicationStatus.Recommended, moved.Summary.Status);
        Assert.Contains(firm.Summary.TrackingNumber!, moved.Events.Last().Reason, StringComparison.Ordinal);
        call = (await world.Calls.GetAsync(FundWorld.City, call.Id, ct)).Value!;
        Assert.Equal(1, (await decisions.ApproveAsync(admin, TestPrincipals.Actor(), call.Id, call.Version, ct)).Value);
        Assert.Equal(FundApplicationStatus.Approved, (await world.Applications.GetAsync(FundWorld.OtherFirmUser, otherApp, ct)).Value!.Summary.Status);

        // Reviews stay hidden from applicants until the city releases them; then without names.
        var before = (await world.Applications.GetAsync(FundWorld.AgencyUser, agencyApp, ct)).Value!;
        Assert.Equal((null, null), (before.Reviews, before.FinalScore));
        call = (await world.Calls.GetAsync(FundWorld.City, call.Id, ct)).Value!;
        Assert.Equal(UseCaseStatus.Forbidden, (await decisions.ReleaseReviewsAsync(FundWorld.AgencyUser, TestPrincipals.Actor(), call.Id, call.Version, ct)).Status);
        Assert.True((await decisions.ReleaseReviewsAsync(FundWorld.City, TestPrincipals.Actor(), call.Id, call.Version, ct)).Succeeded);
        var released = (await world.Applications.GetAsync(FundWorld.AgencyUser, agencyApp, ct)).Value!;
        Assert.Equal((90.0, 1), (released.FinalScore, released.Rank));
        var only = Assert.Single(released.Reviews!);
        Assert.Equal(("A", 90.0, "方案可行，建议支持。"), (only.Label, only.WeightedScore, only.OverallComment));
        Assert.DoesNotContain(pool.Select(p => p.Name), name => System.Text.Json.JsonSerializer.Serialize(released).Contains(name, StringComparison.Ordinal));
        Assert.Single((await decisions.NoticeAsync(FundWorld.OtherFirmUser, call.Id, ct)).Value!, r => r.ApplicationId == agencyApp);

        await using var check = world.Database.CreateContext();
        var agency = await check.FundApplications.SingleAsync(a => a.Id == agencyApp, ct);
        Assert.Equal((FundApplicationStatus.Approved, 1, 150_0000_00L, 90.0), (agency.Status, agency.Rank, agency.GrantFen, agency.FinalScore));
        Assert.Equal(1, await check.FundObjections.CountAsync(o => o.Upheld == false, ct));
    }
}
