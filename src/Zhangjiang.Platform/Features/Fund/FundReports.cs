using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Platform.Features.Fund;

/// <summary>
/// One cell of the fund's statistics: a year, topic, applicant kind and park, with what was applied for, awarded and paid.
/// Applications count from submission (drafts are the applicant's own business); awards are approved and later.
/// </summary>
public sealed record FundStatisticsRow(
    int Year, string TopicCode, string KindCode, string? ParkCode, int Applications, int Awards, long RequestedFen, long GrantedFen, long PaidFen,
    int Accepted, double? AveragePerformance);

/// <summary>The rows summed over every dimension but one, for the tables and charts by topic, kind, park or year.</summary>
public sealed record FundStatisticsTotal(string Key, int Applications, int Awards, long RequestedFen, long GrantedFen, long PaidFen, double SuccessRate);

public sealed record FundStatistics(IReadOnlyList<FundStatisticsRow> Rows, IReadOnlyList<int> Years)
{
    public IReadOnlyList<FundStatisticsTotal> By(Func<FundStatisticsRow, string> key) =>
        Rows.GroupBy(key).Select(g => new FundStatisticsTotal(g.Key, g.Sum(r => r.Applications), g.Sum(r => r.Awards), g.Sum(r => r.RequestedFen),
                g.Sum(r => r.GrantedFen), g.Sum(r => r.PaidFen), g.Sum(r => r.Applications) == 0 ? 0 : (double)g.Sum(r => r.Awards) / g.Sum(r => r.Applications)))
            .OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
}

/// <summary>One awarded grant in the shape of the 360Giving Data Standard (JSON field names as the standard's schema spells them).</summary>
public sealed record OpenGrant(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("amountAppliedFor")] decimal AmountAppliedFor,
    [property: JsonPropertyName("amountAwarded")] decimal AmountAwarded,
    [property: JsonPropertyName("amountDisbursed")] decimal AmountDisbursed,
    [property: JsonPropertyName("awardDate")] string AwardDate,
    [property: JsonPropertyName("plannedDates")] IReadOnlyList<OpenPlannedDates> PlannedDates,
    [property: JsonPropertyName("recipientOrganization")] IReadOnlyList<OpenOrganisation> RecipientOrganization,
    [property: JsonPropertyName("fundingOrganization")] IReadOnlyList<OpenOrganisation> FundingOrganization,
    [property: JsonPropertyName("grantProgramme")] IReadOnlyList<OpenProgramme> GrantProgramme,
    [property: JsonPropertyName("classifications")] IReadOnlyList<OpenClassification> Classifications,
    [property: JsonPropertyName("beneficiaryLocation")] IReadOnlyList<OpenLocation> BeneficiaryLocation,
    [property: JsonPropertyName("fromOpenCall")] string FromOpenCall,
    [property: JsonPropertyName("dateModified")] string DateModified);

public sealed record OpenPlannedDates([property: JsonPropertyName("startDate")] string? StartDate, [property: JsonPropertyName("endDate")] string? EndDate);

public sealed record OpenOrganisation([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("name")] string Name);

public sealed record OpenProgramme([property: JsonPropertyName("code")] string Code, [property: JsonPropertyName("title")] string Title);

public sealed record OpenClassification(
    [property: JsonPropertyName("vocabulary")] string Vocabulary, [property: JsonPropertyName("code")] string Code, [property: JsonPropertyName("title")] string Title);

public sealed record OpenLocation([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("countryCode")] string CountryCode);

public sealed record OpenGrantPackage([property: JsonPropertyName("grants")] IReadOnlyList<OpenGrant> Grants);

/// <summary>
/// Fund reports: statistics by year, topic, applicant kind and park for the city (a park manager: its park's), and the
/// awarded grants as open data shaped like the 360Giving Data Standard (ADR 0013): the application's tracking number under
/// the zone's 360G prefix as the grant id, and the unified social credit code as the recipient's organisation id.
/// </summary>
public sealed class FundReports(IDbContextFactory<ZjDbContext> contexts)
{
    /// <summary>The 360G publisher prefix of the zone's grant ids (360Giving asks each publisher to register one).</summary>
    public const string GrantIdPrefix = "360G-zhangjiang-";

