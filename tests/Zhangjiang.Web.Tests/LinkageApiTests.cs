using System.Net;
using System.Net.Http.Json;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Linkage;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.Web.Tests;

/// <summary>
/// Linkage items over HTTP on both providers, with the role matrix: the city drafts, assigns, urges and verifies; each
/// unit reads and acts only for itself (a district also reads its parks' items); firms and experts are refused by policy.
/// </summary>
public sealed class LinkageApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_role_reads_and_acts_on_linkage_items_within_its_scope(string provider)
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
            ("city-staff", Roles.CityStaff, null, null, null), ("pm-yangpu", Roles.ParkManager, "yangpu", null, null), ("pm-jinqiao", Roles.ParkManager, "jinqiao", null, null),
            ("do-pudong", Roles.DistrictOfficer, null, "310115", null), ("do-yangpu", Roles.DistrictOfficer, null, "310110", null), ("do-xuhui", Roles.DistrictOfficer, null, "310104", null),
            ("enterprise", Roles.Enterprise, null, null, "91310000MA1FL8XQ0B"), ("expert", Roles.Reviewer, null, null, null),
        ]);
        var input = new LinkageItemInput
        {
            Kind = LinkageKind.ReformTask, TitleZh = "张江科学城企业开办一件事改革", DueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(6), FeedbackEveryDays = 30,
            Units = [new(LinkageUnitKind.CityDepartment, "zjoffice", LinkageUnitRole.Lead), new(LinkageUnitKind.District, "310115", LinkageUnitRole.Co), new(LinkageUnitKind.Park, "yangpu", LinkageUnitRole.Co)],
            Nodes = [new("出台实施细则", NodeType.Approval, DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(2))],
        };

        // Drafting is the city's: others are refused by policy, or not signed in.
        foreach (var (name, expected) in new Dictionary<string, HttpStatusCode>
        {
            ["anonymous"] = HttpStatusCode.Unauthorized, ["pm-yangpu"] = HttpStatusCode.Forbidden, ["do-pudong"] = HttpStatusCode.Forbidden, ["enterprise"] = HttpStatusCode.Forbidden,
            ["expert"] = HttpStatusCode.Forbidden,
        })
        {
            Assert.Equal(expected, (await browsers[name].PostJsonAsync("/api/v1/linkage", input)).StatusCode);
        }
        // Fields the client does not own (stage, number) are not taken from the body.
        var created = await browsers["city-staff"].PostJsonAsync("/api/v1/linkage", new
        {
            input.Kind, input.TitleZh, input.DueOn, input.FeedbackEveryDays, input.Units, input.Nodes, Stage = LinkageStage.Closed, Number = "LD-1999-999",
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var item = (await created.Content.ReadFromJsonAsync<LinkageDetail>())!;
        Assert.Equal(LinkageStage.Drafting, item.Stage);
        Assert.StartsWith("LD-", item.Number, StringComparison.Ordinal);
        Assert.NotEqual("LD-1999-999", item.Number);
        var path = $"/api/v1/linkage/{item.Id}";
        Assert.Equal(HttpStatusCode.NotFound, await browsers["do-pudong"].StatusAsync(path));
        item = (await (await browsers["city-staff"].PostJsonAsync(path + "/assign", new VersionInput(item.Version))).Content.ReadFromJsonAsync<LinkageDetail>())!;
        Assert.Equal(LinkageStage.Assigned, item.Stage);

        // Reading the assigned item: its units, the district of its park, the city; the rest see nothing of it.
        foreach (var (name, expected) in new Dictionary<string, HttpStatusCode>
        {
            ["anonymous"] = HttpStatusCode.Unauthorized, ["city-staff"] = HttpStatusCode.OK, ["pm-yangpu"] = HttpStatusCode.OK, ["do-pudong"] = HttpStatusCode.OK,
            ["do-yangpu"] = HttpStatusCode.OK, ["pm-jinqiao"] = HttpStatusCode.NotFound, ["do-xuhui"] = HttpStatusCode.NotFound, ["enterprise"] = HttpStatusCode.Forbidden,
            ["expert"] = HttpStatusCode.Forbidden,
        })
        {
            var response = await browsers[name].GetAsync(path);
            Assert.True(expected == response.StatusCode, $"{name} GET: {(int)response.StatusCode}");
            var list = await browsers[name].GetAsync("/api/v1/linkage");
            var listBody = await list.Content.ReadAsStringAsync();
            Assert.Equal(expected == HttpStatusCode.OK, listBody.Contains("一件事", StringComparison.Ordinal));
            if (expected != HttpStatusCode.OK)
            {
                Assert.DoesNotContain("一件事", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        // Each unit signs for itself; an outsider finds nothing, a district cannot sign for its park, the city's staff sign for the lead.
        Assert.Equal(HttpStatusCode.NotFound, (await browsers["pm-jinqiao"].PostJsonAsync(path + "/sign", new UnitChoice())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browsers["do-yangpu"].PostJsonAsync(path + "/sign", new UnitChoice())).StatusCode);
        foreach (var name in new[] { "do-pudong", "pm-yangpu", "city-staff" })
        {
            Assert.Equal(HttpStatusCode.OK, (await browsers[name].PostJsonAsync(path + "/sign", new UnitChoice())).StatusCode);
        }

        // Feedback with a file, then the file is read by those who read the item only.
        item = (await (await browsers["do-pudong"].PostJsonAsync(path + "/feedback", new LinkageFeedbackInput("已完成细则起草", 30))).Content.ReadFromJsonAsync<LinkageDetail>())!;
        var feedbackId = item.Feedback.Single().Id;
        var pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"u8.ToArray();
        Assert.Equal(HttpStatusCode.BadRequest, (await browsers["pm-yangpu"].SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{path}/feedback/{feedbackId}/files?fileName=a.pdf") { Content = new ByteArrayContent(pdf) })).StatusCode);
        var attached = await browsers["do-pudong"].SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{path}/feedback/{feedbackId}/files?fileName=细则.pdf") { Content = new ByteArrayContent(pdf) });
        Assert.Equal(HttpStatusCode.OK, attached.StatusCode);
        var fileId = (await attached.Content.ReadFromJsonAsync<LinkageDetail>())!.Feedback.Single().Files.Single().Id;
        Assert.Equal(pdf, await (await browsers["pm-yangpu"].GetAsync($"{path}/files/{fileId}")).Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, await browsers["pm-jinqiao"].StatusAsync($"{path}/files/{fileId}"));

        // Urging is the city's; the notice prints as a PDF for those who read the item.
        var urging = new UrgingInput(LinkageUnitKind.Park, "yangpu", "请按期报送进展", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5));
        Assert.Equal(HttpStatusCode.Forbidden, (await browsers["do-pudong"].PostJsonAsync(path + "/urgings", urging)).StatusCode);
        item = (await (await browsers["city-staff"].PostJsonAsync(path + "/urgings", urging)).Content.ReadFromJsonAsync<LinkageDetail>())!;
        var printed = await browsers["pm-yangpu"].GetAsync($"{path}/urgings/{item.Urgings.Single().Id}.pdf");
        Assert.Equal("application/pdf", printed.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await printed.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await browsers["pm-jinqiao"].StatusAsync($"{path}/urgings/{item.Urgings.Single().Id}.pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, (await browsers["do-pudong"].PostJsonAsync($"{path}/urgings/{item.Urgings.Single().Id}/response", new UrgingResponseInput("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browsers["pm-yangpu"].PostJsonAsync($"{path}/urgings/{item.Urgings.Single().Id}/response", new UrgingResponseInput("本周内报送"))).StatusCode);

        // Nodes, close-out and verification are the city's.
        Assert.Equal(HttpStatusCode.Forbidden, (await browsers["pm-yangpu"].PostJsonAsync($"{path}/nodes/{item.Nodes[0].Id}", new NodeUpdateInput(NodeStatus.Met, DateOnly.FromDateTime(DateTime.UtcNow), null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browsers["do-pudong"].PostJsonAsync(path + "/close-request", new CloseRequestInput("x", item.Version))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await browsers["city-staff"].PostJsonAsync(path + "/close-request", new CloseRequestInput("x", Guid.NewGuid()))).StatusCode);

        // The league table: units read it, firms do not; the workbook is an .xlsx.
        Assert.Equal(HttpStatusCode.Forbidden, await browsers["enterprise"].StatusAsync("/api/v1/linkage/league"));
        var league = await (await browsers["pm-yangpu"].GetAsync("/api/v1/linkage/league")).Content.ReadFromJsonAsync<List<LeagueRow>>();
        Assert.Equal(3, league!.Count);
        var workbook = await (await browsers["do-pudong"].GetAsync("/api/v1/linkage/league.xlsx")).Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), workbook[..2]);
    }
}
