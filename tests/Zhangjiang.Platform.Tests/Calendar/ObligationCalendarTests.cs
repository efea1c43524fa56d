using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Zhangjiang.Platform.Features.Calendar;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Linkage;
using Zhangjiang.Platform.Features.Network;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Calendar;

public sealed class ObligationCalendarTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_user_sees_the_dated_obligations_of_their_scope_across_modules_and_can_take_them_as_iCalendar(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        // The seed publishes 杨浦, 嘉定, 漕河泾 and 奉贤's plans "now": their first half-year report falls due in January.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 2, 0, 0, TimeSpan.Zero));
        var calendar = new ObligationCalendar(database.Factory(clock));
        var items = new LinkageItems(database.Factory(clock));
        var network = new PartnerNetwork(database.Factory(clock));
        var city = TestPrincipals.User(Roles.CityStaff, name: "city-staff");
        var yangpu = TestPrincipals.User(Roles.ParkManager, park: "yangpu", name: "pm-yangpu");
        var jinqiao = TestPrincipals.User(Roles.ParkManager, park: "jinqiao", name: "pm-jinqiao");
        var yangpuDistrict = TestPrincipals.User(Roles.DistrictOfficer, name: "do-yangpu", district: "310110");
        var firm = TestPrincipals.User(Roles.Enterprise, name: "firm", org: "91310000MA1FL8XQ0B");

        var draft = (await items.CreateAsync(city, TestPrincipals.Actor("city-staff"), new LinkageItemInput
        {
            Kind = LinkageKind.Ecosystem, TitleZh = "杨浦园创新创业生态共建", DueOn = new DateOnly(2027, 6, 30), FeedbackEveryDays = 30,
            Units = [new(LinkageUnitKind.CityDepartment, "stcsm", LinkageUnitRole.Lead), new(LinkageUnitKind.Park, "yangpu", LinkageUnitRole.Co)],
            Nodes = [new("建成众创空间", NodeType.Delivery, new DateOnly(2027, 3, 31))],
        }, ct)).Value!;
        await items.AssignAsync(city, TestPrincipals.Actor("city-staff"), draft.Id, draft.Version, ct);
        await network.SaveAgreementAsync(city, TestPrincipals.Actor("city-staff"), new AgreementInput(null, "张江—苏州工业园区合作协议", null, ["zhangjiang", "suzhou-sip"],
            new DateOnly(2024, 1, 1), new DateOnly(2027, 1, 31), null, "测试", Guid.Empty), ct);
        var from = new DateOnly(2026, 11, 1);
        var to = new DateOnly(2027, 12, 31);

        var mine = await calendar.ForUserAsync(yangpu, from, to, cancellationToken: ct);
        Assert.Contains(mine, e => e.Kind == ObligationKind.PlanReport && e.ParkCode == "yangpu" && e.Date == new DateOnly(2027, 1, 15));
        Assert.DoesNotContain(mine, e => e.Kind == ObligationKind.PlanReport && e.ParkCode != "yangpu");
        Assert.Contains(mine, e => e.Kind == ObligationKind.LinkageDeadline && e.Date == new DateOnly(2026, 12, 2)); // the park's sign-off, 3 days after assignment
        Assert.Contains(mine, e => e.Kind == ObligationKind.LinkageDeadline && e.Date == new DateOnly(2027, 3, 31));
        Assert.DoesNotContain(mine, e => e.Kind == ObligationKind.AgreementExpiry);
        Assert.Equal(mine.Select(e => e.Date).Order(), mine.Select(e => e.Date));

        // Another park has neither; the district of 杨浦 sees its park's; a firm with no contract sees nothing.
        var other = await calendar.ForUserAsync(jinqiao, from, to, cancellationToken: ct);
        Assert.DoesNotContain(other, e => e.ParkCode == "yangpu" || e.Kind == ObligationKind.LinkageDeadline);
        Assert.Contains(await calendar.ForUserAsync(yangpuDistrict, from, to, cancellationToken: ct), e => e.Kind == ObligationKind.PlanReport && e.ParkCode == "yangpu");
        Assert.Empty(await calendar.ForUserAsync(firm, from, to, cancellationToken: ct));

        // The city sees every park's and the agreements; filtered to one park, that park's only.
        var all = await calendar.ForUserAsync(city, from, to, cancellationToken: ct);
        Assert.Equal(4, all.Count(e => e.Kind == ObligationKind.PlanReport && e.Date == new DateOnly(2027, 1, 15)));
        Assert.Contains(all, e => e.Kind == ObligationKind.AgreementExpiry && e.Date == new DateOnly(2027, 1, 31));
        var onePark = await calendar.ForUserAsync(city, from, to, "yangpu", ct);
        Assert.All(onePark, e => Assert.True(e.ParkCode is null or "yangpu"));
        Assert.DoesNotContain(onePark, e => e.Kind == ObligationKind.AgreementExpiry);

        // Past its date, an obligation not met is marked overdue.
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero));
        Assert.All((await calendar.ForUserAsync(yangpu, from, to, cancellationToken: ct)).Where(e => e.Date == new DateOnly(2026, 12, 2)), e => Assert.True(e.Overdue));
        Assert.Contains((await calendar.ForUserAsync(yangpu, from, to, cancellationToken: ct)).Where(e => e.Date == new DateOnly(2026, 12, 2)), e => e.Title.Zh.Contains("杨浦园的签收", StringComparison.Ordinal));

        // iCalendar: one all-day event per entry, lines folded at 75 octets, text escaped.
        var ics = ObligationCalendar.ToICalendar(mine, CultureInfo.GetCultureInfo("zh-CN"), clock.GetUtcNow().UtcDateTime, "https://zj.example");
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.Equal(mine.Count, ics.Split("BEGIN:VEVENT").Length - 1);
        Assert.Contains("DTSTART;VALUE=DATE:20270115", ics, StringComparison.Ordinal);
        Assert.Contains("URL:https://zj.example/linkage/" + draft.Id, ics.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(ics.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
    }
}
