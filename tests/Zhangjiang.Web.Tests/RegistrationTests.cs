using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Organisations;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.Web.Tests;

/// <summary>Enterprises and experts register themselves and stay inactive until the park or the city approves them.</summary>
public sealed class RegistrationTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    private static Task<HttpResponseMessage> RegisterAsync(Browser browser, Dictionary<string, string> fields) =>
        browser.PostFormAsync("/account/register", new Dictionary<string, string>(fields) { ["_handler"] = "register" }, formPage: "/account/register");

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_enterprise_registers_waits_for_its_park_and_then_signs_in(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider);
        var anonymous = factory.Browser();
        var bad = await RegisterAsync(anonymous, new()
        {
            ["Input.Kind"] = "Enterprise", ["Input.UserName"] = "huawei-sh", ["Input.DisplayName"] = "张经理", ["Input.CreditCode"] = "914403001922038217",
            ["Input.OrganisationName"] = "华为技术有限公司", ["Input.ParkCode"] = "yangpu", ["Input.Password"] = "Strong#Pass2026", ["Input.Confirm"] = "Strong#Pass2026",
        });
        Assert.Contains("第18位校验码应为“6”", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using (var db = factory.Database.CreateContext())
        {
            Assert.Equal(0, await db.Organisations.CountAsync());
            Assert.False(await db.Users.AnyAsync(u => u.UserName == "huawei-sh"));
        }

        var good = await RegisterAsync(anonymous, new()
        {
            ["Input.Kind"] = "Enterprise", ["Input.UserName"] = "huawei-sh", ["Input.DisplayName"] = "张经理", ["Input.CreditCode"] = "914403001922038216",
            ["Input.OrganisationName"] = "华为技术有限公司", ["Input.ParkCode"] = "yangpu", ["Input.Password"] = "Strong#Pass2026", ["Input.Confirm"] = "Strong#Pass2026",
        });
        Assert.Contains("zj-registered", await good.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Inactive until approved: the sign-in answer is the generic failure.
        var early = await factory.Browser().PostFormAsync("/account/login", new() { ["userName"] = "huawei-sh", ["password"] = "Strong#Pass2026", ["returnUrl"] = "/" });
        Assert.Equal("/account/login?error=1&returnUrl=%2F", early.Headers.Location!.OriginalString);

        // Another park's manager does not see it and cannot approve it.
        var jiading = await factory.SignInAsync(await factory.CreateUserAsync("pm-jiading", Roles.ParkManager, park: "jiading"));
        Assert.Empty((await (await jiading.GetAsync("/api/v1/registrations")).Content.ReadFromJsonAsync<List<PendingRegistration>>())!);
        Assert.Equal(HttpStatusCode.NotFound, (await jiading.PostJsonAsync("/api/v1/registrations/huawei-sh/approve", new { })).StatusCode);

        var yangpu = await factory.SignInAsync(await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));
        var pending = await (await yangpu.GetAsync("/api/v1/registrations")).Content.ReadFromJsonAsync<List<PendingRegistration>>();
        Assert.Equal("华为技术有限公司", Assert.Single(pending!).OrganisationName);
        Assert.Equal(HttpStatusCode.OK, (await yangpu.PostJsonAsync("/api/v1/registrations/huawei-sh/approve", new { })).StatusCode);

        var enterprise = await factory.SignInAsync(new TestUser("huawei-sh", "Strong#Pass2026", null));
        var own = await (await enterprise.GetAsync("/api/v1/organisations")).Content.ReadFromJsonAsync<List<OrganisationView>>();
        Assert.Equal("914403001922038216", Assert.Single(own!).CreditCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_expert_is_approved_by_the_city_only_and_a_rejection_removes_the_account(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider);
        foreach (var name in new[] { "expert-a", "expert-b" })
        {
            var response = await RegisterAsync(factory.Browser(), new()
            {
                ["Input.Kind"] = "Expert", ["Input.UserName"] = name, ["Input.DisplayName"] = "李教授", ["Input.Institution"] = "复旦大学",
                ["Input.Password"] = "Strong#Pass2026", ["Input.Confirm"] = "Strong#Pass2026",
            });
            Assert.Contains("zj-registered", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var manager = await factory.SignInAsync(await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));
        Assert.Empty((await (await manager.GetAsync("/api/v1/registrations")).Content.ReadFromJsonAsync<List<PendingRegistration>>())!);

        var city = await factory.SignInAsync(await factory.CreateUserAsync("city", Roles.CityAdmin));
        Assert.Equal(2, (await (await city.GetAsync("/api/v1/registrations")).Content.ReadFromJsonAsync<List<PendingRegistration>>())!.Count);
        Assert.Equal(HttpStatusCode.OK, (await city.PostJsonAsync("/api/v1/registrations/expert-a/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await city.PostJsonAsync("/api/v1/registrations/expert-b/reject", new { })).StatusCode);

        await using var db = factory.Database.CreateContext();
        var expert = await db.Users.SingleAsync(u => u.UserName == "expert-a");
        Assert.True(expert.IsActive);
        Assert.Equal("复旦大学", expert.Institution);
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "expert-b"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "RegistrationRejected" && a.EntityKey == "expert-b"));
    }
}
