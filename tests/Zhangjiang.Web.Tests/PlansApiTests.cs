using System.Net;
using System.Net.Http.Json;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Plans;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.Web.Tests;

/// <summary>
/// Park plans over HTTP on both providers: a park manager acts only on their plan, a district officer reads the drafts of
/// their district and changes nothing, the city reviews and publishes, others read what was published.
/// </summary>
public sealed class PlansApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_role_reads_and_acts_on_plans_within_its_scope(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider, new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "100" });
        await using (var db = factory.Database.CreateContext())
        {
            db.Actor = Zhangjiang.Platform.Features.Auditing.AuditActor.System;
            db.Organisations.Add(new Zhangjiang.Platform.Features.Organisations.Organisation
            {
                CreditCode = "91310000MA1FL8XQ0B", NameZh = "示例企业", Kind = Zhangjiang.Platform.Features.Organisations.OrganisationKind.Enterprise, ParkCode = "yangpu",
            });
            await db.SaveChangesAsync();
        }
        var browsers = await factory.SignInEachAsync("anonymous",
        [
            ("city-staff", Roles.CityStaff, null, null, null), ("pm-jinqiao", Roles.ParkManager, "jinqiao", null, null), ("pm-yangpu", Roles.ParkManager, "yangpu", null, null),
            ("do-pudong", Roles.DistrictOfficer, null, "310115", null), ("do-yangpu", Roles.DistrictOfficer, null, "310110", null),
            ("enterprise", Roles.Enterprise, null, null, "91310000MA1FL8XQ0B"), ("expert", Roles.Reviewer, null, null, null),
        ]);
        var list = await (await browsers["city-staff"].GetAsync("/api/v1/plans")).Content.ReadFromJsonAsync<List<PlanSummary>>();
        var jinqiao = list!.Single(p => p.ParkCode == "jinqiao");
        var path = $"/api/v1/plans/{jinqiao.Id}";
        var draft = (await (await browsers["pm-jinqiao"].GetAsync(path)).Content.ReadFromJsonAsync<PlanDetail>())!;
        var input = new PlanInput
        {
            TitleZh = "金桥园“一园一方案”", PositioningZh = draft.PositioningZh, Source = draft.Source,
            Targets = [new PlanTargetInput("规上工业总产值", null, "亿元", TargetDirection.Increase, 2500, 2023, 3000, 2026, null, null)], Version = draft.Version,
        };

        // Reading the draft: its park, its district, the city; the rest are told nothing exists.
        var read = new Dictionary<string, HttpStatusCode>
        {
            ["anonymous"] = HttpStatusCode.Unauthorized, ["city-staff"] = HttpStatusCode.OK, ["pm-jinqiao"] = HttpStatusCode.OK, ["pm-yangpu"] = HttpStatusCode.NotFound,
            ["do-pudong"] = HttpStatusCode.OK, ["do-yangpu"] = HttpStatusCode.NotFound, ["enterprise"] = HttpStatusCode.NotFound, ["expert"] = HttpStatusCode.NotFound,
        };
        // Editing it: only its park and the city; a district officer or an applicant is refused by policy, another park's manager finds nothing.
        var edit = new Dictionary<string, HttpStatusCode>
        {
            ["anonymous"] = HttpStatusCode.Unauthorized, ["pm-yangpu"] = HttpStatusCode.NotFound, ["do-pudong"] = HttpStatusCode.Forbidden, ["do-yangpu"] = HttpStatusCode.Forbidden,
            ["enterprise"] = HttpStatusCode.Forbidden, ["expert"] = HttpStatusCode.Forbidden,
        };
        foreach (var (name, expected) in read)
        {
            var response = await browsers[name].GetAsync(path);
            Assert.True(expected == response.StatusCode, $"{name} GET: {(int)response.StatusCode}");
            if (expected != HttpStatusCode.OK)
            {
                Assert.DoesNotContain("金桥", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
        foreach (var (name, expected) in edit)
        {
            Assert.Equal(expected, (await browsers[name].PutJsonAsync(path, input)).StatusCode);
            Assert.Equal(expected, (await browsers[name].PostJsonAsync(path + "/submit", new VersionInput(draft.Version))).StatusCode);
        }
        Assert.DoesNotContain(await (await browsers["enterprise"].GetAsync("/api/v1/plans")).Content.ReadFromJsonAsync<List<PlanSummary>>() ?? [], p => p.Id == jinqiao.Id);

        // The park saves and submits; only the city reviews and publishes; then everyone signed in reads it.
        var saved = (await (await browsers["pm-jinqiao"].PutJsonAsync(path, input)).Content.ReadFromJsonAsync<PlanDetail>())!;
        Assert.Equal(HttpStatusCode.Conflict, (await browsers["pm-jinqiao"].PutJsonAsync(path, input)).StatusCode);
        var submitted = (await (await browsers["pm-jinqiao"].PostJsonAsync(path + "/submit", new VersionInput(saved.Version))).Content.ReadFromJsonAsync<PlanDetail>())!;
        Assert.Equal(HttpStatusCode.Forbidden, (await browsers["pm-jinqiao"].PostJsonAsync(path + "/review", new PlanReviewInput(true, null, submitted.Version))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browsers["do-pudong"].PostJsonAsync(path + "/review", new PlanReviewInput(true, null, submitted.Version))).StatusCode);
        var reviewed = (await (await browsers["city-staff"].PostJsonAsync(path + "/review", new PlanReviewInput(true, null, submitted.Version))).Content.ReadFromJsonAsync<PlanDetail>())!;
        Assert.Equal(HttpStatusCode.Forbidden, (await browsers["pm-jinqiao"].PostJsonAsync(path + "/publish", new VersionInput(reviewed.Version))).StatusCode);
        var published = await browsers["city-staff"].PostJsonAsync(path + "/publish", new VersionInput(reviewed.Version));
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        foreach (var name in new[] { "pm-yangpu", "do-yangpu", "enterprise", "expert" })
        {
            var plan = (await (await browsers[name].GetAsync(path)).Content.ReadFromJsonAsync<PlanDetail>())!;
            Assert.Equal((PlanWorkflow.Published, 3000.0, false), (plan.Workflow, plan.Targets.Single().TargetValue!.Value, plan.CanEdit));
        }
        Assert.Equal(HttpStatusCode.OK, (await browsers["enterprise"].GetAsync(path + "/versions/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browsers["enterprise"].GetAsync(path + "/versions/2")).StatusCode);

        // Closing the loop: only the park and the city change what the plan answers or which projects serve it.
        var weakLink = new WeakLinkInput(Guid.NewGuid(), "D1_1", false, reviewed.Version);
        var link = new FundLinkInput(Guid.NewGuid(), []);
        foreach (var (name, expected) in new Dictionary<string, HttpStatusCode>
        {
            ["anonymous"] = HttpStatusCode.Unauthorized, ["enterprise"] = HttpStatusCode.Forbidden, ["expert"] = HttpStatusCode.Forbidden, ["do-pudong"] = HttpStatusCode.Forbidden,
            ["pm-yangpu"] = HttpStatusCode.Forbidden, ["pm-jinqiao"] = HttpStatusCode.BadRequest,
        })
        {
            Assert.True(expected == (await browsers[name].PostJsonAsync(path + "/weak-links", weakLink)).StatusCode, name);
            Assert.True(expected == (await browsers[name].PutJsonAsync(path + "/funded-projects", link)).StatusCode, name);
        }
        Assert.Equal(HttpStatusCode.OK, (await browsers["enterprise"].GetAsync(path + "/funded-projects")).StatusCode);
    }
}
