using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Organisations;

namespace Zhangjiang.Platform.Features.Enterprises;

public sealed record EnterpriseDemoSummary(int Firms, int Rows, int Awards, string CsvPath, StatisticsImportOutcome Import);

/// <summary>
/// `zj demo enterprises`: synthetic firms (names start with 示例, credit codes with 91310000DM) spread over the parks,
/// their annual statistics for a run of years as a CSV in the import layout, and the tier awards their figures would
/// plausibly earn. The CSV goes through the real importer, so it is also the benchmark input. Same seed, same data.
/// </summary>
public sealed class EnterpriseDemo(IDbContextFactory<ZjDbContext> contexts, StatisticsImporter importer)
{
    public const string CodePrefix = "91310000DM";
    public const string NamePrefix = "示例";
    private static readonly AuditActor Actor = new(null, "demo", null);

    private static readonly (string Code, string Word)[] Industries =
    [
        ("C3973", "集成电路"), ("C3972", "半导体器件"), ("C2720", "生物医药"), ("C2761", "生物制品"), ("C3581", "医疗器械"),
        ("I6513", "软件"), ("I6519", "信息技术"), ("I6450", "互联网"), ("M7320", "工程技术"), ("M7350", "检测认证"),
        ("C3670", "汽车电子"), ("C3963", "智能装备"), ("C3825", "新能源"), ("C3985", "电子元件"), ("I6550", "数据服务"),
    ];

    private static readonly string[] Syllables = ["华", "芯", "智", "创", "源", "联", "科", "新", "博", "瑞", "捷", "泰", "宏", "达", "微", "光", "合", "众", "远", "恒"];

