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

    /// <summary>
    /// Accept a PostgreSQL connection without TLS to another machine — only where the network between the two is
    /// protected another way (a dedicated link or an encrypted tunnel), and say so in the deployment record.
    /// </summary>
    public bool AllowUnencryptedConnection { get; set; }

    /// <summary>
    /// 等保 8.1.4.7 / 8.1.4.8 (传输完整性, 保密性): outside Development the web host refuses to start when PostgreSQL on
    /// another machine would be reached without TLS. Npgsql's default (SSL Mode=Prefer) falls back to plain text
    /// silently, so only Require, VerifyCA and VerifyFull count. A Unix socket or a loopback address stays on this machine.
    /// </summary>
    /// <returns>Null when the connection is fine; otherwise what is wrong and how to fix it.</returns>
    public string? UnencryptedConnectionProblem()
    {
        if (Provider != DatabaseProvider.Postgres || AllowUnencryptedConnection || string.IsNullOrWhiteSpace(ConnectionString))
        {
            return null;
        }
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        var hosts = (builder.Host ?? "localhost").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var local = hosts.All(h => h.StartsWith('/')
            || string.Equals(h, "localhost", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(h, out var address) && System.Net.IPAddress.IsLoopback(address)));
        if (local || builder.SslMode is Npgsql.SslMode.Require or Npgsql.SslMode.VerifyCA or Npgsql.SslMode.VerifyFull)
        {
            return null;
        }
        return $"Database:ConnectionString reaches PostgreSQL at \"{builder.Host}\" without enforced TLS (SSL Mode={builder.SslMode}). "
            + "Add \"SSL Mode=VerifyFull\" (with the server's CA in Root Certificate) or at least \"SSL Mode=Require\"; "
            + "if the network is protected another way, set Database:AllowUnencryptedConnection=true and record why.";
    }

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
