using System.Diagnostics;
using System.Globalization;
using Npgsql;

[assembly: Xunit.AssemblyFixture(typeof(Zhangjiang.Tests.Shared.PostgresClusterShutdown))]

namespace Zhangjiang.Tests.Shared;

/// <summary>
/// Stops and removes the shared cluster when the test assembly's tests have finished, inside the test run. Left to
/// process exit, removing a data folder that holds every test's database can outlast the runner's short grace period
/// after its entry point returns, and the runner then fails the whole run ("foreground threads were left running").
/// </summary>
public sealed class PostgresClusterShutdown : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await PostgresCluster.StopIfStartedAsync();
}

/// <summary>
/// A throw-away PostgreSQL cluster on loopback, started once per test process from the machine's binaries
/// (initdb + pg_ctl, as the postgres OS user when running as root) and removed at exit. With
/// ZJ_TEST_POSTGRES set to a connection string, that server is used instead.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private static readonly Lazy<Task<PostgresCluster?>> Shared = new(StartAsync);
    private readonly string? _dataRoot;
    private readonly string? _pgCtl;
    private readonly bool _asRoot;
    private int _stopped;
    private string? _serverOptions;

    private PostgresCluster(string adminConnectionString, string? dataRoot, string? pgCtl, bool asRoot)
    {
        AdminConnectionString = adminConnectionString;
        _dataRoot = dataRoot;
        _pgCtl = pgCtl;
        _asRoot = asRoot;
    }

    public string AdminConnectionString { get; }

    /// <summary>The shared cluster, or a skip/failure (see <see cref="TestEnvironment"/>) when PostgreSQL is absent.</summary>
    public static async Task<PostgresCluster> GetAsync()
    {
        var cluster = await Shared.Value;
        if (cluster is null)
        {
            TestEnvironment.Unavailable("PostgreSQL (initdb/pg_ctl under /usr/lib/postgresql/*/bin)");
        }
        return cluster!;
    }

    /// <summary>
    /// Creates an empty database and returns its connection string. With <paramref name="icuLocale"/> (e.g. en-US) the
    /// database sorts text by that language's rules, as a server set up with a language locale does (the cluster's own
    /// is C.UTF-8): where the code's ordering assumptions meet a real collation.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? icuLocale = null)
    {
        var name = "zj_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            var locale = icuLocale is null ? "" : $" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '{icuLocale}'";
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}{locale}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ToString();
    }

    private static async Task<PostgresCluster?> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("ZJ_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new PostgresCluster(external, null, null, false);
        }
        return await StartLocalAsync();
    }

    /// <summary>
    /// A cluster of its own, for a test that stops and starts the server under a running app (the shared cluster serves
    /// every other test at the same time). Dispose it to remove it.
    /// </summary>
    public static async Task<PostgresCluster> StartPrivateAsync()
    {
        var cluster = await StartLocalAsync();
        if (cluster is null)
        {
            TestEnvironment.Unavailable("PostgreSQL (initdb/pg_ctl under /usr/lib/postgresql/*/bin)");
        }
        return cluster!;
    }

    /// <summary>Stops the server of a private cluster (fast shutdown: connections are cut), keeping its data.</summary>
    public Task StopServerAsync() =>
        RunAsync(_pgCtl!, ["-D", Path.Combine(_dataRoot!, "data"), "-m", "fast", "-w", "stop"], _asRoot);

    /// <summary>Starts the stopped server of a private cluster again, on the same port.</summary>
    public Task StartServerAsync() =>
        RunAsync(_pgCtl!, ["-D", Path.Combine(_dataRoot!, "data"), "-l", Path.Combine(_dataRoot!, "pg.log"), "-w", "-t", "60", "-o", _serverOptions!, "start"], _asRoot);

    public ValueTask DisposeAsync() => new(StopAsync());

    private static async Task<PostgresCluster?> StartLocalAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (bin is null)
        {
            return null;
        }
        var root = Path.Combine(Path.GetTempPath(), "zj-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["postgres:postgres", root], asRoot: false);
        }
        var port = Loopback.FreePort();
        var data = Path.Combine(root, "data");
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], asRoot);
        var options = $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        var cluster = new PostgresCluster(
            string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true"),
            root, Path.Combine(bin, "pg_ctl"), asRoot) { _serverOptions = options };
        await cluster.StartServerAsync();
        // A fallback for runs that end without the assembly fixture (e.g. a crash in a fixture).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.StopAsync().GetAwaiter().GetResult();
        return cluster;
    }

    /// <summary>Stops and removes the cluster this process started, if it started one; later calls do nothing.</summary>
    public static async Task StopIfStartedAsync()
    {
        if (!Shared.IsValueCreated)
        {
            return;
        }
        PostgresCluster? cluster;
        try
        {
            cluster = await Shared.Value;
        }
        catch (InvalidOperationException)
        {
            return;
        }
        if (cluster is not null)
        {
            await cluster.StopAsync();
        }
    }

    private async Task StopAsync()
    {
        if (_pgCtl is null || _dataRoot is null || Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(_pgCtl, ["-D", Path.Combine(_dataRoot, "data"), "-m", "immediate", "-w", "stop"], _asRoot);
            Directory.Delete(_dataRoot, recursive: true);
        }
        catch (InvalidOperationException)
        {
            // Best effort at exit: a leftover temp folder is harmless.
        }
        catch (IOException)
        {
        }
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asRoot)
    {
        var start = asRoot ? new ProcessStartInfo("runuser") : new ProcessStartInfo(file);
        if (asRoot)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {await stderr} {await stdout}");
        }
    }
}
