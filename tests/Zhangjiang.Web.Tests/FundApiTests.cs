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
}
