using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Fund;

public sealed class FundApplicationsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_enterprise_drafts_checks_attaches_and_submits_and_only_its_own_scope_sees_the_application(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await FundWorld.CreateAsync(provider, ct);
        var apps = world.Applications;
        var actor = TestPrincipals.Actor("firm-user");

        var started = await apps.StartAsync(FundWorld.FirmUser, actor, world.Call.Id, "gradient-cultivation", ct);
        Assert.True(started.Succeeded, string.Join("; ", started.Errors.Select(e => e.Field + ": " + e.Message)));
        var draft = started.Value!;
        Assert.Equal(("enterprise", "yangpu", "上海示例芯片科技有限公司", FundApplicationStatus.Draft, true),
            (draft.Summary.KindCode, draft.Summary.ParkCode, draft.Summary.ApplicantName, draft.Summary.Status, draft.CanEdit));
        Assert.Equal(7, draft.Form.Count);
        // A draft is the applicant's alone: the city does not see it yet.
        Assert.Equal(UseCaseStatus.NotFound, (await apps.GetAsync(FundWorld.City, draft.Summary.Id, ct)).Status);
        Assert.Empty((await apps.ListAsync(FundWorld.City, world.Call.Id, ct)).Value!);
        // One application per applicant per call.
        Assert.Equal(UseCaseStatus.Conflict, (await apps.StartAsync(FundWorld.FirmUser, actor, world.Call.Id, "park-construction", ct)).Status);

        // An empty draft fails the completeness checks, each named, while the registry rules already pass.
        var checks = (await apps.CheckAsync(FundWorld.FirmUser, draft.Summary.Id, ct)).Value!;
        Assert.Equal(["grant", "title", "budget", "targets", "team", "form:summary", "form:background", "form:plan", "form:outcomes", "form:jobs"],
            checks.Where(c => !c.Passed).Select(c => c.Rule));
        Assert.All(checks.Where(c => c.Rule is "kind" or "topic" or "tier" or "overdue" or "awards"), c => Assert.True(c.Passed));

        // Drafts save partial answers, but what is said must have the right shape.
        var badShape = await apps.SaveAsync(FundWorld.FirmUser, actor, draft.Summary.Id, new FundApplicationInput
        {
            ProjectTitle = "草稿", Answers = new Dictionary<string, string?> { ["jobs"] = "三十五", ["stage"] = "衰退期", ["nope"] = "x" }, Version = draft.Version,
        }, ct);
        Assert.Equal(["Answers.nope", "Answers.jobs", "Answers.stage"], badShape.Errors.Select(e => e.Field));
        var partial = await apps.SaveAsync(FundWorld.FirmUser, actor, draft.Summary.Id, new FundApplicationInput
        {
            ProjectTitle = "草稿", Answers = new Dictionary<string, string?> { ["summary"] = "先写一点" }, Version = draft.Version,
        }, ct);
        Assert.True(partial.Succeeded);
        Assert.Equal(UseCaseStatus.Conflict, (await apps.SaveAsync(FundWorld.FirmUser, actor, draft.Summary.Id, new FundApplicationInput { Version = draft.Version }, ct)).Status);

        // Self-funding below 1:1 is refused at submission with the figures.
        var complete = FundWorld.Complete(partial.Value!.Version);
        var saved = (await apps.SaveAsync(FundWorld.FirmUser, actor, draft.Summary.Id, complete with
        {
            BudgetLines = [new("设备购置费", null, 150_0000_00, 149_9999_99)],
        }, ct)).Value!;
        var refused = await apps.SubmitAsync(FundWorld.FirmUser, actor, draft.Summary.Id, saved.Version, ct);
        Assert.Equal(UseCaseStatus.Invalid, refused.Status);
        Assert.Equal("self-funding", refused.Errors.Single().Field);
        Assert.Equal(["149.999999", 100, "150"], refused.Errors.Single().Message.Args);
        saved = (await apps.SaveAsync(FundWorld.FirmUser, actor, draft.Summary.Id, complete with { Version = saved.Version }, ct)).Value!;
        Assert.Equal((150_0000_00L, 150_0000_00L), (saved.Summary.RequestedFen, saved.Summary.SelfFundingFen));

        // Attachments: PDFs only, checked by content.
        var notPdf = await apps.AttachAsync(FundWorld.FirmUser, actor, draft.Summary.Id, "plan.pdf", "not a pdf"u8.ToArray(), ct);
        Assert.Equal(UseCaseStatus.Invalid, notPdf.Status);
        var script = await apps.AttachAsync(FundWorld.FirmUser, actor, draft.Summary.Id, "x.pdf",
            System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n%%EOF"), ct);
        Assert.Equal("FileActiveContent", script.Errors.Single().Message.Key);
        var attached = await apps.AttachAsync(FundWorld.FirmUser, actor, draft.Summary.Id, "../../可行性研究报告.pdf", FundWorld.Pdf(), ct);
        Assert.Equal("可行性研究报告.pdf", attached.Value!.Single().FileName);

        // Submission: a tracking number, a PDF copy, an event; then nothing can change.
        var version = (await apps.GetAsync(FundWorld.FirmUser, draft.Summary.Id, ct)).Value!.Version;
        var submitted = await apps.SubmitAsync(FundWorld.FirmUser, actor, draft.Summary.Id, version, ct);
        Assert.True(submitted.Succeeded, string.Join("; ", submitted.Errors.Select(e => e.Field + ": " + e.Message)));
        Assert.Equal(("ZJ2027-01-0001", FundApplicationStatus.Submitted, false, true),
            (submitted.Value!.Summary.TrackingNumber, submitted.Value.Summary.Status, submitted.Value.CanEdit, submitted.Value.HasSubmissionCopy));
        Assert.Equal([FundApplicationStatus.Draft, FundApplicationStatus.Submitted], submitted.Value.Events.Select(e => e.To));
        var copy = (await apps.SubmissionCopyAsync(FundWorld.FirmUser, draft.Summary.Id, ct)).Value!;
        Assert.Equal("ZJ2027-01-0001.pdf", copy.FileName);
        Assert.True(copy.Content.AsSpan().StartsWith("%PDF-"u8));
        Assert.True(copy.Content.Length > 2000);
        Assert.Equal(UseCaseStatus.Conflict, (await apps.SaveAsync(FundWorld.FirmUser, actor, draft.Summary.Id, complete with { Version = submitted.Value.Version }, ct)).Status);
        Assert.Equal(UseCaseStatus.Conflict, (await apps.AttachAsync(FundWorld.FirmUser, actor, draft.Summary.Id, "late.pdf", FundWorld.Pdf(), ct)).Status);

        // The operating agency applies too and gets the next number.
        var agency = (await apps.StartAsync(FundWorld.AgencyUser, TestPrincipals.Actor("agency-user"), world.Call.Id, "park-construction", ct)).Value!;
        Assert.Equal(("operating-agency", "jiading"), (agency.Summary.KindCode, agency.Summary.ParkCode));
        var agencyInput = FundWorld.Complete(agency.Version) with { Answers = FundWorld.Complete(agency.Version).Answers.Where(a => a.Key is not ("jobs" or "stage")).ToDictionary() };
        var agencySaved = (await apps.SaveAsync(FundWorld.AgencyUser, TestPrincipals.Actor("agency-user"), agency.Summary.Id, agencyInput, ct)).Value!;
        Assert.Equal("ZJ2027-01-0002", (await apps.SubmitAsync(FundWorld.AgencyUser, TestPrincipals.Actor("agency-user"), agency.Summary.Id, agencySaved.Version, ct)).Value!.Summary.TrackingNumber);

        // Scope: another firm sees nothing; yangpu's park manager reads the firm's; jiading's reads the agency's; the city lists both.
        Assert.Equal(UseCaseStatus.NotFound, (await apps.GetAsync(FundWorld.OtherFirmUser, draft.Summary.Id, ct)).Status);
        Assert.Equal(UseCaseStatus.NotFound, (await apps.SubmissionCopyAsync(FundWorld.OtherFirmUser, draft.Summary.Id, ct)).Status);
        Assert.Equal(UseCaseStatus.NotFound, (await apps.AttachmentAsync(FundWorld.OtherFirmUser, draft.Summary.Id, attached.Value!.Single().Id, ct)).Status);
        Assert.Empty((await apps.ListAsync(FundWorld.OtherFirmUser, cancellationToken: ct)).Value!);
        Assert.Equal(["ZJ2027-01-0001"], (await apps.ListAsync(TestPrincipals.User(Roles.ParkManager, "yangpu"), cancellationToken: ct)).Value!.Select(a => a.TrackingNumber));
        Assert.Equal(UseCaseStatus.NotFound, (await apps.GetAsync(TestPrincipals.User(Roles.ParkManager, "jiading"), draft.Summary.Id, ct)).Status);
        Assert.True((await apps.GetAsync(TestPrincipals.User(Roles.ParkManager, "jiading"), agency.Summary.Id, ct)).Succeeded);
        Assert.Equal(2, (await apps.ListAsync(FundWorld.City, world.Call.Id, ct)).Value!.Count);
        Assert.Equal(UseCaseStatus.Forbidden, (await apps.ListAsync(TestPrincipals.User(Roles.Reviewer), cancellationToken: ct)).Status);
        Assert.Equal(UseCaseStatus.Forbidden, (await apps.StartAsync(TestPrincipals.User(Roles.CityStaff), actor, world.Call.Id, "park-construction", ct)).Status);

        await using var db = world.Database.CreateContext();
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(FundApplication)).Select(a => a.UserName).ToListAsync(ct);
        Assert.Contains("firm-user", audit);
        Assert.Equal(1, await db.FundAttachments.CountAsync(ct)); // the refused files were never stored
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_calls_rules_refuse_a_missing_or_expired_tier_an_overdue_project_a_full_award_cap_and_a_park_outside_the_call(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var world = await FundWorld.CreateAsync(provider, ct);
        var apps = world.Applications;

        // The other firm holds no tier: refused with the tier named.
        var other = (await apps.StartAsync(FundWorld.OtherFirmUser, TestPrincipals.Actor(), world.Call.Id, "gradient-cultivation", ct)).Value!;
        other = (await apps.SaveAsync(FundWorld.OtherFirmUser, TestPrincipals.Actor(), other.Summary.Id, FundWorld.Complete(other.Version), ct)).Value!;
        var noTier = await apps.SubmitAsync(FundWorld.OtherFirmUser, TestPrincipals.Actor(), other.Summary.Id, other.Version, ct);
        Assert.Equal(["tier"], noTier.Errors.Select(e => e.Field));
        Assert.Contains("须具备以下资质之一且在有效期内：高新技术企业", noTier.Errors.Single().Message.Render(System.Globalization.CultureInfo.GetCultureInfo("zh-CN")), StringComparison.Ordinal);
        Assert.Contains("one of these tiers, in force: High-tech enterprise", noTier.Errors.Single().Message.Render(System.Globalization.CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);

        // The firm's award lapses before the day it submits: refused the same way.
        var firm = (await apps.StartAsync(FundWorld.FirmUser, TestPrincipals.Actor(), world.Call.Id, "gradient-cultivation", ct)).Value!;
        firm = (await apps.SaveAsync(FundWorld.FirmUser, TestPrincipals.Actor(), firm.Summary.Id, FundWorld.Complete(firm.Version), ct)).Value!;
        await using (var db = world.Database.CreateContext())
        {
            db.Actor = Features.Auditing.AuditActor.System;
            var award = await db.TierAwards.SingleAsync(ct);
            award.ExpiresOn = new DateOnly(2027, 2, 28);
            await db.SaveChangesAsync(ct);
        }
        Assert.Contains((await apps.CheckAsync(FundWorld.FirmUser, firm.Summary.Id, ct)).Value!, c => c.Rule == "tier" && !c.Passed);
        await using (var db = world.Database.CreateContext())
        {
            db.Actor = Features.Auditing.AuditActor.System;
            (await db.TierAwards.SingleAsync(ct)).ExpiresOn = new DateOnly(2028, 11, 30);

            // An earlier award of the same year (another call) fills the cap of one; an award never contracted whose last
            // target date has passed is overdue (a contract's overdue milestones: FundContractsTests).
            var earlier = await world.OpenCallAsync(FundWorld.Rules(), ct);
            var past = await world.OpenCallAsync(FundWorld.Rules() with { }, ct);
            db.FundApplications.Add(Funded(earlier.Id, FundApplicationStatus.Approved, "ZJ2027-02-0001", []));
            db.FundApplications.Add(Funded(past.Id, FundApplicationStatus.Approved, "ZJ2027-03-0001",
                [new FundTarget { Name = "已到期目标", TargetValue = 1, DueOn = new DateOnly(2027, 1, 31) }]));
            await db.SaveChangesAsync(ct);
        }
        var blocked = await apps.SubmitAsync(FundWorld.FirmUser, TestPrincipals.Actor(), firm.Summary.Id, firm.Version, ct);
        Assert.Equal(["overdue", "awards"], blocked.Errors.Select(e => e.Field));
        Assert.Equal("ZJ2027-03-0001", blocked.Errors[0].Message.Args[0]);
        Assert.Equal([2, 1], blocked.Errors[1].Message.Args);

        // A call limited to other parks refuses the yangpu firm at the park rule.
        var jiadingOnly = await world.OpenCallAsync(FundWorld.Rules() with { Parks = ["jiading"], NoOverdueProject = false, MaxAwardsPerApplicantPerYear = null }, ct);
        var elsewhere = (await apps.StartAsync(FundWorld.FirmUser, TestPrincipals.Actor(), jiadingOnly.Id, "gradient-cultivation", ct)).Value!;
        elsewhere = (await apps.SaveAsync(FundWorld.FirmUser, TestPrincipals.Actor(), elsewhere.Summary.Id, FundWorld.Complete(elsewhere.Version), ct)).Value!;
        Assert.Equal(["park"], (await apps.SubmitAsync(FundWorld.FirmUser, TestPrincipals.Actor(), elsewhere.Summary.Id, elsewhere.Version, ct)).Errors.Select(e => e.Field));

        // After the deadline nothing starts or is submitted.
        world.Clock.SetUtcNow(new DateTimeOffset(FundWorld.Start.AddDays(31)));
        Assert.Equal(UseCaseStatus.Invalid, (await apps.StartAsync(FundWorld.AgencyUser, TestPrincipals.Actor(), world.Call.Id, "park-construction", ct)).Status);
        Assert.Equal("FundCallNotOpen", (await apps.SubmitAsync(FundWorld.OtherFirmUser, TestPrincipals.Actor(), other.Summary.Id, other.Version, ct)).Errors.Single().Message.Key);

        static FundApplication Funded(Guid callId, FundApplicationStatus status, string tracking, List<FundTarget> targets) => new()
        {
            Id = Guid.NewGuid(), CallId = callId, TopicCode = "gradient-cultivation", KindCode = "enterprise", ApplicantCreditCode = FundWorld.Firm,
            ApplicantName = "上海示例芯片科技有限公司", ParkCode = "yangpu", TrackingNumber = tracking, ProjectTitle = "往年项目", Status = status,
            CreatedBy = "seed", RequestedFen = 1, Targets = targets,
        };
    }

    [Fact]
    public void Self_funding_is_compared_in_whole_fen_without_rounding()
    {
        var rules = new FundCallRules { ApplicantKinds = ["enterprise"], MaxGrantFen = 1_000_000_00, MinSelfFundingPercent = 50, Topics = [new CallTopic { TopicCode = "t" }] };
        var applicant = new ApplicantFacts("enterprise", true, "yangpu", new HashSet<EnterpriseTier>(), [], 0);
        ApplicationFacts App(long requested, long self) => new("t", "x", new Dictionary<string, string?>(), requested, self, 1, 1, 1);

        Assert.True(FundEligibility.Evaluate(rules, applicant, App(3, 2)).Single(c => c.Rule == "self-funding").Passed); // 2 ≥ 1.5
        Assert.False(FundEligibility.Evaluate(rules, applicant, App(3, 1)).Single(c => c.Rule == "self-funding").Passed); // 1 < 1.5
        Assert.True(FundEligibility.Evaluate(rules, applicant, App(1_000_000_00, 500_000_00)).Single(c => c.Rule == "self-funding").Passed);
        Assert.False(FundEligibility.Evaluate(rules, applicant, App(1_000_000_00, 499_999_99)).Single(c => c.Rule == "self-funding").Passed);
        Assert.False(FundEligibility.Evaluate(rules, applicant, App(1_000_000_01, 1_000_000_01)).Single(c => c.Rule == "grant").Passed);
        Assert.False(FundEligibility.Evaluate(rules, applicant, App(0, 0)).Single(c => c.Rule == "grant").Passed);
    }
}
