using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Platform.Features.Linkage;

/// <summary>
/// A unit's timeliness across the items it is on: sign-offs, feedback, answers to urging notices and — for lead units —
/// nodes, each on time, late, or overdue (due and not done). Score = on time ÷ everything due, as a percentage.
/// </summary>
public sealed record LeagueRow(int Rank, UnitRef Unit, int Items, int Leads, int SignOnTime, int SignLate, int SignOverdue, int FeedbackOnTime, int FeedbackLate,
    int FeedbackOverdue, int NodesOnTime, int NodesLate, int Urgings, int UrgingsOnTime, int UrgingsLate, double? Score)
{
    public int OnTime => SignOnTime + FeedbackOnTime + NodesOnTime + UrgingsOnTime;

    public int Due => OnTime + SignLate + SignOverdue + FeedbackLate + FeedbackOverdue + NodesLate + UrgingsLate;
}

/// <summary>
/// The league table of units by timeliness (督办通报): every unit on an assigned item, ranked by the share of its
/// obligations met on time, then by the fewest urging notices. Units see the whole table: it is the circular the
/// supervising office sends round.
/// </summary>
public sealed class LinkageLeague(IDbContextFactory<ZjDbContext> contexts)
{
    public async Task<UseCaseResult<IReadOnlyList<LeagueRow>>> TableAsync(ClaimsPrincipal user, int? year = null, LinkageKind? kind = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsCityWide() && !user.IsInRole(Roles.DistrictOfficer) && !user.IsInRole(Roles.ParkManager))
        {
            return UseCaseResult<IReadOnlyList<LeagueRow>>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.LinkageItems.AsNoTracking().Where(i => i.Stage != LinkageStage.Drafting);
        if (kind is { } k)
        {
            query = query.Where(i => i.Kind == k);
        }
        if (year is { } y)
        {
            // Assigned within the year in Shanghai: from 1 January 00:00 (UTC+8) to the next.
            var from = ShanghaiTime.StartOfDayUtc(new DateTime(y, 1, 1));
            var to = from.AddYears(1);
            query = query.Where(i => i.AssignedUtc >= from && i.AssignedUtc < to);
        }
        var states = await LinkageState.LoadAsync(db, query, cancellationToken);
        var names = await LinkageAccess.UnitNamesAsync(db, cancellationToken);
        var today = ShanghaiTime.Day(db.UtcNow);

        var tallies = new Dictionary<(LinkageUnitKind, string), Tally>();
        Tally Of(LinkageUnitKind kind, string code) => tallies.TryGetValue((kind, code), out var t) ? t : tallies[(kind, code)] = new Tally();
        foreach (var state in states)
        {
            var (item, mineFeedback, mineUrgings) = (state.Item, state.Feedback, state.Urgings);
            var assigned = ShanghaiTime.Day(item.AssignedUtc!.Value);
            var open = state.Open();
            foreach (var unit in item.Units)
            {
                var t = Of(unit.Kind, unit.Code);
                t.Items++;
                if (unit.SignedUtc is { } signed)
                {
                    if (ShanghaiTime.Day(signed) <= assigned.AddDays(LinkageDeadlines.SignWithinDays))
                    {
                        t.SignOnTime++;
                    }
                    else
                    {
                        t.SignLate++;
                    }
                }
                else if (assigned.AddDays(LinkageDeadlines.SignWithinDays) < today && item.Stage == LinkageStage.Assigned)
                {
                    t.SignOverdue++;
                }
                if (open.Any(d => d.Kind == DeadlineKind.Feedback && d.UnitKind == unit.Kind && d.UnitCode == unit.Code && d.DueOn < today))
                {
                    t.FeedbackOverdue++;
                }
                if (unit.Role == LinkageUnitRole.Lead)
                {
                    t.Leads++;
                    foreach (var node in item.Nodes)
                    {
                        if (node.Status == NodeStatus.Met && node.DoneOn <= node.DueOn)
                        {
                            t.NodesOnTime++;
                        }
                        else if (node.Status != NodeStatus.Scheduled || node.DueOn < today)
                        {
                            t.NodesLate++;
                        }
                    }
                }
            }
            foreach (var f in mineFeedback)
            {
                var t = Of(f.UnitKind, f.UnitCode);
                if (f.Late)
                {
                    t.FeedbackLate++;
                }
                else
                {
                    t.FeedbackOnTime++;
                }
            }
            foreach (var u in mineUrgings)
            {
                var t = Of(u.UnitKind, u.UnitCode);
                t.Urgings++;
                if (u.RespondedUtc is { } answered && ShanghaiTime.Day(answered) <= u.RespondBy)
                {
                    t.UrgingsOnTime++;
                }
                else if (u.RespondedUtc is not null || u.RespondBy < today)
                {
                    t.UrgingsLate++;
                }
            }
        }
        var rows = tallies.Select(p =>
        {
            var t = p.Value;
            var row = new LeagueRow(0, LinkageItems.Name(names, p.Key.Item1, p.Key.Item2), t.Items, t.Leads, t.SignOnTime, t.SignLate, t.SignOverdue, t.FeedbackOnTime, t.FeedbackLate,
                t.FeedbackOverdue, t.NodesOnTime, t.NodesLate, t.Urgings, t.UrgingsOnTime, t.UrgingsLate, null);
            return row with { Score = row.Due == 0 ? null : Math.Round(100.0 * row.OnTime / row.Due, 1) };
        })
            .OrderByDescending(r => r.Score ?? -1).ThenBy(r => r.Urgings).ThenBy(r => r.Unit.Kind).ThenBy(r => r.Unit.Code, StringComparer.Ordinal).ToList();
        return UseCaseResult<IReadOnlyList<LeagueRow>>.Ok(rows.Select((r, i) => r with { Rank = i + 1 }).ToList());
    }

    private sealed class Tally
    {
        public int Items;
        public int Leads;
        public int SignOnTime;
        public int SignLate;
        public int SignOverdue;
        public int FeedbackOnTime;
        public int FeedbackLate;
        public int FeedbackOverdue;
        public int NodesOnTime;
        public int NodesLate;
        public int Urgings;
        public int UrgingsOnTime;
        public int UrgingsLate;
    }
}
