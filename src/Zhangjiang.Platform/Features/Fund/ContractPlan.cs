namespace Zhangjiang.Platform.Features.Fund;

/// <summary>
/// How an award becomes a contract, and how acceptance scores it: pure functions, so the rules can be read and tested
/// without a database (ADR 0013).
/// </summary>
public static class ContractPlan
{
    /// <summary>
    /// Milestones are the distinct due dates of the declared targets, in order (the last is the final report); each
    /// target becomes a KPI of the milestone of its date. The grant is paid as the call says: the advance share on
    /// signing, the final share after acceptance, and the rest in equal parts at the interim milestones (to the final
    /// tranche when there are none). Rounding goes to the final tranche, so the tranches always add up to the grant.
    /// </summary>
    public static (List<FundMilestone> Milestones, List<FundKpi> Kpis, List<FundTranche> Tranches) Build(
        IReadOnlyList<FundTarget> targets, long grantFen, FundCallRules rules)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(rules);
        if (targets.Count == 0)
        {
            throw new ArgumentException("An award without declared targets cannot become a contract.", nameof(targets));
        }
        var dates = targets.Select(t => t.DueOn).Distinct().Order().ToList();
        var milestones = dates.Select((d, i) => new FundMilestone { Order = i + 1, DueOn = d, IsFinal = i == dates.Count - 1, Status = MilestoneStatus.Open }).ToList();
        var kpis = targets.OrderBy(t => t.Order).Select((t, i) => new FundKpi
        {
            Order = i + 1, MilestoneOrder = dates.IndexOf(t.DueOn) + 1, Name = t.Name, Unit = t.Unit, Baseline = t.Baseline, TargetValue = t.TargetValue, DueOn = t.DueOn,
        }).ToList();

        var tranches = new List<FundTranche>();
        var advance = grantFen * rules.AdvancePercent / 100;
        if (advance > 0)
        {
            tranches.Add(new FundTranche { MilestoneOrder = null, AmountFen = advance, Status = TrancheStatus.Payable });
        }
        var interim = milestones.Where(m => !m.IsFinal).ToList();
        var middle = interim.Count == 0 ? 0 : grantFen * (100 - rules.AdvancePercent - rules.FinalPercent) / 100;
        foreach (var m in interim)
        {
            var share = middle / interim.Count;
            if (share > 0)
            {
                tranches.Add(new FundTranche { MilestoneOrder = m.Order, AmountFen = share, Status = TrancheStatus.Waiting });
            }
        }
        var final = grantFen - tranches.Sum(t => t.AmountFen);
        if (final > 0)
        {
            tranches.Add(new FundTranche { MilestoneOrder = milestones[^1].Order, AmountFen = final, Status = TrancheStatus.Waiting });
        }
        for (var i = 0; i < tranches.Count; i++)
        {
            tranches[i].Order = i + 1;
        }
        return (milestones, kpis, tranches);
    }

    /// <summary>
    /// A suggested rating from the value reached, for the acceptance form (the city decides): the target reached is met;
    /// at least <paramref name="partlyShare"/> of the way from the baseline (0 when none was declared) is partly met.
    /// A target below its baseline (fewer is better) is read the other way round.
    /// </summary>
    public static KpiRating Suggest(double? baseline, double target, double? actual, double partlyShare = 0.6)
    {
        if (actual is not { } reached)
        {
            return KpiRating.NotMet;
        }
        var start = baseline ?? 0;
        var span = target - start;
        if (span == 0)
        {
            return reached == target ? KpiRating.Met : KpiRating.NotMet;
        }
        var progress = (reached - start) / span;
        return progress >= 1 ? KpiRating.Met : progress >= partlyShare ? KpiRating.PartlyMet : KpiRating.NotMet;
    }

    /// <summary>The performance score (绩效得分) on 0–100: met counts 1, partly met 0.5, not met 0, averaged over the KPIs.</summary>
    public static double Score(IReadOnlyCollection<KpiRating> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (ratings.Count == 0)
        {
            return 0;
        }
        var points = ratings.Sum(r => r switch { KpiRating.Met => 1.0, KpiRating.PartlyMet => 0.5, _ => 0.0 });
        return Math.Round(100 * points / ratings.Count, 1, MidpointRounding.AwayFromZero);
    }
}
