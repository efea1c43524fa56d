using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Fund;

public sealed class FundReviewTests
{
    /// <summary>Two applications through formal review, and a pool of ten experts with three conflicts planted.</summary>
    internal static async Task<(Guid FirmApp, Guid AgencyApp, List<FundExpert> Pool)> ReadyForDrawAsync(FundWorld world, CancellationToken ct)
    {
        var firmApp = await FundFormalReviewTests.SubmitAsync(world, FundWorld.FirmUser, "gradient-cultivation", ct);
        var agencyApp = await FundFormalReviewTests.SubmitAsync(world, FundWorld.AgencyUser, "park-construction", ct);
        world.Clock.SetUtcNow(new DateTimeOffset(FundWorld.Start.AddDays(30)));
        var call = (await world.Calls.GetAsync(FundWorld.City, world.Call.Id, ct)).Value!;
        await world.Calls.CloseSubmissionsAsync(FundWorld.City, TestPrincipals.Actor(), call.Id, call.Version, ct);
        var review = new FundFormalReview(world.Database.Factory(world.Clock), TestPrincipals.Authorization());
        foreach (var id in new[] { firmApp, agencyApp })
        {
            var version = (await world.Applications.GetAsync(FundWorld.City, id, ct)).Value!.Version;
            var passed = await review.DecideAsync(FundWorld.City, TestPrincipals.Actor(), id, new FormalReviewInput
            {
                Decision = FormalReviewDecision.Pass, Items = FundFormalReviewTests.AllPassed(world.Call.Rules), Version = version,
            }, ct);
            Assert.True(passed.Succeeded);
        }
        var pool = Enumerable.Range(1, 10).Select(n => new FundExpert
        {
            Id = Guid.NewGuid(), Name = $"专家{n:00}", UserName = $"expert{n:00}", Institution = $"上海某大学{n}", Topics = "park-construction,gradient-cultivation",
            CreatedUtc = FundWorld.Start,
        }).ToList();
        pool[0].InstitutionCreditCode = FundWorld.Firm;                          // same organisation as the firm
        pool[1].Name = "王某"; pool[1].Institution = "某竞争企业研究院";             // the firm named them
        pool[2].AffiliatedCreditCodes = FundWorld.Agency;                       // tied to the agency
        await using var db = world.Database.CreateContext();
        db.Actor = Features.Auditing.AuditActor.System;
        db.FundExperts.AddRange(pool);
        await db.SaveChangesAsync(ct);
        return (firmApp, agencyApp, pool);
    }

    internal static FundReview Review(FundWorld world) =>
        new(world.Database.Factory(world.Clock), TestPrincipals.Authorization(), world.Applications);

    internal static System.Security.Claims.ClaimsPrincipal Expert(string userName) => TestPrincipals.User(Roles.Reviewer, name: userName);

