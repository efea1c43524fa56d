using Microsoft.EntityFrameworkCore;
using Zhangjiang.Cli;
using Zhangjiang.Platform.Data;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests;

[CollectionDefinition(nameof(CliTests), DisableParallelization = true)]
public sealed class CliCollection;

/// <summary>
/// `zj` end to end, in process: the commands read the database from environment variables, as an operator's
/// shell would give them. Serial, because the environment is process-wide.
/// </summary>
[Collection(nameof(CliTests))]
public sealed class CliTests
{
    private static async Task<int> ZjAsync(params string[] args) => await ZjCommands.Build().Parse(args).InvokeAsync();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_create_admin_backup_restore_and_verify_work_from_the_console(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        var connection = provider == "Postgres" ? database.Options.ConnectionString! : "Data Source=" + database.Options.SqlitePath;
        Environment.SetEnvironmentVariable("Database__Provider", provider);
        Environment.SetEnvironmentVariable("Database__ConnectionString", connection);
        var backup = Path.Combine(Path.GetTempPath(), $"zj-cli-{Guid.NewGuid():N}.bak");
        try
        {
            Assert.Equal(0, await ZjAsync("db", "migrate"));
            Assert.Equal(0, await ZjAsync("users", "create-admin", "--user-name", "secadmin", "--display-name", "安全管理员"));
            Assert.Equal(3, await ZjAsync("users", "create-admin", "--user-name", "second"));     // a SecurityAdmin exists already
            Assert.Equal(2, await ZjAsync("users", "create", "--user-name", "pm", "--role", "ParkManager")); // no park scope
            Assert.Equal(2, await ZjAsync("users", "create", "--user-name", "two-hats", "--role", "CityAdmin", "--role", "AuditAdmin"));
            Assert.Equal(0, await ZjAsync("users", "create", "--user-name", "pm", "--role", "ParkManager", "--park", "yangpu"));
            Assert.Equal(0, await ZjAsync("audit", "verify"));

            Assert.Equal(0, await ZjAsync("db", "backup", "--out", backup));
            Assert.Equal(0, await ZjAsync("users", "create", "--user-name", "after-backup", "--role", "CityStaff"));
            Assert.Equal(0, await ZjAsync("db", "restore", "--from", backup, "--yes"));
            await using (var db = database.CreateContext())
            {
                Assert.False(await db.Users.AnyAsync(u => u.UserName == "after-backup"));
                Assert.True(await db.Users.AnyAsync(u => u.UserName == "pm"));
                Assert.True(await db.AuditEntries.AnyAsync(a => a.UserName!.StartsWith("cli:")));
            }
            Assert.Equal(0, await ZjAsync("audit", "verify"));

            // Tampering (with the append-only protection removed by someone with database access) is detected.
            await using (var db = database.CreateContext())
            {
                if (provider == "Postgres")
                {
                    await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_entries_no_change ON \"AuditEntries\"");
                }
                else
                {
                    await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_entries_no_update");
                }
                await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Outcome\" = 'Tampered' WHERE \"Sequence\" = 2");
            }
            Assert.Equal(1, await ZjAsync("audit", "verify"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("Database__Provider", null);
            Environment.SetEnvironmentVariable("Database__ConnectionString", null);
            File.Delete(backup);
        }
    }
}
