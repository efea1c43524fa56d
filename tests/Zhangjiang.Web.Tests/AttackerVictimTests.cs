using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Organisations;
using Zhangjiang.Platform.Features.Plans;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;
using static Zhangjiang.Tests.Shared.Web.ApiAnswers;

namespace Zhangjiang.Web.Tests;

/// <summary>
/// The attacker/victim suite: side B (嘉定 park, its manager, a firm of the park, the expert assigned to the firm's
/// application) owns one of each resource kind — park, plan draft, plan report and its file, evaluation submission with
/// evidence, fund application with attachment, expert review, enterprise record with contacts, statistics import, and the
/// exports over them — each carrying the marker text <see cref="Secret"/>. Side A (杨浦 park's manager, 杨浦's district
/// officer, a firm of 杨浦, an expert not assigned) asks for each item, list, export and file, and tries each write.
/// Every item answer is 403/404, every list and export leaves B's rows out, no answer carries the marker, and no refused
/// write changes a row (the data audit trail does not grow). The owner reads each item first, so a probe that finds
/// nothing for anyone cannot pass by accident. Then the owners post bodies with fields they do not own (status, park,
/// score, tracking number, applicant): each is ignored.
/// </summary>
public sealed class AttackerVictimTests
{
    private const string Secret = "乙方机密";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

    /// <param name="Marked">Whether the owner's answer carries the marker (false where the answer is figures or statuses only).</param>
    private sealed record Probe(string Kind, string Method, string Path, object? Body, string Owner, ProbeShape Shape, bool Marked = true);

    private enum ProbeShape
    {
        /// <summary>One of B's things: the owner reads it (with the marker when it is text); A gets 403/404.</summary>
        Item,
        /// <summary>A list or export: the owner's answer shows B's rows; A's answer may be 200 but without them.</summary>
        List,
        /// <summary>A change to B's thing: A gets 403/404 (the owner is not called).</summary>
        Write,
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Users_of_another_park_firm_district_or_assignment_get_nothing_of_B_and_change_nothing(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider, new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "1000" });
        var firmA = Zhangjiang.Platform.Features.Enterprises.EnterpriseDemo.Code(31);
        var firmB = Zhangjiang.Platform.Features.Enterprises.EnterpriseDemo.Code(32);
        await using (var db = factory.Database.CreateContext())
        {
            db.Actor = AuditActor.System;
            db.Organisations.Add(new Organisation { CreditCode = firmA, NameZh = "甲方企业", Kind = OrganisationKind.Enterprise, ParkCode = "yangpu" });
            db.Organisations.Add(new Organisation { CreditCode = firmB, NameZh = Secret + "企业", Kind = OrganisationKind.Enterprise, ParkCode = "jiading" });
            await db.SaveChangesAsync();
        }
        var users = new Dictionary<string, TestUser>
        {
            ["city-staff"] = await factory.CreateUserAsync("city-staff", Roles.CityStaff),
            ["city-admin"] = await factory.CreateUserAsync("city-admin", Roles.CityAdmin),
            ["pm-b"] = await factory.CreateUserAsync("pm-b", Roles.ParkManager, park: "jiading"),
            ["firm-b"] = await factory.CreateUserAsync("firm-b", Roles.Enterprise, org: firmB),
            ["expert-b"] = await factory.CreateUserAsync("expert-b", Roles.Reviewer),
            ["pm-a"] = await factory.CreateUserAsync("pm-a", Roles.ParkManager, park: "yangpu"),
            ["do-a"] = await factory.CreateUserAsync("do-a", Roles.DistrictOfficer, district: "310110"),
            ["firm-a"] = await factory.CreateUserAsync("firm-a", Roles.Enterprise, org: firmA),
            ["expert-a"] = await factory.CreateUserAsync("expert-a", Roles.Reviewer),
        };
        string[] attackers = ["pm-a", "do-a", "firm-a", "expert-a"];

