using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Organisations;
using Zhangjiang.Platform.Features.Parks;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.Web.Tests;

public sealed class ParkAndOrganisationApiTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_public_park_list_has_the_22_parks_and_filters(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider);
        var anonymous = factory.Browser();
        var all = await (await anonymous.GetAsync("/api/v1/parks")).Content.ReadFromJsonAsync<List<ParkSummary>>();
        Assert.Equal(22, all!.Count);
        var pudong = await (await anonymous.GetAsync("/api/v1/parks?district=310115")).Content.ReadFromJsonAsync<List<ParkSummary>>();
        Assert.Equal(["expo", "ftz-bonded", "jinqiao", "lingang", "lujiazui", "science-city"], pudong!.Select(p => p.Code).Order(StringComparer.Ordinal));
        var ai = await (await anonymous.GetAsync("/api/v1/parks?industry=" + Uri.EscapeDataString("人工智能"))).Content.ReadFromJsonAsync<List<ParkSummary>>();
        Assert.Contains(ai!, p => p.Code == "caohejing");
        Assert.Contains(ai!, p => p.Code == "xuhui"); // 生成式人工智能
        var export = await anonymous.GetAsync("/api/v1/parks/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = MiniExcelLibs.MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true).ToList();
        Assert.Equal(22, rows.Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_park_manager_edits_their_park_the_change_is_audited_and_a_stale_edit_is_refused(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider);
        var manager = await factory.SignInAsync(await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));
        var before = await (await manager.GetAsync("/api/v1/parks/yangpu")).Content.ReadFromJsonAsync<ParkDetail>();

        var saved = await manager.PutJsonAsync("/api/v1/parks/yangpu", ParkProfileInput.From(before!) with { Address = "上海市杨浦区国定路", Website = "https://www.shyp.gov.cn" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = await saved.Content.ReadFromJsonAsync<ParkDetail>();
        Assert.Equal("上海市杨浦区国定路", after!.Address);
        Assert.NotEqual(before!.Version, after.Version);

        // The second editor started from the old version: told, and nothing of theirs is written.
        var stale = await manager.PutJsonAsync("/api/v1/parks/yangpu", ParkProfileInput.From(before) with { Address = "stale" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("上海市杨浦区国定路", (await (await manager.GetAsync("/api/v1/parks/yangpu")).Content.ReadFromJsonAsync<ParkDetail>())!.Address);

        await using var db = factory.Database.CreateContext();
        var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(Park) && a.EntityKey == "yangpu" && a.UserName == "pm-yangpu").ToListAsync(TestContext.Current.CancellationToken);
        var row = Assert.Single(audit);
        Assert.Contains("上海市杨浦区国定路", row.Changes, StringComparison.Ordinal);
        Assert.Equal("Update", row.Action);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_park_manager_cannot_edit_another_park_and_mass_assignment_is_ignored(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider);
        var manager = await factory.SignInAsync(await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));
        var jiading = await (await manager.GetAsync("/api/v1/parks/jiading")).Content.ReadFromJsonAsync<ParkDetail>();
        var denied = await manager.PutJsonAsync("/api/v1/parks/jiading", ParkProfileInput.From(jiading!) with { Address = "intruder" });
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.DoesNotContain("intruder", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Fields that are not part of the profile (names, district, code) are ignored even if sent.
        var yangpu = await (await manager.GetAsync("/api/v1/parks/yangpu")).Content.ReadFromJsonAsync<ParkDetail>();
        var body = JsonSerializer.SerializeToNode(ParkProfileInput.From(yangpu!))!.AsObject();
        body["nameZh"] = "篡改园";
        body["districtCode"] = "310101";
        body["code"] = "jiading";
        var response = await manager.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/v1/parks/yangpu") { Content = JsonContent.Create(body) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reread = await (await manager.GetAsync("/api/v1/parks/yangpu")).Content.ReadFromJsonAsync<ParkDetail>();
        Assert.Equal("杨浦园", reread!.NameZh);
        Assert.Equal("310110", reread.DistrictCode);
        Assert.Null((await (await manager.GetAsync("/api/v1/parks/jiading")).Content.ReadFromJsonAsync<ParkDetail>())!.Address);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_invalid_credit_code_is_refused_with_the_position_or_expected_character(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider);
        var admin = await factory.SignInAsync(await factory.CreateUserAsync("city", Roles.CityAdmin));
        var wrongCheck = await admin.PostJsonAsync("/api/v1/organisations", new OrganisationInput { CreditCode = "914403001922038217", NameZh = "华为技术有限公司" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongCheck.StatusCode);
        Assert.Contains("第18位校验码应为“6”", await wrongCheck.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var badChar = await admin.PostJsonAsync("/api/v1/organisations", new OrganisationInput { CreditCode = "9144030019220382I6", NameZh = "x" });
        Assert.Contains("第17位", await badChar.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var english = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organisations") { Content = JsonContent.Create(new OrganisationInput { CreditCode = "914403001922038217", NameZh = "x" }) };
        admin.Cookies["zj-culture"] = "c%3Den%7Cuic%3Den";
        Assert.Contains("should be '6', not '7'", await (await admin.SendAsync(english)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        admin.Cookies.Remove("zj-culture");

        var created = await admin.PostJsonAsync("/api/v1/organisations", new OrganisationInput { CreditCode = "914403001922038216", NameZh = "华为技术有限公司", Kind = OrganisationKind.Enterprise, ParkCode = "yangpu" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await using var db = factory.Database.CreateContext();
        Assert.Equal(1, await db.Organisations.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Organisations_are_visible_only_within_the_callers_scope(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider);
        var city = await factory.SignInAsync(await factory.CreateUserAsync("city", Roles.CityAdmin));
        Assert.Equal(HttpStatusCode.Created, (await city.PostJsonAsync("/api/v1/organisations", new OrganisationInput { CreditCode = "914403001922038216", NameZh = "杨浦的企业", Kind = OrganisationKind.Enterprise, ParkCode = "yangpu", DistrictCode = "310110" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await city.PostJsonAsync("/api/v1/organisations", new OrganisationInput { CreditCode = "91440300708461136T", NameZh = "嘉定的秘密企业", Kind = OrganisationKind.Enterprise, ParkCode = "jiading", DistrictCode = "310114" })).StatusCode);

        var manager = await factory.SignInAsync(await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));
        var list = await (await manager.GetAsync("/api/v1/organisations")).Content.ReadAsStringAsync();
        Assert.Contains("杨浦的企业", list, StringComparison.Ordinal);
        Assert.DoesNotContain("嘉定的秘密企业", list, StringComparison.Ordinal);
        var other = await manager.GetAsync("/api/v1/organisations/91440300708461136T");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain("嘉定的秘密企业", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var edit = await manager.PutJsonAsync("/api/v1/organisations/91440300708461136T", new OrganisationInput { CreditCode = "91440300708461136T", NameZh = "hijack" });
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);

        // The export is filtered the same way, and recorded.
        var export = await manager.GetAsync("/api/v1/organisations/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = MiniExcelLibs.MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("914403001922038216", Assert.Single(rows)["统一社会信用代码 Credit code"]);
        await using var db = factory.Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Export" && a.UserName == "pm-yangpu"));
    }
}
