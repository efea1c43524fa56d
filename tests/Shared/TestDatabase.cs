using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Tests.Shared;

/// <summary>A fresh, migrated database on the given provider: a SQLite file in a temp folder or a new PostgreSQL database.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _folder;

    private TestDatabase(DatabaseOptions options, string? folder)
    {
        Options = options;
        _folder = folder;
    }

    public DatabaseOptions Options { get; }

    public static TheoryData<string> Providers => new("Sqlite", "Postgres");

    /// <param name="postgresIcuLocale">PostgreSQL only: a database that sorts text by this ICU locale (e.g. en-US).</param>
    /// <param name="cluster">PostgreSQL only: the cluster to create the database in (default: the shared one).</param>
    public static async Task<TestDatabase> CreateAsync(string provider, bool migrate = true, string? postgresIcuLocale = null, PostgresCluster? cluster = null)
    {
        TestDatabase database;
        if (provider == "Postgres")
        {
            cluster ??= await PostgresCluster.GetAsync();
            database = new TestDatabase(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = await cluster.CreateDatabaseAsync(postgresIcuLocale) }, null);
        }
        else
        {
            var folder = Path.Combine(Path.GetTempPath(), "zj-test-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(folder);
            database = new TestDatabase(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SqlitePath = Path.Combine(folder, "zhangjiang.db") }, folder);
        }
        if (migrate)
        {
            await new DatabaseMaintenance(database.Factory()).MigrateAsync();
        }
        return database;
    }

    public DbContextOptions<ZjDbContext> ContextOptions()
    {
        var builder = new DbContextOptionsBuilder<ZjDbContext>();
        DatabaseSetup.Configure(builder, Options, _folder ?? Path.GetTempPath());
        return builder.Options;
    }

    public IDbContextFactory<ZjDbContext> Factory(TimeProvider? clock = null) => new TestContextFactory(this, clock);

    public ZjDbContext CreateContext(TimeProvider? clock = null) => new(ContextOptions(), clock);

    public ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a finishing test; the temp folder is harmless.
            }
        }
        return ValueTask.CompletedTask;
    }

    private sealed class TestContextFactory(TestDatabase database, TimeProvider? clock) : IDbContextFactory<ZjDbContext>
    {
        public ZjDbContext CreateDbContext() => database.CreateContext(clock);
    }
}
