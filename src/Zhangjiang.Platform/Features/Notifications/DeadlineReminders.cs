using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Fund;

namespace Zhangjiang.Platform.Features.Notifications;

/// <summary>
/// The daily deadline sweep: reminders before a deadline and notices when one has passed — plan progress reports (the
/// park a week before, the park and district when overdue, the city a month later); milestones due within
/// the call's reminder days and overdue ones (to the contractor and the city), mid-term checks coming due (city), calls
/// closing in three days for applicants with a draft, reviews due in three days for experts who have not scored, and
/// corrections due in two days; linkage items' obligations (ADR 0015); partner agreements 90 days before they expire. Each reminder carries a key of what and which date, so a sweep run twice (or by two
/// instances) sends it once; a moved date is a new reminder.
/// </summary>
public sealed class DeadlineReminders(IDbContextFactory<ZjDbContext> contexts)
{
    public const int LinkageReminderDays = 3;
    public const int EscalateLinkageAfterDays = 7;

    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = AuditActor.System;
        var now = db.UtcNow;
        var today = ShanghaiTime.Day(now);
        var wanted = new List<(string Audience, UserMessage Message, string Link, string Key)>();

        var open = new[] { MilestoneStatus.Open, MilestoneStatus.Returned };
        var milestones = await (from m in db.FundMilestones.AsNoTracking()
                                join c in db.FundContracts on m.ContractId equals c.ApplicationId
                                join a in db.FundApplications on c.ApplicationId equals a.Id
                                join call in db.FundCalls on a.CallId equals call.Id
                                where open.Contains(m.Status) && a.Status == FundApplicationStatus.Contracted && m.DueOn <= today.AddDays(60)
                                select new { m.ContractId, m.Order, m.DueOn, c.ContractNumber, a.ApplicantCreditCode, a.ApplicantName, call.RulesJson })
            .ToListAsync(cancellationToken);
        foreach (var m in milestones)
        {
            var link = "/fund/contracts/" + m.ContractId;
            var day = Day(m.DueOn);
            if (m.DueOn < today)
            {
                wanted.Add((Audiences.Organisation(m.ApplicantCreditCode), new UserMessage("NotifyMilestoneOverdue", m.ContractNumber, m.Order, day), link, $"ms-over:{m.ContractId:N}:{m.Order}:{day}"));
                wanted.Add((Audiences.City, new UserMessage("NotifyMilestoneOverdue", m.ContractNumber, m.Order, day), link, $"ms-over-city:{m.ContractId:N}:{m.Order}:{day}"));
            }
            else if (m.DueOn <= today.AddDays(FundCallRules.FromJson(m.RulesJson).ReminderDays))
            {
                wanted.Add((Audiences.Organisation(m.ApplicantCreditCode), new UserMessage("NotifyMilestoneDue", m.ContractNumber, m.Order, day), link, $"ms-due:{m.ContractId:N}:{m.Order}:{day}"));
            }
        }

        var midterms = await db.FundContracts.AsNoTracking()
            .Where(c => c.MidtermDueOn <= today.AddDays(7) && !db.FundMidtermChecks.Any(k => k.ContractId == c.ApplicationId)
                && db.FundApplications.Any(a => a.Id == c.ApplicationId && a.Status == FundApplicationStatus.Contracted))
            .Select(c => new { c.ApplicationId, c.ContractNumber, c.MidtermDueOn, Name = db.FundApplications.Where(a => a.Id == c.ApplicationId).Select(a => a.ApplicantName).Single() })
            .ToListAsync(cancellationToken);
        foreach (var c in midterms)
        {
            wanted.Add((Audiences.City, new UserMessage("NotifyMidtermDue", c.ContractNumber, c.Name, Day(c.MidtermDueOn)), "/fund/contracts/" + c.ApplicationId,
                $"mid-due:{c.ApplicationId:N}:{Day(c.MidtermDueOn)}"));
        }

