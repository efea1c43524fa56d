using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;

namespace Zhangjiang.Platform.Features.Plans;

/// <summary>
/// Seeds one plan per park from what the seed document says of it (kept with the park: its plan sentence in both
/// languages, its source, whether it was published, the year it names): the sentence is the positioning, the park's
/// leading industries are the plan's, and a "到2026年，…" clause becomes a stated (qualitative) target of that year with
/// the same source. Published plans get their first version snapshot. Nothing is invented: no period, no numbers.
/// </summary>
public static partial class PlanSeed
{
    [GeneratedRegex(@"到(?<year>\d{4})年，(?<what>[^；;。]+)")]
    private static partial Regex TargetZh();

    [GeneratedRegex(@"[Bb]y (?<year>\d{4}),? (?<what>[^;.]+)")]
    private static partial Regex TargetEn();

    public static async Task<int> ApplyAsync(ZjDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var planned = await db.ParkPlans.Select(p => p.ParkCode).ToListAsync(cancellationToken);
        var parks = await db.Parks.AsNoTracking().Include(p => p.LeadingIndustries)
            .Where(p => !planned.Contains(p.Code) && p.PlanSummaryZh != "").OrderBy(p => p.Code).ToListAsync(cancellationToken);
        if (parks.Count == 0)
        {
            return 0;
        }
        var now = db.UtcNow;
        foreach (var park in parks)
        {
            var plan = new ParkPlan
            {
                Id = Guid.NewGuid(), ParkCode = park.Code, TitleZh = $"{park.NameZh}“一园一方案”", TitleEn = $"{park.NameEn}: one park, one plan",
                PositioningZh = park.PlanSummaryZh, PositioningEn = park.PlanSummaryEn, PeriodTo = park.PlanTargetYear,
                LeadingIndustries = string.Join("，", park.LeadingIndustries.OrderBy(i => i.SortOrder).Select(i => i.NameZh)),
                Source = park.PlanSource, Workflow = park.PlanStatus == Parks.PlanStatus.Published ? PlanWorkflow.Published : PlanWorkflow.Drafting,
                PublishedUtc = park.PlanStatus == Parks.PlanStatus.Published ? now : null, UpdatedUtc = now, UpdatedBy = "seed",
            };
            if (TargetZh().Match(park.PlanSummaryZh) is { Success: true } zh)
            {
                var en = TargetEn().Match(park.PlanSummaryEn);
                plan.Targets.Add(new PlanTarget
                {
                    Order = 0, NameZh = zh.Groups["what"].Value.Trim(), NameEn = en.Success ? en.Groups["what"].Value.Trim() : "",
                    Direction = TargetDirection.Qualitative, TargetYear = int.Parse(zh.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture),
                    Source = park.PlanSource,
                });
            }
            db.ParkPlans.Add(plan);
            if (plan.Workflow == PlanWorkflow.Published)
            {
                db.ParkPlanVersions.Add(new ParkPlanVersion { PlanId = plan.Id, Number = 1, SnapshotJson = ParkPlans.Snapshot(plan), PublishedUtc = now, PublishedBy = "seed" });
            }
        }
        db.Actor ??= AuditActor.System;
        await db.SaveChangesAsync(cancellationToken);
        return parks.Count;
    }
}
