using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Linkage;

public enum DeadlineKind
{
    /// <summary>The item's final deadline (lead unit).</summary>
    Item = 1,
    Node = 2,
    /// <summary>A unit's receipt sign-off, due <see cref="LinkageDeadlines.SignWithinDays"/> days after assignment.</summary>
    SignOff = 3,
    /// <summary>A unit's next feedback.</summary>
    Feedback = 4,
    /// <summary>A unit's answer to an urging notice.</summary>
    UrgingResponse = 5,
}

/// <summary>
/// One open obligation of an assigned item: what (the item's or urging's number, the node's title), for which unit (none
/// for the item and its nodes), by when; <paramref name="Ref"/> tells nodes apart in reminder keys.
/// </summary>
public sealed record LinkageDeadline(DeadlineKind Kind, LinkageUnitKind? UnitKind, string? UnitCode, string What, DateOnly DueOn, string Ref = "");

/// <summary>An item with the facts its deadlines and light are computed from: its feedback and urging notices, oldest first.</summary>
public sealed record LinkageState(LinkageItem Item, IReadOnlyList<LinkageFeedback> Feedback, IReadOnlyList<LinkageUrging> Urgings)
{
    public List<LinkageDeadline> Open() => LinkageDeadlines.Open(Item, Feedback, Urgings);

    /// <summary>The share complete in the latest feedback that gave one.</summary>
    public int? LastPercent => Feedback.LastOrDefault(f => f.PercentComplete is not null)?.PercentComplete;

    /// <summary>
    /// The items of the query with their units, nodes, feedback and urging notices, in three round trips whatever the
    /// number of items: the one way the list, the item page, the league table, the reminders and the calendar load them.
    /// </summary>
    public static async Task<List<LinkageState>> LoadAsync(ZjDbContext db, IQueryable<LinkageItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var list = await items.Include(i => i.Units).Include(i => i.Nodes).AsSplitQuery().ToListAsync(cancellationToken);
        var ids = list.Select(i => i.Id).ToList();
        var feedback = (await db.LinkageFeedback.AsNoTracking().Where(f => ids.Contains(f.ItemId)).OrderBy(f => f.SubmittedUtc).ToListAsync(cancellationToken))
            .ToLookup(f => f.ItemId);
        var urgings = (await db.LinkageUrgings.AsNoTracking().Where(u => ids.Contains(u.ItemId)).OrderBy(u => u.IssuedUtc).ToListAsync(cancellationToken))
            .ToLookup(u => u.ItemId);
        return list.Select(i => new LinkageState(i, feedback[i.Id].ToList(), urgings[i.Id].ToList())).ToList();
    }
}

/// <summary>The light with the reasons behind it, each naming the obligation, its date and how far off it is.</summary>
public sealed record LightAssessment(TrafficLight Light, IReadOnlyList<UserMessage> Why);

/// <summary>
/// The dated obligations of an assigned item and the colour they give it (ADR 0015). One rule for the item's page, its
/// list, the league table, the reminders and the calendar:
/// red — something is overdue (the item, a node, a sign-off, a feedback, an answer to an urging) or a node was not met;
/// yellow — behind: a node only partly met, or the last reported share complete more than 20 points below the share
/// of the item's time that has passed; blue — something falls due within 7 days; green — none of these.
/// </summary>
public static class LinkageDeadlines
{
    public const int SignWithinDays = 3;
    public const int DueSoonDays = 7;
    public const int BehindByPoints = 20;

    /// <summary>The open obligations of an item (none unless it is assigned and not yet with the supervising office).</summary>
    public static List<LinkageDeadline> Open(LinkageItem item, IEnumerable<LinkageFeedback> feedback, IEnumerable<LinkageUrging> urgings)
    {
        ArgumentNullException.ThrowIfNull(item);
        var list = new List<LinkageDeadline>();
        if (item.Stage != LinkageStage.Assigned || item.AssignedUtc is not { } assignedUtc)
        {
            return list;
        }
        var assigned = ShanghaiTime.Day(assignedUtc);
        list.Add(new LinkageDeadline(DeadlineKind.Item, null, null, item.Number, item.DueOn));
        list.AddRange(item.Nodes.Where(n => n.Status == NodeStatus.Scheduled).OrderBy(n => n.Order).Select(n => new LinkageDeadline(DeadlineKind.Node, null, null, n.Title, n.DueOn, n.Id.ToString(CultureInfo.InvariantCulture))));
        var feedbackList = feedback.ToList();
        foreach (var unit in item.Units)
        {
            if (unit.SignedUtc is null)
            {
                list.Add(new LinkageDeadline(DeadlineKind.SignOff, unit.Kind, unit.Code, item.Number, assigned.AddDays(SignWithinDays)));
            }
            else
            {
                var mine = feedbackList.Where(f => f.UnitKind == unit.Kind && f.UnitCode == unit.Code);
                list.Add(new LinkageDeadline(DeadlineKind.Feedback, unit.Kind, unit.Code, item.Number, NextFeedbackDue(item, assigned, mine)));
            }
        }
        list.AddRange(urgings.Where(u => u.RespondedUtc is null).Select(u => new LinkageDeadline(DeadlineKind.UrgingResponse, u.UnitKind, u.UnitCode, u.Number, u.RespondBy)));
        return list;
    }

