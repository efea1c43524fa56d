using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Files;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Network;
using Zhangjiang.Platform.Features.Notifications;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Linkage;

public sealed class PartnerNetworkTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_network_is_seeded_from_its_sources_kept_by_the_city_and_agreements_are_reminded_before_they_expire(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 2, 0, 0, TimeSpan.Zero));
        var network = new PartnerNetwork(database.Factory(clock));
        var reminders = new DeadlineReminders(database.Factory(clock));
        var city = TestPrincipals.User(Roles.CityStaff, name: "city-staff");
        var firm = TestPrincipals.User(Roles.Enterprise, name: "firm", org: "91310000MA1FL8XQ0B");

        // What the seed and the domain facts state, each with its source; everyone signed in reads it.
        var overview = await network.OverviewAsync(firm, ct);
        Assert.False(overview.CanEdit);
        Assert.Equal("zhangjiang", overview.Zones[0].Code);
        var ic = overview.Alliances.Single(a => a.NameZh == "国家高新区集成电路产业协同创新网络");
        Assert.Equal(["zhangjiang", "zhongguancun", "chongqing-htz", "nanjing-htz"], ic.Members.Select(m => m.ZoneCode));
        Assert.Null(ic.FoundedOn);
        Assert.Contains("16", ic.MembershipNote, StringComparison.Ordinal);
        var yrd = overview.Alliances.Single(a => a.NameZh == "长三角国家高新区联盟");
        Assert.Equal(new DateOnly(2024, 9, 8), yrd.FoundedOn);
        Assert.Contains(overview.Events, e => e.Kind == NetworkEventKind.Declaration && e.TitleZh.Contains("张江宣言", StringComparison.Ordinal));
        Assert.All(overview.Zones, z => Assert.NotEmpty(z.Source));
        Assert.Empty(overview.Agreements);

        // Only the city changes it; unknown zones and bad dates are refused.
        var agreement = new AgreementInput(null, "张江—合肥高新区战略合作协议", null, ["zhangjiang", "hefei-htz"], new DateOnly(2024, 3, 1), new DateOnly(2027, 2, 15),
            "每年互派干部交流 2 人次", "测试录入", Guid.Empty);
        Assert.Equal(UseCaseStatus.Forbidden, (await network.SaveAgreementAsync(firm, TestPrincipals.Actor(), agreement, ct)).Status);
        Assert.Equal("NetworkZoneUnknown", (await network.SaveAgreementAsync(city, TestPrincipals.Actor(), agreement with { Parties = ["nowhere"] }, ct)).Errors.Single().Message.Key);
        Assert.Equal("NetworkAgreementDates", (await network.SaveAgreementAsync(city, TestPrincipals.Actor(), agreement with { ExpiresOn = new DateOnly(2024, 1, 1) }, ct)).Errors.Single().Message.Key);
        overview = (await network.SaveAgreementAsync(city, TestPrincipals.Actor("city-staff"), agreement, ct)).Value!;
        var saved = overview.Agreements.Single();
        Assert.Equal(78, saved.DaysLeft); // 2026-11-29 to 2027-02-15
        Assert.Equal(UseCaseStatus.Conflict, (await network.SaveAgreementAsync(city, TestPrincipals.Actor(), agreement with { Id = saved.Id, Version = Guid.NewGuid() }, ct)).Status);

        // Within 90 days of its end the city is told once; after it, again.
        Assert.Equal(1, await reminders.SweepAsync(ct));
        Assert.Equal(0, await reminders.SweepAsync(ct));
        clock.SetUtcNow(new DateTimeOffset(2027, 2, 16, 2, 0, 0, TimeSpan.Zero));
        await reminders.SweepAsync(ct); // plan reports fall due by then too
        await using (var notices = database.CreateContext(clock))
        {
            Assert.Equal(["agreement-expired", "agreement-expiring"], (await notices.Notifications.Where(n => n.DedupKey!.StartsWith("agreement-")).Select(n => n.DedupKey!).ToListAsync(ct))
                .Select(k => k[..k.IndexOf(':', StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
        }

        // A new zone, a member added to an alliance, an event with its document, a joint project.
        overview = (await network.SaveZoneAsync(city, TestPrincipals.Actor("city-staff"), new ZoneInput("wuxi-htz", "无锡高新区", "Wuxi High-tech Zone", ZoneKind.NationalHighTechZone, "无锡", "江苏", "测试录入", Guid.Empty), ct)).Value!;
        yrd = overview.Alliances.Single(a => a.Id == yrd.Id);
        overview = (await network.SaveAllianceAsync(city, TestPrincipals.Actor("city-staff"), new AllianceInput(yrd.Id, yrd.NameZh, yrd.NameEn, yrd.FoundedOn, yrd.FoundedAt, yrd.Mission,
            yrd.MembershipNote, yrd.Source, [.. yrd.Members.Select(m => new MemberInput(m.ZoneCode, m.Role, m.JoinedOn, m.LeftOn)), new MemberInput("wuxi-htz", MemberRole.Member, new DateOnly(2025, 5, 1))],
            yrd.Version), ct)).Value!;
        Assert.Equal(5, overview.Alliances.Single(a => a.Id == yrd.Id).Members.Count);
        var declaration = overview.Events.Single(e => e.Kind == NetworkEventKind.Declaration);
        var pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"u8.ToArray();
        overview = (await network.SaveEventAsync(city, TestPrincipals.Actor("city-staff"), new EventInput(declaration.Id, declaration.Kind, declaration.TitleZh, declaration.TitleEn,
            declaration.HeldOn, declaration.Place, declaration.AllianceId, declaration.Summary, declaration.Source, declaration.Version), [new UploadedFile("张江宣言.pdf", pdf)], ct)).Value!;
        var document = overview.Events.Single(e => e.Id == declaration.Id).Documents.Single();
        Assert.Equal(pdf, (await network.DocumentAsync(firm, declaration.Id, document.Id, ct)).Value!.Content);
        Assert.Equal(UseCaseStatus.NotFound, (await network.DocumentAsync(firm, Guid.NewGuid(), document.Id, ct)).Status);
        overview = (await network.SaveProjectAsync(city, TestPrincipals.Actor("city-staff"), new JointProjectInput(null, "长三角集成电路共享测试平台", null, ["suzhou-sip", "wuxi-htz"], "science-city", yrd.Id,
            JointProjectStatus.Proposed, null, null, "测试录入", Guid.Empty), ct)).Value!;
        Assert.Equal(2, overview.Projects.Count);
        await using var db = database.CreateContext(clock);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(PartnerAgreement) && a.UserName == "city-staff", ct));
    }
}
