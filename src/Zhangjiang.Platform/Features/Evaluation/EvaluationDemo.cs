using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Platform.Features.Evaluation;

public sealed record DemoRound(Guid Id, int Year, RoundStatus Status);

/// <summary>
/// `zj demo evaluation`: clearly labelled synthetic values (示例数据) for the 22 parks over three years, each year a full
/// round through the real use cases — submitted, accepted, computed and published — plus an open round for the next
/// year, so a newcomer can see the whole routine. It never runs unless asked, and refuses a database that already has
/// rounds.
/// </summary>
public sealed class EvaluationDemo(IDbContextFactory<ZjDbContext> contexts, FrameworkCatalog catalog, EvaluationRounds rounds, RoundComputation computation)
{
    public const string Label = "示例数据 demo";
    private static readonly AuditActor Actor = new(null, "demo", null);

    public async Task<IReadOnlyList<DemoRound>> GenerateAsync(int firstYear, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        DateTime now;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.EvaluationRounds.AnyAsync(cancellationToken))
            {
                throw new InvalidOperationException("The database already has evaluation rounds; the demo only fills an empty one.");
            }
            now = db.UtcNow;
        }
        var city = Principal([Roles.CityAdmin, Roles.CityStaff], null);
        var framework = (await catalog.ListAsync(city, cancellationToken)).Value!.Single(f => f.Family == "MOST-2021" && f.Status == FrameworkStatus.Published);
        var random = new Random(20_250_101);
        var strengths = new Dictionary<string, double>(StringComparer.Ordinal);
        var created = new List<DemoRound>();
        for (var year = firstYear; year <= firstYear + 3; year++)
        {
            var open = year == firstYear + 3;
            var opened = await rounds.OpenAsync(city, Actor, new RoundInput
            {
                Year = year,
                FrameworkId = framework.Id,
                NameZh = string.Create(CultureInfo.InvariantCulture, $"{year}年度张江高新区综合评价（示例）"),
                NameEn = string.Create(CultureInfo.InvariantCulture, $"Zhangjiang comprehensive evaluation {year} (demo)"),
                DeadlineUtc = now.AddDays(open ? 30 : 1),
                Method = new EvaluationMethod { UncertaintyReplications = 500, Seed = year },
                ShowOnPortal = !open, // the demo's published years also show what the public portal looks like
            }, cancellationToken);
            var round = opened.Value ?? throw new InvalidOperationException(string.Join("; ", opened.Errors.Select(e => e.Message.ToString())));
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"{year}: round opened"));
            if (open)
            {
                created.Add(new DemoRound(round.Id, year, RoundStatus.Open));
                break;
            }
            foreach (var park in round.Submissions.Select(s => s.ParkCode))
            {
                if (!strengths.TryGetValue(park, out var strength))
                {
                    strengths[park] = strength = 0.35 + 0.6 * random.NextDouble();
                }
                var manager = Principal([Roles.ParkManager], park);
                var form = (await rounds.GetSubmissionAsync(manager, round.Id, park, cancellationToken)).Value!;
                var values = form.Values.Select(v =>
                {
                    var value = DemoValue(v, strength, year - firstYear, random);
                    var moved = v.LastYear is { } last && last != 0 && Math.Abs(value - last) / Math.Abs(last) > form.ChangeExplanationThreshold;
                    return new ValueInput(v.Code, value, moved ? Label + "：随机生成的变动 / generated change" : null);
                }).ToList();
                var saved = (await rounds.SaveAsync(manager, Actor, round.Id, park, new SubmissionInput { Values = values, Version = form.Version }, cancellationToken)).Value!;
                var submitted = await rounds.SubmitAsync(manager, Actor, round.Id, park, saved.Version, cancellationToken);
                var version = submitted.Value?.Version ?? throw new InvalidOperationException(string.Join("; ", submitted.Errors.Select(e => e.Message.ToString())));
                await rounds.ReviewAsync(city, Actor, round.Id, park, true, null, version, cancellationToken);
            }
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"{year}: 22 parks submitted and accepted"));
            var computed = await computation.ComputeAsync(city, Actor, round.Id, null, cancellationToken);
            if (!computed.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", computed.Errors.Select(e => e.Message.ToString())));
            }
            var locked = (await rounds.GetAsync(city, round.Id, cancellationToken)).Value!;
            await computation.PublishAsync(city, Actor, round.Id, locked.Version, cancellationToken);
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"{year}: computed and published"));
            created.Add(new DemoRound(round.Id, year, RoundStatus.Published));
        }
        return created;
    }

    /// <summary>
    /// A plausible magnitude for the indicator's unit, scaled by the park's strength and a little growth per year; lower
    /// is better indicators fall as the park gets stronger. Nothing here is a real figure.
    /// </summary>
    private static double DemoValue(SubmissionValueRow row, double strength, int yearIndex, Random random)
    {
        var (low, high) = row.Unit switch
        {
            "%" => (1.0, 60.0),
            "家" or "个" => (2.0, 400.0),
            "亿元" => (5.0, 900.0),
            "万元/人" => (3.0, 80.0),
            "吨标准煤/万元" => (0.05, 0.6),
            "件" or "件/万人" => (5.0, 300.0),
            "万人" => (0.1, 3.0),
            _ => (1.0, 100.0),
        };
        var lowerIsBetter = row.Code is "D3_1" or "D3_2";
        var position = Math.Clamp((lowerIsBetter ? 1 - strength : strength) + (random.NextDouble() - 0.5) * 0.35, 0.02, 1);
        var growth = Math.Pow(lowerIsBetter ? 0.97 : 1.05, yearIndex);
        var value = (low + (high - low) * position) * growth;
        return Math.Round(value, row.Unit == "吨标准煤/万元" ? 3 : 2);
    }

    private static ClaimsPrincipal Principal(string[] roles, string? park)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, "demo"), new(ClaimTypes.Name, "demo") };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (park is not null)
        {
            claims.Add(new Claim(ZjClaims.Park, park));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "demo"));
    }
}