    /// <summary>Writes the CSV, imports it as the city, labels the firms as demo and adds their tier awards.</summary>
    public async Task<EnterpriseDemoSummary> GenerateAsync(
        int count, int years, int seed, int lastYear, string csvPath, IProgress<StatisticsImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> parks;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // Ordinal order, as WriteCsvFile: the same seed gives the same file whatever the database's collation.
            parks = (await db.Parks.Select(p => p.Code).ToListAsync(cancellationToken)).Order(StringComparer.Ordinal).ToList();
            if (await db.Enterprises.AnyAsync(e => e.CreditCode.StartsWith(CodePrefix), cancellationToken))
            {
                throw new InvalidOperationException("The database already has demo enterprises; the demo only adds them once.");
            }
        }
        List<DemoAward> awards;
        Dictionary<string, DateOnly> founded;
        int rows;
        await using (var file = File.Create(csvPath))
        await using (var writer = new StreamWriter(file, new System.Text.UTF8Encoding(false), 1 << 16))
        {
            (rows, awards, founded) = WriteCsv(writer, parks, count, years, seed, lastYear);
        }
        StatisticsImportOutcome outcome;
        await using (var file = File.OpenRead(csvPath))
        {
            outcome = await importer.ImportAsync(Principal(), Actor, file, Path.GetFileName(csvPath), progress, cancellationToken);
        }
        if (!outcome.Succeeded)
        {
            return new EnterpriseDemoSummary(count, rows, 0, csvPath, outcome);
        }
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.Actor = Actor;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The demo label, the founding dates (the statistics file does not carry them; tier rules such as "registered
            // ≥ 1 year" need them) and the tiers awarded (written below) in one pass over the firms, one statement per
            // date and set of tiers: each pass leaves an old version of every row behind on PostgreSQL until vacuumed.
            var tiers = awards.GroupBy(a => a.Code).ToDictionary(g => g.Key, g => g.Aggregate(0, (bits, a) => bits | EnterpriseTiers.Bit(a.Tier)));
            foreach (var group in founded.GroupBy(f => (Date: f.Value, Tiers: tiers.GetValueOrDefault(f.Key)), f => f.Key))
            {
                var codes = group.ToList();
                var (date, bits) = group.Key;
                await db.Enterprises.Where(e => codes.Contains(e.CreditCode)).ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.IsDemo, true).SetProperty(e => e.FoundedOn, date).SetProperty(e => e.TiersAwarded, bits), cancellationToken);
            }
            // Foreign-invested firms in Lingang (the seed's 中意临港创新合作产业园 hosts Italian and other European firms), so
            // the registry's country filter and arrival dates have something to show: one Lingang firm in four.
            var lingang = await db.Enterprises.Where(e => e.CreditCode.StartsWith(CodePrefix) && e.ParkCode == "lingang")
                .OrderBy(e => e.CreditCode).Select(e => e.CreditCode).ToListAsync(cancellationToken);
            string[] countries = ["IT", "IT", "DE", "FR", "IT", "CH", "AT", "JP"];
            // One statement per country, as for the founding dates.
            foreach (var group in lingang.Where((_, i) => i % 4 == 0).Select((code, k) => (code, country: countries[k % countries.Length])).GroupBy(x => x.country, x => x.code))
            {
                var codes = group.ToList();
                var country = group.Key;
                await db.Enterprises.Where(e => codes.Contains(e.CreditCode)).ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.Ownership, EnterpriseOwnership.ForeignInvested).SetProperty(e => e.CountryOfOrigin, country), cancellationToken);
            }
            WriteAwards(db, awards);
            await db.AppendEventAsync(AuditKind.Data, "DemoEnterprises", Actor, new { firms = count, awards = awards.Count, seed },
                nameof(TierAward), outcome.Summary!.ImportId.ToString(), cancellationToken: cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (db.Provider == DatabaseProvider.Postgres)
            {
                // The demo rewrote every firm's row after importing it (label, founding date); PostgreSQL keeps each old
                // version until autovacuum passes, and until then a search visited every version of every firm
                // (measured: 130 ms instead of 13 for a park's firms). Vacuum now, and analyse the awards written above.
                await db.Database.ExecuteSqlRawAsync($"VACUUM (ANALYZE) \"{EnterpriseModel.EnterprisesTable}\", \"TierAwards\"", cancellationToken);
            }
        }
        return new EnterpriseDemoSummary(count, rows, awards.Count, csvPath, outcome);
    }

    /// <summary>Only the CSV (benchmark input), over the 22 seeded parks, without touching a database. Returns its rows.</summary>
    public static int WriteCsvFile(string csvPath, int count, int years, int seed, int lastYear)
    {
        var parks = Parks.ParkSeed.Load().Parks.Select(p => p.Code).Order(StringComparer.Ordinal).ToList();
        using var writer = new StreamWriter(csvPath, false, new System.Text.UTF8Encoding(false), 1 << 16);
        return WriteCsv(writer, parks, count, years, seed, lastYear).Rows;
    }

    /// <summary>A demo credit code: valid under GB 32100 and recognisable by its DM prefix.</summary>
    public static string Code(int n)
    {
        var first17 = CodePrefix + n.ToString("D7", CultureInfo.InvariantCulture);
        return first17 + CreditCode.ComputeCheckCharacter(first17);
    }

    internal sealed record DemoAward(string Code, EnterpriseTier Tier, DateOnly AwardedOn, DateOnly? ExpiresOn, string Certificate);

    /// <summary>The statistics CSV for <paramref name="count"/> firms over <paramref name="years"/> years, and their awards.</summary>
    internal static (int Rows, List<DemoAward> Awards, Dictionary<string, DateOnly> Founded) WriteCsv(TextWriter writer, IReadOnlyList<string> parks, int count, int years, int seed, int lastYear)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(years, 1);
        var random = new Random(seed);
        var columns = new[] { StatisticsFile.CreditCodeKey, StatisticsFile.YearKey, StatisticsFile.NameKey, StatisticsFile.ParkKey, StatisticsFile.IndustryKey }
            .Concat(StatisticsFields.All.Select(f => f.Key)).ToArray();
        writer.Write(string.Join(",", columns));
        writer.Write('\n');
        var values = new double?[StatisticsFields.All.Count];
        var index = StatisticsFields.All.Select((f, i) => (f.Key, i)).ToDictionary(x => x.Key, x => x.i);
        var awards = new List<DemoAward>();
        var foundedOn = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        var rows = 0;
        var firstYear = lastYear - years + 1;
        for (var n = 1; n <= count; n++)
        {
            var code = Code(n);
            var (industry, word) = Industries[random.Next(Industries.Length)];
            var name = $"{NamePrefix}{Syllables[random.Next(Syllables.Length)]}{Syllables[random.Next(Syllables.Length)]}{word}有限公司{n}";
            var park = parks[random.Next(parks.Count)];
            var founded = lastYear - (int)Math.Floor(Math.Pow(random.NextDouble(), 1.6) * 25);
            foundedOn[code] = new DateOnly(founded, 1 + n % 12, 1);
            var revenue = Math.Exp(6.5 + 1.6 * Normal(random));
            var rdRatio = Math.Clamp(0.045 + 0.04 * Normal(random), 0.002, 0.4);
            var manufacturing = industry[0] == 'C';
            var trend = 0.08 + 0.12 * Normal(random);
            // Half the firms export, each a steady share of its revenue: a share drawn afresh every year made exports
            // swing more than threefold in about one firm-year in six, far more often than the jumps meant below.
            var exportShare = random.NextDouble() < 0.5 ? 0 : 0.02 + 0.28 * random.NextDouble();
            var validPatents = 0.0;
            var held = new Dictionary<EnterpriseTier, DateOnly>();
            var history = new List<double>();
            for (var year = Math.Max(firstYear, founded); year <= lastYear; year++)
            {
                var growth = trend + 0.1 * Normal(random);
                // One firm-year in a hundred jumps (a merger, a big contract): the importer flags these for explanation.
                if (random.NextDouble() < 0.01)
                {
                    growth = 3.5;
                }
                revenue = Math.Max(20, revenue * (1 + growth));
                history.Add(revenue);
                Array.Clear(values);
                var employees = Math.Max(5, Math.Round(revenue / (60 + 90 * random.NextDouble())));
                var techStaff = Math.Round(employees * (0.1 + 0.4 * random.NextDouble()));
                var rdStaff = Math.Round(techStaff * (0.5 + 0.5 * random.NextDouble()));
                var rd = Round2(revenue * rdRatio);
                var patents = Math.Round(rd / 150 * random.NextDouble());
                var inventions = Math.Round(patents * (0.3 + 0.5 * random.NextDouble()));
                var grants = Math.Round(patents * 0.6 * random.NextDouble());
                validPatents += Math.Round(inventions * 0.4);
                var exports = Round2(revenue * exportShare * (0.85 + 0.3 * random.NextDouble()));
                var assets = Round2(revenue * (0.8 + 1.2 * random.NextDouble()));
                values[index["revenue"]] = Round2(revenue);
                values[index["main_business_revenue"]] = Round2(revenue * (0.7 + 0.3 * random.NextDouble()));
                values[index["high_tech_revenue"]] = Round2(revenue * (0.3 + 0.65 * random.NextDouble()));
                values[index["industrial_output"]] = manufacturing ? Round2(revenue * (0.8 + 0.3 * random.NextDouble())) : null;
                values[index["value_added"]] = Round2(revenue * (0.2 + 0.2 * random.NextDouble()));
                values[index["net_profit"]] = Round2(revenue * (0.06 + 0.08 * Normal(random)));
                values[index["taxes_paid"]] = Round2(revenue * (0.02 + 0.04 * random.NextDouble()));
                values[index["exports"]] = exports;
                values[index["tech_service_exports"]] = Round2(exports * 0.5 * random.NextDouble());
                values[index["total_assets"]] = assets;
                values[index["total_liabilities"]] = Round2(assets * (0.2 + 0.5 * random.NextDouble()));
                values[index["payroll"]] = Round2(employees * (12 + 18 * random.NextDouble()));
                values[index["energy_consumption"]] = Round2(revenue * (manufacturing ? 0.02 : 0.002) * random.NextDouble());
                values[index["employees"]] = employees;
                values[index["bachelor_staff"]] = Math.Round(employees * (0.3 + 0.3 * random.NextDouble()));
                values[index["postgraduate_staff"]] = Math.Round(employees * (0.05 + 0.2 * random.NextDouble()));
                values[index["returnee_staff"]] = Math.Round(employees * 0.05 * random.NextDouble());
                values[index["foreign_staff"]] = Math.Round(employees * 0.02 * random.NextDouble());
                values[index["tech_staff"]] = techStaff;
                values[index["rd_staff"]] = rdStaff;
                values[index["rd_fte"]] = Math.Round(rdStaff * (0.6 + 0.4 * random.NextDouble()), 1);
                values[index["rd_expenditure"]] = rd;
                values[index["patent_applications"]] = patents;
                values[index["patents_granted"]] = grants;
                values[index["invention_applications"]] = inventions;
                values[index["invention_grants"]] = Math.Min(grants, Math.Round(inventions * 0.5 * random.NextDouble()));
                values[index["valid_invention_patents"]] = validPatents;
                values[index["pct_applications"]] = Math.Round(inventions * 0.1 * random.NextDouble());
                values[index["trademarks"]] = Math.Round(5 * random.NextDouble());
                values[index["tech_contract_turnover"]] = Round2(revenue * 0.1 * random.NextDouble());
                values[index["overseas_rd_institutions"]] = random.NextDouble() < 0.03 ? 1 : 0;
                values[index["international_standards"]] = random.NextDouble() < 0.01 ? 1 : 0;
                values[index["equity_financing"]] = random.NextDouble() < 0.08 ? Round2(revenue * (0.2 + 2 * random.NextDouble())) : 0;

                writer.Write(code);
                writer.Write(',');
                writer.Write(year.ToString(CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(name);
                writer.Write(',');
                writer.Write(park);
                writer.Write(',');
                writer.Write(industry);
                foreach (var value in values)
                {
                    writer.Write(',');
                    if (value is { } v)
                    {
                        writer.Write(v.ToString("R", CultureInfo.InvariantCulture));
                    }
                }
                writer.Write('\n');
                rows++;

                Award(awards, held, random, code, year, founded, revenue, rd / revenue, employees, techStaff / employees, assets, history);
            }
        }
        return (rows, awards, foundedOn);
    }

    /// <summary>Awards a tier the year's figures roughly qualify for (the published criteria, simplified), renewing on expiry.</summary>
    private static void Award(List<DemoAward> awards, Dictionary<EnterpriseTier, DateOnly> held, Random random, string code, int year, int founded,
        double revenue, double rdRatio, double employees, double techShare, double assets, List<double> history)
    {
        var growth3 = history.Count >= 4 ? Math.Pow(history[^1] / history[^4], 1.0 / 3) - 1 : 0;
        var hteThreshold = revenue <= 5000 ? 0.05 : revenue <= 20000 ? 0.04 : 0.03;
        var candidates = new List<EnterpriseTier>();
        if (employees <= 500 && revenue <= 20000 && assets <= 20000 && rdRatio >= 0.03) candidates.Add(EnterpriseTier.TechSme);
        if (rdRatio >= 0.03 && revenue >= 500) candidates.Add(EnterpriseTier.InnovativeSme);
        if (year - founded >= 1 && rdRatio >= hteThreshold && techShare >= 0.1) candidates.Add(EnterpriseTier.HighTechEnterprise);
        if (revenue >= 1000 && rdRatio >= 0.03 && revenue * rdRatio >= 100 && year - founded >= 2) candidates.Add(EnterpriseTier.SpecialisedSme);
        if (revenue is >= 3000 and <= 10000 && rdRatio >= 0.06 && year - founded >= 3) candidates.Add(EnterpriseTier.ShanghaiLittleGiantCultivation);
        if (revenue is >= 10000 and <= 100000 && rdRatio >= 0.05) candidates.Add(EnterpriseTier.ShanghaiLittleGiant);
        if (revenue >= 5000 && rdRatio >= 0.03 && year - founded >= 3) candidates.Add(EnterpriseTier.LittleGiant);
        if (revenue >= 1000 && growth3 >= 0.2) candidates.Add(EnterpriseTier.Gazelle);
        if (revenue >= 200000 && year - founded <= 10) candidates.Add(EnterpriseTier.Unicorn);
        if (revenue >= 100000) candidates.Add(EnterpriseTier.Listed);
        foreach (var tier in candidates)
        {
            var info = EnterpriseTiers.Of(tier);
            if (held.TryGetValue(tier, out var until) && (until == DateOnly.MaxValue || until.Year > year))
            {
                continue;
            }
            // Not every qualifying firm applies in a given year; the higher the tier, the rarer.
            if (random.NextDouble() > 0.6 - info.Rank * 0.04)
            {
                continue;
            }
            var awarded = new DateOnly(year, 1 + random.Next(12), 1 + random.Next(28));
            DateOnly? expires = info.ValidYears is { } valid ? awarded.AddYears(valid).AddDays(-1) : null;
            held[tier] = expires ?? DateOnly.MaxValue;
            awards.Add(new DemoAward(code, tier, awarded, expires, string.Create(CultureInfo.InvariantCulture, $"示例-{(int)tier:D2}-{year}-{awards.Count + 1:D7}")));
        }
    }

    private static void WriteAwards(ZjDbContext db, List<DemoAward> awards)
    {
        var now = db.UtcNow;
        using var writer = BulkWriter.Start(db, "TierAwards",
        [
            ("Id", BulkType.Uuid), ("CreditCode", BulkType.Text), ("Tier", BulkType.Text), ("CertificateNumber", BulkType.Text),
            ("IssuingBody", BulkType.Text), ("AwardedOn", BulkType.Date), ("ExpiresOn", BulkType.Date), ("Note", BulkType.Text),
            ("CreatedUtc", BulkType.Timestamp), ("Version", BulkType.Uuid),
        ]);
        foreach (var a in awards)
        {
            writer.StartRow();
            writer.Uuid(Guid.NewGuid());
            writer.Text(a.Code);
            writer.Text(a.Tier.ToString());
            writer.Text(a.Certificate);
            writer.Text(EnterpriseTiers.Of(a.Tier).IssuerZh);
            writer.Date(a.AwardedOn);
            writer.Date(a.ExpiresOn);
            writer.Text("示例数据 demo");
            writer.Timestamp(now);
            writer.Uuid(Guid.NewGuid());
            writer.EndRow();
        }
        writer.Complete();
    }

    private static double Round2(double value) => Math.Round(value, 2);

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static ClaimsPrincipal Principal() => new(new ClaimsIdentity(
        [new(ClaimTypes.NameIdentifier, "demo"), new(ClaimTypes.Name, "demo"), new(ClaimTypes.Role, Roles.CityAdmin)], "demo"));
}
