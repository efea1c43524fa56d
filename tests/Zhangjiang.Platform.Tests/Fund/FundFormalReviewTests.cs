using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Fund;

public sealed class FundFormalReviewTests
{
    /// <summary>Submits a complete application for the user, and returns its id.</summary>
    internal static async Task<Guid> SubmitAsync(FundWorld world, System.Security.Claims.ClaimsPrincipal user, string topic, CancellationToken ct)
    {
        var apps = world.Applications;
        var started = await apps.StartAsync(user, TestPrincipals.Actor(), world.Call.Id, topic, ct);
        Assert.True(started.Succeeded, string.Join("; ", started.Errors.Select(e => e.Field + ": " + e.Message)));
        var input = FundWorld.Complete(started.Value!.Version);
        if (topic != "gradient-cultivation")
        {
            input = input with { Answers = input.Answers.Where(a => a.Key is not ("jobs" or "stage")).ToDictionary() };
        }
        var saved = (await apps.SaveAsync(user, TestPrincipals.Actor(), started.Value.Summary.Id, input, ct)).Value!;
        var submitted = await apps.SubmitAsync(user, TestPrincipals.Actor(), saved.Summary.Id, saved.Version, ct);
        Assert.True(submitted.Succeeded, string.Join("; ", submitted.Errors.Select(e => e.Field + ": " + e.Message)));
        return saved.Summary.Id;
    }