        var closing = await (from a in db.FundApplications.AsNoTracking()
                             join call in db.FundCalls on a.CallId equals call.Id
                             where a.Status == FundApplicationStatus.Draft && call.Status == FundCallStatus.Open && call.ClosesUtc > now && call.ClosesUtc <= now.AddDays(3)
                             select new { a.Id, a.ApplicantCreditCode, call.Code, call.ClosesUtc }).ToListAsync(cancellationToken);
        foreach (var a in closing)
        {
            wanted.Add((Audiences.Organisation(a.ApplicantCreditCode), new UserMessage("NotifyCallClosing", a.Code, Moment(a.ClosesUtc)), "/fund/applications/" + a.Id, $"call-closing:{a.Id:N}"));
        }

        var pendingReview = new[] { ReviewAssignmentStatus.AwaitingDeclaration, ReviewAssignmentStatus.Accepted };
        var reviews = await (from r in db.ReviewAssignments.AsNoTracking()
                             join e in db.FundExperts on r.ExpertId equals e.Id
                             join a in db.FundApplications on r.ApplicationId equals a.Id
                             join call in db.FundCalls on a.CallId equals call.Id
                             where pendingReview.Contains(r.Status) && e.UserName != null && call.Status == FundCallStatus.ExpertReview
                                 && call.ReviewDeadlineUtc > now && call.ReviewDeadlineUtc <= now.AddDays(3)
                             select new { r.Id, e.UserName, a.TrackingNumber, call.ReviewDeadlineUtc }).ToListAsync(cancellationToken);
        foreach (var r in reviews)
        {
            wanted.Add((Audiences.User(r.UserName!), new UserMessage("NotifyReviewDue", r.TrackingNumber ?? "", Moment(r.ReviewDeadlineUtc)), "/fund/reviews/" + r.Id, $"review-due:{r.Id:N}"));
        }

        var corrections = await db.FundApplications.AsNoTracking()
            .Where(a => a.Status == FundApplicationStatus.Returned && a.CorrectionDueUtc > now && a.CorrectionDueUtc <= now.AddDays(2))
            .Select(a => new { a.Id, a.ApplicantCreditCode, a.TrackingNumber, a.CorrectionDueUtc }).ToListAsync(cancellationToken);
        foreach (var a in corrections)
        {
            wanted.Add((Audiences.Organisation(a.ApplicantCreditCode), new UserMessage("NotifyCorrectionDue", a.TrackingNumber ?? "", Moment(a.CorrectionDueUtc!.Value)),
                "/fund/applications/" + a.Id, $"correction:{a.Id:N}:{a.CorrectionDueUtc:yyyyMMddHHmm}"));
        }

