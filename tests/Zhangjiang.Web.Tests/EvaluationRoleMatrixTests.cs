using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.Web.Tests;

/// <summary>Role × endpoint matrix for the evaluation API — every role, with own and other scopes — on both providers, over demo rounds (one published, one open).</summary>
public sealed class EvaluationRoleMatrixTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private const string Anonymous = "anonymous", OwnPark = "pm-jiading", OtherPark = "pm-yangpu", District = "do-jiading", OtherDistrict = "do-yangpu";

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Each_role_gets_what_the_matrix_says(string provider)
    {
        // Eleven sign-ins from one address in a minute: above the production limit, which SecurityTests covers.
        await using var factory = await ZjWebFactory.StartAsync(provider, new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "100" });
        var rounds = await factory.WithServicesAsync(sp => sp.GetRequiredService<EvaluationDemo>().GenerateAsync(2022));
        var published = rounds.Last(r => r.Status == RoundStatus.Published).Id;
        var open = rounds.Single(r => r.Status == RoundStatus.Open).Id;
        // An enterprise in jiading, for the organisation-scoped roles (operating agency staff, enterprise users).
        const string firm = "914403001922038216";
        await using (var db = factory.Database.CreateContext())
        {
            db.Actor = Zhangjiang.Platform.Features.Auditing.AuditActor.System;
            db.Organisations.Add(new Zhangjiang.Platform.Features.Organisations.Organisation
            {
                CreditCode = firm, NameZh = "嘉定的企业", Kind = Zhangjiang.Platform.Features.Organisations.OrganisationKind.Enterprise, ParkCode = "jiading",
            });
            await db.SaveChangesAsync();
        }
        var browsers = await factory.SignInEachAsync(Anonymous,
        [
            ("city-admin", Roles.CityAdmin, null, null, null), ("city-staff", Roles.CityStaff, null, null, null), ("security", Roles.SecurityAdmin, null, null, null),
            ("auditor", Roles.AuditAdmin, null, null, null), ("expert", Roles.Reviewer, null, null, null), (OwnPark, Roles.ParkManager, "jiading", null, null),
            (OtherPark, Roles.ParkManager, "yangpu", null, null), (District, Roles.DistrictOfficer, null, "310114", null), (OtherDistrict, Roles.DistrictOfficer, null, "310110", null),
            ("operator", Roles.Operator, null, null, firm), ("enterprise", Roles.Enterprise, null, null, firm),
        ]);
        var framework = (await (await browsers["city-staff"].GetAsync("/api/v1/evaluation/frameworks")).Content.ReadFromJsonAsync<List<FrameworkSummary>>())!.First().Id;
        var everyone = browsers.Keys.Where(k => k != Anonymous).ToArray();
        var city = new[] { "city-admin", "city-staff" };
        var p = $"/api/v1/evaluation/rounds/{published}";

        // (path, who gets 200; everyone else signed in gets 403, anonymous 401)
        var matrix = new (string Method, string Path, string[] Allowed)[]
        {
            ("GET", "/api/v1/evaluation/frameworks", everyone),
            ("GET", $"/api/v1/evaluation/frameworks/{framework}", everyone),
            ("GET", "/api/v1/evaluation/benchmarks", everyone),
            ("GET", "/api/v1/evaluation/rounds", [.. city, OwnPark, OtherPark, District, OtherDistrict]),
            ("GET", p, city),
            ("GET", $"/api/v1/evaluation/rounds/{open}/submissions/jiading", [.. city, OwnPark]),
            ("GET", $"/api/v1/evaluation/rounds/{open}/submissions/jiading/template.xlsx", [.. city, OwnPark]),
            ("GET", $"/api/v1/evaluation/rounds/{open}/submissions/jiading/evidence", [.. city, OwnPark]),
            ("GET", p + "/ranking", [.. city, OwnPark, OtherPark, District, OtherDistrict]),
            ("GET", p + "/scorecards/jiading", [.. city, OwnPark, District]),
            ("GET", p + "/scorecards/jiading/pdf", [.. city, OwnPark, District]),
            ("GET", p + "/results.xlsx", city),
            ("GET", p + "/report/pdf", city),
            ("GET", p + "/history", city),
            ("GET", p + "/indicators/D1_1/league", city),
            ("POST", p + "/what-if", city),
            ("PUT", p + "/visibility", ["city-admin"]),
            ("POST", $"/api/v1/evaluation/frameworks/{framework}/new-version", ["city-admin"]),
        };
        var failures = new List<string>();
        foreach (var (method, path, allowed) in matrix)
        {
            foreach (var (name, browser) in browsers)
            {
                var expected = name == Anonymous ? HttpStatusCode.Unauthorized : allowed.Contains(name) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
                var response = method switch
                {
                    "GET" => await browser.GetAsync(path),
                    "PUT" => await browser.PutJsonAsync(path, new Zhangjiang.Web.Features.Evaluation.EvaluationApi.VisibilityBody(
                        ResultVisibility.RanksOnly, true, (await (await browsers["city-admin"].GetAsync(p)).Content.ReadFromJsonAsync<RoundDetail>())!.Version)),
                    _ => await browser.PostJsonAsync(path, new WhatIfInput()),
                };
                if (response.StatusCode != expected)
                {
                    failures.Add($"{name} {method} {path}: expected {(int)expected}, got {(int)response.StatusCode}");
                }
                if (expected != HttpStatusCode.OK)
                {
                    var body = await response.Content.ReadAsStringAsync();
                    Assert.DoesNotContain("D1_1", body, StringComparison.Ordinal); // a refusal carries none of the data
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // The public portal: anonymous, the rounds marked public, ranks and tiers but no scores or values.
        var portal = await browsers[Anonymous].GetAsync("/api/v1/portal/evaluation");
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
        var json = await portal.Content.ReadAsStringAsync();
        Assert.Contains("\"tier\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"score\"", json, StringComparison.Ordinal);
        Assert.Equal(3, (await portal.Content.ReadFromJsonAsync<List<PublicRanking>>())!.Count);
    }
}
