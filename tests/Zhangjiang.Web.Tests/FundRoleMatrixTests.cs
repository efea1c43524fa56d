using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Organisations;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.Web.Tests;

/// <summary>
/// Every fund endpoint against every role with one open call and one submitted application: who gets the data, and that a
/// refusal (401, 403, or 404 where the item is hidden) carries none of it.
/// </summary>
public sealed class FundRoleMatrixTests
{
    private const string Anonymous = "anonymous";
    private const string Title = "车规级芯片测试平台建设";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_role_gets_what_the_fund_matrix_says(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider, new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "100" });
        var firm = EnterpriseDemo.Code(1);
        var otherFirm = EnterpriseDemo.Code(2);
        const string agency = "914403001922038216";
        await using (var db = factory.Database.CreateContext())
        {
            db.Actor = AuditActor.System;
            db.Organisations.Add(new Organisation { CreditCode = firm, NameZh = "示例企业", Kind = OrganisationKind.Enterprise, ParkCode = "yangpu" });
            db.Organisations.Add(new Organisation { CreditCode = otherFirm, NameZh = "另一家企业", Kind = OrganisationKind.Enterprise, ParkCode = "yangpu" });
            db.Organisations.Add(new Organisation { CreditCode = agency, NameZh = "嘉定园区运营公司", Kind = OrganisationKind.OperatingAgency, ParkCode = "jiading" });
            db.Enterprises.Add(new Enterprise { CreditCode = firm, NameZh = "示例企业", ParkCode = "yangpu" });
            await db.SaveChangesAsync();
        }
        var city = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "seed"), new Claim(ClaimTypes.Role, Roles.CityStaff)], "test"));
        var applicant = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Enterprise), new Claim(ZjClaims.Organisation, firm)], "test"));
        var (callId, appId) = await factory.WithServicesAsync(async sp =>
        {
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            var rules = FundCallRules.Template(["gradient-cultivation"], ["operating-agency", "enterprise"]);
            await sp.GetRequiredService<FundSetup>().SetBudgetAsync(city, AuditActor.System, "gradient-cultivation", now.Year, new FundBudgetInput { AmountFen = 10_000_000_00 });
            var calls = sp.GetRequiredService<FundCalls>();
            var draft = (await calls.CreateAsync(city, AuditActor.System, new FundCallInput
            {
                Year = now.Year, TitleZh = "张江专项", OpensUtc = now.AddDays(-1), ClosesUtc = now.AddDays(20), ReviewDeadlineUtc = now.AddDays(40), Rules = rules,
            })).Value!;
            var call = (await calls.OpenAsync(city, AuditActor.System, draft.Id, draft.Version)).Value!;
            var apps = sp.GetRequiredService<FundApplications>();
            var started = (await apps.StartAsync(applicant, AuditActor.System, call.Id, "gradient-cultivation")).Value!;
            var saved = (await apps.SaveAsync(applicant, AuditActor.System, started.Summary.Id, new FundApplicationInput
            {
                ProjectTitle = Title, Answers = rules.Topics[0].Form.ToDictionary(f => f.Key, f => (string?)"内容"),
                BudgetLines = [new("设备购置费", null, 100_0000_00, 100_0000_00)], Targets = [new("服务企业数", "家", 0, 50, new DateOnly(2028, 12, 31))],
                Team = [new("张伟", null, null, "负责人")], Version = started.Version,
            })).Value!;
            var submitted = await apps.SubmitAsync(applicant, AuditActor.System, saved.Summary.Id, saved.Version);
            Assert.True(submitted.Succeeded);
            return (call.Id, saved.Summary.Id);
        });
        // The award and its contract (the decision path has its own tests): contract endpoints answer with data.
        await using (var db = factory.Database.CreateContext())
        {
            db.Actor = AuditActor.System;
            var application = await db.FundApplications.FindAsync(appId);
            application!.Status = FundApplicationStatus.Approved;
            application.GrantFen = 100_0000_00;
            await db.SaveChangesAsync();
        }
        await factory.WithServicesAsync(async sp =>
        {
            var version = (await sp.GetRequiredService<FundApplications>().GetAsync(city, appId)).Value!.Version;
            Assert.True((await sp.GetRequiredService<FundContracts>().SignAsync(city, AuditActor.System, appId, new SignContractInput(null, version))).Succeeded);
            return 0;
        });

        var browsers = await factory.SignInEachAsync(Anonymous,
        [
            ("city-admin", Roles.CityAdmin, null, null, null), ("city-staff", Roles.CityStaff, null, null, null), ("security", Roles.SecurityAdmin, null, null, null),
            ("auditor", Roles.AuditAdmin, null, null, null), ("expert", Roles.Reviewer, null, null, null), ("pm-yangpu", Roles.ParkManager, "yangpu", null, null),
            ("pm-jiading", Roles.ParkManager, "jiading", null, null), ("district", Roles.DistrictOfficer, null, "310110", null),
            ("operator", Roles.Operator, null, null, agency), ("enterprise", Roles.Enterprise, null, null, firm), ("other-firm", Roles.Enterprise, null, null, otherFirm),
        ]);
        var everyone = browsers.Keys.Where(k => k != Anonymous).ToArray();
        string[] cityUsers = ["city-admin", "city-staff"];
        string[] applicationScope = [.. cityUsers, "pm-yangpu", "enterprise"];
        var a = $"/api/v1/fund/applications/{appId}";
        var c = $"/api/v1/fund/calls/{callId}";
        var version = (await (await browsers["city-staff"].GetAsync(c)).Content.ReadFromJsonAsync<FundCallDetail>())!.Version;

        // (method, path, who may, what they get, what the others get)
        var matrix = new (string Method, string Path, string[] Allowed, HttpStatusCode Granted, HttpStatusCode Refused)[]
        {
            ("GET", "/api/v1/fund/programme", everyone, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("GET", "/api/v1/fund/calls", everyone, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("GET", c, everyone, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("GET", c + "/notice", everyone, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("GET", "/api/v1/fund/experts", cityUsers, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("GET", c + "/draws", cityUsers, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("GET", c + "/objections", cityUsers, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("GET", c + "/panel", cityUsers, HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("GET", c + "/ranking", cityUsers, HttpStatusCode.Conflict, HttpStatusCode.Forbidden),
            ("GET", "/api/v1/fund/applications", [.. cityUsers, "pm-yangpu", "pm-jiading", "operator", "enterprise", "other-firm"], HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("GET", "/api/v1/fund/assignments", [.. cityUsers, "expert"], HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("GET", a, applicationScope, HttpStatusCode.OK, HttpStatusCode.NotFound),
            ("GET", a + "/checks", applicationScope, HttpStatusCode.OK, HttpStatusCode.NotFound),
            ("GET", a + "/copy", applicationScope, HttpStatusCode.OK, HttpStatusCode.NotFound),
            ("GET", a + "/formal-review", applicationScope, HttpStatusCode.OK, HttpStatusCode.NotFound),
            ("POST", c + "/expert-review", cityUsers, HttpStatusCode.Conflict, HttpStatusCode.Forbidden),
            ("POST", c + "/approval", ["city-admin"], HttpStatusCode.Conflict, HttpStatusCode.Forbidden),
            ("POST", c + "/notice", cityUsers, HttpStatusCode.Conflict, HttpStatusCode.Forbidden),
        };
        var failures = new List<string>();
        foreach (var (method, path, allowed, granted, refused) in matrix)
        {
            foreach (var (name, browser) in browsers)
            {
                var expected = name == Anonymous ? HttpStatusCode.Unauthorized : allowed.Contains(name) ? granted : refused;
                var response = method == "GET" ? await browser.GetAsync(path) : await browser.PostJsonAsync(path, new VersionInput(version));
                if (response.StatusCode != expected)
                {
                    failures.Add($"{name} {method} {path}: expected {(int)expected}, got {(int)response.StatusCode}");
                }
                if (!allowed.Contains(name))
                {
                    Assert.DoesNotContain(Title, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                }
            }
        }

        // Contracts and notices: who may is decided by the policy (403) and then by the contract's scope (404).
        string[] applicantPolicy = [.. cityUsers, "pm-yangpu", "pm-jiading", "operator", "enterprise", "other-firm"];
        string[] outOfScope = ["pm-jiading", "operator", "other-firm"];
        HttpStatusCode Scoped(string name, string[] allowed, HttpStatusCode granted) =>
            allowed.Contains(name) ? granted : outOfScope.Contains(name) ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden;
        var contractRows = new (string Method, string Path, string[] Allowed, Func<string, HttpStatusCode> Expect)[]
        {
            ("GET", "/api/v1/fund/contracts", applicantPolicy, n => applicantPolicy.Contains(n) ? HttpStatusCode.OK : HttpStatusCode.Forbidden),
            ("GET", a + "/contract", applicationScope, n => Scoped(n, applicationScope, HttpStatusCode.OK)),
            // The contractor's actions: stale version → 409 for the contractor; the city and the park read but may not act (403).
            ("POST", a + "/contract/milestones/1/report", ["enterprise"], n => Scoped(n, ["enterprise"], HttpStatusCode.Conflict)),
            ("POST", a + "/contract/amendments", ["enterprise"], n => Scoped(n, ["enterprise"], HttpStatusCode.Conflict)),
            ("POST", a + "/contract", cityUsers, n => cityUsers.Contains(n) ? HttpStatusCode.Conflict : HttpStatusCode.Forbidden),
            ("POST", a + "/contract/milestones/1/review", cityUsers, n => cityUsers.Contains(n) ? HttpStatusCode.Conflict : HttpStatusCode.Forbidden),
            ("POST", a + "/contract/midterm", cityUsers, n => cityUsers.Contains(n) ? HttpStatusCode.Conflict : HttpStatusCode.Forbidden),
            ("POST", a + "/contract/acceptance", cityUsers, n => cityUsers.Contains(n) ? HttpStatusCode.Conflict : HttpStatusCode.Forbidden),
            ("POST", a + "/contract/tranches/1/payment", cityUsers, n => cityUsers.Contains(n) ? HttpStatusCode.Conflict : HttpStatusCode.Forbidden),
            ("POST", a + "/contract/amendments/1/decision", cityUsers, n => cityUsers.Contains(n) ? HttpStatusCode.Conflict : HttpStatusCode.Forbidden),
            ("GET", "/api/v1/notifications", everyone, _ => HttpStatusCode.OK),
            ("GET", "/api/v1/fund/experts.xlsx", cityUsers, n => cityUsers.Contains(n) ? HttpStatusCode.OK : HttpStatusCode.Forbidden),
            ("POST", "/api/v1/fund/experts/import", cityUsers, n => cityUsers.Contains(n) ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden),
            ("GET", "/api/v1/fund/applications.xlsx", applicantPolicy, n => applicantPolicy.Contains(n) ? HttpStatusCode.OK : HttpStatusCode.Forbidden),
            ("GET", "/api/v1/fund/contracts.xlsx", applicantPolicy, n => applicantPolicy.Contains(n) ? HttpStatusCode.OK : HttpStatusCode.Forbidden),
            ("GET", "/api/v1/fund/statistics", [.. cityUsers, "pm-yangpu", "pm-jiading"], n => n is "city-admin" or "city-staff" or "pm-yangpu" or "pm-jiading" ? HttpStatusCode.OK : HttpStatusCode.Forbidden),
            ("GET", "/api/v1/fund/open-data/grants.json", [Anonymous, .. everyone], _ => HttpStatusCode.OK),
        };
        foreach (var (method, path, allowed, expect) in contractRows)
        {
            foreach (var (name, browser) in browsers)
            {
                var expected = name == Anonymous && !allowed.Contains(Anonymous) ? HttpStatusCode.Unauthorized : expect(name);
                var response = method == "GET" ? await browser.GetAsync(path) : await browser.PostJsonAsync(path, new VersionInput(version));
                if (response.StatusCode != expected)
                {
                    failures.Add($"{name} {method} {path}: expected {(int)expected}, got {(int)response.StatusCode}");
                }
                if (!allowed.Contains(name) && !(path.EndsWith("/contracts", StringComparison.Ordinal) && applicantPolicy.Contains(name)) && !path.EndsWith("/notifications", StringComparison.Ordinal)
                    && !path.EndsWith(".xlsx", StringComparison.Ordinal))
                {
                    Assert.DoesNotContain(Title, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(35, matrix.Length + contractRows.Length);

        // Notices and contract lists carry only the caller's own: the firm's status notices name its project; nobody else's do.
        Assert.Contains(Title, await (await browsers["enterprise"].GetAsync("/api/v1/notifications")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(Title, await (await browsers["enterprise"].GetAsync("/api/v1/fund/contracts")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var name in everyone.Where(n => n != "enterprise"))
        {
            Assert.DoesNotContain(Title, await (await browsers[name].GetAsync("/api/v1/notifications")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        foreach (var name in outOfScope)
        {
            Assert.DoesNotContain(Title, await (await browsers[name].GetAsync("/api/v1/fund/contracts")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Lists answer everyone in scope, with only what is theirs: nothing of the firm's application for other applicants or parks.
        foreach (var name in new[] { "other-firm", "operator", "pm-jiading" })
        {
            var list = await browsers[name].GetAsync("/api/v1/fund/applications");
            Assert.DoesNotContain(Title, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Contains(Title, await (await browsers["pm-yangpu"].GetAsync("/api/v1/fund/applications")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
