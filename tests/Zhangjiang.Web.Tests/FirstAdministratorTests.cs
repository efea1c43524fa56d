using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;
using Zhangjiang.Web.Features.Identity;

namespace Zhangjiang.Web.Tests;

/// <summary>No default accounts; the first administrator comes from the one-time setup link (or the CLI).</summary>
public sealed class FirstAdministratorTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_fresh_platform_has_no_accounts_and_the_setup_link_creates_one_security_administrator_once(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider);
        await using (var db = factory.Database.CreateContext())
        {
            Assert.Equal(0, await db.Users.CountAsync());
        }
        var token = factory.Services.GetRequiredService<SetupToken>().Issue(); // the value the start-up log printed
        var browser = factory.Browser();
        Assert.Contains("zj-setup-invalid", await (await browser.GetAsync("/account/setup?token=wrong")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Dictionary<string, string> Form(string password) => new()
        {
            ["_handler"] = "setup", ["token"] = token, ["Input.UserName"] = "secadmin", ["Input.DisplayName"] = "安全管理员",
            ["Input.Password"] = password, ["Input.Confirm"] = password,
        };
        var weak = await browser.PostFormAsync("/account/setup?token=" + token, Form("short"), formPage: "/account/setup?token=" + token);
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode); // the form again, with the reason
        var created = await browser.PostFormAsync("/account/setup?token=" + token, Form("Kx9#Setup-2026q"), formPage: "/account/setup?token=" + token);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        // The link is spent.
        Assert.Contains("zj-setup-invalid", await (await browser.GetAsync("/account/setup?token=" + token)).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var db = factory.Database.CreateContext())
        {
            var admin = await db.Users.SingleAsync();
            Assert.Equal("secadmin", admin.UserName);
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == admin.Id select r.Name).ToListAsync();
            Assert.Equal([Roles.SecurityAdmin], roles);
        }

        // Signing in, the security administrator must enrol two-factor before anything else.
        var signedIn = await factory.SignInAsync(new TestUser("secadmin", "Kx9#Setup-2026q", null));
        Assert.StartsWith("/account/two-factor", (await signedIn.GetAsync("/admin/users")).Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
