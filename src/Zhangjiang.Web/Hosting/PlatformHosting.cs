using Zhangjiang.Platform;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Web.Features.Identity;

namespace Zhangjiang.Web.Hosting;

public static class PlatformHosting
{
    public static WebApplicationBuilder AddZhangjiangPlatform(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddZhangjiangPlatform(DatabaseSetup.FindDataRoot(builder.Environment.ContentRootPath));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<IAuditActorAccessor, HttpAuditActorAccessor>();
        builder.Services.AddSingleton<SetupToken>();
        // The web host runs the hourly deadline sweep and, when an SMTP host is configured, mails the notices.
        builder.Services.AddHostedService<Platform.Features.Notifications.DeadlineReminderService>();
        builder.Services.AddHostedService<Platform.Features.Notifications.NotificationMailerService>();
        builder.Services.AddHostedService<Platform.Features.Identity.DormantAccountService>();
        return builder;
    }

    /// <summary>
    /// Single-machine SQLite mode migrates on start (DESIGN.md §3); with PostgreSQL an operator runs `zj db migrate`.
    /// When no administrator exists yet, a one-time setup link is printed.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var scope = app.Services.CreateScope();
        var options = scope.ServiceProvider.GetRequiredService<DatabaseOptions>();
        if (!app.Environment.IsDevelopment() && options.UnencryptedConnectionProblem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
        if (options.ShouldMigrateOnStartup)
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().MigrateAsync();
        }
        if (!await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().IsUpToDateAsync())
        {
            app.Logger.LogWarning("The database has pending migrations: run `zj db migrate`. /health/ready reports unhealthy until then.");
            return;
        }
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        await administration.EnsureRolesAsync();
        if (!await administration.AnyAdministratorAsync())
        {
            var token = app.Services.GetRequiredService<SetupToken>().Issue();
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                var urls = app.Urls.Count > 0 ? app.Urls : ["http://localhost:5000"];
                app.Logger.LogWarning(
                    "No administrator exists yet. Create the first one at {SetupUrl} (one-time link, valid until used or restart), or run `zj users create-admin --user-name NAME`.",
                    $"{urls.First().TrimEnd('/')}/account/setup?token={token}");
            });
        }
    }
}
