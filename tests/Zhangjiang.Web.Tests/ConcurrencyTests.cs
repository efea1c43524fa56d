using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Linkage;
using Zhangjiang.Platform.Features.Organisations;
using Zhangjiang.Platform.Features.Plans;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;
using static Zhangjiang.Tests.Shared.Web.ApiAnswers;

namespace Zhangjiang.Web.Tests;

/// <summary>
/// Concurrent edits over HTTP on both providers. Two editors of each editable thing save from the same version at the
/// same moment: exactly one save lands, the other is told (409), and a re-read shows the winner's value whole. Then the
/// same action sent 20 times at once (submit, open, assign, the first save of a report or budget, the same statistics
/// file): exactly one succeeds, and the action's effect happens once.
/// </summary>
public sealed class ConcurrencyTests
{
    private sealed record Editable(string Name, Browser First, Browser Second, string Read, string Write, string Field,
        Func<JsonObject, JsonObject>? ToInput = null, string Method = "PUT");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_editors_of_each_editable_thing_one_lands_the_other_is_told_and_nothing_is_lost(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider, new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "1000" });
        var firm = Zhangjiang.Platform.Features.Enterprises.EnterpriseDemo.Code(41);
        await SeedFirmAsync(factory, firm);
        async Task<Browser> As(string name, string role, string? park = null, string? district = null, string? org = null) =>
            await factory.SignInAsync(await factory.CreateUserAsync(name, role, park: park, district: district, org: org));
        var city1 = await As("city-1", Roles.CityStaff);
        var city2 = await As("city-2", Roles.CityStaff);
        var admin = await As("city-admin", Roles.CityAdmin);
        var pm1 = await As("pm-1", Roles.ParkManager, park: "jinqiao");
        var pm2 = await As("pm-2", Roles.ParkManager, park: "jinqiao");
        var do1 = await As("do-1", Roles.DistrictOfficer, district: "310115");
        var do2 = await As("do-2", Roles.DistrictOfficer, district: "310115");
        var firm1 = await As("firm-1", Roles.Enterprise, org: firm);
        var firm2 = await As("firm-2", Roles.Enterprise, org: firm);

        // The things: a plan draft, the park profile, the district's mechanism, a linkage item, a draft call, an expert,
        // the firm's record, a submission, an application and a progress report.
        var plans = await Json<List<PlanSummary>>(city1.GetAsync("/api/v1/plans"));
        var jinqiaoPlan = plans.Single(p => p.ParkCode == "jinqiao").Id;
        var linkage = await Json<LinkageDetail>(city1.PostJsonAsync("/api/v1/linkage", new LinkageItemInput
        {
            Kind = LinkageKind.ReformTask, TitleZh = "并发测试事项", DueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(6), FeedbackEveryDays = 30,
            Units = [new(LinkageUnitKind.CityDepartment, "zjoffice", LinkageUnitRole.Lead), new(LinkageUnitKind.Park, "jinqiao", LinkageUnitRole.Co)],
            Nodes = [new("出台实施细则", NodeType.Approval, DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(2))],
        }));
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var callInput = new FundCallInput
        {
            Year = now.Year, TitleZh = "并发测试批次", OpensUtc = now.AddHours(-1), ClosesUtc = now.AddDays(10), ReviewDeadlineUtc = now.AddDays(20),
            Rules = FundCallRules.Template(["gradient-cultivation"], ["enterprise"]),
        };
        var draftCall = await Json<FundCallDetail>(city1.PostJsonAsync("/api/v1/fund/calls", callInput), HttpStatusCode.Created);
        var openCall = await FundSteps.OpenCallAsync(city1, callInput);
        var expert = await Json<FundExpertView>(city1.PostJsonAsync("/api/v1/fund/experts", new FundExpertInput { Name = "专家", Institution = "某大学", Topics = ["gradient-cultivation"] }),
            HttpStatusCode.Created);
        var application = await Json<FundApplicationDetail>(firm1.PostJsonAsync($"/api/v1/fund/calls/{openCall.Id}/applications", new { TopicCode = "gradient-cultivation" }),
            HttpStatusCode.Created);
        var round = await OpenRoundAsync(admin, factory);

        var things = new List<Editable>
        {
            new("plan", pm1, pm2, $"/api/v1/plans/{jinqiaoPlan}", $"/api/v1/plans/{jinqiaoPlan}", "titleZh"),
            new("park", pm1, pm2, "/api/v1/parks/jinqiao", "/api/v1/parks/jinqiao", "address"),
            new("district mechanism", do1, do2, "/api/v1/districts/310115", "/api/v1/districts/310115/mechanism", "leaderName", view =>
            {
                view["parkCodes"] = new JsonArray(view["parks"]!.AsArray().Select(p => (JsonNode?)JsonValue.Create(p!["code"]!.GetValue<string>())).ToArray());
                return view;
            }),
            new("linkage item", city1, city2, $"/api/v1/linkage/{linkage.Id}", $"/api/v1/linkage/{linkage.Id}", "titleZh", view =>
            {
                view["units"] = new JsonArray(view["units"]!.AsArray().Select(u => (JsonNode?)new JsonObject
                {
                    ["kind"] = u!["unit"]!["kind"]!.DeepClone(), ["code"] = u["unit"]!["code"]!.DeepClone(), ["role"] = u["role"]!.DeepClone(),
                }).ToArray());
                return view;
            }),
            new("fund call", city1, city2, $"/api/v1/fund/calls/{draftCall.Id}", $"/api/v1/fund/calls/{draftCall.Id}", "titleZh"),
            new("fund expert", city1, city2, "/api/v1/fund/experts", $"/api/v1/fund/experts/{expert.Id}", "institution", list => list),
            new("enterprise", firm1, firm2, $"/api/v1/enterprises/{firm}", $"/api/v1/enterprises/{firm}", "nameEn"),
            new("fund application", firm1, firm2, $"/api/v1/fund/applications/{application.Summary.Id}", $"/api/v1/fund/applications/{application.Summary.Id}", "projectTitle", view =>
            {
                view["projectTitle"] = view["summary"]!["projectTitle"]!.GetValue<string>();
                return view;
            }),
            new("evaluation submission", pm1, pm2, $"/api/v1/evaluation/rounds/{round}/submissions/jinqiao", $"/api/v1/evaluation/rounds/{round}/submissions/jinqiao", "values[0].value"),
        };

        var failures = new List<string>();
        foreach (var thing in things)
        {
            var view = await ReadAsync(thing.First, thing.Read, thing);
            var input = thing.ToInput?.Invoke(view) ?? view;
            var version = input["version"]!.GetValue<Guid>();
            var (mine, theirs) = (Value(thing.Field, "甲" + thing.Name), Value(thing.Field, "乙" + thing.Name));
            var first = Set(input, thing.Field, mine);
            var second = Set(input, thing.Field, theirs);
            var answers = await Task.WhenAll(Send(thing.First, thing.Method, thing.Write, first), Send(thing.Second, thing.Method, thing.Write, second));
            var statuses = answers.Select(a => a.StatusCode).ToList();
            if (statuses.Count(s => s == HttpStatusCode.OK) != 1 || statuses.Count(s => s == HttpStatusCode.Conflict) != 1)
            {
                failures.Add($"{thing.Name}: {string.Join(", ", statuses.Select(s => (int)s))} {await answers[0].Content.ReadAsStringAsync()} {await answers[1].Content.ReadAsStringAsync()}");
                continue;
            }
            var winner = statuses[0] == HttpStatusCode.OK ? mine : theirs;
            var loser = statuses[0] == HttpStatusCode.OK ? thing.Second : thing.First;
            var after = await ReadAsync(thing.First, thing.Read, thing);
            var afterInput = thing.ToInput?.Invoke(after) ?? after;
            if (Get(afterInput, thing.Field)?.ToJsonString() != winner.ToJsonString() || afterInput["version"]!.GetValue<Guid>() == version)
            {
                failures.Add($"{thing.Name}: after the race the value is {Get(afterInput, thing.Field)?.ToJsonString()}, expected {winner.ToJsonString()} with a new version");
            }
            // The editor who was told tries again from the same stale form: still told; the winner's value stays.
            var retry = await Send(loser, thing.Method, thing.Write, statuses[0] == HttpStatusCode.OK ? second : first);
            if (retry.StatusCode != HttpStatusCode.Conflict)
            {
                failures.Add($"{thing.Name}: a stale retry got {(int)retry.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_action_sent_20_times_at_once_succeeds_exactly_once(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider, new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "1000" });
        var firm = Zhangjiang.Platform.Features.Enterprises.EnterpriseDemo.Code(42);
        await SeedFirmAsync(factory, firm);
        var city = await factory.SignInAsync(await factory.CreateUserAsync("city", Roles.CityStaff));
        var pm = await factory.SignInAsync(await factory.CreateUserAsync("pm", Roles.ParkManager, park: "jinqiao"));
        var applicant = await factory.SignInAsync(await factory.CreateUserAsync("firm", Roles.Enterprise, org: firm));
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var callInput = new FundCallInput
        {
            Year = now.Year, TitleZh = "并发测试批次", OpensUtc = now.AddHours(-1), ClosesUtc = now.AddDays(10), ReviewDeadlineUtc = now.AddDays(20),
            Rules = FundCallRules.Template(["gradient-cultivation"], ["enterprise"]),
        };
        var results = new List<string>();

        async Task<HttpResponseMessage[]> TwentyAsync(string what, Func<Task<HttpResponseMessage>> send, HttpStatusCode success = HttpStatusCode.OK)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(send)));
            var statuses = answers.Select(a => a.StatusCode).ToList();
            var wins = statuses.Count(s => s == success);
            if (wins != 1 || statuses.Any(s => s != success && s != HttpStatusCode.Conflict))
            {
                var odd = answers.FirstOrDefault(a => a.StatusCode != success && a.StatusCode != HttpStatusCode.Conflict) ?? answers[0];
                results.Add($"{what}: {wins} succeeded; answers {string.Join(", ", statuses.GroupBy(s => (int)s).Select(g => $"{g.Key}×{g.Count()}"))}; e.g. {await odd.Content.ReadAsStringAsync()}");
            }
            return answers;
        }

        // The first save of a topic's budget for a year.
        await TwentyAsync("first budget save", () => city.PutJsonAsync($"/api/v1/fund/topics/gradient-cultivation/budgets/{now.Year}", new FundBudgetInput { AmountFen = 10_000_000_00 }));
        // Opening a call.
        var draft = await Json<FundCallDetail>(city.PostJsonAsync("/api/v1/fund/calls", callInput), HttpStatusCode.Created);
        await TwentyAsync("open a call", () => city.PostJsonAsync($"/api/v1/fund/calls/{draft.Id}/open", new VersionInput(draft.Version)));
        // Submitting an application: one tracking number.
        var started = await Json<FundApplicationDetail>(applicant.PostJsonAsync($"/api/v1/fund/calls/{draft.Id}/applications", new { TopicCode = "gradient-cultivation" }), HttpStatusCode.Created);
        var saved = await Json<FundApplicationDetail>(applicant.PutJsonAsync($"/api/v1/fund/applications/{started.Summary.Id}", FundSteps.Application(callInput.Rules, "gradient-cultivation", "并发提交项目", new DateOnly(now.Year + 1, 6, 30), started.Version)));
        await TwentyAsync("submit an application", () => applicant.PostJsonAsync($"/api/v1/fund/applications/{saved.Summary.Id}/submit", new VersionInput(saved.Version)));
        var submitted = await Json<List<FundApplicationSummary>>(city.GetAsync($"/api/v1/fund/applications?callId={draft.Id}"));
        Assert.Equal(FundApplicationStatus.Submitted, submitted.Single().Status);
        Assert.Matches(@"^ZJ\d{4}-\d{2}-0001$", submitted.Single().TrackingNumber);

        // Submitting a plan for review.
        var plan = (await Json<List<PlanSummary>>(pm.GetAsync("/api/v1/plans"))).Single(p => p.ParkCode == "jinqiao");
        var planDetail = await Json<PlanDetail>(pm.GetAsync($"/api/v1/plans/{plan.Id}"));
        planDetail = await Json<PlanDetail>(pm.PutJsonAsync($"/api/v1/plans/{plan.Id}", new PlanInput
        {
            TitleZh = "金桥园“一园一方案”", PositioningZh = planDetail.PositioningZh, Source = planDetail.Source,
            Targets = [new PlanTargetInput("规上工业总产值", null, "亿元", TargetDirection.Increase, 2500, 2023, 3000, 2026, null, null)], Version = planDetail.Version,
        }));
        await TwentyAsync("submit a plan", () => pm.PostJsonAsync($"/api/v1/plans/{plan.Id}/submit", new VersionInput(planDetail.Version)));

        // Assigning a linkage item: one assignment, the units asked to sign once.
        var item = await Json<LinkageDetail>(city.PostJsonAsync("/api/v1/linkage", new LinkageItemInput
        {
            Kind = LinkageKind.ReformTask, TitleZh = "并发指派事项", DueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(6), FeedbackEveryDays = 30,
            Units = [new(LinkageUnitKind.CityDepartment, "zjoffice", LinkageUnitRole.Lead), new(LinkageUnitKind.Park, "jinqiao", LinkageUnitRole.Co)],
            Nodes = [new("出台实施细则", NodeType.Approval, DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(2))],
        }));
        await TwentyAsync("assign a linkage item", () => city.PostJsonAsync($"/api/v1/linkage/{item.Id}/assign", new VersionInput(item.Version)));

        // The first save of a progress report for a period of a published plan.
        var yangpuManager = await factory.SignInAsync(await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));
        var yangpuPlan = (await Json<List<PlanSummary>>(yangpuManager.GetAsync("/api/v1/plans"))).Single(p => p.ParkCode == "yangpu");
        var period = (await Json<List<ReportPeriod>>(yangpuManager.GetAsync($"/api/v1/plans/{yangpuPlan.Id}/reports"))).First(p => p.Status is null).PeriodEnd;
        await TwentyAsync("first save of a progress report", () => yangpuManager.PutJsonAsync($"/api/v1/plans/{yangpuPlan.Id}/reports/{period:yyyy-MM-dd}",
            new PlanReportInput("进展", null, [], Guid.Empty)));

        // The same statistics file uploaded 20 times at once: imported once.
        var csv = $"credit_code,year,name,park,industry_code,revenue,employees,rd_expenditure\n{firm},2024,并发企业,jinqiao,6513,5000,100,800\n";
        await TwentyAsync("the same statistics file", () => pm.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/enterprise-statistics/imports?fileName=same.csv")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { { "Content-Type", "text/csv" } } },
        }));
        var imports = await (await pm.GetAsync("/api/v1/enterprise-statistics/imports")).Content.ReadAsStringAsync();
        Assert.Single(System.Text.Json.JsonDocument.Parse(imports).RootElement.EnumerateArray());

        Assert.True(results.Count == 0, string.Join("\n", results));
    }

    private static async Task SeedFirmAsync(ZjWebFactory factory, string firm)
    {
        await using var db = factory.Database.CreateContext();
        db.Actor = AuditActor.System;
        db.Organisations.Add(new Organisation { CreditCode = firm, NameZh = "并发测试企业", Kind = OrganisationKind.Enterprise, ParkCode = "jinqiao" });
        db.Enterprises.Add(new Zhangjiang.Platform.Features.Enterprises.Enterprise { CreditCode = firm, NameZh = "并发测试企业", ParkCode = "jinqiao" });
        await db.SaveChangesAsync();
    }

    private static async Task<Guid> OpenRoundAsync(Browser admin, ZjWebFactory factory)
    {
        var frameworks = await Json<List<Zhangjiang.Platform.Features.Evaluation.FrameworkSummary>>(admin.GetAsync("/api/v1/evaluation/frameworks"));
        var round = await Json<Zhangjiang.Platform.Features.Evaluation.RoundDetail>(admin.PostJsonAsync("/api/v1/evaluation/rounds", new Zhangjiang.Platform.Features.Evaluation.RoundInput
        {
            Year = 2025, FrameworkId = frameworks.Single(f => f.Family == "MOST-2021").Id, NameZh = "2025年度综合评价", NameEn = "2025 evaluation",
            DeadlineUtc = factory.Clock.GetUtcNow().UtcDateTime.AddDays(30),
            Method = new Zhangjiang.Platform.Features.Evaluation.EvaluationMethod { UncertaintyReplications = 100 },
        }), HttpStatusCode.Created);
        return round.Id;
    }

    /// <summary>The thing as JSON; for a list (the expert pool) the one row the write path names.</summary>
    private static async Task<JsonObject> ReadAsync(Browser browser, string path, Editable thing)
    {
        var node = JsonNode.Parse(await (await browser.GetAsync(path)).Content.ReadAsStringAsync())!;
        if (node is JsonArray rows)
        {
            var id = thing.Write[(thing.Write.LastIndexOf('/') + 1)..];
            return rows.Single(r => r!["id"]!.GetValue<string>() == id)!.AsObject();
        }
        return node.AsObject();
    }

    private static JsonNode Value(string field, string text) => field.EndsWith(".value", StringComparison.Ordinal)
        ? JsonValue.Create(text.StartsWith('甲') ? 111.0 : 222.0)
        : JsonValue.Create(text);

    private static JsonNode? Get(JsonObject input, string field)
    {
        JsonNode? node = input;
        foreach (var part in field.Split('.'))
        {
            node = part.EndsWith(']') ? node![part[..part.IndexOf('[', StringComparison.Ordinal)]]![int.Parse(part[(part.IndexOf('[', StringComparison.Ordinal) + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)] : node![part];
        }
        return node;
    }

    private static JsonObject Set(JsonObject input, string field, JsonNode value)
    {
        var copy = input.DeepClone().AsObject();
        var dot = field.LastIndexOf('.');
        var parent = dot < 0 ? copy : Get(copy, field[..dot])!.AsObject();
        parent[field[(dot + 1)..]] = value.DeepClone();
        return copy;
    }

    private static Task<HttpResponseMessage> Send(Browser browser, string method, string path, JsonObject body) =>
        browser.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") });
}