        // Plan progress reports: the park a week before the due date; when overdue the park and its district; a month
        // overdue, the city as well (escalation).
        var plans = await db.ParkPlans.AsNoTracking().Where(p => p.PublishedUtc != null).ToListAsync(cancellationToken);
        var districtOf = await db.Parks.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.DistrictCode, cancellationToken);
        foreach (var plan in plans)
        {
            foreach (var period in (await Plans.PlanReports.PeriodsOfAsync(db, plan, cancellationToken)).Where(p => p.Status != Plans.PlanReportStatus.Submitted))
            {
                var link = "/plans/" + plan.Id;
                var end = Day(period.PeriodEnd);
                var due = Day(period.DueOn);
                if (period.DueOn < today)
                {
                    var message = new UserMessage("NotifyPlanReportOverdue", plan.TitleZh, end, due);
                    wanted.Add((Audiences.Park(plan.ParkCode), message, link, $"plan-over:{plan.Id:N}:{end}"));
                    if (districtOf.TryGetValue(plan.ParkCode, out var district))
                    {
                        wanted.Add((Audiences.District(district), message, link, $"plan-over-district:{plan.Id:N}:{end}"));
                    }
                    if (period.DueOn.AddDays(30) < today)
                    {
                        wanted.Add((Audiences.City, new UserMessage("NotifyPlanReportEscalated", plan.TitleZh, end, due), link, $"plan-escalated:{plan.Id:N}:{end}"));
                    }
                }
                else if (period.DueOn <= today.AddDays(7) && period.PeriodEnd <= today.AddDays(7))
                {
                    wanted.Add((Audiences.Park(plan.ParkCode), new UserMessage("NotifyPlanReportDue", plan.TitleZh, end, due), link, $"plan-due:{plan.Id:N}:{end}"));
                }
            }
        }

        // Linkage items: each open obligation (the item's and its nodes' deadlines for all its units; a sign-off, a
        // feedback or an answer to an urging for its unit) three days before; when overdue its units again, and a week
        // overdue the city (escalation).
        var states = await Linkage.LinkageState.LoadAsync(db, db.LinkageItems.AsNoTracking().Where(i => i.Stage == Linkage.LinkageStage.Assigned), cancellationToken);
        if (states.Count > 0)
        {
            var names = await Linkage.LinkageAccess.UnitNamesAsync(db, cancellationToken);
            foreach (var state in states)
            {
                var item = state.Item;
                var link = "/linkage/" + item.Id;
                foreach (var d in state.Open())
                {
                    var what = Linkage.LinkageDeadlines.Describe(d, (k, c) => Linkage.LinkageItems.Local(names, k, c));
                    var day = Day(d.DueOn);
                    var audiences = d.UnitKind is { } kind
                        ? [Linkage.LinkageAccess.AudienceOf(kind, d.UnitCode!)]
                        : item.Units.Select(u => Linkage.LinkageAccess.AudienceOf(u.Kind, u.Code)).Distinct().ToList();
                    var key = $"{item.Id:N}:{(int)d.Kind}:{d.UnitCode}:{d.Ref}:{day}";
                    if (d.DueOn < today)
                    {
                        foreach (var audience in audiences)
                        {
                            wanted.Add((audience, new UserMessage("NotifyLinkageOverdue", item.Number, what, day), link, $"lk-over:{audience}:{key}"));
                        }
                        if (d.DueOn.AddDays(EscalateLinkageAfterDays) < today)
                        {
                            wanted.Add((Audiences.City, new UserMessage("NotifyLinkageEscalated", item.Number, what, day), link, $"lk-esc:{key}"));
                        }
                    }
                    else if (d.DueOn <= today.AddDays(LinkageReminderDays))
                    {
                        foreach (var audience in audiences)
                        {
                            wanted.Add((audience, new UserMessage("NotifyLinkageDue", item.Number, what, day), link, $"lk-due:{audience}:{key}"));
                        }
                    }
                }
            }
        }

        // Partner agreements: the city three months before one expires (and once it has).
        var agreements = await db.PartnerAgreements.AsNoTracking()
            .Where(a => a.ExpiresOn != null && a.ExpiresOn <= today.AddDays(Network.PartnerNetwork.ExpiryWarningDays)).ToListAsync(cancellationToken);
        foreach (var a in agreements)
        {
            var end = Day(a.ExpiresOn!.Value);
            wanted.Add(a.ExpiresOn < today
                ? (Audiences.City, new UserMessage("NotifyAgreementExpired", a.TitleZh, end), "/network", $"agreement-expired:{a.Id:N}:{end}")
                : (Audiences.City, new UserMessage("NotifyAgreementExpiring", a.TitleZh, end), "/network", $"agreement-expiring:{a.Id:N}:{end}"));
        }

        var keys = wanted.Select(w => w.Key).ToList();
        var sent = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
        {
            sent.UnionWith(await db.Notifications.AsNoTracking().Where(n => chunk.Contains(n.DedupKey!)).Select(n => n.DedupKey!).ToListAsync(cancellationToken));
        }
        var added = 0;
        foreach (var w in wanted.Where(w => sent.Add(w.Key)))
        {
            Notify.Add(db, w.Audience, w.Message, w.Link, w.Key);
            added++;
        }
        if (added > 0)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance swept at the same moment and wrote the same reminders (their keys are unique).
                return 0;
            }
        }
        return added;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Moment(DateTime utc) => ShanghaiTime.Moment(utc);
}

/// <summary>Runs the deadline sweep at start-up and then every hour.</summary>
public sealed class DeadlineReminderService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DeadlineReminderService> logger)
    : HourlySweep(scopes, clock, logger)
{
    protected override async Task<string?> SweepAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var added = await services.GetRequiredService<DeadlineReminders>().SweepAsync(cancellationToken);
        return added > 0 ? $"wrote {added} reminder(s)" : null;
    }
}
