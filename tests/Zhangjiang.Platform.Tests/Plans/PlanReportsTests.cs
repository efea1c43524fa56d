using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Notifications;
using Zhangjiang.Platform.Features.Plans;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Plans;

public sealed class PlanReportsTests
{
    [Fact]
    public void Status_follows_the_straight_line_from_baseline_to_target_and_the_forecast_extends_the_trend()
    {
        var mid = new DateOnly(2025, 6, 30); // half-way from the end of 2023 to the end of 2026 is mid-2025
        // Expected at mid-2025: 2500 + 500 × 0.5 (to the day) ≈ 2750; 2740 is 98 % of the expected gain: on track.
        var onTrack = TargetProgress.Assess(TargetDirection.Increase, 2500, 2023, 3000, 2026, [new TargetReading(mid, 2740)]);
        Assert.Equal(TargetStatus.OnTrack, onTrack.Status);
        Assert.Equal(2750, onTrack.Expected!.Value, 0);
        Assert.Contains("2740", onTrack.Why.Render(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Equal(TargetStatus.AtRisk, TargetProgress.Assess(TargetDirection.Increase, 2500, 2023, 3000, 2026, [new TargetReading(mid, 2690)]).Status); // 76 %
        var behind = TargetProgress.Assess(TargetDirection.Increase, 2500, 2023, 3000, 2026, [new TargetReading(new DateOnly(2024, 12, 31), 2510), new TargetReading(mid, 2600)]);
        Assert.Equal(TargetStatus.OffTrack, behind.Status);
        Assert.Contains("滞后", behind.Why.Render(CultureInfo.GetCultureInfo("zh-CN")), StringComparison.Ordinal);
        Assert.False(behind.ForecastMeets); // the trend through 2500, 2510, 2600 stays far below 3000 by 2026
        // Fewer is better: energy per unit of output falling from 0.5 to 0.4.
        Assert.Equal(TargetStatus.OnTrack, TargetProgress.Assess(TargetDirection.Decrease, 0.5, 2023, 0.4, 2026, [new TargetReading(mid, 0.45)]).Status);
        Assert.Equal(TargetStatus.NoData, TargetProgress.Assess(TargetDirection.Increase, 1, 2023, 2, 2026, []).Status);
        Assert.Equal(TargetStatus.NoData, TargetProgress.Assess(TargetDirection.Qualitative, null, null, null, 2026, [new TargetReading(mid, 1)]).Status);
        Assert.Equal([new DateOnly(2025, 6, 30), new DateOnly(2025, 12, 31)], PlanReports.PeriodEnds(ReportCadence.HalfYearly, new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1)));
        Assert.Equal(4, PlanReports.PeriodEnds(ReportCadence.Quarterly, new DateOnly(2024, 12, 31), new DateOnly(2025, 12, 31)).Count());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_park_reports_each_period_status_is_computed_and_late_reports_are_reminded_then_escalated(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 10, 2, 0, 0, TimeSpan.Zero));
        var plans = new ParkPlans(database.Factory(clock));
        var reports = new PlanReports(database.Factory(clock));
        var reminders = new DeadlineReminders(database.Factory(clock));
        var city = TestPrincipals.User(Roles.CityStaff, name: "city-staff");
        var manager = TestPrincipals.User(Roles.ParkManager, park: "jinqiao", name: "pm-jinqiao");
        var firm = TestPrincipals.User(Roles.Enterprise, name: "firm", org: "91310000MA1FL8XQ0B");
        var id = (await plans.ListAsync(city, ct)).Single(p => p.ParkCode == "jinqiao").Id;
        var draft = (await plans.GetAsync(manager, id, ct)).Value!;
        var plan = (await plans.SaveAsync(manager, TestPrincipals.Actor(), id, new PlanInput
        {
            TitleZh = "金桥园“一园一方案”", PositioningZh = draft.PositioningZh, Source = draft.Source, Cadence = ReportCadence.HalfYearly,
            Targets =
            [
                new("规上工业总产值", null, "亿元", TargetDirection.Increase, 2500, 2023, 3000, 2026, null, null),
                new("“金桥智造城”基本建成", null, null, TargetDirection.Qualitative, null, null, null, 2026, null, null),
            ],
            Version = draft.Version,
        }, ct)).Value!;
        plan = (await plans.SubmitAsync(manager, TestPrincipals.Actor(), id, plan.Version, ct)).Value!;
        plan = (await plans.ReviewAsync(city, TestPrincipals.Actor(), id, new PlanReviewInput(true, null, plan.Version), ct)).Value!;
        plan = (await plans.PublishAsync(city, TestPrincipals.Actor(), id, plan.Version, ct)).Value!;
        var output = plan.Targets[0].Key;
        var city2026 = plan.Targets[1].Key;

        // Published in January 2025: the half-year to June is the first period, due on 15 July.
        var periods = (await reports.PeriodsAsync(manager, id, ct)).Value!;
        Assert.Equal(new DateOnly(2025, 6, 30), periods[0].PeriodEnd);
        Assert.Equal(new DateOnly(2025, 7, 15), periods[0].DueOn);

        // A week before the due date the park's managers are reminded, once.
        clock.SetUtcNow(new DateTimeOffset(2025, 7, 9, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await reminders.SweepAsync(ct));
        Assert.Equal(0, await reminders.SweepAsync(ct));
        // Past it: the park and its district (浦东); a month later the city too.
        clock.SetUtcNow(new DateTimeOffset(2025, 7, 20, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(2, await reminders.SweepAsync(ct));
        Assert.True((await reports.PeriodsAsync(manager, id, ct)).Value![0].Overdue);
        clock.SetUtcNow(new DateTimeOffset(2025, 8, 20, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await reminders.SweepAsync(ct));
        await using (var db = database.CreateContext())
        {
            var audiences = await db.Notifications.Where(n => n.DedupKey!.StartsWith("plan-")).OrderBy(n => n.Id).Select(n => n.Audience).ToListAsync(ct);
            Assert.Equal([Audiences.Park("jinqiao"), Audiences.Park("jinqiao"), Audiences.District("310115"), Audiences.City], audiences);
        }

        // The report: a draft saved, refused on submission until every target has its value or assessment, then submitted.
        var end = new DateOnly(2025, 6, 30);
        Assert.Equal(UseCaseStatus.Forbidden, (await reports.SaveAsync(firm, TestPrincipals.Actor(), id, end, new PlanReportInput("x", null, [], Guid.Empty), ct)).Status);
        var saved = (await reports.SaveAsync(manager, TestPrincipals.Actor(), id, end, new PlanReportInput("上半年产值平稳增长。", null, [new(output, 2690, null, null)], Guid.Empty), ct)).Value!;
        Assert.Equal(UseCaseStatus.NotFound, (await reports.GetAsync(firm, id, end, ct)).Status); // a draft is the park's
        var refused = await reports.SubmitAsync(manager, TestPrincipals.Actor(), id, end, new PlanReportInput("上半年产值平稳增长。", null, [new(output, 2690, null, null)], saved.Version), ct);
        Assert.Equal([$"Values[{city2026}]"], refused.Errors.Select(e => e.Field));
        Assert.Equal("PlanReportPeriod", (await reports.SaveAsync(manager, TestPrincipals.Actor(), id, new DateOnly(2025, 5, 31), new PlanReportInput("x", null, [], Guid.Empty), ct)).Errors.Single().Message.Key);
        var submitted = (await reports.SubmitAsync(manager, TestPrincipals.Actor(), id, end, new PlanReportInput("上半年产值平稳增长。", "统计局快报 2025-07", [new(output, 2690, null, null), new(city2026, null, TargetStatus.AtRisk, "核心区土地收储延后")], saved.Version), ct)).Value!;
        Assert.Equal(PlanReportStatus.Submitted, submitted.Status);
        Assert.Equal(UseCaseStatus.Conflict, (await reports.SaveAsync(manager, TestPrincipals.Actor(), id, end, new PlanReportInput("改", null, [], submitted.Version), ct)).Status);
        Assert.Equal(0, await reminders.SweepAsync(ct)); // nothing more for a submitted period

        // Everyone reads the progress: the output target at risk with its figures, the stated target as the park assessed it.
        var progress = (await reports.ProgressAsync(firm, id, ct)).Value!;
        Assert.Equal((TargetStatus.AtRisk, 2690.0), (progress[0].Status, progress[0].Readings.Single().Value));
        Assert.Contains("2690", progress[0].Why.Render(CultureInfo.GetCultureInfo("zh-CN")), StringComparison.Ordinal);
        Assert.Equal(TargetStatus.AtRisk, progress[1].Status);
        Assert.Equal("TargetAssessedByPark", progress[1].Why.Key);
        Assert.NotNull(progress[0].Forecast);

        // A revision keeps the targets' keys, so the reports still point at them.
        plan = (await plans.StartRevisionAsync(manager, TestPrincipals.Actor(), id, plan.Version, ct)).Value!;
        plan = (await plans.SaveAsync(manager, TestPrincipals.Actor(), id, new PlanInput
        {
            TitleZh = plan.TitleZh, PositioningZh = plan.PositioningZh, Source = plan.Source,
            Targets = plan.Targets.Select(t => new PlanTargetInput(t.NameZh, t.NameEn, t.Unit, t.Direction, t.Baseline, t.BaselineYear, t.TargetValue == 3000 ? 3100 : t.TargetValue, t.TargetYear, t.IndicatorCode, t.Source, t.Key)).ToList(),
            Version = plan.Version,
        }, ct)).Value!;
        Assert.Equal(output, plan.Targets[0].Key);
        Assert.Single((await reports.ProgressAsync(manager, id, ct)).Value![0].Readings);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_report_keeps_its_evidence_files_and_a_refused_file_changes_nothing(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 2, 0, 0, TimeSpan.Zero));
        var plans = new ParkPlans(database.Factory(clock));
        var reports = new PlanReports(database.Factory(clock));
        var manager = TestPrincipals.User(Roles.ParkManager, park: "yangpu", name: "pm-yangpu");
        var other = TestPrincipals.User(Roles.ParkManager, park: "jinqiao", name: "pm-jinqiao");
        var city = TestPrincipals.User(Roles.CityStaff, name: "city-staff");
        var id = (await plans.ListAsync(manager, ct)).Single(p => p.ParkCode == "yangpu").Id; // published by the seed
        var period = (await reports.PeriodsAsync(manager, id, ct)).Value![0].PeriodEnd;
        var input = new PlanReportInput("数字经济核心产业稳步增长。", null, [], Guid.Empty);

        var refused = await reports.SaveAsync(manager, TestPrincipals.Actor(), id, period, input, [new Features.Files.UploadedFile("macro.xlsm", "not a document"u8.ToArray())], ct);
        Assert.Equal(UseCaseStatus.Invalid, refused.Status);
        Assert.Equal(UseCaseStatus.NotFound, (await reports.GetAsync(manager, id, period, ct)).Status); // nothing was written, not even the report
        var pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"u8.ToArray();
        var saved = (await reports.SaveAsync(manager, TestPrincipals.Actor("pm-yangpu"), id, period, input, [new Features.Files.UploadedFile("统计快报.pdf", pdf)], ct)).Value!;
        var file = saved.Files.Single();
        Assert.Equal("统计快报.pdf", file.FileName);
        // The draft's file is the park's and the city's; once submitted, every reader's.
        Assert.Equal(pdf, (await reports.EvidenceFileAsync(city, id, period, file.Id, ct)).Value!.Content);
        Assert.Equal(UseCaseStatus.NotFound, (await reports.EvidenceFileAsync(other, id, period, file.Id, ct)).Status);
        // Saving again without files keeps the file.
        saved = (await reports.SaveAsync(manager, TestPrincipals.Actor("pm-yangpu"), id, period, input with { Version = saved.Version }, ct)).Value!;
        Assert.Single(saved.Files);
    }
}
