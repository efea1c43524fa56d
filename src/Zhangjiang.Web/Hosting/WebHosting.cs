using System.Globalization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MudBlazor;
using MudBlazor.Services;
using Scalar.AspNetCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Data;
using Zhangjiang.Web.Components;

namespace Zhangjiang.Web.Hosting;

public static class WebHosting
{
    public static readonly CultureInfo[] SupportedCultures = [CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.GetCultureInfo("en")];
    public const string CultureCookie = "zj-culture";

    public static WebApplicationBuilder AddZhangjiangWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddTransient<MudLocalizer, ResxMudLocalizer>();
        services.AddLocalization();
        // Chinese pages as text, not as &#x...; entities (a third of the size, and readable in the page source).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = CultureCookie },
                new UserClaimCultureProvider(),
            ];
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
        // A body or query the endpoint cannot read is the caller's mistake: answer 400 in every environment (the default
        // throws in Development, which the exception handler turns into a 500).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddOpenApi();
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);

        // Behind a reverse proxy (docs/operations.md): trust X-Forwarded-For/-Proto only from the proxies listed in
        // Proxy:KnownProxies, so the audit trail and the sign-in rate limit see the user's address.
        var proxies = builder.Configuration.GetSection("Proxy:KnownProxies").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        return builder;
    }

    public static WebApplication UseZhangjiangPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetSection("Proxy:KnownProxies").Get<string[]>() is { Length: > 0 })
        {
            app.UseForwardedHeaders();
        }
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        // /api callers get RFC 7807 problem details, never an HTML page; people get the error and not-found pages.
        app.UseWhen(c => IsApi(c), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !IsApi(c), pages =>
        {
            pages.UseExceptionHandler("/error", createScopeForErrors: true);
            pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        });
        // Routing after the error handlers, so a re-executed /error or /not-found finds its own endpoint.
        app.UseRouting();
        app.UseAuthentication();
        app.UseRequestLocalization();
        app.UseMiddleware<Zhangjiang.Web.Features.Identity.RefusalAuditMiddleware>();
        app.UseMiddleware<Zhangjiang.Web.Features.Identity.AdministratorNetworkMiddleware>();
        app.UseMiddleware<Zhangjiang.Web.Features.Identity.AccountGateMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<Zhangjiang.Web.Features.Identity.AntiforgeryRefusalMiddleware>();
        app.MapStaticAssets().AllowAnonymous();
        return app;
    }

    internal static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A refusal by a middleware in front of the endpoints: /api gets a 403 problem with <paramref name="title"/>, a page
    /// is sent to <paramref name="page"/> (the access-denied page, or the step the user must take first).
    /// </summary>
    internal static Task ForbidAsync(HttpContext context, string title, string page)
    {
        if (IsApi(context))
        {
            return Results.Problem(title: title, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
        }
        context.Response.Redirect(page);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Blazor's own endpoints (circuit hub, framework files) are open to all: pages declare their policies, and
    /// the components check them again inside the circuit. Without this, the fallback policy would block
    /// anonymous visitors from the public park pages.
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder AllowAnonymousInfrastructure(this RazorComponentsEndpointConventionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint =>
        {
            if (!endpoint.Metadata.OfType<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>().Any())
            {
                endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
            }
        });
        return builder;
    }

    public static void MapZhangjiangHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
    }

    public static void MapZhangjiangOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // ASVS 13.4.5: outside Development the API description is for signed-in users (integrators have accounts),
        // not for anyone probing the site; the interactive reference exists in Development only.
        var document = app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            document.AllowAnonymous();
            app.MapScalarApiReference().AllowAnonymous();
        }
        else
        {
            document.RequireAuthorization(Policies.SignedIn);
        }
    }

    /// <summary>Ready = the database answers and has every migration applied.</summary>
    private sealed class DatabaseReadyCheck(DatabaseMaintenance maintenance) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                return await maintenance.IsUpToDateAsync(cancellationToken)
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("pending migrations: run `zj db migrate`");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("database unreachable", ex);
            }
        }
    }

    /// <summary>A signed-in user's saved language, when no cookie says otherwise.</summary>
    private sealed class UserClaimCultureProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var culture = httpContext.User.FindFirst(ZjClaims.Culture)?.Value;
            return Task.FromResult(culture is null ? null : new ProviderCultureResult(culture));
        }
    }
}
