using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Notifications;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Fund;

public sealed class FundContractsTests
{
    private static readonly DateOnly Interim = new(2027, 12, 31);

    /// <summary>
    /// The firm's cultivation application, approved with a grant of 150 万元 (the decision path has its own tests): its
    /// first target is due at the end of 2027, the second at the end of 2028, so the contract has one interim milestone.
    /// </summary>
    internal static async Task<Guid> ApprovedAsync(FundWorld world, CancellationToken ct, System.Security.Claims.ClaimsPrincipal? applicant = null)
    {
        var id = await FundFormalReviewTests.SubmitAsync(world, applicant ?? FundWorld.FirmUser, "gradient-cultivation", ct);
        await using var db = world.Database.CreateContext();
        db.Actor = Features.Auditing.AuditActor.System;
        var application = await db.FundApplications.Include(a => a.Targets).SingleAsync(a => a.Id == id, ct);
        application.Targets.Single(t => t.Order == 0).DueOn = Interim;
        application.Status = FundApplicationStatus.Approved;
        application.GrantFen = 150_0000_00;
        await db.SaveChangesAsync(ct);
        return id;
    }

    internal static FundContracts Contracts(FundWorld world) => new(world.Database.Factory(world.Clock), TestPrincipals.Authorization());

    [Fact]
    public void Tranches_add_up_to_the_grant_milestones_follow_the_target_dates_and_the_score_counts_partly_met_as_half()
    {
        var targets = new List<FundTarget>
        {
            new() { Order = 0, Name = "a", TargetValue = 10, DueOn = new DateOnly(2028, 6, 30) },
            new() { Order = 1, Name = "b", TargetValue = 5, DueOn = new DateOnly(2027, 12, 31) },
            new() { Order = 2, Name = "c", TargetValue = 1, DueOn = new DateOnly(2028, 12, 31) },
        };
        var (milestones, kpis, tranches) = ContractPlan.Build(targets, 100_0000_01, new FundCallRules { AdvancePercent = 40, FinalPercent = 30 });
        Assert.Equal([new DateOnly(2027, 12, 31), new DateOnly(2028, 6, 30), new DateOnly(2028, 12, 31)], milestones.Select(m => m.DueOn));
        Assert.Equal([false, false, true], milestones.Select(m => m.IsFinal));
        Assert.Equal([2, 1, 3], kpis.Select(k => k.MilestoneOrder));
        // 40 % on signing, 30 % shared by the two interim milestones, the rest (with the odd fen) after acceptance.
        Assert.Equal([(null, 40_0000_00L), (1, 15_0000_00L), (2, 15_0000_00L), (3, 30_0000_01L)], tranches.Select(t => (t.MilestoneOrder, t.AmountFen)));
        Assert.Equal(100_0000_01L, tranches.Sum(t => t.AmountFen));
        Assert.Equal([TrancheStatus.Payable, TrancheStatus.Waiting, TrancheStatus.Waiting, TrancheStatus.Waiting], tranches.Select(t => t.Status));

        // Without interim milestones the middle share goes to the final tranche.
        var single = ContractPlan.Build([targets[0]], 100, new FundCallRules { AdvancePercent = 40, FinalPercent = 30 }).Tranches;
        Assert.Equal([(null, 40L), (1, 60L)], single.Select(t => (t.MilestoneOrder, t.AmountFen)));

        Assert.Equal(KpiRating.Met, ContractPlan.Suggest(0, 50, 50));
        Assert.Equal(KpiRating.PartlyMet, ContractPlan.Suggest(0, 50, 30));
        Assert.Equal(KpiRating.NotMet, ContractPlan.Suggest(0, 50, 29));
        Assert.Equal(KpiRating.Met, ContractPlan.Suggest(100, 60, 55)); // fewer is better
        Assert.Equal(KpiRating.NotMet, ContractPlan.Suggest(null, 800, null));
        Assert.Equal(75.0, ContractPlan.Score([KpiRating.Met, KpiRating.PartlyMet]));
        Assert.Equal(33.3, ContractPlan.Score([KpiRating.Met, KpiRating.NotMet, KpiRating.NotMet]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_contract_runs_from_signing_through_milestones_midterm_amendments_and_payments_to_acceptance_and_close(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await FundWorld.CreateAsync(provider, ct);
        var appId = await ApprovedAsync(world, ct);
        var contracts = Contracts(world);
        var city = TestPrincipals.Actor("city-staff");
        var firm = TestPrincipals.Actor("firm-user");
        var version = (await world.Applications.GetAsync(FundWorld.City, appId, ct)).Value!.Version;

        // Signing: the city only, never for its own organisation.
        Assert.Equal(UseCaseStatus.Forbidden, (await contracts.SignAsync(FundWorld.FirmUser, firm, appId, new SignContractInput(null, version), ct)).Status);
        var ownStaff = TestPrincipals.User(Roles.CityStaff, name: "staff-of-firm", org: FundWorld.Firm);
        Assert.Equal(UseCaseStatus.Forbidden, (await contracts.SignAsync(ownStaff, city, appId, new SignContractInput(null, version), ct)).Status);
        Assert.Equal("FundContractStartsLate", (await contracts.SignAsync(FundWorld.City, city, appId, new SignContractInput(new DateOnly(2028, 1, 1), version), ct)).Errors.Single().Message.Key);
        var contract = (await contracts.SignAsync(FundWorld.City, city, appId, new SignContractInput(new DateOnly(2027, 4, 1), version), ct)).Value!;
        Assert.Equal((FundApplicationStatus.Contracted, "ZJ2027-01-0001-HT", new DateOnly(2028, 12, 31)), (contract.Status, contract.ContractNumber, contract.EndsOn));
        Assert.Equal([(null, 60_0000_00L, TrancheStatus.Payable), (1, 45_0000_00L, TrancheStatus.Waiting), (2, 45_0000_00L, TrancheStatus.Waiting)],
            contract.Tranches.Select(t => (t.MilestoneOrder, t.AmountFen, t.Status)));
        Assert.Equal(["服务企业数", "测试收入"], contract.Kpis.Select(k => k.Name));
        Assert.Equal(2, contract.Budget.Count);
        Assert.Equal(UseCaseStatus.NotFound, (await contracts.GetAsync(FundWorld.OtherFirmUser, appId, ct)).Status);
        Assert.DoesNotContain(await contracts.ListAsync(FundWorld.OtherFirmUser, cancellationToken: ct), r => r.ApplicationId == appId);
        Assert.Single(await contracts.ListAsync(FundWorld.FirmUser, cancellationToken: ct));

        // The advance is paid; a reference is required and the date falls between the signing day and today.
        Assert.Equal("FundPaymentReference", (await contracts.PayAsync(FundWorld.City, city, appId, 1, new PaymentInput(new DateOnly(2027, 3, 2), " ", contract.Version), ct)).Errors.Single().Message.Key);
        Assert.Equal("FundPaymentDate", (await contracts.PayAsync(FundWorld.City, city, appId, 1, new PaymentInput(new DateOnly(2027, 5, 1), "PZ-1", contract.Version), ct)).Errors.Single().Message.Key);
        Assert.Equal("FundPaymentDate", (await contracts.PayAsync(FundWorld.City, city, appId, 1, new PaymentInput(new DateOnly(2027, 3, 1), "PZ-1", contract.Version), ct)).Errors.Single().Message.Key);
        contract = (await contracts.PayAsync(FundWorld.City, city, appId, 1, new PaymentInput(new DateOnly(2027, 3, 2), "PZ-2027-0001", contract.Version), ct)).Value!;
        Assert.Equal(60_0000_00L, contract.PaidFen);
        Assert.Equal("FundTrancheNotPayable", (await contracts.PayAsync(FundWorld.City, city, appId, 2, new PaymentInput(new DateOnly(2027, 3, 2), "PZ-2", contract.Version), ct)).Errors.Single().Message.Key);

        // A date amendment: one at a time; approved, it moves the final milestone, its KPI and the contract's end.
        var final = contract.Milestones.Single(m => m.IsFinal);
        Assert.Equal("FundMilestoneOrder", (await contracts.RequestAmendmentAsync(FundWorld.FirmUser, firm, appId,
            new AmendmentInput(AmendmentKind.Dates, "设备到货延迟。", [new MilestoneDate(final.Order, new DateOnly(2027, 6, 30))], null, contract.Version), ct)).Errors.Single().Message.Key);
        contract = (await contracts.RequestAmendmentAsync(FundWorld.FirmUser, firm, appId,
            new AmendmentInput(AmendmentKind.Dates, "设备到货延迟。", [new MilestoneDate(final.Order, new DateOnly(2029, 3, 31))], null, contract.Version), ct)).Value!;
        Assert.Equal("FundAmendmentPending", (await contracts.RequestAmendmentAsync(FundWorld.FirmUser, firm, appId,
            new AmendmentInput(AmendmentKind.Budget, "调整", null, [new ContractBudgetLine("设备购置费", null, 100, 100_0000_00)], contract.Version), ct)).Errors.Single().Message.Key);
        Assert.Equal(UseCaseStatus.Forbidden, (await contracts.DecideAmendmentAsync(FundWorld.FirmUser, firm, appId, 1, new AmendmentDecisionInput(true, "自批", contract.Version), ct)).Status);
        contract = (await contracts.DecideAmendmentAsync(FundWorld.City, city, appId, 1, new AmendmentDecisionInput(true, "同意延期三个月。", contract.Version), ct)).Value!;
        Assert.Equal((new DateOnly(2029, 3, 31), new DateOnly(2029, 3, 31)), (contract.EndsOn, contract.Kpis.Single(k => k.Name == "测试收入").DueOn));
        Assert.Equal(AmendmentStatus.Approved, contract.Amendments.Single().Status);
        Assert.Contains("2028-12-31", contract.Amendments.Single().BeforeJson, StringComparison.Ordinal);
        // A budget amendment over the grant is refused, naming the sum; within it, rejected with a note, nothing changes.
        var over = await contracts.RequestAmendmentAsync(FundWorld.FirmUser, firm, appId,
            new AmendmentInput(AmendmentKind.Budget, "调整", null, [new ContractBudgetLine("设备购置费", null, 160_0000_00, 200_0000_00)], contract.Version), ct);
        Assert.Equal(("Budget", "FundBudgetOverGrant"), (over.Errors.Single().Field, over.Errors.Single().Message.Key));
        contract = (await contracts.RequestAmendmentAsync(FundWorld.FirmUser, firm, appId,
            new AmendmentInput(AmendmentKind.Budget, "设备降价，调整科目。", null, [new ContractBudgetLine("设备购置费", null, 100_0000_00, 100_0000_00), new ContractBudgetLine("测试费", null, 50_0000_00, 50_0000_00)], contract.Version), ct)).Value!;
        contract = (await contracts.DecideAmendmentAsync(FundWorld.City, city, appId, 2, new AmendmentDecisionInput(false, "科目调整理由不足。", contract.Version), ct)).Value!;
        Assert.Equal(("人员费", AmendmentStatus.Rejected), (contract.Budget[1].Category, contract.Amendments[1].Status));

        // The interim milestone: its KPI value is required; the final report must wait; a returned report is reported again.
        var interimKpi = contract.Kpis.Single(k => k.MilestoneOrder == 1);
        var missing = await contracts.ReportAsync(FundWorld.FirmUser, firm, appId, 1, new MilestoneReportInput([], "已完成设备采购。", contract.Version), ct);
        Assert.Equal(($"Actuals[{interimKpi.Id}]", "FundKpiMissing"), (missing.Errors.Single().Field, missing.Errors.Single().Message.Key));
        Assert.Equal("FundFinalBeforeInterim", (await contracts.ReportAsync(FundWorld.FirmUser, firm, appId, 2, new MilestoneReportInput([], "结题", contract.Version), ct)).Errors.Single().Message.Key);
        Assert.Equal(UseCaseStatus.Forbidden, (await contracts.ReportAsync(FundWorld.City, city, appId, 1, new MilestoneReportInput([new KpiActual(interimKpi.Id, 20)], "代报", contract.Version), ct)).Status);
        var stale = contract.Version;
        contract = (await contracts.ReportAsync(FundWorld.FirmUser, firm, appId, 1, new MilestoneReportInput([new KpiActual(interimKpi.Id, 20)], "已完成设备采购，服务企业20家。", contract.Version), ct)).Value!;
        Assert.Equal(UseCaseStatus.Conflict, (await contracts.ReviewAsync(FundWorld.City, city, appId, 1, new MilestoneReviewInput(true, null, stale), ct)).Status);
        Assert.Equal("FundDecisionReason", (await contracts.ReviewAsync(FundWorld.City, city, appId, 1, new MilestoneReviewInput(false, " ", contract.Version), ct)).Errors.Single().Message.Key);
        contract = (await contracts.ReviewAsync(FundWorld.City, city, appId, 1, new MilestoneReviewInput(false, "请补充设备验收单。", contract.Version), ct)).Value!;
        Assert.Equal(MilestoneStatus.Returned, contract.Milestones[0].Status);
        contract = (await contracts.ReportAsync(FundWorld.FirmUser, firm, appId, 1, new MilestoneReportInput([new KpiActual(interimKpi.Id, 22)], "补充设备验收单，服务企业22家。", contract.Version), ct)).Value!;
        contract = (await contracts.ReviewAsync(FundWorld.City, city, appId, 1, new MilestoneReviewInput(true, "同意。", contract.Version), ct)).Value!;
        Assert.Equal((MilestoneStatus.Accepted, TrancheStatus.Payable), (contract.Milestones[0].Status, contract.Tranches[1].Status));

        // An unsatisfactory mid-term check holds payments until a later check lifts the hold.
        contract = (await contracts.MidtermAsync(FundWorld.City, city, appId, new MidtermInput(MidtermOutcome.Unsatisfactory, "进度滞后，资金使用不规范。", contract.Version), ct)).Value!;
        Assert.Equal("FundPaymentsHeld", (await contracts.PayAsync(FundWorld.City, city, appId, 2, new PaymentInput(new DateOnly(2027, 3, 2), "PZ-2", contract.Version), ct)).Errors.Single().Message.Key);
        contract = (await contracts.MidtermAsync(FundWorld.City, city, appId, new MidtermInput(MidtermOutcome.Satisfactory, "已整改到位。", contract.Version), ct)).Value!;
        contract = (await contracts.PayAsync(FundWorld.City, city, appId, 2, new PaymentInput(new DateOnly(2027, 3, 2), "PZ-2027-0002", contract.Version), ct)).Value!;
        Assert.Equal((105_0000_00L, 2), (contract.PaidFen, contract.Midterms.Count));

        // The final report and acceptance: every KPI rated; met + partly met = 75 ≥ 60 passes and releases the final tranche.
        var kpis = contract.Kpis;
        contract = (await contracts.ReportAsync(FundWorld.FirmUser, firm, appId, 2, new MilestoneReportInput(
            [new KpiActual(kpis[0].Id, 52), new KpiActual(kpis[1].Id, 600)], "项目完成，服务企业52家，测试收入600万元。", contract.Version), ct)).Value!;
        Assert.Equal([KpiRating.Met, KpiRating.PartlyMet], contract.Kpis.Select(k => k.Suggested));
        Assert.Equal(UseCaseStatus.Forbidden, (await contracts.AcceptAsync(FundWorld.FirmUser, firm, appId, new AcceptanceInput([], "自验", contract.Version), ct)).Status);
        var unrated = await contracts.AcceptAsync(FundWorld.City, city, appId, new AcceptanceInput([new KpiRatingInput(kpis[0].Id, KpiRating.Met, null)], "验收", contract.Version), ct);
        Assert.Equal(($"Ratings[{kpis[1].Id}]", "FundKpiRatingMissing"), (unrated.Errors.Single().Field, unrated.Errors.Single().Message.Key));
        contract = (await contracts.AcceptAsync(FundWorld.City, city, appId, new AcceptanceInput(
            [new KpiRatingInput(kpis[0].Id, KpiRating.Met, null), new KpiRatingInput(kpis[1].Id, KpiRating.PartlyMet, "收入未达目标")], "专家组验收通过。", contract.Version), ct)).Value!;
        Assert.Equal((FundApplicationStatus.Accepted, 75.0, (bool?)true, TrancheStatus.Payable), (contract.Status, contract.PerformanceScore, contract.AcceptancePassed, contract.Tranches[2].Status));
        Assert.Equal("FundContractNotActive", (await contracts.MidtermAsync(FundWorld.City, city, appId, new MidtermInput(MidtermOutcome.Satisfactory, "x", contract.Version), ct)).Errors.Single().Message.Key);
        contract = (await contracts.PayAsync(FundWorld.City, city, appId, 3, new PaymentInput(new DateOnly(2027, 3, 2), "PZ-2027-0003", contract.Version), ct)).Value!;
        Assert.Equal((FundApplicationStatus.Closed, 150_0000_00L), (contract.Status, contract.PaidFen));

        // The firm was told of every status move and the city of every report; each notice in both languages.
        await using var db = world.Database.CreateContext();
        var toFirm = await db.Notifications.Where(n => n.Audience == Audiences.Organisation(FundWorld.Firm)).OrderBy(n => n.Id).ToListAsync(ct);
        Assert.Contains(toFirm, n => n.TextZh.Contains("“已签约”", StringComparison.Ordinal) && n.TextEn.Contains("“Contracted”", StringComparison.Ordinal));
        Assert.Contains(toFirm, n => n.TextZh.Contains("“已结项”", StringComparison.Ordinal));
        Assert.Contains(toFirm, n => n.TextZh.Contains("第 1 个节点报告被退回：请补充设备验收单。", StringComparison.Ordinal));
        Assert.Equal(3, toFirm.Count(n => n.TextZh.Contains("拨付", StringComparison.Ordinal) && n.Link == "/fund/contracts/" + appId));
        var toCity = await db.Notifications.Where(n => n.Audience == Audiences.City).Select(n => n.TextEn).ToListAsync(ct);
        Assert.Equal(2, toCity.Count(t => t.Contains("milestone 1 has been reported", StringComparison.Ordinal)));
        Assert.Single(toCity, t => t.Contains("the final report is in", StringComparison.Ordinal));
        Assert.Equal(2, toCity.Count(t => t.Contains("asks for amendment", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_overdue_milestone_is_flagged_reminded_once_and_a_failed_acceptance_withholds_the_final_tranche(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await FundWorld.CreateAsync(provider, ct);
        var appId = await ApprovedAsync(world, ct);
        var contracts = Contracts(world);
        var city = TestPrincipals.Actor("city-staff");
        var version = (await world.Applications.GetAsync(FundWorld.City, appId, ct)).Value!.Version;
        var contract = (await contracts.SignAsync(FundWorld.City, city, appId, new SignContractInput(null, version), ct)).Value!;
        var reminders = new DeadlineReminders(world.Database.Factory(world.Clock));
        async Task<int> FundRemindersAsync()
        {
            await using var db = world.Database.CreateContext();
            return await db.Notifications.CountAsync(n => n.DedupKey!.StartsWith("ms-") || n.DedupKey!.StartsWith("mid-"), ct);
        }

        // A week before the interim date (Shanghai time) the contractor is reminded, once however often the sweep runs.
        world.Clock.SetUtcNow(new DateTimeOffset(2027, 12, 24, 0, 0, 0, TimeSpan.Zero));
        // (The seeded park plans have their own reminders in the same sweep: only the fund's are counted here.)
        await reminders.SweepAsync(ct);
        Assert.Equal(1, await FundRemindersAsync());
        await reminders.SweepAsync(ct);
        Assert.Equal(1, await FundRemindersAsync());
        Assert.False((await contracts.GetAsync(FundWorld.City, appId, ct)).Value!.Overdue);

        // Past the date, unreported: overdue on the contract, first in the list, and told to the contractor and the city.
        world.Clock.SetUtcNow(new DateTimeOffset(2028, 2, 1, 0, 0, 0, TimeSpan.Zero)); // the mid-term check fell due on 2028-01-31
        contract = (await contracts.GetAsync(FundWorld.City, appId, ct)).Value!;
        Assert.Equal((true, true, true), (contract.Overdue, contract.Milestones[0].Overdue, contract.MidtermOverdue));
        Assert.Equal(appId, Assert.Single(await contracts.ListAsync(FundWorld.City, overdueOnly: true, ct)).ApplicationId);
        await reminders.SweepAsync(ct);
        Assert.Equal(4, await FundRemindersAsync()); // and: overdue to the firm and to the city; the mid-term check due to the city
        await reminders.SweepAsync(ct);
        Assert.Equal(4, await FundRemindersAsync());
        await using (var db = world.Database.CreateContext())
        {
            var overdue = await db.Notifications.Where(n => n.DedupKey!.StartsWith("ms-over")).Select(n => n.Audience).OrderBy(a => a).ToListAsync(ct);
            Assert.Equal([Audiences.City, Audiences.Organisation(FundWorld.Firm)], overdue);
        }
        // An overdue project bars its applicant from the next call under the no-overdue rule.
        var setup = new FundSetup(world.Database.Factory(world.Clock));
        await setup.SetBudgetAsync(FundWorld.City, city, "gradient-cultivation", 2028, new FundBudgetInput { AmountFen = 1000_0000_00 }, ct);
        await setup.SetBudgetAsync(FundWorld.City, city, "park-construction", 2028, new FundBudgetInput { AmountFen = 1000_0000_00 }, ct);
        var now = world.Clock.GetUtcNow().UtcDateTime;
        var draft = (await world.Calls.CreateAsync(FundWorld.City, city, FundCallsTests.Input(2028, FundWorld.Rules()) with
        {
            OpensUtc = now, ClosesUtc = now.AddDays(30), ReviewDeadlineUtc = now.AddDays(60),
        }, ct)).Value!;
        var next = await world.Calls.OpenAsync(FundWorld.City, city, draft.Id, draft.Version, ct);
        Assert.True(next.Succeeded, string.Join("; ", next.Errors.Select(e => e.Field + ": " + e.Message)));
        var started = (await world.Applications.StartAsync(FundWorld.FirmUser, TestPrincipals.Actor(), next.Value!.Id, "gradient-cultivation", ct)).Value!;
        var checks = (await world.Applications.CheckAsync(FundWorld.FirmUser, started.Summary.Id, ct)).Value!;
        Assert.Contains(checks, c => c.Rule == "overdue" && !c.Passed && c.Message.Args.Contains("ZJ2027-01-0001"));

        // Reported late and accepted; the final report reaches only 10 % of each target: 0 points, the final tranche withheld.
        var firm = TestPrincipals.Actor("firm-user");
        contract = (await contracts.ReportAsync(FundWorld.FirmUser, firm, appId, 1, new MilestoneReportInput([new KpiActual(contract.Kpis[0].Id, 5)], "进度滞后。", contract.Version), ct)).Value!;
        contract = (await contracts.ReviewAsync(FundWorld.City, city, appId, 1, new MilestoneReviewInput(true, null, contract.Version), ct)).Value!;
        contract = (await contracts.ReportAsync(FundWorld.FirmUser, firm, appId, 2, new MilestoneReportInput(
            [new KpiActual(contract.Kpis[0].Id, 5), new KpiActual(contract.Kpis[1].Id, 80)], "未能完成目标。", contract.Version), ct)).Value!;
        contract = (await contracts.AcceptAsync(FundWorld.City, city, appId, new AcceptanceInput(
            contract.Kpis.Select(k => new KpiRatingInput(k.Id, k.Suggested, null)).ToList(), "未达到合同约定目标。", contract.Version), ct)).Value!;
        Assert.Equal((FundApplicationStatus.Closed, 0.0, (bool?)false), (contract.Status, contract.PerformanceScore, contract.AcceptancePassed));
        Assert.Equal([TrancheStatus.Payable, TrancheStatus.Payable, TrancheStatus.Withheld], contract.Tranches.Select(t => t.Status));
        // What the milestones released before the failure can still be paid; what acceptance withheld cannot.
        Assert.Equal("FundTrancheNotPayable", (await contracts.PayAsync(FundWorld.City, city, appId, 3, new PaymentInput(new DateOnly(2028, 1, 2), "PZ", contract.Version), ct)).Errors.Single().Message.Key);
        contract = (await contracts.PayAsync(FundWorld.City, city, appId, 2, new PaymentInput(new DateOnly(2028, 1, 2), "PZ-2028-0009", contract.Version), ct)).Value!;
        Assert.Equal((FundApplicationStatus.Closed, 45_0000_00L), (contract.Status, contract.PaidFen));
    }
}
