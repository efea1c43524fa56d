using System.Net;
using System.Net.Http.Json;
using Zhangjiang.Platform.Features.Calendar;
using Zhangjiang.Platform.Features.Coordination;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Linkage;
using Zhangjiang.Platform.Features.Network;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.Web.Tests;

/// <summary>
/// District coordination, the partner network and the calendar over HTTP on both providers, with the role matrix: a
/// district acts only within itself, its parks read it; the network is read by all and kept by the city; the calendar
/// is each caller's own.
/// </summary>
public sealed class CoordinationApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Districts_network_and_calendar_answer_each_role_within_its_scope(string provider)
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
            ("city-staff", Roles.CityStaff, null, null, null), ("do-pudong", Roles.DistrictOfficer, null, "310115", null), ("do-yangpu", Roles.DistrictOfficer, null, "310110", null),
            ("pm-jinqiao", Roles.ParkManager, "jinqiao", null, null), ("enterprise", Roles.Enterprise, null, null, "91310000MA1FL8XQ0B"), ("expert", Roles.Reviewer, null, null, null),
        ]);
        var pudong = (await (await browsers["do-pudong"].GetAsync("/api/v1/districts/310115")).Content.ReadFromJsonAsync<DistrictView>())!;
        var mechanism = new MechanismInput("张三", "区长", [], pudong.Parks.Select(p => p.Code).ToList(), null, pudong.Remit, pudong.Source, pudong.Version);
        var meeting = new MeetingInput("区级统筹协调会议", new DateOnly(2026, 11, 20), null, null, null, "纪要", [new DecisionInput("推进重大项目", null, new DateOnly(2027, 6, 30))], Guid.Empty);

        foreach (var (name, read, write) in new (string, HttpStatusCode, HttpStatusCode)[]
        {
            ("anonymous", HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), ("enterprise", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            ("expert", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), ("do-yangpu", HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            ("pm-jinqiao", HttpStatusCode.OK, HttpStatusCode.Forbidden),
        })
        {
            var response = await browsers[name].GetAsync("/api/v1/districts/310115");
            Assert.True(read == response.StatusCode, $"{name} GET {(int)response.StatusCode}");
            if (read != HttpStatusCode.OK)
            {
                Assert.DoesNotContain("浦东", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            Assert.True(write == (await browsers[name].PutJsonAsync("/api/v1/districts/310115/mechanism", mechanism)).StatusCode, $"{name} PUT");
            Assert.True(write == (await browsers[name].PostJsonAsync("/api/v1/districts/310115/meetings", meeting)).StatusCode, $"{name} POST meeting");
        }
        Assert.Equal(HttpStatusCode.OK, (await browsers["do-pudong"].PutJsonAsync("/api/v1/districts/310115/mechanism", mechanism)).StatusCode);
        var created = (await (await browsers["do-pudong"].PostJsonAsync("/api/v1/districts/310115/meetings", meeting)).Content.ReadFromJsonAsync<MeetingView>())!;
        Assert.Equal(HttpStatusCode.NotFound, await browsers["do-yangpu"].StatusAsync($"/api/v1/districts/meetings/{created.Id}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await browsers["pm-jinqiao"].PostJsonAsync($"/api/v1/districts/meetings/{created.Id}/decisions/{created.Decisions[0].Id}/linkage",
            new ProposeLinkageInput(LinkageKind.MajorProject, null))).StatusCode);
        var proposed = (await (await browsers["do-pudong"].PostJsonAsync($"/api/v1/districts/meetings/{created.Id}/decisions/{created.Decisions[0].Id}/linkage",
            new ProposeLinkageInput(LinkageKind.MajorProject, null))).Content.ReadFromJsonAsync<MeetingView>())!;
        Assert.StartsWith("LD-", proposed.Decisions[0].LinkageNumber, StringComparison.Ordinal);

        // The network: everyone signed in reads it; only the city changes it.
        Assert.Equal(HttpStatusCode.Unauthorized, await browsers["anonymous"].StatusAsync("/api/v1/network"));
        var network = (await (await browsers["expert"].GetAsync("/api/v1/network")).Content.ReadFromJsonAsync<NetworkOverview>())!;
        Assert.Contains(network.Alliances, a => a.NameZh == "长三角国家高新区联盟");
        var zone = new ZoneInput("wuxi-htz", "无锡高新区", null, ZoneKind.NationalHighTechZone, "无锡", "江苏", "测试", Guid.Empty);
        foreach (var name in new[] { "do-pudong", "pm-jinqiao", "enterprise", "expert" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await browsers[name].PutJsonAsync("/api/v1/network/zones", zone)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await browsers["city-staff"].PutJsonAsync("/api/v1/network/zones", zone)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await browsers["city-staff"].PutJsonAsync("/api/v1/network/zones", zone)).StatusCode); // a second "new" is stale

        // The calendar: each caller's own obligations; the .ics is text/calendar.
        Assert.Equal(HttpStatusCode.Unauthorized, await browsers["anonymous"].StatusAsync("/api/v1/calendar"));
        var mine = (await (await browsers["pm-jinqiao"].GetAsync("/api/v1/calendar")).Content.ReadFromJsonAsync<List<CalendarEntry>>())!;
        Assert.All(mine, e => Assert.True(e.ParkCode is null or "jinqiao"));
        var ics = await browsers["city-staff"].GetAsync("/api/v1/calendar/obligations.ics");
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("BEGIN:VCALENDAR", await ics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
