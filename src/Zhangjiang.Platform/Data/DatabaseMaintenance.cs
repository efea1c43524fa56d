using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Zhangjiang.Platform.Features.Parks;

namespace Zhangjiang.Platform.Data;

/// <summary>Migrate, back up and restore, for both providers (`zj db ...`).</summary>
public sealed class DatabaseMaintenance(IDbContextFactory<ZjDbContext> contexts)
{
    /// <summary>Applies pending migrations, then adds seed rows that are missing.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        await ParkSeed.ApplyAsync(db, cancellationToken);
        await Features.Evaluation.FrameworkSeed.ApplyAsync(db, cancellationToken);
        await Features.Enterprises.TierRules.ApplySeedAsync(db, cancellationToken);
        await Features.Enterprises.StatisticsRollup.ApplySeedAsync(db, cancellationToken);
        await Features.Enterprises.EnterpriseNameIndex.BuildIfMissingAsync(db, cancellationToken);
        await Features.Fund.FundSetup.ApplySeedAsync(db, cancellationToken);
        await Features.Plans.PlanSeed.ApplyAsync(db, cancellationToken);
        await Features.Coordination.CoordinationSeed.ApplyAsync(db, cancellationToken);
        await Features.Network.NetworkSeed.ApplyAsync(db, cancellationToken);
        return pending;
    }

    public async Task<bool> IsUpToDateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
    }

    /// <summary>
    /// SQLite: the online backup API (a consistent copy while the app runs; never a plain file copy, which
    /// misses the WAL). PostgreSQL: pg_dump in custom format.
    /// </summary>
    public async Task BackupAsync(string outFile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outFile);
        var full = Path.GetFullPath(outFile);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connectionString = db.Database.GetConnectionString()!;
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            if (File.Exists(full))
            {
                File.Delete(full);
            }
            await using var source = new SqliteConnection(connectionString);
            await source.OpenAsync(cancellationToken);
            await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
            await destination.OpenAsync(cancellationToken);
            source.BackupDatabase(destination);
            return;
        }
        await RunPgToolAsync("pg_dump", ["--format=custom", "--no-owner", "--file", full], connectionString, cancellationToken);
    }

    /// <summary>
    /// Replaces the database's content with the backup's. SQLite: the backup is checked, then copied in with
    /// the backup API. PostgreSQL: pg_restore --clean in a single transaction, so a failure changes nothing.
    /// </summary>
    public async Task RestoreAsync(string fromFile, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(fromFile);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"Backup file {full} does not exist.", full);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connectionString = db.Database.GetConnectionString()!;
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await source.OpenAsync(cancellationToken);
            await using (var check = source.CreateCommand())
            {
                check.CommandText = "PRAGMA integrity_check";
                var result = (string?)await check.ExecuteScalarAsync(cancellationToken);
                if (!string.Equals(result, "ok", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Backup {full} is damaged: integrity_check says '{result}'. Nothing was restored.");
                }
            }
            SqliteConnection.ClearAllPools();
            await using var destination = new SqliteConnection(connectionString);
            await destination.OpenAsync(cancellationToken);
            source.BackupDatabase(destination);
            SqliteConnection.ClearAllPools();
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await RunPgToolAsync("pg_restore", ["--clean", "--if-exists", "--single-transaction", "--exit-on-error", "--no-owner", full], connectionString, cancellationToken);
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Runs pg_dump/pg_restore with the connection passed through libpq environment variables (no password on the command line).</summary>
    private static async Task RunPgToolAsync(string tool, IEnumerable<string> arguments, string connectionString, CancellationToken cancellationToken)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(FindPgTool(tool))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add("--dbname=" + cs.Database);
        start.Environment["PGHOST"] = cs.Host;
        start.Environment["PGPORT"] = cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(cs.Username))
        {
            start.Environment["PGUSER"] = cs.Username;
        }
        if (!string.IsNullOrEmpty(cs.Password))
        {
            start.Environment["PGPASSWORD"] = cs.Password;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} could not be started.");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed with exit code {process.ExitCode}: {(await stderr).Trim()} {(await stdout).Trim()}");
        }
    }

    /// <summary>pg_dump and pg_restore from PATH, else from the newest /usr/lib/postgresql/N/bin.</summary>
    public static string FindPgTool(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var found = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin", tool))
                .Where(File.Exists)
                .OrderByDescending(p => p, StringComparer.Ordinal)
                .FirstOrDefault();
            if (found is not null)
            {
                return found;
            }
        }
        throw new InvalidOperationException($"{tool} was not found on PATH or under /usr/lib/postgresql/*/bin: install the PostgreSQL client tools.");
    }
}
