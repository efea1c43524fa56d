using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Zhangjiang.Platform.Common;

/// <summary>
/// A sweep the web host runs at start-up and then every hour, each time in a scope of its own. A failed run (the
/// database not ready yet at start-up, or unavailable) is logged and tried again next hour; the app keeps serving.
/// </summary>
public abstract class HourlySweep(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>One run; returns what to log when it did something, null when there was nothing to do.</summary>
    protected abstract Task<string?> SweepAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                if (await SweepAsync(scope.ServiceProvider, stoppingToken) is { } done)
                {
                    logger.LogInformation("{Sweep}: {Done}", GetType().Name, done);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Sweep} failed; it runs again in an hour.", GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
