using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Zhangjiang.Platform;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;

namespace Zhangjiang.Cli;

/// <summary>
/// Builds the same services as the web host, from the same configuration: src/Zhangjiang.Web/appsettings.json
/// when running from a checkout, appsettings.json next to zj, and environment variables (Database__Provider, …).
/// </summary>
internal static class CliHost
{
    public static IServiceProvider Build()
    {
        // No host defaults: they watch the working directory for appsettings changes (a busy directory kept a watcher
        // thread at a few percent of a core during a long import) and add sources that are cleared below anyway.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory(), DisableDefaults = true });
        var root = DatabaseSetup.FindDataRoot(Directory.GetCurrentDirectory());
        var webSettings = Path.Combine(root, "src", "Zhangjiang.Web", "appsettings.json");
        builder.Configuration.Sources.Clear();
        builder.Configuration
            .AddJsonFile(webSettings, optional: true)
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddZhangjiangPlatform(root);
        builder.Services.AddZhangjiangIdentityCore();
        return builder.Build().Services;
    }

    public static AuditActor Actor => AuditActor.Cli(Environment.UserName);

    /// <summary>
    /// Whoever runs zj on the server acts for the city (the operator console is an administrator's tool); the audit
    /// trail records them as cli:&lt;OS user&gt;.
    /// </summary>
    public static System.Security.Claims.ClaimsPrincipal Principal => new(new System.Security.Claims.ClaimsIdentity(
    [
        new(System.Security.Claims.ClaimTypes.NameIdentifier, Actor.UserName),
        new(System.Security.Claims.ClaimTypes.Name, Actor.UserName),
        new(System.Security.Claims.ClaimTypes.Role, Zhangjiang.Platform.Features.Identity.Roles.CityAdmin),
    ], "cli"));
}
