using System.Globalization;
using System.Security.Claims;
using SkiaSharp;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Reporting;

namespace Zhangjiang.Platform.Features.Evaluation;

/// <summary>
/// Print-ready PDF reports, in Chinese or English: a park's scorecard (for whoever may read the scorecard) and the zone
/// report of a round (for the city). They show the same figures as the pages, from the same use cases.
/// </summary>
public sealed class EvaluationReports(EvaluationResults results)
{
    public async Task<UseCaseResult<string>> ScorecardAsync(
        ClaimsPrincipal user, Guid roundId, string parkCode, CultureInfo culture, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var found = await results.ScorecardAsync(user, roundId, parkCode, cancellationToken: cancellationToken);
        if (!found.Succeeded)
        {
            return new UseCaseResult<string>(found.Status, null, found.Errors);
        }
        var card = found.Value!;
        var zh = culture.TwoLetterISOLanguageName == "zh";
        string L(string key, params object[] args) => new UserMessage("Report." + key, args).Render(culture);
        string N(double? value, string format = "0.00") => value is { } v ? v.ToString(format, culture) : "—";
        var park = zh ? card.ParkNameZh : card.ParkNameEn;
        var round = zh ? card.RoundNameZh : card.RoundNameEn;

        using (var pdf = new PdfWriter(output, $"{L("Scorecard")} · {park}", $"{round} · {park}"))
        {
            pdf.Text(L("Scorecard") + " · " + park, 18, PdfWriter.Primary);
            pdf.Text(round + " · " + (card.Official ? L("Official") : L("Provisional")), 10, PdfWriter.Muted);
            pdf.Space(6);
            pdf.Row([L("Score"), L("Rank"), L("RankInterval"), L("Tier"), L("LastYear")], [100, 100, 110, 100, 101], header: true);
            pdf.Row([N(card.Score), $"{N(card.Rank, "0")} / {card.ParkCount}", $"{N(card.RankP5, "0")}–{N(card.RankP95, "0")}", L("Tier" + card.Tier),
                card.PreviousYear is { } py ? $"{py.Year}: {N(py.Rank, "0")} ({N(py.Score)})" : "—"], [100, 100, 110, 100, 101], size: 11);

            var dimensions = card.Nodes.Where(n => n.Level == 2).ToList();
            pdf.Heading(L("Dimensions"));
            if (dimensions.Count >= 3)
            {
                // A benchmark group joins the radar when it has a score for every dimension (a partial polygon would mislead).
                var groups = card.Gaps.Where(g => dimensions.All(d => g.AggregateScores.ContainsKey(d.Code))).ToList();
                var groupColors = new[] { PdfWriter.Good, PdfWriter.Bad };
                pdf.Radar(dimensions.Select(d => d.Code).ToList(),
                [
                    (park, PdfWriter.Primary, dimensions.Select(d => d.Score).ToList()),
                    (L("ZoneMedian"), PdfWriter.Accent, dimensions.Select(d => d.ZoneMedian).ToList()),
                    .. groups.Select((g, k) => (L("Group" + g.Group), groupColors[k % 2], (IReadOnlyList<double?>)dimensions.Select(d => (double?)g.AggregateScores[d.Code]).ToList())),
                ], Math.Max(100, Math.Max(dimensions.Max(d => Math.Max(d.Score ?? 0, d.ZoneMedian ?? 0)),
                    groups.SelectMany(g => g.AggregateScores.Values).DefaultIfEmpty(0).Max())));
            }
            float[] dimensionWidths = [250, 80, 80, 101];
            pdf.Row([L("Dimension"), L("Score"), L("ZoneMedian"), L("Rank")], dimensionWidths, header: true, rightAligned: [false, true, true, true]);
            foreach (var d in dimensions)
            {
                pdf.Row([$"{d.Code} {(zh ? d.NameZh : d.NameEn)}", N(d.Score, "0.0"), N(d.ZoneMedian, "0.0"), N(d.Rank, "0")], dimensionWidths,
                    rightAligned: [false, true, true, true], colors: [null, d.Score >= d.ZoneMedian ? PdfWriter.Good : PdfWriter.Bad, null, null]);
            }

            pdf.Heading(L("StrengthsAndWeakLinks"));
            float[] listWidths = [60, 331, 120];
            pdf.Row([L("Code"), L("Strengths"), L("Rank")], listWidths, header: true, rightAligned: [false, false, true]);
            foreach (var s in card.Strengths)
            {
                pdf.Row([s.Code, zh ? s.NameZh : s.NameEn, N(s.Rank, "0")], listWidths, rightAligned: [false, false, true], colors: [null, PdfWriter.Good, null]);
            }
            pdf.Row([L("Code"), L("WeakLinks"), L("Rank")], listWidths, header: true, rightAligned: [false, false, true]);
            foreach (var w in card.WeakLinks)
            {
                pdf.Row([w.Code, zh ? w.NameZh : w.NameEn, N(w.Rank, "0")], listWidths, rightAligned: [false, false, true], colors: [null, PdfWriter.Bad, null]);
            }

            if (card.Gaps.Count > 0 || card.ShanghaiScore is not null)
            {
                pdf.Heading(L("Benchmarks"));
                if (card.ShanghaiScore is { } sh)
                {
                    pdf.Text(L("ShanghaiIndex", sh, card.ShanghaiZoneMedian ?? double.NaN), 9.5f);
                }
                float[] gapWidths = [230, 95, 95, 91];
                foreach (var gap in card.Gaps)
                {
                    pdf.Text($"{L("Group" + gap.Group)} · {L("Attainment", (gap.OverallAttainment ?? double.NaN) * 100)} · {string.Join(", ", gap.Entities)}", 9.5f);
                    pdf.Row([L("Indicator"), L("Value"), L("Reference"), L("Gap")], gapWidths, header: true, rightAligned: [false, true, true, true]);
                    foreach (var i in gap.Indicators)
                    {
                        var node = card.Nodes.First(n => n.Code == i.Code);
                        pdf.Row([$"{i.Code} {(zh ? node.NameZh : node.NameEn)}", N(i.Raw, "#,##0.###"), N(i.Reference, "#,##0.###"),
                            i.RelativeGap is { } g ? (g * 100).ToString("+0.#;-0.#;0", culture) + "%" : "—"], gapWidths,
                            rightAligned: [false, true, true, true], colors: [null, null, null, i.RelativeGap >= 0 ? PdfWriter.Good : PdfWriter.Bad]);
                    }
                    pdf.Space(6);
                }
            }

            pdf.Need(90); // keep the table's heading with its first rows
            pdf.Heading(L("Indicators"));
            float[] widths = [40, 200, 60, 50, 40, 45, 36, 40];
            pdf.Row([L("Code"), L("Indicator"), L("Value"), L("Unit"), L("Score"), L("ZoneMedian"), L("Rank"), L("Contribution")], widths,
                header: true, rightAligned: [false, false, true, false, true, true, true, true], size: 7.5f);
            foreach (var i in card.Nodes.Where(n => n.Level == 1))
            {
                pdf.Row([i.Code, zh ? i.NameZh : i.NameEn, N(i.Raw, "#,##0.###"), i.Unit, N(i.Score, "0.0"), N(i.ZoneMedian, "0.0"), N(i.Rank, "0"), N(i.Contribution)],
                    widths, rightAligned: [false, false, true, false, true, true, true, true], size: 7.5f);
            }
            pdf.Space(8);
            pdf.Text(L("Generated", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)), 7.5f, PdfWriter.Muted);
        }
        return UseCaseResult<string>.Ok($"scorecard-{card.Year}-{card.ParkCode}-{(zh ? "zh" : "en")}.pdf");
    }

    /// <summary>The zone report of a round: method, score bars by tier, the ranking with intervals and attainment (city users).</summary>
    public async Task<UseCaseResult<string>> ZoneReportAsync(
        ClaimsPrincipal user, Guid roundId, CultureInfo culture, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(culture);
        if (!Authorization.ZjClaims.IsCityWide(user))
        {
            return UseCaseResult<string>.Forbidden();
        }
        var found = await results.RankingAsync(user, roundId, cancellationToken);
        if (!found.Succeeded)
        {
            return new UseCaseResult<string>(found.Status, null, found.Errors);
        }
        var view = found.Value!;
        var zh = culture.TwoLetterISOLanguageName == "zh";
        string L(string key, params object[] args) => new UserMessage("Report." + key, args).Render(culture);
        string N(double? value, string format = "0.00") => value is { } v ? v.ToString(format, culture) : "—";
        var round = zh ? view.RoundNameZh : view.RoundNameEn;
        SKColor TierColor(int? tier) => tier switch { 1 => PdfWriter.Good, 2 => PdfWriter.Primary, _ => PdfWriter.Accent };

        using (var pdf = new PdfWriter(output, round, round))
        {
            pdf.Text(L("ZoneReport"), 18, PdfWriter.Primary);
            pdf.Text(round + " · " + (view.Official ? L("Official") : L("Provisional")), 10, PdfWriter.Muted);
            pdf.Text(L("RankingNote", view.ComputedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), view.Replications, view.FailedReplications), 8.5f, PdfWriter.Muted);
            pdf.Heading(L("Scores"));
            var scored = view.Rows.Where(r => r.Score is not null).ToList();
            pdf.Bars(scored.Select(r => (zh ? r.ParkNameZh : r.ParkNameEn, r.Score!.Value, TierColor(r.Tier))).ToList(), Math.Max(100, scored.Max(r => r.Score!.Value)));
            pdf.Legend([(L("Tier1"), PdfWriter.Good), (L("Tier2"), PdfWriter.Primary), (L("Tier3"), PdfWriter.Accent)]);
            pdf.Heading(L("Ranking"));
            float[] widths = [40, 150, 60, 70, 75, 58, 58];
            pdf.Row([L("Rank"), L("Park"), L("Score"), L("Tier"), L("RankInterval"), L("VsInternational"), L("VsDomestic")], widths, header: true,
                rightAligned: [true, false, true, false, false, true, true], size: 7.5f);
            foreach (var r in view.Rows)
            {
                pdf.Row([N(r.Rank, "0"), zh ? r.ParkNameZh : r.ParkNameEn, N(r.Score), r.Tier is { } t ? L("Tier" + t) : "—",
                    $"{N(r.RankP5, "0")}–{N(r.RankP95, "0")}", r.InternationalAttainment is { } a ? N(a * 100, "0") + "%" : "—",
                    r.DomesticAttainment is { } d ? N(d * 100, "0") + "%" : "—"], widths, rightAligned: [true, false, true, false, false, true, true],
                    colors: [null, null, null, TierColor(r.Tier), null, null, null], size: 8);
            }
            pdf.Space(8);
            pdf.Text(L("Generated", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)), 7.5f, PdfWriter.Muted);
        }
        return UseCaseResult<string>.Ok($"evaluation-{view.Year}-report-{(zh ? "zh" : "en")}.pdf");
    }
}
