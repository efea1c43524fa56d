using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Organisations;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.Web.Tests;

/// <summary>The enterprise, statistics and cultivation API: imports through HTTP, and the role × endpoint matrix with scopes.</summary>
public sealed class EnterpriseApiTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private const string Anonymous = "anonymous";

    private static string Code(int n)
    {
        var first17 = "91310115MA" + n.ToString("D7", CultureInfo.InvariantCulture);
        return first17 + CreditCode.ComputeCheckCharacter(first17);
    }

    private static string Csv(params (int Firm, int Year, string Park, string Revenue)[] rows) =>
        "credit_code,year,name,park,industry_code,revenue,employees,rd_expenditure\n"
        + string.Concat(rows.Select(r => $"{Code(r.Firm)},{r.Year},接口测试企业{r.Firm},{r.Park},6513,{r.Revenue},100,800\n"));

    private static Task<HttpResponseMessage> UploadAsync(Browser browser, string csv, string fileName, bool errorReport = false) =>
        browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/enterprise-statistics/imports?fileName={fileName}{(errorReport ? "&errorReport=true" : "")}")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { { "Content-Type", "text/csv" } } },
        });

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Statistics_import_over_http_is_all_or_nothing_and_each_role_sees_its_scope(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider, new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "100" });
        var firmJ = Code(1);
        await using (var db = factory.Database.CreateContext())
        {
            // The firm's sign-in organisation, for the organisation-scoped roles.
            db.Actor = Zhangjiang.Platform.Features.Auditing.AuditActor.System;
            db.Organisations.Add(new Organisation { CreditCode = firmJ, NameZh = "接口测试企业1", Kind = OrganisationKind.Enterprise, ParkCode = "jiading" });
            await db.SaveChangesAsync();
        }
        var browsers = await factory.SignInEachAsync(Anonymous,
        [
            ("city-admin", Roles.CityAdmin, null, null, null), ("city-staff", Roles.CityStaff, null, null, null), ("security", Roles.SecurityAdmin, null, null, null),
            ("auditor", Roles.AuditAdmin, null, null, null), ("expert", Roles.Reviewer, null, null, null), ("pm-jiading", Roles.ParkManager, "jiading", null, null),
            ("pm-yangpu", Roles.ParkManager, "yangpu", null, null), ("do-jiading", Roles.DistrictOfficer, null, "310114", null), ("do-yangpu", Roles.DistrictOfficer, null, "310110", null),
            ("operator", Roles.Operator, null, null, firmJ), ("enterprise", Roles.Enterprise, null, null, firmJ),
        ]);
        var city = browsers["city-staff"];

        // A bad row: 422, the row and field named, nothing written; the Excel report on request.
        var bad = Csv((1, 2023, "jiading", "5000"), (2, 2023, "yangpu", "-1"));
        var refused = await UploadAsync(city, bad, "bad.csv");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        var error = problem.GetProperty("errors")[0];
        Assert.Equal((3, "revenue"), (error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString()!.Split(' ')[^1]));
        var report = await UploadAsync(city, bad, "bad.csv", errorReport: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, report.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", report.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, (await (await city.GetAsync("/api/v1/enterprises")).Content.ReadFromJsonAsync<EnterprisePage>())!.Total);

        // Good files; the same file again is recognised.
        var good = Csv((1, 2023, "jiading", "5000"), (2, 2023, "yangpu", "7000"));
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(city, good, "good.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await UploadAsync(city, good, "again.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(browsers["pm-jiading"], Csv((1, 2024, "jiading", "40000")), "jiading-2024.csv")).StatusCode);
        // A park manager imports only the park's rows.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await UploadAsync(browsers["pm-jiading"], Csv((2, 2024, "yangpu", "7000")), "not-mine.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await city.PostJsonAsync("/api/v1/enterprise-statistics/rollup/compute", new { })).StatusCode);

        var everyone = browsers.Keys.Where(k => k != Anonymous).ToArray();
        string[] enterpriseUsers = ["city-admin", "city-staff", "pm-jiading", "pm-yangpu", "do-jiading", "do-yangpu", "operator", "enterprise"];
        string[] parkData = ["city-admin", "city-staff", "pm-jiading", "pm-yangpu", "do-jiading", "do-yangpu"];
        string[] importers = ["city-admin", "city-staff", "pm-jiading", "pm-yangpu"];
        string[] jiadingReaders = ["city-admin", "city-staff", "pm-jiading", "do-jiading", "operator", "enterprise"];
        string[] jiadingParkData = ["city-admin", "city-staff", "pm-jiading", "do-jiading"];
        string[] cityOnly = ["city-admin", "city-staff"];
        // (method, path, policy-level roles (others 403), roles that get 200 (the rest of the policy roles get 404 or 403))
        var matrix = new (string Method, string Path, string[] Policy, string[] Ok)[]
        {
            ("GET", "/api/v1/enterprises", enterpriseUsers, enterpriseUsers),
            ("GET", "/api/v1/enterprises/export.xlsx", enterpriseUsers, enterpriseUsers),
            ("GET", "/api/v1/enterprises/awards/expiring", enterpriseUsers, enterpriseUsers),
            ("GET", $"/api/v1/enterprises/{firmJ}", enterpriseUsers, jiadingReaders),
            ("GET", $"/api/v1/enterprises/{firmJ}/rules", enterpriseUsers, jiadingReaders),
            ("POST", $"/api/v1/enterprises/{firmJ}/contacts", enterpriseUsers, ["city-admin", "city-staff", "pm-jiading", "operator", "enterprise"]),
            ("POST", $"/api/v1/enterprises/{firmJ}/awards", enterpriseUsers, cityOnly),
            ("GET", "/api/v1/enterprise-statistics/template.xlsx", importers, importers),
            ("GET", "/api/v1/enterprise-statistics/template.csv", importers, importers),
            ("GET", "/api/v1/enterprise-statistics/imports", importers, importers),
            ("GET", "/api/v1/enterprise-statistics/anomalies", parkData, parkData),
            ("GET", "/api/v1/enterprise-statistics/rollup", parkData, parkData),
            ("GET", "/api/v1/enterprise-statistics/rollup.xlsx", parkData, parkData),
            ("GET", "/api/v1/enterprise-statistics/rollup/jiading/2024/FIRMS", parkData, jiadingParkData),
            ("POST", "/api/v1/enterprise-statistics/rollup/compute", cityOnly, cityOnly),
            ("GET", "/api/v1/cultivation/report?park=jiading&from=2020&to=2024", parkData, jiadingParkData),
            ("GET", "/api/v1/cultivation/report.xlsx?park=jiading&from=2020&to=2024", parkData, jiadingParkData),
            ("GET", "/api/v1/cultivation/report?from=2020&to=2024", parkData, cityOnly),
            ("GET", "/api/v1/cultivation/candidates?park=jiading&year=2024", parkData, jiadingParkData),
            ("GET", "/api/v1/cultivation/candidates.xlsx?park=jiading&year=2024", parkData, jiadingParkData),
            ("GET", "/api/v1/cultivation/tier-rules", parkData, parkData),
        };
        var failures = new List<string>();
        var award = 0;
        foreach (var (method, path, policy, ok) in matrix)
        {
            foreach (var (name, browser) in browsers)
            {
                var response = method == "GET" ? await browser.GetAsync(path)
                    : path.EndsWith("/contacts", StringComparison.Ordinal) ? await browser.PostJsonAsync(path, new { purpose = "核实统计报表联系人" })
                    : path.EndsWith("/awards", StringComparison.Ordinal) ? await browser.PostJsonAsync(path, new TierAwardInput
                        { Tier = EnterpriseTier.TechSme, CertificateNumber = $"2024310114A{++award:D4}", AwardedOn = new DateOnly(2024, 5, 1) })
                    : await browser.PostJsonAsync(path, new { });
                var status = response.StatusCode;
                var expected = name == Anonymous ? status == HttpStatusCode.Unauthorized
                    : ok.Contains(name) ? status == HttpStatusCode.OK
                    : policy.Contains(name) ? status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden
                    : status == HttpStatusCode.Forbidden;
                if (!expected)
                {
                    failures.Add($"{name} {method} {path}: got {(int)status}");
                }
                if (status != HttpStatusCode.OK)
                {
                    Assert.DoesNotContain("接口测试企业1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal); // a refusal carries none of the data
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // Scope inside the answers: each park manager's search lists only the park's firms; the firm sees itself.
        Assert.Equal([firmJ], (await (await browsers["pm-jiading"].GetAsync("/api/v1/enterprises")).Content.ReadFromJsonAsync<EnterprisePage>())!.Rows.Select(r => r.CreditCode));
        Assert.Equal([Code(2)], (await (await browsers["pm-yangpu"].GetAsync("/api/v1/enterprises")).Content.ReadFromJsonAsync<EnterprisePage>())!.Rows.Select(r => r.CreditCode));
        Assert.Equal([firmJ], (await (await browsers["enterprise"].GetAsync("/api/v1/enterprises")).Content.ReadFromJsonAsync<EnterprisePage>())!.Rows.Select(r => r.CreditCode));
        var jiadingReport = await (await city.GetAsync("/api/v1/cultivation/report?park=jiading&from=2023&to=2024")).Content.ReadFromJsonAsync<CultivationReport>();
        Assert.Equal([1, 1], jiadingReport!.Years.Select(y => y.Reporting));
        Assert.Equal(1, jiadingReport.Years[1].Holding[EnterpriseTier.TechSme]);
    }
}
