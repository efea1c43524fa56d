using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Plans;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Platform.Tests.Fund;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Plans;

public sealed class PlanLoopTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_weak_link_of_the_scorecard_becomes_a_plan_target_or_task_in_one_action(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var authorization = TestPrincipals.Authorization();
        var rounds = new EvaluationRounds(database.Factory(), authorization);
        var results = new EvaluationResults(database.Factory(), authorization);
        var demo = new EvaluationDemo(database.Factory(), new FrameworkCatalog(database.Factory(), authorization), rounds, new RoundComputation(database.Factory(), authorization));
        var published = (await demo.GenerateAsync(2022, cancellationToken: ct)).Last(r => r.Status == RoundStatus.Published);
        var plans = new ParkPlans(database.Factory());
        var loop = new PlanLoop(database.Factory(), results, plans);
        var manager = TestPrincipals.User(Roles.ParkManager, park: "jiading", name: "pm-jiading");
        var other = TestPrincipals.User(Roles.ParkManager, park: "yangpu", name: "pm-yangpu");
        var planId = (await plans.ListAsync(manager, ct)).Single(p => p.ParkCode == "jiading").Id;

        var links = (await loop.WeakLinksAsync(manager, planId, ct)).Value!;
        Assert.Equal(published.Id, links.RoundId);
        Assert.True(links.WeakLinks.Count >= 2);
        Assert.All(links.WeakLinks, w => Assert.Empty(w.AnsweredBy));
        var card = (await results.ScorecardAsync(manager, published.Id, "jiading", cancellationToken: ct)).Value!;
        Assert.Equal(card.WeakLinks.Select(w => w.Code), links.WeakLinks.Select(w => w.Code));
        var first = card.WeakLinks[0];
        var second = card.WeakLinks[1];

        // Another park's manager cannot add to this plan; a stale version is refused.
        var plan = (await plans.GetAsync(manager, planId, ct)).Value!;
        var refused = await loop.AnswerWeakLinkAsync(other, TestPrincipals.Actor("pm-yangpu"), planId, new WeakLinkInput(published.Id, first.Code, false, plan.Version), ct);
        Assert.Contains(refused.Status, new[] { UseCaseStatus.NotFound, UseCaseStatus.Forbidden });
        Assert.Equal(UseCaseStatus.Conflict, (await loop.AnswerWeakLinkAsync(manager, TestPrincipals.Actor("pm-jiading"), planId, new WeakLinkInput(published.Id, first.Code, false, Guid.NewGuid()), ct)).Status);

        // As a target: from the park's value to the zone median, in the indicator's direction, two years after the round.
        var answered = await loop.AnswerWeakLinkAsync(manager, TestPrincipals.Actor("pm-jiading"), planId, new WeakLinkInput(published.Id, first.Code, false, plan.Version), ct);
        Assert.True(answered.Succeeded, string.Join("; ", answered.Errors.Select(e => e.Message)));
        plan = answered.Value!;
        Assert.Equal(PlanWorkflow.Drafting, plan.Workflow);
        var target = plan.Targets.Single(t => t.IndicatorCode == first.Code);
        Assert.Equal((first.NameZh, first.Raw, first.MedianRaw, published.Year, published.Year + 2), (target.NameZh, target.Baseline, target.TargetValue, target.BaselineYear!.Value, target.TargetYear));
        Assert.Equal(first.Direction < 0 ? TargetDirection.Decrease : TargetDirection.Increase, target.Direction);
        Assert.Contains("薄弱环节", target.Source, StringComparison.Ordinal);
        Assert.Equal("PlanWeakLinkAnswered", (await loop.AnswerWeakLinkAsync(manager, TestPrincipals.Actor(), planId, new WeakLinkInput(published.Id, first.Code, true, plan.Version), ct)).Errors.Single().Message.Key);

        // As a key task; both weak links now show what answers them, and saving the plan keeps the task's indicator.
        plan = (await loop.AnswerWeakLinkAsync(manager, TestPrincipals.Actor("pm-jiading"), planId, new WeakLinkInput(published.Id, second.Code, true, plan.Version), ct)).Value!;
        Assert.Equal(second.Code, plan.Tasks.Single(t => t.TitleZh.Contains(second.NameZh, StringComparison.Ordinal)).IndicatorCode);
        links = (await loop.WeakLinksAsync(manager, planId, ct)).Value!;
        Assert.Equal([first.NameZh], links.WeakLinks.Single(w => w.Code == first.Code).AnsweredBy.Select(a => a.Zh));
        Assert.Single(links.WeakLinks.Single(w => w.Code == second.Code).AnsweredBy);
        var saved = (await plans.SaveAsync(manager, TestPrincipals.Actor("pm-jiading"), planId, new PlanInput
        {
            TitleZh = plan.TitleZh, Source = plan.Source, Cadence = plan.Cadence,
            Targets = plan.Targets.Select(t => new PlanTargetInput(t.NameZh, t.NameEn, t.Unit, t.Direction, t.Baseline, t.BaselineYear, t.TargetValue, t.TargetYear, t.IndicatorCode, t.Source, t.Key)).ToList(),
            Tasks = plan.Tasks.Select(t => new PlanTaskInput(t.TitleZh, t.TitleEn, t.Owner, t.Milestones, t.IndicatorCode)).ToList(),
            Version = plan.Version,
        }, ct)).Value!;
        Assert.Equal(second.Code, saved.Tasks.Single(t => t.IndicatorCode is not null).IndicatorCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Funded_projects_of_the_park_are_linked_to_the_plan_targets_they_serve(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await FundWorld.CreateAsync(provider, ct);
        var started = (await world.Applications.StartAsync(FundWorld.FirmUser, TestPrincipals.Actor(), world.Call.Id, "gradient-cultivation", ct)).Value!;
        var appId = started.Summary.Id;
        var plans = new ParkPlans(world.Database.Factory(world.Clock));
        var loop = new PlanLoop(world.Database.Factory(world.Clock), new EvaluationResults(world.Database.Factory(world.Clock), TestPrincipals.Authorization()), plans);
        var manager = TestPrincipals.User(Roles.ParkManager, park: "yangpu", name: "pm-yangpu");
        var planId = (await plans.ListAsync(manager, ct)).Single(p => p.ParkCode == "yangpu").Id;
        var plan = (await plans.GetAsync(manager, planId, ct)).Value!;
        var targetKey = plan.Targets[0].Key;

        // A draft application is not a funded project.
        Assert.Empty((await loop.FundedProjectsAsync(manager, planId, ct)).Value!);
        Assert.Equal("PlanFundNotFunded", (await loop.LinkFundingAsync(manager, TestPrincipals.Actor(), planId, new FundLinkInput(appId, [targetKey]), ct)).Errors.Single().Message.Key);
        await using (var db = world.Database.CreateContext())
        {
            db.Actor = Features.Auditing.AuditActor.System;
            (await db.FundApplications.SingleAsync(a => a.Id == appId, ct)).Status = FundApplicationStatus.Contracted;
            await db.SaveChangesAsync(ct);
        }
        Assert.Equal(UseCaseStatus.Forbidden, (await loop.LinkFundingAsync(TestPrincipals.User(Roles.DistrictOfficer, name: "do", district: "310110"), TestPrincipals.Actor(), planId,
            new FundLinkInput(appId, [targetKey]), ct)).Status);
        Assert.Equal("PlanFundTargetUnknown", (await loop.LinkFundingAsync(manager, TestPrincipals.Actor(), planId, new FundLinkInput(appId, [Guid.NewGuid()]), ct)).Errors.Single().Message.Key);
        var linked = (await loop.LinkFundingAsync(manager, TestPrincipals.Actor("pm-yangpu"), planId, new FundLinkInput(appId, [targetKey]), ct)).Value!;
        Assert.Equal([targetKey], linked.Single().TargetKeys);
        // Another park's plan does not list this park's projects.
        var jiading = (await plans.ListAsync(FundWorld.City, ct)).Single(p => p.ParkCode == "jiading").Id;
        Assert.Empty((await loop.FundedProjectsAsync(FundWorld.City, jiading, ct)).Value!);
        // Unlinking is choosing no target; the link row is audited.
        Assert.Empty((await loop.LinkFundingAsync(manager, TestPrincipals.Actor("pm-yangpu"), planId, new FundLinkInput(appId, []), ct)).Value!.Single().TargetKeys);
        await using var check = world.Database.CreateContext();
        Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.EntityType == nameof(PlanFundLink), ct));
    }
}
