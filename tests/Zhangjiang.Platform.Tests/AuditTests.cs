using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Parks;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests;

public sealed class AuditTests
{
    private static readonly AuditActor Tester = new("user-1", "tester", "10.0.0.1");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_data_change_is_recorded_with_before_and_after(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.Actor = Tester;
            (await db.Parks.SingleAsync(p => p.Code == "jiading", ct)).Website = "https://www.jiading.gov.cn";
            await db.SaveChangesAsync(ct);
        }
        await using var read = database.CreateContext();
        var last = await read.AuditEntries.OrderByDescending(a => a.Sequence).FirstAsync(ct);
        Assert.Equal("Update", last.Action);
        Assert.Equal(nameof(Park), last.EntityType);
        Assert.Equal("jiading", last.EntityKey);
        Assert.Equal("tester", last.UserName);
        Assert.Equal("10.0.0.1", last.IpAddress);
        Assert.Equal("{\"Website\":[null,\"https://www.jiading.gov.cn\"]}", last.Changes);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_write_without_an_actor_is_refused_and_changes_nothing(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            (await db.Parks.SingleAsync(p => p.Code == "jiading", ct)).Website = "https://x.example";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(ct));
        }
        await using var read = database.CreateContext();
        Assert.Null((await read.Parks.SingleAsync(p => p.Code == "jiading", ct)).Website);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_database_refuses_to_update_or_delete_audit_rows(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'x'", ct));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\"", ct));
        Assert.True(await db.AuditEntries.CountAsync(ct) > 0);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verification_detects_an_edited_row_and_a_deleted_row(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.Actor = Tester;
            foreach (var park in await db.Parks.Take(3).ToListAsync(ct))
            {
                park.Address = "addr " + park.Code;
                await db.SaveChangesAsync(ct);
            }
        }
        Assert.True((await VerifyAsync(database)).IsIntact);

        // Someone with database access drops the protection and edits row 3.
        await DisableProtectionAsync(database, provider);
        await using (var db = database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'somebody else' WHERE \"Sequence\" = 3", ct);
        }
        var edited = await VerifyAsync(database);
        Assert.Contains(edited.Problems, p => p.Sequence == 3 && p.Description.Contains("edited", StringComparison.Ordinal));

        await using (var db = database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 5", ct);
        }
        var deleted = await VerifyAsync(database);
        Assert.Contains(deleted.Problems, p => p.Sequence == 6 && p.Description.Contains("missing rows", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verification_detects_rows_removed_from_the_end(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await DisableProtectionAsync(database, provider);
        await using (var db = database.CreateContext())
        {
            var last = await db.AuditEntries.MaxAsync(a => a.Sequence, ct);
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {last}", ct);
        }
        Assert.Contains((await VerifyAsync(database)).Problems, p => p.Description.Contains("rows removed from the end", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Concurrent_writers_keep_one_unbroken_chain(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var codes = await ParkCodesAsync(database);
        await Task.WhenAll(codes.Take(8).Select(async code =>
        {
            await using var db = database.CreateContext();
            db.Actor = Tester;
            (await db.Parks.SingleAsync(p => p.Code == code, ct)).Address = "parallel " + code;
            await db.SaveChangesAsync(ct);
        }));
        var result = await VerifyAsync(database);
        Assert.True(result.IsIntact, string.Join("; ", result.Problems));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_failed_audit_write_fails_the_operation_and_changes_nothing(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        long entriesBefore;
        await using (var db = database.CreateContext())
        {
            entriesBefore = await db.AuditEntries.LongCountAsync(ct);
            // The audit table refuses new rows, as a full disk or a revoked grant would.
            if (provider == "Postgres")
            {
                await db.Database.ExecuteSqlRawAsync("""
                    CREATE FUNCTION audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$;
                    CREATE TRIGGER audit_entries_refuse BEFORE INSERT ON "AuditEntries" FOR EACH ROW EXECUTE FUNCTION audit_refuse();
                    """, ct);
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER audit_entries_refuse BEFORE INSERT ON \"AuditEntries\" BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END", ct);
            }
        }
        await using (var db = database.CreateContext())
        {
            db.Actor = Tester;
            var park = await db.Parks.SingleAsync(p => p.Code == "jiading", ct);
            park.Website = "https://unaudited.example";
            db.Parks.Add(new Park { Code = "unaudited", NameZh = "未审计园区", NameEn = "Unaudited", DistrictCode = "310114", DistrictSource = "test" });
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync(ct));
            Assert.Contains("audit store unavailable", failure.ToString(), StringComparison.Ordinal);
        }
        await using var read = database.CreateContext();
        Assert.Null((await read.Parks.SingleAsync(p => p.Code == "jiading", ct)).Website);
        Assert.False(await read.Parks.AnyAsync(p => p.Code == "unaudited", ct));
        Assert.Equal(entriesBefore, await read.AuditEntries.LongCountAsync(ct));
        Assert.Equal(entriesBefore == 0 ? 0 : await read.AuditEntries.MaxAsync(a => a.Sequence, ct), (await read.AuditChainHeads.SingleAsync(ct)).LastSequence);
    }

    private static async Task<List<string>> ParkCodesAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Parks.Select(p => p.Code).ToListAsync();
    }

    private static async Task<AuditVerification> VerifyAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return AuditChain.Verify(await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync(), await db.AuditChainHeads.AsNoTracking().SingleAsync());
    }

    private static async Task DisableProtectionAsync(TestDatabase database, string provider)
    {
        await using var db = database.CreateContext();
        if (provider == "Postgres")
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_entries_no_change ON \"AuditEntries\"");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_entries_no_update");
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_entries_no_delete");
        }
    }
}
