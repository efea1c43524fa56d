namespace Zhangjiang.Platform.Data;

public enum DatabaseProvider
{
    Sqlite = 0,
    Postgres = 1,
}

/// <summary>
/// Configuration section "Database". SQLite by default (a file under data/); PostgreSQL with
/// Database__Provider=Postgres and Database__ConnectionString (or ConnectionStrings__Zhangjiang).
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string DefaultSqlitePath = "data/zhangjiang.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Full connection string; for SQLite it overrides <see cref="SqlitePath"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite file, relative to the content root unless absolute.</summary>
    public string SqlitePath { get; set; } = DefaultSqlitePath;

    /// <summary>Apply migrations when the web host starts. Defaults to on for SQLite only (DESIGN.md §3).</summary>
    public bool? MigrateOnStartup { get; set; }

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;

    public const string SqliteMigrationsAssembly = "Zhangjiang.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Zhangjiang.Migrations.Postgres";

    public string ResolveSqliteConnectionString(string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return ConnectionString;
        }
        var path = Path.IsPathRooted(SqlitePath) ? SqlitePath : Path.Combine(contentRoot, SqlitePath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return $"Data Source={path}";
    }
}
