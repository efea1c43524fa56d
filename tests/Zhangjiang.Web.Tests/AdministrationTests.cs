using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.Web.Tests;

/// <summary>三员分立 and account administration through the API; audit read and export.</summary>
public sealed class AdministrationTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_security_administrator_manages_accounts_within_the_separation_of_duties(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider);
        var security = await factory.SignInAsync(await factory.CreateUserAsync("sec", Roles.SecurityAdmin));

        var combined = await security.PostJsonAsync("/api/v1/users", new UserInput { UserName = "superuser", Roles = [Roles.CityAdmin, Roles.AuditAdmin] });
        Assert.Equal(HttpStatusCode.BadRequest, combined.StatusCode);
        Assert.Contains("三员分立", await combined.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var noScope = await security.PostJsonAsync("/api/v1/users", new UserInput { UserName = "pm", Roles = [Roles.ParkManager] });
        Assert.Equal(HttpStatusCode.BadRequest, noScope.StatusCode);

        var created = await security.PostJsonAsync("/api/v1/users", new UserInput { UserName = "pm", DisplayName = "园区管理员", Roles = [Roles.ParkManager], ScopeParkCode = "yangpu" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var issued = await created.Content.ReadFromJsonAsync<IssuedPassword>();
        Assert.True(issued!.TemporaryPassword.Length >= 16);
        Assert.True(issued.User.MustChangePassword);

        // Nobody changes their own privileges, not even the security administrator.
        var self = await security.PutJsonAsync("/api/v1/users/sec/assignment", new UserInput { Roles = [Roles.SecurityAdmin, Roles.CityStaff] });
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);

        var moved = await security.PutJsonAsync("/api/v1/users/pm/assignment", new UserInput { Roles = [Roles.ParkManager], ScopeParkCode = "jiading" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        await using var db = factory.Database.CreateContext();
        var events = await db.AuditEntries.Where(a => a.Kind == AuditKind.Security && a.UserName == "sec").Select(a => a.Action).ToListAsync();
        Assert.Contains(SecurityEvents.UserCreated, events);
        Assert.Contains(SecurityEvents.ScopeChanged, events);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_audit_administrator_reads_and_exports_the_trail_and_the_export_is_audited(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider);
        var manager = await factory.SignInAsync(await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));
        await manager.GetAsync("/api/v1/organisations");
        var auditor = await factory.SignInAsync(await factory.CreateUserAsync("auditor", Roles.AuditAdmin, twoFactor: false));

        var page = await (await auditor.GetAsync("/api/v1/audit?action=SignIn&user=pm-yangpu")).Content.ReadFromJsonAsync<AuditPage>();
        Assert.NotEmpty(page!.Rows);
        Assert.All(page.Rows, r => Assert.Equal("pm-yangpu", r.UserName));

        var export = await auditor.GetAsync("/api/v1/audit/export.xlsx?kind=Security");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = MiniExcelLibs.MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true).ToList();
        Assert.True(rows.Count >= 2);

        var verification = await (await auditor.GetAsync("/api/v1/audit/verify")).Content.ReadFromJsonAsync<AuditVerification>();
        Assert.True(verification!.IsIntact);

        await using var db = factory.Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == SecurityEvents.Export && a.UserName == "auditor"));
    }
}
