using System.Diagnostics;
using Zhangjiang.Platform.Data;

namespace Zhangjiang.Tests.Shared.Web;

/// <summary>
/// The web app as a separate process on a test database (`dotnet Zhangjiang.Web.dll` on a free loopback port), so a
/// fault test can hold it at a fault point (ZJ_PAUSE_AT) and kill it with SIGKILL, as an operator's `kill -9` or a
/// crashed machine would. Requests carry the cookies of a session signed in through <see cref="ZjWebFactory"/> on the
/// same database (keys and sessions live in the database).
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _errors = [];

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<HostProcess> StartAsync(TestDatabase database, string? pauseAt)
    {
        ArgumentNullException.ThrowIfNull(database);
        var port = Loopback.FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Zhangjiang.Web.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__Provider"] = database.Options.Provider.ToString();
        start.Environment["Database__ConnectionString"] = database.Options.Provider == DatabaseProvider.Postgres
            ? database.Options.ConnectionString
            : "Data Source=" + database.Options.SqlitePath;
        start.Environment["Database__MigrateOnStartup"] = "false";
        start.Environment["Security__SecureCookies"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (pauseAt is not null)
        {
            start.Environment["ZJ_PAUSE_AT"] = pauseAt;
        }
        var host = new HostProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        host._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (host._errors)
            {
                host._errors.Add(e.Data);
            }
            if (e.Data.Contains("ZJ_PAUSE_AT: paused at", StringComparison.Ordinal))
            {
                host._paused.TrySetResult();
            }
        };
        host._process.OutputDataReceived += (_, _) => { };
        host._process.BeginErrorReadLine();
        host._process.BeginOutputReadLine();
        using var probe = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (host._process.HasExited)
            {
                throw new InvalidOperationException($"the web host exited ({host._process.ExitCode}): {host.Errors}");
            }
            try
            {
                if ((await probe.GetAsync(new Uri("/health/live", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new InvalidOperationException("the web host did not answer /health/live within a minute: " + host.Errors);
    }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return string.Join("\n", _errors.TakeLast(40));
            }
        }
    }

    /// <summary>A client for the host that sends the session cookies of <paramref name="signedIn"/>.</summary>
    public HttpClient Client(Browser signedIn)
    {
        ArgumentNullException.ThrowIfNull(signedIn);
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", signedIn.Cookies.Select(c => $"{c.Key}={c.Value}")));
        return client;
    }

    /// <summary>Waits until the host reports that it holds at its fault point (or fails when it ends first).</summary>
    public async Task WaitUntilPausedAsync()
    {
        var ended = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_paused.Task, ended, Task.Delay(TimeSpan.FromMinutes(3)));
        if (first != _paused.Task)
        {
            throw new InvalidOperationException("the web host did not reach its fault point: " + Errors);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed or rolled back by the app.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        _process.Dispose();
    }
}
