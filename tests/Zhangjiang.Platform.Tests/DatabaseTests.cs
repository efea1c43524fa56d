using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Organisations;
using Zhangjiang.Platform.Features.Parks;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests;

public sealed class DatabaseTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public void Model_has_no_changes_missing_from_the_providers_migrations(string provider)
    {
        var builder = new DbContextOptionsBuilder<ZjDbContext>();
        DatabaseSetup.Configure(builder, provider == "Postgres"
            ? new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=127.0.0.1;Database=unused" }
            : new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=:memory:" }, Path.GetTempPath());
        using var db = new ZjDbContext(builder.Options);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes without a {provider} migration: run scripts/add-migration.sh <Name>.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_seeds_the_22_parks_with_sources_and_is_repeatable(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var maintenance = new DatabaseMaintenance(database.Factory());
        Assert.Empty(await maintenance.MigrateAsync()); // second run: nothing pending, nothing duplicated
        await using var db = database.CreateContext();
        var parks = await db.Parks.Include(p => p.LeadingIndustries).Include(p => p.Initiatives).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(22, parks.Count);
        Assert.Equal(16, await db.Districts.CountAsync(TestContext.Current.CancellationToken));
        Assert.All(parks, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.DistrictSource));
            Assert.False(string.IsNullOrWhiteSpace(p.PlanSource));
            Assert.All(p.LeadingIndustries, i => Assert.False(string.IsNullOrWhiteSpace(i.Source)));
        });
        Assert.Equal(20, parks.Count(p => p.PlanSource.Contains("一园一方案", StringComparison.Ordinal)));
        var yangpu = parks.Single(p => p.Code == "yangpu");
        Assert.Equal(2026, yangpu.PlanTargetYear);
        Assert.Equal(PlanStatus.Published, yangpu.PlanStatus);
        Assert.Contains("杨数浦", yangpu.PlanSummaryZh, StringComparison.Ordinal);
        Assert.Equal(2026, parks.Single(p => p.Code == "caohejing").PlanTargetYear);
        var scienceCity = parks.Single(p => p.Code == "science-city");
        Assert.Equal(["产业综合用地", "低碳发展示范区", "无废园区"], scienceCity.Initiatives.OrderBy(i => i.Id).Select(i => i.NameZh));
        Assert.Equal("中意临港创新合作产业园", parks.Single(p => p.Code == "lingang").Initiatives.Single().NameZh);
        // Seeding is itself audited, by the system actor.
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Park) && a.UserName == "system", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SQLite_connections_of_the_app_overwrite_deleted_content()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var db = database.CreateContext();
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA secure_delete";
        Assert.Equal(1L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Backup_then_restore_gives_back_every_row(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.Actor = new AuditActor("u1", "tester", "127.0.0.1");
            db.Organisations.Add(new Organisation { CreditCode = "91440300708461136T", NameZh = "深圳市腾讯计算机系统有限公司", Kind = OrganisationKind.Enterprise, ParkCode = "xuhui", CreatedUtc = DateTime.UtcNow });
            var park = await db.Parks.SingleAsync(p => p.Code == "yangpu", ct);
            park.Address = "上海市杨浦区";
            await db.SaveChangesAsync(ct);
        }
        var before = await DumpAsync(database);
        var maintenance = new DatabaseMaintenance(database.Factory());
        var file = Path.Combine(Path.GetTempPath(), $"zj-backup-{Guid.NewGuid():N}.{(provider == "Postgres" ? "dump" : "db")}");
        try
        {
            await maintenance.BackupAsync(file, ct);
            await using (var db = database.CreateContext())
            {
                db.Actor = new AuditActor("u1", "tester", null);
                db.Organisations.Add(new Organisation { CreditCode = "91110108551385082Q", NameZh = "小米科技有限责任公司", Kind = OrganisationKind.Enterprise, CreatedUtc = DateTime.UtcNow });
                (await db.Parks.SingleAsync(p => p.Code == "yangpu", ct)).Address = "changed after backup";
                await db.SaveChangesAsync(ct);
            }
            Assert.NotEqual(before, await DumpAsync(database));

            await maintenance.RestoreAsync(file, ct);

            Assert.Equal(before, await DumpAsync(database));
            await using var check = database.CreateContext();
            var verification = AuditChain.Verify(
                await check.AuditEntries.OrderBy(a => a.Sequence).ToListAsync(ct),
                await check.AuditChainHeads.SingleAsync(ct));
            Assert.True(verification.IsIntact);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_backup_taken_under_write_load_restores_to_one_moment_of_the_source(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var maintenance = new DatabaseMaintenance(database.Factory());
        var file = Path.Combine(Path.GetTempPath(), $"zj-backup-{Guid.NewGuid():N}.{(provider == "Postgres" ? "dump" : "db")}");
        static string Code(int n)
        {
            var first17 = "91310000LD" + n.ToString("D7", CultureInfo.InvariantCulture);
            return first17 + CreditCode.ComputeCheckCharacter(first17);
        }
        // A writer registers organisations one transaction at a time, each audited, while the backup runs.
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var db = database.CreateContext();
                db.Actor = new AuditActor("writer", "load-writer", "127.0.0.1");
                db.Organisations.Add(new Organisation { CreditCode = Code(written + 1), NameZh = $"负载企业{written + 1}", Kind = OrganisationKind.Enterprise, CreatedUtc = DateTime.UtcNow });
                await db.SaveChangesAsync(CancellationToken.None);
                Interlocked.Increment(ref written);
            }
        }, ct);
        try
        {
            while (written < 20)
            {
                await Task.Delay(10, ct);
            }
            var beforeBackup = written;
            await maintenance.BackupAsync(file, ct);
            var afterBackup = written;
            while (written < afterBackup + 20)
            {
                await Task.Delay(10, ct);
            }
            await stop.CancelAsync();
            await writer;
            var source = await DumpTablesAsync(database);
            List<(long Sequence, string Hash)> sourceChain;
            await using (var read = database.CreateContext())
            {
                sourceChain = (await read.AuditEntries.OrderBy(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).ToListAsync(ct)).Select(a => (a.Sequence, a.Hash)).ToList();
            }

            await maintenance.RestoreAsync(file, ct);
            var restored = await DumpTablesAsync(database);

            // One moment: the restored audit trail verifies and is the source's up to some entry (each hash covers its
            // row and the one before); the load rows are the first k written, with k between what was written when the
            // backup started and when it ended; every other table equals the source row for row.
            await using var check = database.CreateContext();
            var head = await check.AuditChainHeads.SingleAsync(ct);
            var restoredChain = await check.AuditEntries.OrderBy(a => a.Sequence).ToListAsync(ct);
            Assert.True(AuditChain.Verify(restoredChain, head).IsIntact);
            Assert.Equal(sourceChain.Where(a => a.Sequence <= head.LastSequence), restoredChain.Select(a => (a.Sequence, a.Hash)));
            var k = await check.Organisations.CountAsync(o => o.NameZh.StartsWith("负载企业"), ct);
            // The writer counts a row once its commit has returned, so when the backup ends one committed row may not be
            // counted yet (CI saw 21 rows in a backup taken while the count read 20 before and after).
            Assert.InRange(k, beforeBackup, afterBackup + 1);
            var lost = Enumerable.Range(k + 1, written - k).Select(Code).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(source["Organisations"].Where(r => !lost.Any(c => r.Contains(c, StringComparison.Ordinal))), restored["Organisations"]);
            foreach (var (table, rows) in source.Where(t => t.Key is not ("AuditEntries" or "AuditChainHeads" or "Organisations")))
            {
                Assert.True(rows.SequenceEqual(restored[table]), $"{table} differs after the restore");
            }
        }
        finally
        {
            await stop.CancelAsync();
            File.Delete(file);
        }
    }

    /// <summary>Every row of every table, as sorted text lines per table.</summary>
    internal static async Task<string> DumpAsync(TestDatabase database) =>
        string.Join("\n", (await DumpTablesAsync(database)).SelectMany(t => new[] { $"## {t.Key} ({t.Value.Count})" }.Concat(t.Value)));

    /// <summary>Every row of every table as sorted text lines, by table name.</summary>
    internal static async Task<SortedDictionary<string, List<string>>> DumpTablesAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var dump = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Format(reader, i))));
            }
            rows.Sort(StringComparer.Ordinal);
            dump[table] = rows;
        }
        return dump;
    }

    private static string Format(DbDataReader reader, int i)
    {
        if (reader.IsDBNull(i))
        {
            return "NULL";
        }
        return reader.GetValue(i) switch
        {
            byte[] bytes => Convert.ToBase64String(bytes),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var v => v.ToString() ?? "",
        };
    }
}
