using System.Net;
using System.Net.Http.Json;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.Web.Tests;

/// <summary>The fund's frame and topic budgets over HTTP: who may read, who may set, and a stale version refused.</summary>
public sealed class FundApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_signed_in_role_reads_the_frame_and_only_the_city_sets_budgets(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider, new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "100" });
        const string budget = "/api/v1/fund/topics/park-construction/budgets/2026";

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.Browser().GetAsync("/api/v1/fund/programme")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.Browser().PutJsonAsync(budget, new FundBudgetInput { AmountFen = 1 })).StatusCode);

        var city = await factory.SignInAsync(await factory.CreateUserAsync("city-staff", Roles.CityStaff));
        var created = await city.PutJsonAsync(budget, new FundBudgetInput { AmountFen = 50_000_000_00 });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var version = (await created.Content.ReadFromJsonAsync<FundBudgetView>())!.Version;
        Assert.Equal(HttpStatusCode.Conflict, (await city.PutJsonAsync(budget, new FundBudgetInput { AmountFen = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await city.PutJsonAsync(budget, new FundBudgetInput { AmountFen = -1, Version = version })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await city.PutJsonAsync("/api/v1/fund/topics/none/budgets/2026", new FundBudgetInput())).StatusCode);

        foreach (var (name, role, park) in new (string, string, string?)[]
        {
            ("pm", Roles.ParkManager, "yangpu"), ("expert", Roles.Reviewer, null), ("auditor", Roles.AuditAdmin, null), ("security", Roles.SecurityAdmin, null),
        })
        {
            var browser = await factory.SignInAsync(await factory.CreateUserAsync(name, role, park: park));
            var frame = await (await browser.GetAsync("/api/v1/fund/programme")).Content.ReadFromJsonAsync<FundProgrammeView>();
            Assert.Equal(50_000_000_00L, frame!.Topics.Single(t => t.Code == "park-construction").Budgets.Single().AmountFen);
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.PutJsonAsync(budget, new FundBudgetInput { AmountFen = 1, Version = version })).StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_city_drafts_and_opens_a_call_that_applicants_then_read_while_its_draft_stayed_hidden(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider, new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "100" });
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var input = new FundCallInput
        {
            Year = 2027, TitleZh = "2027年度张江专项", TitleEn = "Zhangjiang fund 2027",
            OpensUtc = now.AddDays(-1), ClosesUtc = now.AddDays(20), ReviewDeadlineUtc = now.AddDays(40),
        };
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.Browser().PostJsonAsync("/api/v1/fund/calls", input)).StatusCode);

        var city = await factory.SignInAsync(await factory.CreateUserAsync("city-staff", Roles.CityStaff));
        var parkManager = await factory.SignInAsync(await factory.CreateUserAsync("park-manager", Roles.ParkManager, park: "yangpu"));
        Assert.Equal(HttpStatusCode.Forbidden, (await parkManager.PostJsonAsync("/api/v1/fund/calls", input)).StatusCode);

        var created = await city.PostJsonAsync("/api/v1/fund/calls", input);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var call = (await created.Content.ReadFromJsonAsync<FundCallDetail>())!;
        Assert.Equal($"/api/v1/fund/calls/{call.Id}", created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, await parkManager.StatusAsync($"/api/v1/fund/calls/{call.Id}"));
        Assert.Empty((await (await parkManager.GetAsync("/api/v1/fund/calls")).Content.ReadFromJsonAsync<List<FundCallSummary>>())!);

        // Bad rules name their place; opening without budgets names the topics.
        var bad = await city.PutJsonAsync($"/api/v1/fund/calls/{call.Id}", input with { Version = call.Version, Rules = call.Rules with { ExpertsPerApplication = 99 } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Rules.ExpertsPerApplication", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unfunded = await city.PostJsonAsync($"/api/v1/fund/calls/{call.Id}/open", new VersionInput(call.Version));
        Assert.Equal(HttpStatusCode.BadRequest, unfunded.StatusCode);
        Assert.Contains("Topics", await unfunded.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var topic in call.Rules.Topics)
        {
            Assert.Equal(HttpStatusCode.OK, (await city.PutJsonAsync($"/api/v1/fund/topics/{topic.TopicCode}/budgets/2027", new FundBudgetInput { AmountFen = 10_000_000_00 })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await parkManager.PostJsonAsync($"/api/v1/fund/calls/{call.Id}/open", new VersionInput(call.Version))).StatusCode);
        var opened = await city.PostJsonAsync($"/api/v1/fund/calls/{call.Id}/open", new VersionInput(call.Version));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await city.PostJsonAsync($"/api/v1/fund/calls/{call.Id}/open", new VersionInput(call.Version))).StatusCode);

        var seen = (await (await parkManager.GetAsync("/api/v1/fund/calls")).Content.ReadFromJsonAsync<List<FundCallSummary>>())!;
        Assert.Equal((call.Id, FundCallStatus.Open, true), (seen.Single().Id, seen.Single().Status, seen.Single().AcceptingApplications));
        var detail = (await (await parkManager.GetAsync($"/api/v1/fund/calls/{call.Id}")).Content.ReadFromJsonAsync<FundCallDetail>())!;
        Assert.Equal(5, detail.Rules.Topics[0].Form.Count);
        Assert.False(detail.CanEdit);

        // A second draft is discarded with its version; an opened call is not.
        var second = (await (await city.PostJsonAsync("/api/v1/fund/calls", input)).Content.ReadFromJsonAsync<FundCallDetail>())!;
        Assert.Equal(HttpStatusCode.Conflict, (await city.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/fund/calls/{second.Id}?version={Guid.NewGuid()}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await city.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/fund/calls/{second.Id}?version={second.Version}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await city.StatusAsync($"/api/v1/fund/calls/{second.Id}"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_enterprise_applies_through_the_api_and_another_firm_gets_404_for_everything_of_it(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider, new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "100" });
        var firm = Zhangjiang.Platform.Features.Enterprises.EnterpriseDemo.Code(1);
        var otherFirm = Zhangjiang.Platform.Features.Enterprises.EnterpriseDemo.Code(2);
        await using (var db = factory.Database.CreateContext())
        {
            db.Actor = Zhangjiang.Platform.Features.Auditing.AuditActor.System;
            foreach (var code in new[] { firm, otherFirm })
            {
                db.Enterprises.Add(new Zhangjiang.Platform.Features.Enterprises.Enterprise { CreditCode = code, NameZh = "企业" + code[^4..], ParkCode = "yangpu" });
                db.Organisations.Add(new Zhangjiang.Platform.Features.Organisations.Organisation
                {
                    CreditCode = code, NameZh = "企业" + code[^4..], Kind = Zhangjiang.Platform.Features.Organisations.OrganisationKind.Enterprise, ParkCode = "yangpu",
                });
            }
            await db.SaveChangesAsync();
        }
        var city = await factory.SignInAsync(await factory.CreateUserAsync("city-staff", Roles.CityStaff));
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var rules = FundCallRules.Template(["gradient-cultivation"], ["enterprise"]);
        var call = (await (await city.PostJsonAsync("/api/v1/fund/calls", new FundCallInput
        {
            Year = 2027, TitleZh = "2027年度张江专项", OpensUtc = now.AddDays(-1), ClosesUtc = now.AddDays(20), ReviewDeadlineUtc = now.AddDays(40), Rules = rules,
        })).Content.ReadFromJsonAsync<FundCallDetail>())!;
        await city.PutJsonAsync("/api/v1/fund/topics/gradient-cultivation/budgets/2027", new FundBudgetInput { AmountFen = 10_000_000_00 });
        Assert.Equal(HttpStatusCode.OK, (await city.PostJsonAsync($"/api/v1/fund/calls/{call.Id}/open", new VersionInput(call.Version))).StatusCode);

        var applicant = await factory.SignInAsync(await factory.CreateUserAsync("firm", Roles.Enterprise, org: firm));
        var other = await factory.SignInAsync(await factory.CreateUserAsync("other", Roles.Enterprise, org: otherFirm));
        var started = await applicant.PostJsonAsync($"/api/v1/fund/calls/{call.Id}/applications", new Zhangjiang.Web.Features.Fund.FundApi.StartApplicationBody("gradient-cultivation"));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var app = (await started.Content.ReadFromJsonAsync<FundApplicationDetail>())!;
        var url = $"/api/v1/fund/applications/{app.Summary.Id}";

        var input = new FundApplicationInput
        {
            ProjectTitle = "测试项目",
            Answers = rules.Topics[0].Form.ToDictionary(f => f.Key, f => (string?)("内容" + f.Key)),
            BudgetLines = [new("设备购置费", null, 100_0000_00, 100_0000_00)],
            Targets = [new("服务企业数", "家", 0, 20, new DateOnly(2028, 6, 30))],
            Team = [new("张伟", "高级工程师", null, "负责人")],
            Version = app.Version,
        };
        var saved = await applicant.PutJsonAsync(url, input);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var version = (await saved.Content.ReadFromJsonAsync<FundApplicationDetail>())!.Version;
        var pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
        var attached = await applicant.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{url}/attachments?fileName=方案.pdf") { Content = new ByteArrayContent(pdf) });
        Assert.Equal(HttpStatusCode.OK, attached.StatusCode);
        var attachment = (await attached.Content.ReadFromJsonAsync<List<FundAttachmentView>>())!.Single();
        Assert.Equal(HttpStatusCode.BadRequest, (await applicant.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{url}/attachments?fileName=x.pdf") { Content = new ByteArrayContent("PK nope"u8.ToArray()) })).StatusCode);
        version = (await (await applicant.GetAsync(url)).Content.ReadFromJsonAsync<FundApplicationDetail>())!.Version;

        // Another firm: 404 for the application, its checks, copy and attachment, and cannot save, attach or submit.
        foreach (var path in new[] { url, $"{url}/checks", $"{url}/copy", $"{url}/attachments/{attachment.Id}" })
        {
            var response = await other.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("测试项目", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutJsonAsync(url, input with { Version = version })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostJsonAsync($"{url}/submit", new VersionInput(version))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{url}/attachments?fileName=y.pdf") { Content = new ByteArrayContent(pdf) })).StatusCode);
        Assert.Empty((await (await other.GetAsync("/api/v1/fund/applications")).Content.ReadFromJsonAsync<List<FundApplicationSummary>>())!);

        var checks = (await (await applicant.GetAsync($"{url}/checks")).Content.ReadFromJsonAsync<List<EligibilityCheck>>())!;
        Assert.All(checks, c => Assert.True(c.Passed, c.Rule));
        var submitted = await applicant.PostJsonAsync($"{url}/submit", new VersionInput(version));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("ZJ2027-01-0001", (await submitted.Content.ReadFromJsonAsync<FundApplicationDetail>())!.Summary.TrackingNumber);
        var copy = await applicant.GetAsync($"{url}/copy");
        Assert.Equal(("application/pdf", "attachment"), (copy.Content.Headers.ContentType!.MediaType, copy.Content.Headers.ContentDisposition!.DispositionType));
        var file = await applicant.GetAsync($"{url}/attachments/{attachment.Id}");
        Assert.Equal(pdf, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal("方案.pdf", file.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(HttpStatusCode.Conflict, (await applicant.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"{url}/attachments/{attachment.Id}"))).StatusCode);
        Assert.Single((await (await city.GetAsync($"/api/v1/fund/applications?callId={call.Id}")).Content.ReadFromJsonAsync<List<FundApplicationSummary>>())!);
    }
}
