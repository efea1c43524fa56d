using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Linkage;
using Zhangjiang.Platform.Features.Plans;

namespace Zhangjiang.Platform.Features.Calendar;

public enum ObligationKind
{
    PlanReport = 1,
    EvaluationSubmission = 2,
    FundCallCloses = 3,
    FundReview = 4,
    FundMilestone = 5,
    FundMidterm = 6,
    LinkageDeadline = 7,
    AgreementExpiry = 8,
}

/// <summary>One dated obligation: what, by when, for which park (if one), where to act, and whether it is already late.</summary>
public sealed record CalendarEntry(DateOnly Date, ObligationKind Kind, LocalText Title, string Link, string? ParkCode, bool Overdue, string Uid);

/// <summary>
/// One calendar of every dated obligation the user is concerned with, across modules (ADR 0016): plan progress reports,
/// evaluation submission deadlines, fund call closings, expert reviews, contract milestones and mid-term checks,
/// linkage deadlines (sign-offs, feedback, nodes, answers to urging notices, the items' own) and partner agreements'
/// expiries — each in the user's scope (the city: all, or one park's; a park: its own; a district: its parks'; a firm:
/// its contracts and the open calls; an expert: their reviews). Exported as iCalendar (RFC 5545) all-day events.
/// </summary>
public sealed class ObligationCalendar(IDbContextFactory<ZjDbContext> contexts)
{
    public async Task<IReadOnlyList<CalendarEntry>> ForUserAsync(ClaimsPrincipal user, DateOnly from, DateOnly to, string? parkCode = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = ShanghaiTime.Day(db.UtcNow);
        var city = user.IsCityWide();
        var parks = await ParksOfAsync(db, user, cancellationToken);
        if (parkCode is not null)
        {
            parks = parks.Where(p => p == parkCode).ToList();
        }
        var entries = new List<CalendarEntry>();
        void Add(DateOnly date, ObligationKind kind, LocalText title, string link, string? park, bool done, string uid)
        {
            if (date >= from && date <= to)
            {
                entries.Add(new CalendarEntry(date, kind, title, link, park, !done && date < today, uid));
            }
        }

        // Plan progress reports of the parks in scope.
        var plans = await db.ParkPlans.AsNoTracking().Where(p => p.PublishedUtc != null && parks.Contains(p.ParkCode)).ToListAsync(cancellationToken);
        foreach (var plan in plans)
        {
            foreach (var period in await PlanReports.PeriodsOfAsync(db, plan, cancellationToken))
            {
                Add(period.DueOn, ObligationKind.PlanReport, new LocalText($"{plan.TitleZh} 进展报告（{Day(period.PeriodEnd)}）", $"Progress report of {Or(plan.TitleEn, plan.TitleZh)} ({Day(period.PeriodEnd)})"),
                    "/plans/" + plan.Id, plan.ParkCode, period.Status == PlanReportStatus.Submitted, $"plan-{plan.Id:N}-{Day(period.PeriodEnd)}");
            }
        }

        // Evaluation rounds open for submissions, for the parks in scope.
        if (parks.Count > 0)
        {
            var rounds = await db.EvaluationRounds.AsNoTracking().Where(r => r.Status == RoundStatus.Open).ToListAsync(cancellationToken);
            foreach (var round in rounds)
            {
                var submitted = await db.ParkSubmissions.AsNoTracking().Where(s => s.RoundId == round.Id && s.Status != SubmissionStatus.Draft && s.Status != SubmissionStatus.Returned)
                    .Select(s => s.ParkCode).ToListAsync(cancellationToken);
                var single = parks.Count == 1 ? parks[0] : null;
                var done = single is not null ? submitted.Contains(single) : parks.All(submitted.Contains);
                Add(ShanghaiTime.Day(round.DeadlineUtc), ObligationKind.EvaluationSubmission, new LocalText($"{round.NameZh} 数据报送截止", $"{Or(round.NameEn, round.NameZh)}: submissions close"),
                    single is null ? $"/evaluation/rounds/{round.Id}" : $"/evaluation/rounds/{round.Id}/submissions/{single}", single, done, $"round-{round.Id:N}-{single}");
            }
        }

        // The special fund: calls closing (for applicants and the city), experts' reviews, contract milestones and mid-term checks.
        var org = user.OrganisationScope();
        var applicant = (user.IsInRole(Roles.Enterprise) || user.IsInRole(Roles.Operator)) && org is not null;
        if (city || applicant)
        {
            foreach (var call in await db.FundCalls.AsNoTracking().Where(c => c.Status == FundCallStatus.Open).ToListAsync(cancellationToken))
            {
                Add(ShanghaiTime.Day(call.ClosesUtc), ObligationKind.FundCallCloses, new LocalText($"{call.TitleZh} 申报截止", $"{Or(call.TitleEn, call.TitleZh)}: applications close"),
                    "/fund/calls/" + call.Id, null, false, $"call-{call.Id:N}");
            }
        }
        if (user.IsInRole(Roles.Reviewer) && user.Identity?.Name is { } expert)
        {
            var reviews = await (from r in db.ReviewAssignments.AsNoTracking()
                                 join e in db.FundExperts on r.ExpertId equals e.Id
                                 join a in db.FundApplications on r.ApplicationId equals a.Id
                                 join c in db.FundCalls on a.CallId equals c.Id
                                 where e.UserName == expert && c.Status == FundCallStatus.ExpertReview
                                 select new { r.Id, r.Status, a.TrackingNumber, c.ReviewDeadlineUtc }).ToListAsync(cancellationToken);
            foreach (var r in reviews)
            {
                Add(ShanghaiTime.Day(r.ReviewDeadlineUtc), ObligationKind.FundReview, new LocalText($"评审 {r.TrackingNumber}", $"Review {r.TrackingNumber}"), "/fund/reviews/" + r.Id, null,
                    r.Status == ReviewAssignmentStatus.Submitted, $"review-{r.Id:N}");
            }
        }
        var contracts = from c in db.FundContracts.AsNoTracking()
                        join a in db.FundApplications on c.ApplicationId equals a.Id
                        where a.Status == FundApplicationStatus.Contracted
                        select new { c.ApplicationId, c.ContractNumber, c.MidtermDueOn, a.ApplicantCreditCode, a.ParkCode };
        if (!city)
        {
            contracts = applicant ? contracts.Where(c => c.ApplicantCreditCode == org) : contracts.Where(c => c.ParkCode != null && parks.Contains(c.ParkCode));
        }
        else if (parkCode is not null)
        {
            contracts = contracts.Where(c => c.ParkCode == parkCode);
        }
        var contractList = await contracts.ToListAsync(cancellationToken);
        var contractIds = contractList.Select(c => c.ApplicationId).ToList();
        var milestones = await db.FundMilestones.AsNoTracking().Where(m => contractIds.Contains(m.ContractId)).ToListAsync(cancellationToken);
        var midterms = await db.FundMidtermChecks.AsNoTracking().Where(k => contractIds.Contains(k.ContractId)).Select(k => k.ContractId).ToListAsync(cancellationToken);
        foreach (var c in contractList)
        {
            foreach (var m in milestones.Where(m => m.ContractId == c.ApplicationId))
            {
                Add(m.DueOn, ObligationKind.FundMilestone, new LocalText($"合同 {c.ContractNumber} 第 {m.Order} 个节点", $"Contract {c.ContractNumber}, milestone {m.Order}"),
                    "/fund/contracts/" + c.ApplicationId, c.ParkCode, m.Status is MilestoneStatus.Reported or MilestoneStatus.Accepted, $"milestone-{c.ApplicationId:N}-{m.Order}");
            }
            if (city || parks.Count > 0)
            {
                Add(c.MidtermDueOn, ObligationKind.FundMidterm, new LocalText($"合同 {c.ContractNumber} 中期检查", $"Contract {c.ContractNumber}: mid-term check"),
                    "/fund/contracts/" + c.ApplicationId, c.ParkCode, midterms.Contains(c.ApplicationId), $"midterm-{c.ApplicationId:N}");
            }
        }

        // Linkage items the user reads: each open obligation (for a unit other than the user's, shown too: the item is shared work).
        var items = (await LinkageAccess.ReadableAsync(db, user, cancellationToken)).Where(i => i.Stage == LinkageStage.Assigned);
        if (parkCode is not null)
        {
            items = items.Where(i => i.ParkCode == parkCode || i.Units.Any(u => u.Kind == LinkageUnitKind.Park && u.Code == parkCode));
        }
        var states = await LinkageState.LoadAsync(db, items, cancellationToken);
        if (states.Count > 0)
        {
            var names = await LinkageAccess.UnitNamesAsync(db, cancellationToken);
            foreach (var state in states)
            {
                var item = state.Item;
                foreach (var d in state.Open())
                {
                    var what = LinkageDeadlines.Describe(d, (k, c) => LinkageItems.Local(names, k, c));
                    Add(d.DueOn, ObligationKind.LinkageDeadline, new LocalText($"{item.Number}：{what.Render(Zh)}", $"{item.Number}: {what.Render(En)}"), "/linkage/" + item.Id,
                        item.ParkCode, false, $"linkage-{item.Id:N}-{(int)d.Kind}-{d.UnitCode}-{d.Ref}");
                }
            }
        }

        // Partner agreements' expiries: the city's.
        if (city && parkCode is null)
        {
            foreach (var a in await db.PartnerAgreements.AsNoTracking().Where(a => a.ExpiresOn != null).ToListAsync(cancellationToken))
            {
                Add(a.ExpiresOn!.Value, ObligationKind.AgreementExpiry, new LocalText($"合作协议“{a.TitleZh}”到期", $"Agreement \"{Or(a.TitleEn, a.TitleZh)}\" expires"), "/network", null, false,
                    $"agreement-{a.Id:N}");
            }
        }
        return entries.OrderBy(e => e.Date).ThenBy(e => e.Kind).ToList();
    }

