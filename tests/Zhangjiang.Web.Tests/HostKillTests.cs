using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Organisations;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;
using static Zhangjiang.Tests.Shared.Web.ApiAnswers;

namespace Zhangjiang.Web.Tests;

/// <summary>
/// The web host killed with SIGKILL in the middle of a write — a round's computation, a fund call's approval — held at
/// the point where everything is written and nothing committed (FaultPoints). After the kill the database is whole
/// (audit chain intact; SQLite's integrity check passes), nothing of the write is there, and the same action, repeated
/// on a fresh host, goes through once. Both providers. (The statistics import's kill test is StatisticsImportKillTests.)
/// </summary>
public sealed class HostKillTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_host_killed_while_computing_a_round_leaves_no_result_and_the_computation_can_be_repeated(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider, new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "100" });
        var admin = await factory.SignInAsync(await factory.CreateUserAsync("city-admin", Roles.CityAdmin));
        var staff = await factory.SignInAsync(await factory.CreateUserAsync("city-staff", Roles.CityStaff));
        var framework = (await Json<List<FrameworkSummary>>(admin.GetAsync("/api/v1/evaluation/frameworks"))).Single(f => f.Family == "MOST-2021");
        var round = await Json<RoundDetail>(admin.PostJsonAsync("/api/v1/evaluation/rounds", new RoundInput
        {
            Year = 2025, FrameworkId = framework.Id, NameZh = "2025年度综合评价", NameEn = "2025 evaluation",
            DeadlineUtc = factory.Clock.GetUtcNow().UtcDateTime.AddDays(30), Method = new EvaluationMethod { UncertaintyReplications = 50 },
        }), HttpStatusCode.Created);
        var path = $"/api/v1/evaluation/rounds/{round.Id}";
        string[] parks = ["jiading", "yangpu", "minhang", "songjiang"];
        for (var p = 0; p < parks.Length; p++)
        {
            var manager = await factory.SignInAsync(await factory.CreateUserAsync(parks[p] + "-manager", Roles.ParkManager, park: parks[p]));
            var form = await Json<SubmissionDetail>(manager.GetAsync($"{path}/submissions/{parks[p]}"));
            var saved = await Json<SubmissionDetail>(manager.PutJsonAsync($"{path}/submissions/{parks[p]}", new SubmissionInput
            {
                Values = form.Values.Select((v, i) => new ValueInput(v.Code, 5 + ((p * 5 + i * 3) % 11) + p, null)).ToList(), Version = form.Version,
            }));
            var submitted = await Json<SubmissionDetail>(manager.PostJsonAsync($"{path}/submissions/{parks[p]}/submit", new VersionInput(saved.Version)));
            await Ok(staff.PostJsonAsync($"{path}/submissions/{parks[p]}/review", new Zhangjiang.Web.Features.Evaluation.EvaluationApi.ReviewBody(true, null, submitted.Version)));
        }
        var current = await Json<RoundDetail>(admin.GetAsync(path));
        await Ok(admin.PostJsonAsync(path + "/close", new VersionInput(current.Version)));
        var entriesBefore = await AuditCountAsync(factory);

        await using (var host = await HostProcess.StartAsync(factory.Database, FaultPoints.RoundResultWritten))
        {
            using var client = host.Client(admin);
            var computing = client.PostAsJsonAsync(new Uri(path + "/compute", UriKind.Relative), new { });
            await host.WaitUntilPausedAsync();
            await host.KillAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => computing);
        }

        await AssertWholeAsync(factory, provider);
        await using (var db = factory.Database.CreateContext())
        {
            Assert.Equal(0, await db.EvaluationResults.CountAsync(r => r.RoundId == round.Id));
        }
        Assert.Equal(entriesBefore, await AuditCountAsync(factory));

        var again = await Json<ComputationSummary>(admin.PostJsonAsync(path + "/compute", new { }));
        Assert.Equal(4, again.Parks);
        await using (var db = factory.Database.CreateContext())
        {
            Assert.Equal(1, await db.EvaluationResults.CountAsync(r => r.RoundId == round.Id));
        }
        await AssertWholeAsync(factory, provider);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_host_killed_while_approving_a_call_leaves_every_application_as_it_was_and_the_approval_can_be_repeated(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider, new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "1000" });
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var firms = new[] { Zhangjiang.Platform.Features.Enterprises.EnterpriseDemo.Code(51), Zhangjiang.Platform.Features.Enterprises.EnterpriseDemo.Code(52) };
        await using (var db = factory.Database.CreateContext())
        {
            db.Actor = AuditActor.System;
            foreach (var code in firms)
            {
                db.Enterprises.Add(new Zhangjiang.Platform.Features.Enterprises.Enterprise { CreditCode = code, NameZh = "企业" + code[^4..], ParkCode = "yangpu" });
                db.Organisations.Add(new Organisation { CreditCode = code, NameZh = "企业" + code[^4..], Kind = OrganisationKind.Enterprise, ParkCode = "yangpu" });
            }
            await db.SaveChangesAsync();
        }
        var cityUser = await factory.CreateUserAsync("city-staff", Roles.CityStaff);
        var adminUser = await factory.CreateUserAsync("city-admin", Roles.CityAdmin);
        var expertUser = await factory.CreateUserAsync("expert", Roles.Reviewer);
        var city = await factory.SignInAsync(cityUser);
        await Ok(city.PostJsonAsync("/api/v1/fund/experts", new FundExpertInput { Name = "专家", UserName = expertUser.UserName, Institution = "某大学", Topics = ["gradient-cultivation"] }),
            HttpStatusCode.Created);
        var rules = FundCallRules.Template(["gradient-cultivation"], ["enterprise"]) with { ExpertsPerApplication = 1, NoticeDays = 2 };
        var call = await FundSteps.OpenCallAsync(city, new FundCallInput
        {
            Year = now.Year, TitleZh = "张江专项", OpensUtc = now.AddHours(-1), ClosesUtc = now.AddDays(10), ReviewDeadlineUtc = now.AddDays(20), Rules = rules,
        }, budgetFen: 1_000_0000_00);
        var c = $"/api/v1/fund/calls/{call.Id}";
        var applications = new List<Guid>();
        for (var i = 0; i < firms.Length; i++)
        {
            var applicant = await factory.SignInAsync(await factory.CreateUserAsync($"firm-{i}", Roles.Enterprise, org: firms[i]));
            var started = await Json<FundApplicationDetail>(applicant.PostJsonAsync(c + "/applications", new { TopicCode = "gradient-cultivation" }), HttpStatusCode.Created);
            var saved = await Json<FundApplicationDetail>(applicant.PutJsonAsync($"/api/v1/fund/applications/{started.Summary.Id}", 
                FundSteps.Application(rules, "gradient-cultivation", $"项目{i}", new DateOnly(now.Year + 1, 12, 31), started.Version)));
            await Ok(applicant.PostJsonAsync($"/api/v1/fund/applications/{saved.Summary.Id}/submit", new VersionInput(saved.Version)));
            applications.Add(saved.Summary.Id);
        }

        // Submissions close, the formal review passes both, the expert scores them, the panel ranks, the notice runs.
        factory.Clock.SetUtcNow(new DateTimeOffset(now.AddDays(10).AddMinutes(1)));
        city = await factory.SignInAsync(cityUser);
        call = await Json<FundCallDetail>(city.GetAsync(c));
        await Ok(city.PostJsonAsync(c + "/close-submissions", new VersionInput(call.Version)));
        foreach (var id in applications)
        {
            var detail = await Json<FundApplicationDetail>(city.GetAsync($"/api/v1/fund/applications/{id}"));
            await Ok(city.PostJsonAsync($"/api/v1/fund/applications/{id}/formal-review", new FormalReviewInput
            {
                Decision = FormalReviewDecision.Pass, Items = rules.Checklist.Select(x => new ChecklistResult(x.Key, true, null)).ToList(), Version = detail.Version,
            }));
        }
        call = await Json<FundCallDetail>(city.GetAsync(c));
        await Ok(city.PostJsonAsync(c + "/expert-review", new VersionInput(call.Version)));
        var expert = await factory.SignInAsync(expertUser);
        foreach (var a in await Json<List<AssignmentSummary>>(expert.GetAsync("/api/v1/fund/assignments")))
        {
            var declared = await Json<AssignmentSummary>(expert.PostJsonAsync($"/api/v1/fund/assignments/{a.Id}/declaration", new DeclarationInput(false, null, a.Version)));
            await Ok(expert.PostJsonAsync($"/api/v1/fund/assignments/{a.Id}/scores",
                new ScoresInput(rules.Rubric.Select(r => new CriterionScoreInput(r.Key, 8, "意见")).ToList(), "建议支持。", declared.Version)));
        }
        factory.Clock.SetUtcNow(new DateTimeOffset(now.AddDays(20).AddMinutes(1)));
        city = await factory.SignInAsync(cityUser);
        call = await Json<FundCallDetail>(city.GetAsync(c));
        await Ok(city.PostJsonAsync(c + "/panel", new VersionInput(call.Version)));
        call = await Json<FundCallDetail>(city.GetAsync(c));
        await Ok(city.PostJsonAsync(c + "/notice", new VersionInput(call.Version)));
        var admin = await factory.SignInAsync(adminUser);
        // The host process runs on the real clock, which is 20 days behind this test's: the notice is made to have ended
        // by then (setup only; the approval's own check of the date is unchanged).
        await using (var db = factory.Database.CreateContext())
        {
            await db.FundCalls.Where(x => x.Id == call.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.NoticeEndsUtc, DateTime.UtcNow.AddHours(-1)));
        }
        call = await Json<FundCallDetail>(admin.GetAsync(c));
        var before = await StatusesAsync(factory, call.Id);
        Assert.All(before, s => Assert.Equal(FundApplicationStatus.Recommended, s));
        var entriesBefore = await AuditCountAsync(factory);

        await using (var host = await HostProcess.StartAsync(factory.Database, FaultPoints.FundApprovalWritten))
        {
            using var client = host.Client(admin);
            var approving = client.PostAsJsonAsync(new Uri(c + "/approval", UriKind.Relative), new VersionInput(call.Version));
            await host.WaitUntilPausedAsync();
            await host.KillAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => approving);
        }

        await AssertWholeAsync(factory, provider);
        Assert.Equal(before, await StatusesAsync(factory, call.Id));
        Assert.Equal(entriesBefore, await AuditCountAsync(factory));
        Assert.Equal(FundCallStatus.PublicNotice, (await Json<FundCallDetail>(admin.GetAsync(c))).Status);

        // Repeated on a fresh host (the real clock again), it goes through once.
        await using (var host = await HostProcess.StartAsync(factory.Database, pauseAt: null))
        {
            using var client = host.Client(admin);
            var approved = await client.PostAsJsonAsync(new Uri(c + "/approval", UriKind.Relative), new VersionInput(call.Version));
            Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        }
        Assert.All(await StatusesAsync(factory, call.Id), s => Assert.Equal(FundApplicationStatus.Approved, s));
        await AssertWholeAsync(factory, provider);
    }

    private static async Task<List<FundApplicationStatus>> StatusesAsync(ZjWebFactory factory, Guid callId)
    {
        await using var db = factory.Database.CreateContext();
        return await db.FundApplications.Where(a => a.CallId == callId).OrderBy(a => a.TrackingNumber).Select(a => a.Status).ToListAsync();
    }

    private static async Task<long> AuditCountAsync(ZjWebFactory factory)
    {
        await using var db = factory.Database.CreateContext();
        return await db.AuditEntries.LongCountAsync(a => a.Kind == AuditKind.Data);
    }

    /// <summary>The audit chain verifies to its head; on SQLite the file passes its integrity check.</summary>
    private static async Task AssertWholeAsync(ZjWebFactory factory, string provider)
    {
        var verification = await new AuditLogQuery(factory.Database.Factory()).VerifyAsync();
        Assert.True(verification.IsIntact, string.Join("; ", verification.Problems));
        await using var db = factory.Database.CreateContext();
        if (provider == "Sqlite")
        {
            Assert.Equal("ok", await db.Database.SqlQueryRaw<string>("SELECT integrity_check AS \"Value\" FROM pragma_integrity_check").SingleAsync());
        }
    }
}