    /// <summary>
    /// Organisation ids are org-id.guide style, prefix then the register's own number: here the 18-character unified
    /// social credit code (GB 32100-2015), which every recipient in the registry has.
    /// </summary>
    public const string CreditCodePrefix = "CN-USCC-";

    public static readonly OpenOrganisation Funder = new("360G-zhangjiang", "上海市张江高新技术产业开发区管理委员会办公室");

    public async Task<UseCaseResult<FundStatistics>> StatisticsAsync(ClaimsPrincipal user, int? year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var park = user.IsCityWide() ? null : user.IsInRole(Roles.ParkManager) ? user.ParkScope() : null;
        if (!user.IsCityWide() && park is null)
        {
            return UseCaseResult<FundStatistics>.Forbidden();
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var notCounted = new[] { FundApplicationStatus.Draft, FundApplicationStatus.Withdrawn };
        var awarded = FundApplicationStatuses.Awarded;
        var query = from a in db.FundApplications.AsNoTracking()
                    join c in db.FundCalls on a.CallId equals c.Id
                    where !notCounted.Contains(a.Status) && (park == null || a.ParkCode == park) && (year == null || c.Year == year)
                    select new
                    {
                        c.Year, a.TopicCode, a.KindCode, a.ParkCode, a.RequestedFen, a.Status,
                        Granted = awarded.Contains(a.Status) ? a.GrantFen ?? 0 : 0,
                        Paid = db.FundTranches.Where(t => t.ContractId == a.Id && t.Status == TrancheStatus.Paid).Sum(t => (long?)t.AmountFen) ?? 0,
                        Score = db.FundContracts.Where(k => k.ApplicationId == a.Id).Select(k => k.PerformanceScore).FirstOrDefault(),
                    };
        var facts = await query.ToListAsync(cancellationToken);
        var rows = facts.GroupBy(f => (f.Year, f.TopicCode, f.KindCode, f.ParkCode))
            .Select(g => new FundStatisticsRow(g.Key.Year, g.Key.TopicCode, g.Key.KindCode, g.Key.ParkCode, g.Count(), g.Count(f => awarded.Contains(f.Status)),
                g.Sum(f => f.RequestedFen), g.Sum(f => f.Granted), g.Sum(f => f.Paid), g.Count(f => f.Score is not null), Mean(g.Select(f => f.Score))))
            .OrderBy(r => r.Year).ThenBy(r => r.TopicCode, StringComparer.Ordinal).ThenBy(r => r.KindCode, StringComparer.Ordinal).ThenBy(r => r.ParkCode, StringComparer.Ordinal)
            .ToList();
        var years = await db.FundCalls.AsNoTracking().Where(c => c.Status != FundCallStatus.Draft).Select(c => c.Year).Distinct().OrderBy(y => y).ToListAsync(cancellationToken);
        return UseCaseResult<FundStatistics>.Ok(new FundStatistics(rows, years));
    }

    /// <summary>Every approved (and later) award, public by nature once approved: what the notice published, with the money and dates since.</summary>
    public async Task<OpenGrantPackage> OpenGrantsAsync(int? year = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var awarded = FundApplicationStatuses.Awarded;
        var grants = await (from a in db.FundApplications.AsNoTracking()
                            join c in db.FundCalls on a.CallId equals c.Id
                            join t in db.FundTopics on a.TopicCode equals t.Code
                            where awarded.Contains(a.Status) && (year == null || c.Year == year)
                            orderby a.TrackingNumber
                            select new
                            {
                                a.Id, a.TrackingNumber, a.ProjectTitle, a.AnswersJson, a.RequestedFen, a.GrantFen, a.ApplicantCreditCode, a.ApplicantName, a.ParkCode, a.UpdatedUtc,
                                CallCode = c.Code, c.TitleZh, c.DecidedUtc, TopicCode = t.Code, TopicName = t.NameZh,
                                Approved = db.FundApplicationEvents.Where(e => e.ApplicationId == a.Id && e.To == FundApplicationStatus.Approved).Max(e => (DateTime?)e.AtUtc),
                                Park = db.Parks.Where(p => p.Code == a.ParkCode).Select(p => p.NameZh).FirstOrDefault(),
                                Contract = db.FundContracts.Where(k => k.ApplicationId == a.Id).Select(k => new { k.StartsOn, k.EndsOn }).FirstOrDefault(),
                                Paid = db.FundTranches.Where(k => k.ContractId == a.Id && k.Status == TrancheStatus.Paid).Sum(k => (long?)k.AmountFen) ?? 0,
                            }).ToListAsync(cancellationToken);
        return new OpenGrantPackage(grants.Select(g => new OpenGrant(
            GrantIdPrefix + (g.TrackingNumber ?? g.Id.ToString("N")),
            g.ProjectTitle,
            Summary(g.AnswersJson) ?? g.ProjectTitle,
            "CNY",
            Yuan(g.RequestedFen),
            Yuan(g.GrantFen ?? 0),
            Yuan(g.Paid),
            Day(g.Approved ?? g.DecidedUtc ?? g.UpdatedUtc),
            g.Contract is null ? [] : [new OpenPlannedDates(g.Contract.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), g.Contract.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))],
            [new OpenOrganisation(CreditCodePrefix + g.ApplicantCreditCode, g.ApplicantName)],
            [Funder],
            [new OpenProgramme(g.CallCode, g.TitleZh)],
            [new OpenClassification("zhangjiang-fund-topic", g.TopicCode, g.TopicName)],
            g.Park is null ? [] : [new OpenLocation(g.Park, "CN")],
            "Yes",
            g.UpdatedUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))).ToList());
    }

    /// <summary>The flat spreadsheet layout of 360Giving (its column titles), one row per grant, for the Excel download.</summary>
    public static IEnumerable<IDictionary<string, object?>> Flat(OpenGrantPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return package.Grants.Select(g => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Identifier"] = g.Id,
            ["Title"] = ExcelCells.Safe(g.Title),
            ["Description"] = ExcelCells.Safe(g.Description),
            ["Currency"] = g.Currency,
            ["Amount Applied For"] = g.AmountAppliedFor,
            ["Amount Awarded"] = g.AmountAwarded,
            ["Amount Disbursed"] = g.AmountDisbursed,
            ["Award Date"] = g.AwardDate,
            ["Planned Dates:Start Date"] = g.PlannedDates.FirstOrDefault()?.StartDate,
            ["Planned Dates:End Date"] = g.PlannedDates.FirstOrDefault()?.EndDate,
            ["Recipient Org:Identifier"] = g.RecipientOrganization[0].Id,
            ["Recipient Org:Name"] = ExcelCells.Safe(g.RecipientOrganization[0].Name),
            ["Funding Org:Identifier"] = g.FundingOrganization[0].Id,
            ["Funding Org:Name"] = g.FundingOrganization[0].Name,
            ["Grant Programme:Code"] = g.GrantProgramme[0].Code,
            ["Grant Programme:Title"] = ExcelCells.Safe(g.GrantProgramme[0].Title),
            ["Classifications:Code"] = g.Classifications[0].Code,
            ["Classifications:Title"] = g.Classifications[0].Title,
            ["Beneficiary Location:Name"] = g.BeneficiaryLocation.FirstOrDefault()?.Name,
            ["Beneficiary Location:Country Code"] = g.BeneficiaryLocation.FirstOrDefault()?.CountryCode,
            ["From An Open Call?"] = g.FromOpenCall,
            ["Last modified"] = g.DateModified,
        });
    }

    private static double? Mean(IEnumerable<double?> scores)
    {
        var known = scores.Where(s => s is not null).Select(s => s!.Value).ToList();
        return known.Count == 0 ? null : Math.Round(known.Average(), 1);
    }

    private static decimal Yuan(long fen) => fen / 100m;

    private static string Day(DateTime utc) => ShanghaiTime.DayText(utc);

    /// <summary>The form's summary answer when the call asked for one (the template's key is "summary").</summary>
    private static string? Summary(string answersJson)
    {
        var answers = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string?>>(answersJson);
        return answers is not null && answers.TryGetValue("summary", out var summary) && !string.IsNullOrWhiteSpace(summary) ? summary.Trim() : null;
    }
}
