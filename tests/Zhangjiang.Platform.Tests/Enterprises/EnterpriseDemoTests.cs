using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Organisations;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Enterprises;

public sealed class EnterpriseDemoTests
{
    [Fact]
    public async Task The_demo_goes_through_the_importer_labels_every_firm_and_is_reproducible()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var folder = Directory.CreateTempSubdirectory("zj-demo-");
        try
        {
            var csv = Path.Combine(folder.FullName, "demo.csv");
            var demo = new EnterpriseDemo(database.Factory(), new StatisticsImporter(database.Factory()));
            var summary = await demo.GenerateAsync(300, 5, 42, 2025, csv, null, ct);

            Assert.True(summary.Import.Succeeded, StatisticsImportTests.Describe(summary.Import));
            Assert.Equal(summary.Rows, summary.Import.Summary!.Rows);
            Assert.True(summary.Awards > 0);
            await using (var db = database.CreateContext())
            {
                Assert.Equal(300, await db.Enterprises.CountAsync(e => e.IsDemo && e.NameZh.StartsWith(EnterpriseDemo.NamePrefix), ct));
                Assert.Equal(0, await db.Enterprises.CountAsync(e => e.IsDemo && e.FoundedOn == null, ct));   // tier rules need the age
                Assert.Contains("IT", await db.Enterprises.Where(e => e.ParkCode == "lingang" && e.Ownership == EnterpriseOwnership.ForeignInvested)
                    .Select(e => e.CountryOfOrigin).ToListAsync(ct));
                Assert.Equal(0, await db.Enterprises.CountAsync(e => e.ParkCode != "lingang" && e.CountryOfOrigin != null, ct));
                Assert.All(await db.Enterprises.Select(e => e.CreditCode).ToListAsync(ct), code => Assert.True(CreditCode.IsValid(code)));
                Assert.Equal(summary.Awards, await db.TierAwards.CountAsync(a => a.Note == "示例数据 demo", ct));
                // Every firm carries the bits of the tiers it was awarded (the search by tier reads them first).
                var bits = (await db.TierAwards.Select(a => new { a.CreditCode, a.Tier }).ToListAsync(ct))
                    .GroupBy(a => a.CreditCode).ToDictionary(g => g.Key, g => g.Aggregate(0, (b, a) => b | EnterpriseTiers.Bit(a.Tier)));
                Assert.All(await db.Enterprises.Select(e => new { e.CreditCode, e.TiersAwarded }).ToListAsync(ct),
                    e => Assert.Equal(bits.GetValueOrDefault(e.CreditCode), e.TiersAwarded));
                Assert.Contains(bits.Values, b => (b & (b - 1)) != 0);   // some firms hold more than one tier
                Assert.Equal(22, await db.EnterpriseYearStatistics.Select(s => s.ParkCode).Distinct().CountAsync(ct));
                Assert.True(await db.StatisticsAnomalies.AnyAsync(ct));   // the demo's deliberate jumps are flagged
            }

            // Same seed, same file; a second run on the same database is refused.
            var again = Path.Combine(folder.FullName, "again.csv");
            EnterpriseDemo.WriteCsvFile(again, 300, 5, 42, 2025);
            EnterpriseDemo.WriteCsvFile(Path.Combine(folder.FullName, "other.csv"), 300, 5, 43, 2025);
            Assert.Equal(await File.ReadAllTextAsync(csv, ct), await File.ReadAllTextAsync(again, ct));
            Assert.NotEqual(await File.ReadAllTextAsync(csv, ct), await File.ReadAllTextAsync(Path.Combine(folder.FullName, "other.csv"), ct));
            await Assert.ThrowsAsync<InvalidOperationException>(() => demo.GenerateAsync(10, 1, 1, 2025, Path.Combine(folder.FullName, "x.csv"), null, ct));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
