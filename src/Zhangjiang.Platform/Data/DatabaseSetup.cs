using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Zhangjiang.Platform.Data;

public static class DatabaseSetup
{
    /// <summary>Reads "Database" (and ConnectionStrings:Zhangjiang as a fallback) from configuration.</summary>
    public static DatabaseOptions ReadOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new DatabaseOptions();
        configuration.GetSection(DatabaseOptions.Section).Bind(options);
        options.ConnectionString ??= configuration.GetConnectionString("Zhangjiang");
        if (options.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException(
                "Database:Provider is Postgres but no connection string is set. Set Database:ConnectionString " +
                "(environment variable Database__ConnectionString).");
        }
        return options;
    }

    /// <summary>
    /// 等保 8.1.4.10 (剩余信息保护): SQLite leaves deleted rows' bytes in free pages until they are reused; with
    /// secure_delete on it overwrites them with zeros, so a deleted password hash, session or contact does not linger in
    /// the file. Set on every connection the app opens (it is a per-connection setting and not compiled in by default).
    /// </summary>
    private sealed class SqliteSecureDelete : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
    {
        public static readonly SqliteSecureDelete Instance = new();

        public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA secure_delete = ON";
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA secure_delete = ON";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Configures EF Core for the chosen provider and its own migrations assembly.</summary>
    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(options.ResolveSqliteConnectionString(contentRoot),
                    sqlite => sqlite.MigrationsAssembly(DatabaseOptions.SqliteMigrationsAssembly));
                builder.AddInterceptors(SqliteSecureDelete.Instance);
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(options.ConnectionString,
                    npgsql => npgsql.MigrationsAssembly(DatabaseOptions.PostgresMigrationsAssembly));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{options.Provider}'.");
        }
    }

    /// <summary>Registers a pooled-free factory (for Blazor and use cases) and the scoped context (for Identity).</summary>
    /// <remarks>Options are read when first needed, not at registration, so test hosts can override configuration.</remarks>
    public static IServiceCollection AddZhangjiangDatabase(this IServiceCollection services, string contentRoot)
    {
        services.AddSingleton(sp => ReadOptions(sp.GetRequiredService<IConfiguration>()));
        services.AddDbContextFactory<ZjDbContext>((sp, b) => Configure(b, sp.GetRequiredService<DatabaseOptions>(), contentRoot), ServiceLifetime.Scoped);
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<ZjDbContext>>().CreateDbContext());
        return services;
    }

    /// <summary>
    /// Where relative paths such as data/zhangjiang.db start: the checkout's root (the folder holding
    /// Zhangjiang.slnx) when running from source, so `dotnet run` of the web host and of `zj` share one
    /// database; otherwise the given content root (a published install).
    /// </summary>
    public static string FindDataRoot(string contentRoot)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(contentRoot)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Zhangjiang.slnx")))
            {
                return dir.FullName;
            }
        }
        return contentRoot;
    }
}
