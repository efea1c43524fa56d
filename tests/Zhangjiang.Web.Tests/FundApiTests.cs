using System.Net;
using System.Net.Http.Json;
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
}
