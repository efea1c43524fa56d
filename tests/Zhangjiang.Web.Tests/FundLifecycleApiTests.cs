using System.Net;
using System.Net.Http.Json;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Notifications;
using Zhangjiang.Platform.Features.Organisations;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.Web.Tests;

/// <summary>
/// One call through its whole life over HTTP, for both kinds of applicant in all three topics: budgets, call, six
/// applications, formal review, the draw, declarations and scores, panel, ranking, notice, approval, contracts, milestone
/// reports, mid-term check, payments, acceptance and close; with the notices each applicant was sent.
/// </summary>
public sealed class FundLifecycleApiTests
{
    private static readonly string[] Topics = ["park-construction", "gradient-cultivation", "innovation-ecosystem"];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_call_runs_from_opening_to_acceptance_for_both_kinds_in_all_three_topics(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider, new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "1000" });
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var year = now.Year;

        // Six applicants: in each topic an operating agency and an enterprise, each with an account.
        var applicants = new List<(string Topic, string Kind, string Code, TestUser User)>();
        await using (var db = factory.Database.CreateContext())
        {
            db.Actor = AuditActor.System;
            for (var i = 0; i < Topics.Length; i++)
            {
                var firm = EnterpriseDemo.Code(10 + i);
                var agency = EnterpriseDemo.Code(20 + i);
                db.Enterprises.Add(new Enterprise { CreditCode = firm, NameZh = $"示例科技企业{i + 1}", ParkCode = "yangpu" });
                db.Organisations.Add(new Organisation { CreditCode = firm, NameZh = $"示例科技企业{i + 1}", Kind = OrganisationKind.Enterprise, ParkCode = "yangpu" });
                db.Organisations.Add(new Organisation { CreditCode = agency, NameZh = $"园区运营公司{i + 1}", Kind = OrganisationKind.OperatingAgency, ParkCode = "jiading" });
                applicants.Add((Topics[i], "enterprise", firm, default!));
                applicants.Add((Topics[i], "operating-agency", agency, default!));
            }
            await db.SaveChangesAsync();
        }
        for (var i = 0; i < applicants.Count; i++)
        {
            var (topic, kind, code, _) = applicants[i];
            applicants[i] = (topic, kind, code, await factory.CreateUserAsync($"applicant-{i}", kind == "enterprise" ? Roles.Enterprise : Roles.Operator, org: code));
        }
        var cityUser = await factory.CreateUserAsync("city-staff", Roles.CityStaff);
        var adminUser = await factory.CreateUserAsync("city-admin", Roles.CityAdmin);
        var expertUsers = new[] { await factory.CreateUserAsync("expert-a", Roles.Reviewer), await factory.CreateUserAsync("expert-b", Roles.Reviewer) };
        // Moving the clock by days ends sessions: every phase signs in afresh.
        Task<Browser> As(TestUser user) => factory.SignInAsync(user);

        var city = await As(cityUser);
        foreach (var topic in Topics)
        {
            Assert.Equal(HttpStatusCode.OK, (await city.PutJsonAsync($"/api/v1/fund/topics/{topic}/budgets/{year}", new FundBudgetInput { AmountFen = 1_000_0000_00 })).StatusCode);
        }
        foreach (var (expert, i) in expertUsers.Select((e, i) => (e, i)))
        {
            var created = await city.PostJsonAsync("/api/v1/fund/experts", new FundExpertInput
            {
                Name = $"专家{i + 1}", UserName = expert.UserName, Institution = $"某大学{i + 1}", Topics = Topics, Available = true, MaxPerCall = 40,
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var rules = FundCallRules.Template(Topics, ["operating-agency", "enterprise"]) with { ExpertsPerApplication = 2, NoticeDays = 2, AdvancePercent = 40, FinalPercent = 30 };
        var draft = await Json<FundCallDetail>(await city.PostJsonAsync("/api/v1/fund/calls", new FundCallInput
        {
            Year = year, TitleZh = $"{year}年度张江专项", TitleEn = $"Zhangjiang fund {year}", OpensUtc = now.AddHours(-1), ClosesUtc = now.AddDays(10), ReviewDeadlineUtc = now.AddDays(20), Rules = rules,
        }), HttpStatusCode.Created);
        var call = await Json<FundCallDetail>(await city.PostJsonAsync($"/api/v1/fund/calls/{draft.Id}/open", new VersionInput(draft.Version)));
        var c = $"/api/v1/fund/calls/{call.Id}";

        // Each applicant drafts, saves and submits; the targets fall due at the end of next year and the year after.
        var apps = new Dictionary<string, Guid>();
        foreach (var (topic, kind, code, user) in applicants)
        {
            var browser = await As(user);
            var started = await Json<FundApplicationDetail>(await browser.PostJsonAsync(c + "/applications", new { TopicCode = topic }), HttpStatusCode.Created);
            var form = rules.Topics.Single(t => t.TopicCode == topic).Form;
            var saved = await Json<FundApplicationDetail>(await browser.PutJsonAsync($"/api/v1/fund/applications/{started.Summary.Id}", new FundApplicationInput
            {
                ProjectTitle = $"{topic} 项目（{kind}）",
                Answers = form.ToDictionary(f => f.Key, f => (string?)(f.Kind == FormFieldKind.Number ? "10" : f.Kind == FormFieldKind.Choice ? f.Options[0] : "内容")),
                BudgetLines = [new("设备购置费", null, 100_0000_00, 100_0000_00)],
                Targets = [new("服务企业数", "家", 0, 50, new DateOnly(year + 1, 12, 31)), new("新增收入", "万元", 0, 500, new DateOnly(year + 2, 12, 31))],
                Team = [new("张伟", "高级工程师", null, "项目负责人")],
                Version = started.Version,
            }));
            Assert.Equal(HttpStatusCode.OK, (await browser.PostJsonAsync($"/api/v1/fund/applications/{saved.Summary.Id}/submit", new VersionInput(saved.Version))).StatusCode);
            apps[code] = saved.Summary.Id;
        }

        // Submissions close; the formal review passes all six; the experts are drawn.
        factory.Clock.SetUtcNow(new DateTimeOffset(now.AddDays(10).AddMinutes(1)));
        city = await As(cityUser);
        call = await Json<FundCallDetail>(await city.GetAsync(c));
        call = await Json<FundCallDetail>(await city.PostJsonAsync(c + "/close-submissions", new VersionInput(call.Version)));
        foreach (var id in apps.Values)
        {
            var detail = await Json<FundApplicationDetail>(await city.GetAsync($"/api/v1/fund/applications/{id}"));
            Assert.Equal(HttpStatusCode.OK, (await city.PostJsonAsync($"/api/v1/fund/applications/{id}/formal-review", new FormalReviewInput
            {
                Decision = FormalReviewDecision.Pass, Items = rules.Checklist.Select(i => new ChecklistResult(i.Key, true, null)).ToList(), Version = detail.Version,
            })).StatusCode);
        }
        call = await Json<FundCallDetail>(await city.GetAsync(c));
        Assert.Equal(HttpStatusCode.OK, (await city.PostJsonAsync(c + "/expert-review", new VersionInput(call.Version))).StatusCode);

        // Each expert declares and scores all six: expert A gives the enterprises 9 and the agencies 8, expert B one point less.
        foreach (var (expert, i) in expertUsers.Select((e, i) => (e, i)))
        {
            var browser = await As(expert);
            var assignments = await Json<List<AssignmentSummary>>(await browser.GetAsync("/api/v1/fund/assignments"));
            Assert.Equal(6, assignments.Count);
            foreach (var a in assignments)
            {
                var declared = await Json<AssignmentSummary>(await browser.PostJsonAsync($"/api/v1/fund/assignments/{a.Id}/declaration", new DeclarationInput(false, null, a.Version)));
                var score = (applicants.Single(p => apps[p.Code] == a.ApplicationId).Kind == "enterprise" ? 9 : 8) - i;
                Assert.Equal(HttpStatusCode.OK, (await browser.PostJsonAsync($"/api/v1/fund/assignments/{a.Id}/scores",
                    new ScoresInput(rules.Rubric.Select(r => new CriterionScoreInput(r.Key, score, "意见")).ToList(), "建议支持。", declared.Version))).StatusCode);
            }
        }

        // Panel, ranking, public notice; approval after the notice.
        factory.Clock.SetUtcNow(new DateTimeOffset(now.AddDays(20).AddMinutes(1)));
        city = await As(cityUser);
        call = await Json<FundCallDetail>(await city.GetAsync(c));
        Assert.Equal(HttpStatusCode.OK, (await city.PostJsonAsync(c + "/panel", new VersionInput(call.Version))).StatusCode);
        var ranking = await Json<List<RankingTopic>>(await city.GetAsync(c + "/ranking"));
        Assert.Equal(Topics.Order(), ranking.Select(t => t.TopicCode).Order());
        Assert.All(ranking, t => Assert.Equal([LineOutcome.Funded, LineOutcome.Funded], t.Rows.Select(r => r.Outcome)));
        call = await Json<FundCallDetail>(await city.GetAsync(c));
        Assert.Equal(HttpStatusCode.OK, (await city.PostJsonAsync(c + "/notice", new VersionInput(call.Version))).StatusCode);
        factory.Clock.SetUtcNow(new DateTimeOffset(now.AddDays(23)));
        var admin = await As(adminUser);
        call = await Json<FundCallDetail>(await admin.GetAsync(c));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync(c + "/approval", new VersionInput(call.Version))).StatusCode);

        // Contracts: signed by the city; each contractor reports the interim milestone, the city accepts it and pays the
        // first two tranches; after the final report the city rates every KPI met, the project passes and closes when paid.
        city = await As(cityUser);
        var start = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        foreach (var (topic, kind, code, user) in applicants)
        {
            var a = $"/api/v1/fund/applications/{apps[code]}";
            var detail = await Json<FundApplicationDetail>(await city.GetAsync(a));
            Assert.Equal(FundApplicationStatus.Approved, detail.Summary.Status);
            var contract = await Json<ContractView>(await city.PostJsonAsync(a + "/contract", new SignContractInput(start, detail.Version)), HttpStatusCode.Created);
            Assert.Equal([40_0000_00L, 30_0000_00L, 30_0000_00L], contract.Tranches.Select(t => t.AmountFen));
            contract = await Json<ContractView>(await city.PostJsonAsync(a + "/contract/tranches/1/payment", new PaymentInput(start, $"PZ-{code[^4..]}-1", contract.Version)));

            var contractor = await As(user);
            contract = await Json<ContractView>(await contractor.PostJsonAsync(a + "/contract/milestones/1/report",
                new MilestoneReportInput([new KpiActual(contract.Kpis[0].Id, 55)], "第一阶段完成。", contract.Version)));
            contract = await Json<ContractView>(await city.PostJsonAsync(a + "/contract/milestones/1/review", new MilestoneReviewInput(true, "同意。", contract.Version)));
            contract = await Json<ContractView>(await city.PostJsonAsync(a + "/contract/midterm", new MidtermInput(MidtermOutcome.Satisfactory, "进展良好。", contract.Version)));
            contract = await Json<ContractView>(await city.PostJsonAsync(a + "/contract/tranches/2/payment", new PaymentInput(start, $"PZ-{code[^4..]}-2", contract.Version)));
            contract = await Json<ContractView>(await contractor.PostJsonAsync(a + "/contract/milestones/2/report",
                new MilestoneReportInput(contract.Kpis.Select(k => new KpiActual(k.Id, k.TargetValue)).ToList(), "全部完成。", contract.Version)));
            contract = await Json<ContractView>(await city.PostJsonAsync(a + "/contract/acceptance",
                new AcceptanceInput(contract.Kpis.Select(k => new KpiRatingInput(k.Id, k.Suggested, null)).ToList(), "验收通过。", contract.Version)));
            Assert.Equal((FundApplicationStatus.Accepted, 100.0), (contract.Status, contract.PerformanceScore));
            contract = await Json<ContractView>(await city.PostJsonAsync(a + "/contract/tranches/3/payment", new PaymentInput(start, $"PZ-{code[^4..]}-3", contract.Version)));
            Assert.Equal((FundApplicationStatus.Closed, 100_0000_00L), (contract.Status, contract.PaidFen));
        }
        var closed = await Json<List<ContractRow>>(await city.GetAsync("/api/v1/fund/contracts"));
        Assert.Equal(6, closed.Count(r => r.Status == FundApplicationStatus.Closed));

        // The statistics: six applications and awards over three topics, 600 万元 granted and paid; a park manager sees its
        // park's only (the three enterprises are in yangpu); an applicant none.
        var stats = await Json<FundStatistics>(await city.GetAsync($"/api/v1/fund/statistics?year={year}"));
        Assert.Equal((6, 6, 600_0000_00L, 600_0000_00L), (stats.Rows.Sum(r => r.Applications), stats.Rows.Sum(r => r.Awards), stats.Rows.Sum(r => r.GrantedFen), stats.Rows.Sum(r => r.PaidFen)));
        Assert.Equal(Topics.Order(), stats.By(r => r.TopicCode).Select(t => t.Key));
        Assert.Equal([("jiading", 3), ("yangpu", 3)], stats.By(r => r.ParkCode!).Select(t => (t.Key, t.Awards)));
        Assert.All(stats.Rows, r => Assert.Equal(100.0, r.AveragePerformance));
        var parkManager = await As(await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));
        var parkStats = await Json<FundStatistics>(await parkManager.GetAsync("/api/v1/fund/statistics"));
        Assert.Equal(["enterprise"], parkStats.Rows.Select(r => r.KindCode).Distinct());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await As(applicants[0].User)).GetAsync("/api/v1/fund/statistics")).StatusCode);
        var workbook = await city.GetAsync($"/api/v1/fund/statistics.xlsx?year={year}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook.Content.Headers.ContentType?.MediaType);
        using (var book = new MemoryStream(await workbook.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal(["按专题 By topic", "按主体 By kind", "按园区 By park", "按年度 By year", "明细 All cells"], MiniExcelLibs.MiniExcel.GetSheetNames(book));
            var byTopic = MiniExcelLibs.MiniExcel.Query(book, useHeaderRow: true, sheetName: "按专题 By topic").Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(3, byTopic.Count);
            Assert.All(byTopic, r => Assert.Equal(200.0, Convert.ToDouble(r["立项资助（万元）Granted"], System.Globalization.CultureInfo.InvariantCulture)));
        }

        // Open data, public: each grant in the 360Giving shape with the credit code as the recipient's id, amounts in yuan.
        var open = await factory.Browser().GetAsync($"/api/v1/fund/open-data/grants.json?year={year}");
        var openJson = System.Text.Json.JsonDocument.Parse(await open.Content.ReadAsStringAsync()).RootElement.GetProperty("grants");
        Assert.Equal(6, openJson.GetArrayLength());
        var grant = openJson.EnumerateArray().Single(g => g.GetProperty("recipientOrganization")[0].GetProperty("id").GetString() == "CN-USCC-" + applicants[0].Code);
        Assert.StartsWith("360G-zhangjiang-ZJ", grant.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(("CNY", 1_000_000m, 1_000_000m), (grant.GetProperty("currency").GetString(), grant.GetProperty("amountAwarded").GetDecimal(), grant.GetProperty("amountDisbursed").GetDecimal()));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", grant.GetProperty("awardDate").GetString());
        Assert.Equal(call.Code, grant.GetProperty("grantProgramme")[0].GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await factory.Browser().GetAsync("/api/v1/fund/open-data/grants.xlsx")).StatusCode);

        // Each applicant was told of every move from submission to close, in its own inbox only; reading them clears the count.
        var (_, _, firstCode, firstUser) = applicants[0];
        var inbox = await As(firstUser);
        var page = await Json<NotificationPage>(await inbox.GetAsync("/api/v1/notifications"));
        Assert.Equal(
            ["已提交", "专家评审中", "拟立项", "已立项", "已签约", "已验收", "已结项"],
            page.Items.Where(n => n.Text.Contains("状态变为", StringComparison.Ordinal)).Reverse()
                .Select(n => n.Text[(n.Text.IndexOf('“', StringComparison.Ordinal) + 1)..n.Text.IndexOf('”', StringComparison.Ordinal)]).ToList());
        Assert.All(page.Items, n => Assert.Contains(apps[firstCode].ToString(), n.Link ?? "", StringComparison.Ordinal));
        Assert.True(page.Unread > 0);
        Assert.Equal(HttpStatusCode.OK, (await inbox.PostJsonAsync("/api/v1/notifications/read", new NotificationsMarkRead(null))).StatusCode);
        Assert.Equal(0, (await Json<NotificationPage>(await inbox.GetAsync("/api/v1/notifications"))).Unread);
        // Another applicant's notices are still unread: reading is per user.
        Assert.True((await Json<NotificationPage>(await (await As(applicants[1].User)).GetAsync("/api/v1/notifications?unread=true"))).Unread > 0);
    }

    private sealed record NotificationsMarkRead(IReadOnlyList<long>? Ids);

    private static async Task<T> Json<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
    }
}