    internal static IReadOnlyList<ChecklistResult> AllPassed(FundCallRules rules) => rules.Checklist.Select(i => new ChecklistResult(i.Key, true, null)).ToList();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_formal_review_passes_returns_once_with_a_deadline_and_rejects_each_with_its_reason(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await FundWorld.CreateAsync(provider, ct);
        var firmApp = await SubmitAsync(world, FundWorld.FirmUser, "gradient-cultivation", ct);
        var agencyApp = await SubmitAsync(world, FundWorld.AgencyUser, "park-construction", ct);
        var review = new FundFormalReview(world.Database.Factory(world.Clock), TestPrincipals.Authorization());
        var rules = world.Call.Rules;
        async Task<Guid> VersionOf(Guid id) => (await world.Applications.GetAsync(FundWorld.City, id, ct)).Value!.Version;

        // Not before the call has closed its submissions.
        var early = await review.DecideAsync(FundWorld.City, TestPrincipals.Actor(), firmApp,
            new FormalReviewInput { Decision = FormalReviewDecision.Pass, Items = AllPassed(rules), Version = await VersionOf(firmApp) }, ct);
        Assert.Equal(UseCaseStatus.Conflict, early.Status);
        world.Clock.SetUtcNow(new DateTimeOffset(FundWorld.Start.AddDays(30)));
        var call = (await world.Calls.GetAsync(FundWorld.City, world.Call.Id, ct)).Value!;
        Assert.True((await world.Calls.CloseSubmissionsAsync(FundWorld.City, TestPrincipals.Actor(), call.Id, call.Version, ct)).Succeeded);

        // Only the city decides; an incomplete checklist, a pass with a failed item and a return without reason are refused.
        Assert.Equal(UseCaseStatus.Forbidden, (await review.DecideAsync(TestPrincipals.User(Roles.ParkManager, "yangpu"), TestPrincipals.Actor(), firmApp,
            new FormalReviewInput { Decision = FormalReviewDecision.Pass, Items = AllPassed(rules), Version = await VersionOf(firmApp) }, ct)).Status);
        Assert.Equal(UseCaseStatus.NotFound, (await review.DecideAsync(FundWorld.OtherFirmUser, TestPrincipals.Actor(), firmApp,
            new FormalReviewInput { Decision = FormalReviewDecision.Pass, Items = AllPassed(rules), Version = await VersionOf(firmApp) }, ct)).Status);
        var incomplete = await review.DecideAsync(FundWorld.City, TestPrincipals.Actor(), firmApp,
            new FormalReviewInput { Decision = FormalReviewDecision.Pass, Items = AllPassed(rules).Skip(1).ToList(), Version = await VersionOf(firmApp) }, ct);
        Assert.Equal("Items." + rules.Checklist[0].Key, incomplete.Errors.Single().Field);
        var failedItem = AllPassed(rules).Select((r, i) => i == 2 ? r with { Passed = false, Note = "自筹资金证明缺失" } : r).ToList();
        Assert.Equal("FundPassNeedsAllItems", (await review.DecideAsync(FundWorld.City, TestPrincipals.Actor(), firmApp,
            new FormalReviewInput { Decision = FormalReviewDecision.Pass, Items = failedItem, Version = await VersionOf(firmApp) }, ct)).Errors.Single().Message.Key);
        Assert.Equal("FundDecisionReason", (await review.DecideAsync(FundWorld.City, TestPrincipals.Actor(), firmApp,
            new FormalReviewInput { Decision = FormalReviewDecision.Return, Items = failedItem, Reason = " ", Version = await VersionOf(firmApp) }, ct)).Errors.Single().Message.Key);

        // Returned once, with the call's correction days; the applicant corrects and submits again in time.
        var returned = await review.DecideAsync(TestPrincipals.User(Roles.CityStaff, name: "reviewer-a"), TestPrincipals.Actor("reviewer-a"), firmApp,
            new FormalReviewInput { Decision = FormalReviewDecision.Return, Items = failedItem, Reason = "请补充自筹资金证明", Version = await VersionOf(firmApp) }, ct);
        Assert.Equal(FundApplicationStatus.Returned, returned.Value);
        var firm = (await world.Applications.GetAsync(FundWorld.FirmUser, firmApp, ct)).Value!;
        Assert.Equal((FundWorld.Start.AddDays(30 + rules.CorrectionDays), true), (firm.CorrectionDueUtc, firm.CanEdit));
        Assert.StartsWith("请补充自筹资金证明", firm.Events.Last().Reason, StringComparison.Ordinal);
        var formal = (await review.GetAsync(FundWorld.FirmUser, firmApp, ct)).Value!;
        Assert.Equal(("自筹资金证明缺失", "reviewer-a", false), (formal.Results[2].Note, formal.ReviewedBy, formal.CanReturn));
        await world.Applications.AttachAsync(FundWorld.FirmUser, TestPrincipals.Actor(), firmApp, "自筹资金证明.pdf", FundWorld.Pdf("proof"), ct);
        var resubmitted = await world.Applications.SubmitAsync(FundWorld.FirmUser, TestPrincipals.Actor(), firmApp, await VersionOf(firmApp), ct);
        Assert.Equal((FundApplicationStatus.Submitted, "ZJ2027-01-0001"), (resubmitted.Value!.Summary.Status, resubmitted.Value.Summary.TrackingNumber));

        // A second return is refused; it passes now.
        Assert.Equal("FundReturnOnce", (await review.DecideAsync(FundWorld.City, TestPrincipals.Actor(), firmApp,
            new FormalReviewInput { Decision = FormalReviewDecision.Return, Items = failedItem, Reason = "再次退回", Version = await VersionOf(firmApp) }, ct)).Errors.Single().Message.Key);
        Assert.Equal(FundApplicationStatus.InReview, (await review.DecideAsync(FundWorld.City, TestPrincipals.Actor(), firmApp,
            new FormalReviewInput { Decision = FormalReviewDecision.Pass, Items = AllPassed(rules), Version = await VersionOf(firmApp) }, ct)).Value);

        // The agency's is rejected with its reason; a stale version is a conflict; a decided application is not decided again.
        Assert.Equal(UseCaseStatus.Conflict, (await review.DecideAsync(FundWorld.City, TestPrincipals.Actor(), agencyApp,
            new FormalReviewInput { Decision = FormalReviewDecision.Reject, Items = failedItem, Reason = "x", Version = Guid.NewGuid() }, ct)).Status);
        Assert.Equal(FundApplicationStatus.FormalRejected, (await review.DecideAsync(FundWorld.City, TestPrincipals.Actor(), agencyApp,
            new FormalReviewInput { Decision = FormalReviewDecision.Reject, Items = failedItem, Reason = "申报主体不符合指南要求", Version = await VersionOf(agencyApp) }, ct)).Value);
        Assert.Equal(UseCaseStatus.Conflict, (await review.DecideAsync(FundWorld.City, TestPrincipals.Actor(), agencyApp,
            new FormalReviewInput { Decision = FormalReviewDecision.Pass, Items = AllPassed(rules), Version = await VersionOf(agencyApp) }, ct)).Status);
        var agency = (await world.Applications.GetAsync(FundWorld.AgencyUser, agencyApp, ct)).Value!;
        Assert.Equal(("申报主体不符合指南要求", false), (agency.Events.Last().Reason, agency.CanEdit));

        await using var db = world.Database.CreateContext();
        Assert.Equal(
            [FundApplicationStatus.Draft, FundApplicationStatus.Submitted, FundApplicationStatus.Returned, FundApplicationStatus.Submitted, FundApplicationStatus.InReview],
            await db.FundApplicationEvents.Where(e => e.ApplicationId == firmApp).OrderBy(e => e.Id).Select(e => e.To).ToListAsync(ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_returned_application_cannot_be_submitted_after_its_correction_deadline(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await FundWorld.CreateAsync(provider, ct);
        var firmApp = await SubmitAsync(world, FundWorld.FirmUser, "gradient-cultivation", ct);
        world.Clock.SetUtcNow(new DateTimeOffset(FundWorld.Start.AddDays(30)));
        var call = (await world.Calls.GetAsync(FundWorld.City, world.Call.Id, ct)).Value!;
        await world.Calls.CloseSubmissionsAsync(FundWorld.City, TestPrincipals.Actor(), call.Id, call.Version, ct);
        var review = new FundFormalReview(world.Database.Factory(world.Clock), TestPrincipals.Authorization());
        var version = (await world.Applications.GetAsync(FundWorld.City, firmApp, ct)).Value!.Version;
        await review.DecideAsync(FundWorld.City, TestPrincipals.Actor(), firmApp, new FormalReviewInput
        {
            Decision = FormalReviewDecision.Return, Items = AllPassed(world.Call.Rules), Reason = "补充材料", Version = version,
        }, ct);

        world.Clock.Advance(TimeSpan.FromDays(world.Call.Rules.CorrectionDays).Add(TimeSpan.FromMinutes(1)));
        version = (await world.Applications.GetAsync(FundWorld.FirmUser, firmApp, ct)).Value!.Version;
        var late = await world.Applications.SubmitAsync(FundWorld.FirmUser, TestPrincipals.Actor(), firmApp, version, ct);
        Assert.Equal("FundCorrectionOverdue", late.Errors.Single().Message.Key);
    }
}