    /// <summary>A unit's next feedback: its cadence after its last feedback (or the assignment), but no later than the item's deadline.</summary>
    public static DateOnly NextFeedbackDue(LinkageItem item, DateOnly assigned, IEnumerable<LinkageFeedback> unitFeedback)
    {
        ArgumentNullException.ThrowIfNull(item);
        var last = unitFeedback.Select(f => ShanghaiTime.Day(f.SubmittedUtc)).DefaultIfEmpty(assigned).Max();
        var due = last.AddDays(item.FeedbackEveryDays);
        return due > item.DueOn && last < item.DueOn ? item.DueOn : due;
    }

    /// <summary>The item's colour on <paramref name="today"/> and why.</summary>
    public static LightAssessment Assess(LinkageItem item, IReadOnlyList<LinkageDeadline> open, int? lastPercent, DateOnly today, Func<LinkageUnitKind, string, LocalText> unitName)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(unitName);
        if (item.Stage == LinkageStage.Verifying)
        {
            return new LightAssessment(TrafficLight.Green, [new UserMessage("LinkageWhyVerifying")]);
        }
        var red = new List<UserMessage>();
        var yellow = new List<UserMessage>();
        var blue = new List<UserMessage>();
        foreach (var d in open.OrderBy(d => d.DueOn))
        {
            var what = Describe(d, unitName);
            var day = d.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var days = d.DueOn.DayNumber - today.DayNumber;
            if (days < 0)
            {
                red.Add(new UserMessage("LinkageWhyOverdue", what, day, -days));
            }
            else if (days <= DueSoonDays)
            {
                blue.Add(new UserMessage("LinkageWhyDueSoon", what, day, days));
            }
        }
        foreach (var node in item.Nodes.OrderBy(n => n.Order))
        {
            if (node.Status == NodeStatus.NotMet)
            {
                red.Add(new UserMessage("LinkageWhyNodeNotMet", node.Title));
            }
            else if (node.Status == NodeStatus.PartiallyMet)
            {
                yellow.Add(new UserMessage("LinkageWhyNodePartial", node.Title));
            }
        }
        if (lastPercent is { } percent && item.AssignedUtc is { } assignedUtc)
        {
            var start = ShanghaiTime.Day(assignedUtc).DayNumber;
            var span = Math.Max(1, item.DueOn.DayNumber - start);
            var elapsed = (int)Math.Round(100.0 * Math.Clamp(today.DayNumber - start, 0, span) / span);
            if (percent < elapsed - BehindByPoints)
            {
                yellow.Add(new UserMessage("LinkageWhyBehind", percent, elapsed));
            }
        }
        return red.Count > 0 ? new LightAssessment(TrafficLight.Red, red)
            : yellow.Count > 0 ? new LightAssessment(TrafficLight.Yellow, yellow)
            : blue.Count > 0 ? new LightAssessment(TrafficLight.Blue, blue)
            : new LightAssessment(TrafficLight.Green, [new UserMessage("LinkageWhyOnTrack")]);
    }

    /// <summary>The obligation in words: "the sign-off of 浦东新区", "node 完成立项", "the item's deadline".</summary>
    public static UserMessage Describe(LinkageDeadline d, Func<LinkageUnitKind, string, LocalText> unitName)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(unitName);
        return d.Kind switch
        {
            DeadlineKind.Item => new UserMessage("LinkageDeadlineItem", d.What),
            DeadlineKind.Node => new UserMessage("LinkageDeadlineNode", d.What),
            DeadlineKind.SignOff => new UserMessage("LinkageDeadlineSignOff", unitName(d.UnitKind!.Value, d.UnitCode!)),
            DeadlineKind.Feedback => new UserMessage("LinkageDeadlineFeedback", unitName(d.UnitKind!.Value, d.UnitCode!)),
            _ => new UserMessage("LinkageDeadlineUrging", unitName(d.UnitKind!.Value, d.UnitCode!), d.What),
        };
    }
}