    internal static ScoresInput Scores(FundCallRules rules, Guid version, int score = 8) =>
        new(rules.Rubric.Select(c => new CriterionScoreInput(c.Key, score, null)).ToList(), "方案可行，建议支持。", version);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Experts_are_drawn_without_conflicts_declare_before_seeing_score_blind_and_the_panel_sees_calibrated_scores(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await FundWorld.CreateAsync(provider, ct);
        var (firmApp, agencyApp, pool) = await ReadyForDrawAsync(world, ct);
        var review = Review(world);
        var call = (await world.Calls.GetAsync(FundWorld.City, world.Call.Id, ct)).Value!;

        Assert.Equal(UseCaseStatus.Forbidden, (await review.StartExpertReviewAsync(FundWorld.FirmUser, TestPrincipals.Actor(), call.Id, call.Version, 42, ct)).Status);
        var draw = await review.StartExpertReviewAsync(FundWorld.City, TestPrincipals.Actor("city-staff"), call.Id, call.Version, 42, ct);
        Assert.True(draw.Succeeded, string.Join("; ", draw.Errors.Select(e => e.Field + ": " + e.Message)));
        Assert.Equal((42L, 2, 10, 0), (draw.Value!.Seed, draw.Value.Applications, draw.Value.Assigned, draw.Value.Shortfalls.Count));
        Assert.Equal(4, draw.Value.ConflictsExcluded); // the firm's colleague, the tied expert, and 王某 named by both applicants
        Assert.Equal(FundCallStatus.ExpertReview, (await world.Calls.GetAsync(FundWorld.City, call.Id, ct)).Value!.Status);

        var all = (await review.AssignmentsAsync(FundWorld.City, call.Id, ct)).Value!;
        var onFirm = all.Where(a => a.ApplicationId == firmApp).Select(a => a.ExpertName).ToList();
        var onAgency = all.Where(a => a.ApplicationId == agencyApp).Select(a => a.ExpertName).ToList();
        Assert.Equal(5, onFirm.Count);
        Assert.DoesNotContain(pool[0].Name, onFirm);
        Assert.DoesNotContain("王某", onFirm);
        Assert.DoesNotContain(pool[2].Name, onAgency);
        Assert.DoesNotContain("王某", onAgency);
        Assert.True((await review.VerifyDrawAsync(FundWorld.City, draw.Value.DrawId, ct)).Value!.Reproduced);
        // Each drawn expert is told, once, how many applications are theirs.
        await using (var noticesDb = world.Database.CreateContext())
        {
            var drawnAccounts = all.Select(a => pool.Single(p => p.Name == a.ExpertName).UserName!).Distinct().ToList();
            var notices = await noticesDb.Notifications.Where(n => n.Audience.StartsWith("user:")).ToListAsync(ct);
            Assert.Equal(drawnAccounts.Order(), notices.Select(n => n.Audience[5..]).Order());
            var both = all.GroupBy(a => a.ExpertName).First(g => g.Count() == 2).Key;
            Assert.Contains("2 application(s)", notices.Single(n => n.Audience == "user:" + pool.Single(p => p.Name == both).UserName).TextEn, StringComparison.Ordinal);
        }

        // An expert sees only their own assignments, and only the applicant and title before declaring.
        var expertName = all.First(a => a.ApplicationId == firmApp).ExpertName;
        var expertUser = Expert(pool.Single(p => p.Name == expertName).UserName!);
        var mine = (await review.AssignmentsAsync(expertUser, cancellationToken: ct)).Value!;
        Assert.All(mine, a => Assert.Equal(expertName, a.ExpertName));
        var assignment = mine.Single(a => a.ApplicationId == firmApp);
        Assert.Equal(UseCaseStatus.Conflict, (await review.FormAsync(expertUser, assignment.Id, ct)).Status);
        Assert.Equal(UseCaseStatus.NotFound, (await review.FormAsync(Expert("someone-else"), assignment.Id, ct)).Status);
        Assert.Equal(UseCaseStatus.NotFound, (await world.Applications.GetAsync(expertUser, firmApp, ct)).Status);

        // A declared conflict revokes the assignment and draws a replacement from the experts not drawn before.
        var other = all.First(a => a.ApplicationId == firmApp && a.ExpertName != expertName);
        var otherUser = Expert(pool.Single(p => p.Name == other.ExpertName).UserName!);
        Assert.Equal("FundConflictReason", (await review.DeclareAsync(otherUser, TestPrincipals.Actor(), other.Id, new DeclarationInput(true, " ", other.Version), ct)).Errors.Single().Message.Key);
        world.Clock.Advance(TimeSpan.FromMinutes(5));
        var declared = await review.DeclareAsync(otherUser, TestPrincipals.Actor(), other.Id, new DeclarationInput(true, "曾与申报单位合作研发", other.Version), ct);
        Assert.Equal(ReviewAssignmentStatus.Conflict, declared.Value!.Status);
        var afterConflict = (await review.AssignmentsAsync(FundWorld.City, call.Id, ct)).Value!.Where(a => a.ApplicationId == firmApp).ToList();
        Assert.Equal(5, afterConflict.Count(a => a.Status == ReviewAssignmentStatus.AwaitingDeclaration));
        Assert.Equal(6, afterConflict.Select(a => a.ExpertName).Distinct().Count());
        Assert.DoesNotContain(pool[0].Name, afterConflict.Select(a => a.ExpertName));
        var draws = (await review.DrawsAsync(FundWorld.City, call.Id, ct)).Value!;
        Assert.Equal(firmApp, draws[0].ForApplicationId);
        Assert.True((await review.VerifyDrawAsync(FundWorld.City, draws[0].Id, ct)).Value!.Reproduced);

        // No conflict: the application opens, without the applicant's named exclusions; scores must be whole and in range.
        var accepted = await review.DeclareAsync(expertUser, TestPrincipals.Actor(), assignment.Id, new DeclarationInput(false, null, assignment.Version), ct);
        var form = (await review.FormAsync(expertUser, assignment.Id, ct)).Value!;
        Assert.True(form.CanScore);
        Assert.Equal("车规级芯片测试平台建设", form.Application.Summary.ProjectTitle);
        Assert.Empty(form.Application.Exclusions);
        var bad = await review.SubmitScoresAsync(expertUser, TestPrincipals.Actor(), assignment.Id,
            new ScoresInput([new("innovation", 11, null), new("nope", 3, null)], "", accepted.Value!.Version), ct);
        Assert.Equal(["Scores.innovation", "Scores.feasibility", "Scores.impact", "Scores.capacity", "Scores.budget", "Scores.nope", "OverallComment"], bad.Errors.Select(e => e.Field));
        var scored = await review.SubmitScoresAsync(expertUser, TestPrincipals.Actor(expertName), assignment.Id,
            new ScoresInput(world.Call.Rules.Rubric.Select((c, i) => new CriterionScoreInput(c.Key, i == 0 ? 10 : 7, i == 0 ? "创新性突出" : null)).ToList(), "建议支持", accepted.Value.Version), ct);
        Assert.Equal((ReviewAssignmentStatus.Submitted, 79.0), (scored.Value!.Status, scored.Value.WeightedScore)); // 30 + 70 × 0.7
        Assert.Equal(UseCaseStatus.Conflict, (await review.SubmitScoresAsync(expertUser, TestPrincipals.Actor(), assignment.Id, Scores(world.Call.Rules, scored.Value.Version), ct)).Status);

        // Blind: other experts and applicants see no scores before the panel; the city does.
        Assert.Equal(UseCaseStatus.Forbidden, (await review.PanelAsync(otherUser, call.Id, ct)).Status);
        Assert.Equal(UseCaseStatus.Forbidden, (await review.PanelAsync(FundWorld.FirmUser, call.Id, ct)).Status);
        Assert.Equal(79.0, (await review.PanelAsync(FundWorld.City, call.Id, ct)).Value!.Single(r => r.ApplicationId == firmApp).Final);

        // The panel opens only after the deadline while assignments are open; then the expert sees the panel, others unnamed.
        call = (await world.Calls.GetAsync(FundWorld.City, call.Id, ct)).Value!;
        Assert.Equal("FundReviewStillOpen", (await review.StartPanelAsync(FundWorld.City, TestPrincipals.Actor(), call.Id, call.Version, ct)).Errors.Single().Message.Key);
        world.Clock.SetUtcNow(new DateTimeOffset(call.ReviewDeadlineUtc));
        Assert.Equal(UseCaseStatus.Conflict, (await review.FormAsync(expertUser, assignment.Id, ct)).Status);
        Assert.Equal(FundCallStatus.Panel, (await review.StartPanelAsync(FundWorld.City, TestPrincipals.Actor(), call.Id, call.Version, ct)).Value);
        var panel = (await review.PanelAsync(expertUser, call.Id, ct)).Value!;
        Assert.Equal(firmApp, panel.Single().ApplicationId);
        Assert.Equal("★", panel.Single().Scores.Single().Expert);
        Assert.Empty((await review.PanelAsync(otherUser, call.Id, ct)).Value!); // they scored nothing, so they see nothing

        await using var db = world.Database.CreateContext();
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(ReviewAssignment)).Select(a => a.UserName).ToListAsync(ct);
        Assert.Contains(expertName, audit);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Twenty_concurrent_score_submissions_for_one_assignment_store_exactly_one(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await FundWorld.CreateAsync(provider, ct);
        var (firmApp, _, pool) = await ReadyForDrawAsync(world, ct);
        var review = Review(world);
        var call = (await world.Calls.GetAsync(FundWorld.City, world.Call.Id, ct)).Value!;
        await review.StartExpertReviewAsync(FundWorld.City, TestPrincipals.Actor(), call.Id, call.Version, 7, ct);
        var assignment = (await review.AssignmentsAsync(FundWorld.City, call.Id, ct)).Value!.First(a => a.ApplicationId == firmApp);
        var expert = Expert(pool.Single(p => p.Name == assignment.ExpertName).UserName!);
        var accepted = (await review.DeclareAsync(expert, TestPrincipals.Actor(), assignment.Id, new DeclarationInput(false, null, assignment.Version), ct)).Value!;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            review.SubmitScoresAsync(expert, TestPrincipals.Actor(), assignment.Id, Scores(world.Call.Rules, accepted.Version, 1 + i % 10), ct), ct)));

        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(UseCaseStatus.Conflict, r.Status));
        await using var db = world.Database.CreateContext();
        var stored = await db.ReviewAssignments.Include(a => a.Scores).SingleAsync(a => a.Id == assignment.Id, ct);
        var winner = results.Single(r => r.Succeeded).Value!;
        Assert.Equal(world.Call.Rules.Rubric.Count, stored.Scores.Count);
        Assert.Equal(winner.WeightedScore, stored.WeightedScore);
        Assert.Single(stored.Scores.Select(s => s.Score).Distinct());
    }
}