        // The fund first, because its phases move the clock (which ends sessions): B's application with an attachment,
        // drawn to expert B (the only available expert), who declares and scores it. Expert A is registered but unavailable.
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var city = await factory.SignInAsync(users["city-staff"]);
        await Ok(city.PostJsonAsync("/api/v1/fund/experts", new FundExpertInput { Name = "专家乙", UserName = "expert-b", Institution = "某大学", Topics = ["gradient-cultivation"] }), HttpStatusCode.Created);
        await Ok(city.PostJsonAsync("/api/v1/fund/experts", new FundExpertInput { Name = "专家甲", UserName = "expert-a", Institution = "某研究所", Topics = ["gradient-cultivation"], Available = false }), HttpStatusCode.Created);
        var rules = FundCallRules.Template(["gradient-cultivation"], ["enterprise"]) with { ExpertsPerApplication = 1 };
        var call = await FundSteps.OpenCallAsync(city, new FundCallInput
        {
            Year = now.Year, TitleZh = "张江专项", OpensUtc = now.AddHours(-1), ClosesUtc = now.AddDays(10), ReviewDeadlineUtc = now.AddDays(20), Rules = rules,
        });
        var firmBrowser = await factory.SignInAsync(users["firm-b"]);
        var started = await Json<FundApplicationDetail>(firmBrowser.PostJsonAsync($"/api/v1/fund/calls/{call.Id}/applications", new { TopicCode = "gradient-cultivation" }), HttpStatusCode.Created);
        var application = $"/api/v1/fund/applications/{started.Summary.Id}";
        var input = FundSteps.Application(rules, "gradient-cultivation", Secret + "项目", new DateOnly(now.Year + 1, 6, 30), started.Version, text: Secret + "内容");
        // Mass assignment: status, tracking number, applicant, park and money in the body are not the applicant's to set.
        var saved = await Json<FundApplicationDetail>(firmBrowser.PutJsonAsync(application, Extend(input, new()
        {
            ["status"] = "Approved", ["trackingNumber"] = "ZJ1999-01-0001", ["applicantCreditCode"] = firmA, ["parkCode"] = "yangpu", ["grantedFen"] = 999_999_999, ["kindCode"] = "operating-agency",
        })));
        Assert.Equal((FundApplicationStatus.Draft, null, firmB, "jiading", "enterprise"),
            (saved.Summary.Status, saved.Summary.TrackingNumber, saved.Summary.ApplicantCreditCode, saved.Summary.ParkCode, saved.Summary.KindCode));
        var attachment = (await Json<List<FundAttachmentView>>(firmBrowser.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{application}/attachments?fileName={Secret}方案.pdf") { Content = new ByteArrayContent(Pdf) }))).Single();
        var current = await Json<FundApplicationDetail>(firmBrowser.GetAsync(application));
        await Ok(firmBrowser.PostJsonAsync($"{application}/submit", new VersionInput(current.Version)));

        factory.Clock.SetUtcNow(new DateTimeOffset(now.AddDays(10).AddMinutes(1)));
        city = await factory.SignInAsync(users["city-staff"]);
        call = await Json<FundCallDetail>(city.GetAsync($"/api/v1/fund/calls/{call.Id}"));
        await Ok(city.PostJsonAsync($"/api/v1/fund/calls/{call.Id}/close-submissions", new VersionInput(call.Version)));
        current = await Json<FundApplicationDetail>(city.GetAsync(application));
        await Ok(city.PostJsonAsync($"{application}/formal-review", new FormalReviewInput
        {
            Decision = FormalReviewDecision.Pass, Items = rules.Checklist.Select(i => new ChecklistResult(i.Key, true, null)).ToList(), Version = current.Version,
        }));
        call = await Json<FundCallDetail>(city.GetAsync($"/api/v1/fund/calls/{call.Id}"));
        await Ok(city.PostJsonAsync($"/api/v1/fund/calls/{call.Id}/expert-review", new VersionInput(call.Version)));
        var expertB = await factory.SignInAsync(users["expert-b"]);
        var assignment = (await Json<List<AssignmentSummary>>(expertB.GetAsync("/api/v1/fund/assignments"))).Single();
        var declared = await Json<AssignmentSummary>(expertB.PostJsonAsync($"/api/v1/fund/assignments/{assignment.Id}/declaration", new DeclarationInput(false, null, assignment.Version)));
        // Mass assignment: a total, a status or another application in the scores body are not the expert's to set.
        var scored = await Json<AssignmentSummary>(expertB.PostJsonAsync($"/api/v1/fund/assignments/{assignment.Id}/scores", Extend(
            new ScoresInput(rules.Rubric.Select(r => new CriterionScoreInput(r.Key, 6, Secret + "评语")).ToList(), Secret + "总体意见", declared.Version),
            new() { ["weightedScore"] = 100, ["status"] = "Conflict", ["applicationId"] = Guid.NewGuid() })));
        Assert.Equal(started.Summary.Id, scored.ApplicationId);
        Assert.NotEqual(100.0, scored.WeightedScore);
        Assert.Equal(ReviewAssignmentStatus.Submitted, scored.Status);
        var assignmentPath = $"/api/v1/fund/assignments/{assignment.Id}";

        // Everyone signs in after the last clock move.
        var browsers = new Dictionary<string, Browser>();
        foreach (var (name, user) in users)
        {
            browsers[name] = await factory.SignInAsync(user);
        }
        city = browsers["city-staff"];
        var pmB = browsers["pm-b"];

        // Enterprise and statistics: B's manager imports the firm's year (the file named with the marker), then records contacts.
        var csv = "credit_code,year,name,park,industry_code,revenue,employees,rd_expenditure\n"
            + $"{firmB},2024,{Secret}企业,jiading,6513,5000,100,800\n";
        await Ok(pmB.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/enterprise-statistics/imports?fileName={Secret}统计.csv")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { { "Content-Type", "text/csv" } } },
        }));
        await Ok(browsers["pm-a"].SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/enterprise-statistics/imports?fileName=a.csv")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.Split('\n')[0] + $"\n{firmA},2024,甲方企业,yangpu,6513,7000,120,900\n")) { Headers = { { "Content-Type", "text/csv" } } },
        }));
        await Ok(city.PostJsonAsync("/api/v1/enterprise-statistics/rollup/compute", new { }));
        var firm = await Json<Zhangjiang.Platform.Features.Enterprises.EnterpriseProfile>(pmB.GetAsync($"/api/v1/enterprises/{firmB}"));
        // Mass assignment: the park, the demo flag and tier counts are not the editor's to set through the profile.
        firm = await Json<Zhangjiang.Platform.Features.Enterprises.EnterpriseProfile>(pmB.PutJsonAsync($"/api/v1/enterprises/{firmB}", Extend(
            new Zhangjiang.Platform.Features.Enterprises.EnterpriseInput { NameZh = Secret + "企业", IndustryCode = "6513", ContactName = Secret + "联系人", ContactPhone = "13800000000", Version = firm.Version },
            new() { ["parkCode"] = "yangpu", ["isDemo"] = true, ["tiersAwarded"] = 9, ["creditCode"] = firmA })));
        Assert.Equal(("jiading", false, firmB), (firm.ParkCode, firm.IsDemo, firm.CreditCode));

        // Plan: a draft revision of 嘉定's published plan, and a draft progress report with an evidence file.
        var planSummary = (await Json<List<PlanSummary>>(city.GetAsync("/api/v1/plans"))).Single(p => p.ParkCode == "jiading");
        var plan = $"/api/v1/plans/{planSummary.Id}";
        var period = (await Json<List<ReportPeriod>>(pmB.GetAsync(plan + "/reports"))).First(p => p.Status is null).PeriodEnd;
        var report = $"{plan}/reports/{period:yyyy-MM-dd}";
        // Mass assignment: a report's status is not set by saving it.
        var draftReport = await Json<PlanReportView>(pmB.PutJsonAsync(report, Extend(new PlanReportInput(Secret + "进展", null, [], Guid.Empty), new() { ["status"] = "Submitted" })));
        Assert.Equal(PlanReportStatus.Draft, draftReport.Status);
        var reportFile = (await Json<PlanReportView>(pmB.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{report}/files?fileName={Secret}证明.pdf") { Content = new ByteArrayContent(Pdf) }))).Files.Single();
        var published = await Json<PlanDetail>(pmB.GetAsync(plan));
        var revision = await Json<PlanDetail>(pmB.PostJsonAsync(plan + "/revision", new VersionInput(published.Version)));
        // Mass assignment: workflow, park and publication are not set by saving a draft.
        var revised = await Json<PlanDetail>(pmB.PutJsonAsync(plan, Extend(new PlanInput
        {
            TitleZh = Secret + "方案", PositioningZh = revision.PositioningZh, Source = revision.Source,
            Targets = revision.Targets.Select(t => new PlanTargetInput(t.NameZh, t.NameEn, t.Unit, t.Direction, t.Baseline, t.BaselineYear, t.TargetValue, t.TargetYear, t.IndicatorCode, t.Source, t.Key)).ToList(),
            Version = revision.Version,
        }, new() { ["workflow"] = "Published", ["parkCode"] = "yangpu", ["versionNumber"] = 1, ["publishedUtc"] = "2020-01-01T00:00:00Z" })));
        Assert.Equal((PlanWorkflow.Drafting, "jiading", revision.VersionNumber, Secret + "方案"), (revised.Workflow, revised.ParkCode, revised.VersionNumber, revised.TitleZh));

        // Evaluation: a round; B's manager saves values with an explanation and attaches evidence.
        var admin = browsers["city-admin"];
        var framework = (await Json<List<FrameworkSummary>>(admin.GetAsync("/api/v1/evaluation/frameworks"))).Single(f => f.Family == "MOST-2021");
        var round = await Json<RoundDetail>(admin.PostJsonAsync("/api/v1/evaluation/rounds", new RoundInput
        {
            Year = 2025, FrameworkId = framework.Id, NameZh = "2025年度综合评价", NameEn = "2025 evaluation",
            DeadlineUtc = factory.Clock.GetUtcNow().UtcDateTime.AddDays(30), Method = new EvaluationMethod { UncertaintyReplications = 100 },
        }), HttpStatusCode.Created);
        var submission = $"/api/v1/evaluation/rounds/{round.Id}/submissions/jiading";
        var form = await Json<SubmissionDetail>(pmB.GetAsync(submission));
        // Mass assignment: status, park and review comment are not the park's to set.
        var filled = await Json<SubmissionDetail>(pmB.PutJsonAsync(submission, Extend(new SubmissionInput
        {
            Values = [new ValueInput(form.Values[0].Code, 12345, Secret + "说明")], Version = form.Version,
        }, new() { ["status"] = "Accepted", ["parkCode"] = "yangpu", ["reviewComment"] = "ok", ["score"] = 100 })));
        Assert.Equal((SubmissionStatus.Draft, "jiading", null), (filled.Status, filled.ParkCode, filled.ReviewComment));
        var evidence = (await Json<List<EvidenceView>>(pmB.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{submission}/evidence?fileName={Secret}证据.pdf") { Content = new ByteArrayContent(Pdf) }))).Single();

        var probes = new List<Probe>
        {
            // park
            new("park", "PUT", "/api/v1/parks/jiading", new { website = "https://attacker.example", version = Guid.NewGuid() }, "pm-b", ProbeShape.Write),
            // plan
            new("plan", "GET", $"{plan}", null, "pm-b", ProbeShape.List),
            new("plan", "GET", "/api/v1/plans", null, "pm-b", ProbeShape.List),
            new("plan", "PUT", plan, new PlanInput { TitleZh = "attack", Version = revised.Version }, "pm-b", ProbeShape.Write),
            new("plan", "POST", plan + "/submit", new VersionInput(revised.Version), "pm-b", ProbeShape.Write),
            new("plan", "POST", plan + "/weak-links", new WeakLinkInput(Guid.NewGuid(), "D1_1", false, revised.Version), "pm-b", ProbeShape.Write),
            // plan report and its file
            new("plan report", "GET", report, null, "pm-b", ProbeShape.Item),
            new("plan report", "GET", plan + "/reports", null, "pm-b", ProbeShape.List, Marked: false),
            new("attachment", "GET", $"{report}/files/{reportFile.Id}", null, "pm-b", ProbeShape.Item),
            new("plan report", "PUT", report, new PlanReportInput("attack", null, [], draftReport.Version), "pm-b", ProbeShape.Write),
            new("plan report", "POST", report + "/submit", new PlanReportInput("attack", null, [], draftReport.Version), "pm-b", ProbeShape.Write),
            // submission and evidence
            new("submission", "GET", submission, null, "pm-b", ProbeShape.Item),
            new("submission", "GET", submission + "/evidence", null, "pm-b", ProbeShape.Item),
            new("attachment", "GET", $"{submission}/evidence/{evidence.Id}", null, "pm-b", ProbeShape.Item),
            new("export", "GET", submission + "/template.xlsx", null, "pm-b", ProbeShape.Item),
            new("submission", "GET", $"/api/v1/evaluation/rounds/{round.Id}", null, "city-staff", ProbeShape.List, Marked: false),
            new("submission", "PUT", submission, new SubmissionInput { Values = [new ValueInput(form.Values[0].Code, 1, null)], Version = filled.Version }, "pm-b", ProbeShape.Write),
            new("submission", "POST", submission + "/submit", new VersionInput(filled.Version), "pm-b", ProbeShape.Write),
            new("attachment", "POST", submission + "/evidence?fileName=x.pdf", Pdf, "pm-b", ProbeShape.Write),
            new("attachment", "DELETE", $"{submission}/evidence/{evidence.Id}", null, "pm-b", ProbeShape.Write),
            // application and attachment
            new("application", "GET", application, null, "firm-b", ProbeShape.Item),
            new("application", "GET", application + "/checks", null, "firm-b", ProbeShape.Item),
            new("export", "GET", application + "/copy", null, "firm-b", ProbeShape.Item),
            new("attachment", "GET", $"{application}/attachments/{attachment.Id}", null, "firm-b", ProbeShape.Item),
            new("application", "GET", "/api/v1/fund/applications", null, "firm-b", ProbeShape.List),
            new("export", "GET", "/api/v1/fund/applications.xlsx", null, "city-staff", ProbeShape.List),
            new("application", "PUT", application, input with { Version = saved.Version }, "firm-b", ProbeShape.Write),
            new("application", "POST", application + "/submit", new VersionInput(saved.Version), "firm-b", ProbeShape.Write),
            new("attachment", "POST", application + "/attachments?fileName=x.pdf", Pdf, "firm-b", ProbeShape.Write),
            new("attachment", "DELETE", $"{application}/attachments/{attachment.Id}", null, "firm-b", ProbeShape.Write),
            new("application", "POST", application + "/decline", new { reason = "attack", version = saved.Version }, "firm-b", ProbeShape.Write),
            // review
            new("review", "GET", assignmentPath + "/form", null, "expert-b", ProbeShape.Item),
            new("attachment", "GET", $"{assignmentPath}/attachments/{attachment.Id}", null, "expert-b", ProbeShape.Item),
            new("review", "GET", "/api/v1/fund/assignments", null, "expert-b", ProbeShape.List),
            new("review", "POST", assignmentPath + "/declaration", new DeclarationInput(true, "attack", scored.Version), "expert-b", ProbeShape.Write),
            new("review", "POST", assignmentPath + "/scores", new ScoresInput(rules.Rubric.Select(r => new CriterionScoreInput(r.Key, 1, null)).ToList(), null, scored.Version), "expert-b", ProbeShape.Write),
            // enterprise
            new("enterprise", "GET", $"/api/v1/enterprises/{firmB}", null, "pm-b", ProbeShape.Item),
            new("enterprise", "GET", $"/api/v1/enterprises/{firmB}/rules", null, "pm-b", ProbeShape.Item),
            new("enterprise", "POST", $"/api/v1/enterprises/{firmB}/contacts", new { purpose = "核实联系人信息" }, "pm-b", ProbeShape.Item),
            new("enterprise", "GET", $"/api/v1/enterprises?q={Uri.EscapeDataString(Secret)}", null, "pm-b", ProbeShape.List),
            new("enterprise", "GET", "/api/v1/enterprises", null, "pm-b", ProbeShape.List),
            new("export", "GET", "/api/v1/enterprises/export.xlsx", null, "pm-b", ProbeShape.List),
            new("enterprise", "PUT", $"/api/v1/enterprises/{firmB}", new Zhangjiang.Platform.Features.Enterprises.EnterpriseInput { NameZh = "attack", Version = firm.Version }, "pm-b", ProbeShape.Write),
            new("enterprise", "POST", $"/api/v1/enterprises/{firmB}/move", new { parkCode = "yangpu", from = "2025-01-01", reason = "attack" }, "pm-b", ProbeShape.Write),
            // statistics file and what is computed from it
            new("statistics file", "GET", "/api/v1/enterprise-statistics/imports", null, "pm-b", ProbeShape.List),
            new("statistics file", "GET", "/api/v1/enterprise-statistics/rollup/jiading/2024/FIRMS", null, "pm-b", ProbeShape.Item),
            new("statistics file", "GET", "/api/v1/enterprise-statistics/anomalies", null, "pm-b", ProbeShape.List, Marked: false),
            new("statistics file", "PUT", $"/api/v1/enterprise-statistics/exclusions/{firmB}/2024", new { reason = "attack" }, "pm-b", ProbeShape.Write),
            new("export", "GET", "/api/v1/enterprise-statistics/rollup.xlsx", null, "pm-b", ProbeShape.List, Marked: false),
            new("export", "GET", "/api/v1/cultivation/candidates?park=jiading&year=2024", null, "pm-b", ProbeShape.Item),
            new("export", "GET", "/api/v1/cultivation/candidates.xlsx?park=jiading&year=2024", null, "pm-b", ProbeShape.Item),
            new("export", "GET", "/api/v1/cultivation/report?park=jiading&from=2023&to=2024", null, "pm-b", ProbeShape.Item),
            new("export", "GET", "/api/v1/cultivation/report.xlsx?park=jiading&from=2023&to=2024", null, "pm-b", ProbeShape.Item),
        };

        var failures = new List<string>();
        // The owners first: each item and list shows B's thing to its owner, so an attacker's empty answer means something.
        foreach (var probe in probes.Where(p => p.Shape != ProbeShape.Write))
        {
            var (status, text) = await CallAsync(browsers[probe.Owner], probe);
            if (status != HttpStatusCode.OK)
            {
                failures.Add($"owner {probe.Owner} {probe.Method} {probe.Path}: {(int)status}");
            }
            else if (probe.Shape == ProbeShape.List && probe.Marked && !text.Contains(Secret, StringComparison.Ordinal))
            {
                failures.Add($"owner {probe.Owner} {probe.Method} {probe.Path}: B's rows are not in the owner's own list");
            }
        }

        var dataEntriesBefore = await DataAuditCountAsync(factory);
        var calls = 0;
        foreach (var probe in probes)
        {
            foreach (var attacker in attackers)
            {
                var (status, text) = await CallAsync(browsers[attacker], probe);
                calls++;
                var where = $"{attacker} {probe.Method} {probe.Path} ({probe.Kind}): {(int)status}";
                if (text.Contains(Secret, StringComparison.Ordinal))
                {
                    failures.Add(where + " — the answer carries B's data");
                }
                var refused = status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
                if (probe.Shape != ProbeShape.List && !refused)
                {
                    failures.Add(where + " — expected 403 or 404");
                }
                if (probe.Shape == ProbeShape.List && !refused && status != HttpStatusCode.OK)
                {
                    failures.Add(where + " — expected 200 without B's rows, 403 or 404");
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failures in {calls} attacker calls:\n" + string.Join("\n", failures));
        Assert.Equal(dataEntriesBefore, await DataAuditCountAsync(factory));
        Assert.True(calls >= 50 * attackers.Length);

        // Outsiders still find 嘉定's plan in the list, as last published; its periods show no draft report.
        var listed = (await Json<List<PlanSummary>>(browsers["pm-a"].GetAsync("/api/v1/plans"))).Single(p => p.ParkCode == "jiading");
        Assert.Equal((published.TitleZh, PlanWorkflow.Published, published.VersionNumber), (listed.TitleZh, listed.Workflow, listed.VersionNumber));
        Assert.All(await Json<List<ReportPeriod>>(browsers["do-a"].GetAsync(plan + "/reports")), p => Assert.Null(p.ReportId));
        Assert.Contains(await Json<List<ReportPeriod>>(pmB.GetAsync(plan + "/reports")), p => p.ReportId == draftReport.Id);

        // B's things are as B left them.
        Assert.Equal(Secret + "方案", (await Json<PlanDetail>(pmB.GetAsync(plan))).TitleZh);
        Assert.Equal(Pdf, await (await browsers["firm-b"].GetAsync($"{application}/attachments/{attachment.Id}")).Content.ReadAsByteArrayAsync());
        Assert.Equal("jiading", (await Json<Zhangjiang.Platform.Features.Enterprises.EnterpriseProfile>(pmB.GetAsync($"/api/v1/enterprises/{firmB}"))).ParkCode);
    }

    private static async Task<(HttpStatusCode Status, string Text)> CallAsync(Browser browser, Probe probe)
    {
        using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Path);
        request.Content = probe.Body switch
        {
            null => null,
            byte[] bytes => new ByteArrayContent(bytes),
            var body => JsonContent.Create(body, body.GetType()),
        };
        var response = await browser.SendAsync(request);
        var bytesRead = await response.Content.ReadAsByteArrayAsync();
        return (response.StatusCode, Readable(bytesRead));
    }

    /// <summary>The text of an answer: a workbook's XML parts unzipped (where shared strings live), anything else as UTF-8.</summary>
    private static string Readable(byte[] body)
    {
        if (body.Length > 4 && body[0] == 'P' && body[1] == 'K')
        {
            using var zip = new ZipArchive(new MemoryStream(body));
            var text = new StringBuilder();
            foreach (var entry in zip.Entries)
            {
                using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                text.Append(reader.ReadToEnd());
            }
            return text.ToString();
        }
        return Encoding.UTF8.GetString(body);
    }

    private static async Task<int> DataAuditCountAsync(ZjWebFactory factory)
    {
        await using var db = factory.Database.CreateContext();
        return await db.AuditEntries.CountAsync(a => a.Kind == AuditKind.Data);
    }

    /// <summary>The body as JSON with extra fields the caller does not own.</summary>
    private static Dictionary<string, object?> Extend<T>(T body, Dictionary<string, object?> extra)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToElement(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        var merged = json.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        foreach (var (key, value) in extra)
        {
            merged[key] = value;
        }
        return merged;
    }
}