    /// <summary>The entries as an iCalendar file: all-day events with stable UIDs, so a re-import updates rather than duplicates.</summary>
    public static string ToICalendar(IEnumerable<CalendarEntry> entries, CultureInfo culture, DateTime stampUtc, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var ics = new StringBuilder();
        void Line(string text)
        {
            // RFC 5545 §3.1: lines of at most 75 octets, continued with a leading space.
            var bytes = Encoding.UTF8.GetBytes(text);
            var start = 0;
            var first = true;
            while (start < bytes.Length)
            {
                var length = Math.Min(first ? 75 : 74, bytes.Length - start);
                while (length < bytes.Length - start && (bytes[start + length] & 0xC0) == 0x80)
                {
                    length--; // never split a UTF-8 character
                }
                ics.Append(first ? "" : " ").Append(Encoding.UTF8.GetString(bytes, start, length)).Append("\r\n");
                start += length;
                first = false;
            }
        }
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Zhangjiang Park Governance Platform//Obligations//ZH");
        Line("CALSCALE:GREGORIAN");
        Line("X-WR-CALNAME:" + Escape(culture.TwoLetterISOLanguageName == "zh" ? "张江园区治理平台 · 工作日历" : "Zhangjiang governance · obligations"));
        foreach (var e in entries)
        {
            Line("BEGIN:VEVENT");
            Line($"UID:{e.Uid}@zhangjiang-platform");
            Line("DTSTAMP:" + stampUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
            Line("DTSTART;VALUE=DATE:" + e.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
            Line("DTEND;VALUE=DATE:" + e.Date.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture));
            Line("SUMMARY:" + Escape(e.Title.ToString(null, culture)));
            Line("URL:" + baseUrl.TrimEnd('/') + e.Link);
            Line("CATEGORIES:" + e.Kind);
            Line("END:VEVENT");
        }
        Line("END:VCALENDAR");
        return ics.ToString();
    }

    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Or(string en, string zh) => string.IsNullOrEmpty(en) ? zh : en;

    /// <summary>The parks whose obligations the user follows: all for the city, the own park, a district's parks; none for firms and experts.</summary>
    private static async Task<List<string>> ParksOfAsync(ZjDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.IsCityWide())
        {
            return await db.Parks.AsNoTracking().Select(p => p.Code).ToListAsync(cancellationToken);
        }
        var parks = new List<string>();
        if (user.IsInRole(Roles.ParkManager) && user.ParkScope() is { } park)
        {
            parks.Add(park);
        }
        if (user.IsInRole(Roles.DistrictOfficer) && user.DistrictScope() is { } district)
        {
            parks.AddRange(await db.Parks.AsNoTracking().Where(p => p.DistrictCode == district).Select(p => p.Code).ToListAsync(cancellationToken));
        }
        return parks;
    }
}
