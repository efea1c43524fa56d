using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Zhangjiang.Platform;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Web.Features.Identity;
using Zhangjiang.Web.Features.Shared;

namespace Zhangjiang.Web.Hosting;

public static class SecurityHosting
{
    public const string SignInRateLimit = "signin";

    public static WebApplicationBuilder AddZhangjiangSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddAuthentication(o =>
        {
            o.DefaultScheme = IdentityConstants.ApplicationScheme;
            o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        }).AddIdentityCookies();
        services.AddZhangjiangIdentityCore()
            .AddSignInManager<ZjSignInManager>()
            .AddClaimsPrincipalFactory<ZjClaimsPrincipalFactory>();

        services.AddSingleton<DbTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DbTicketStore, SecurityOptions>((o, store, security) =>
            {
                o.Cookie.Name = security.SecureCookies ? "__Host-zj" : "zj";
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = security.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.Path = "/";
                o.ExpireTimeSpan = security.IdleTimeout;
                o.SlidingExpiration = true;
                o.SessionStore = store;
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/access-denied";
                o.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
            });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme).Configure<SecurityOptions>((o, security) =>
        {
            o.Cookie.Name = security.SecureCookies ? "__Host-zj2fa" : "zj2fa";
            o.Cookie.SecurePolicy = security.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme).Configure<SecurityOptions>((o, security) =>
        {
            o.Cookie.Name = security.SecureCookies ? "__Host-zjext" : "zjext";
            o.Cookie.SecurePolicy = security.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.AddAntiforgery();
        services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>().Configure<SecurityOptions>((o, security) =>
        {
            o.Cookie.Name = security.SecureCookies ? "__Host-zjaf" : "zjaf";
            o.Cookie.SecurePolicy = security.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        // Two-factor "remember this browser" is not offered: every sign-in asks for the second factor.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.CityAdmin, p => p.RequireRole(Roles.CityAdmin))
            .AddPolicy(Policies.CityStaffOrAdmin, p => p.RequireRole(Roles.CityAdmin, Roles.CityStaff))
            .AddPolicy(Policies.SecurityAdmin, p => p.RequireRole(Roles.SecurityAdmin))
            .AddPolicy(Policies.AuditAdmin, p => p.RequireRole(Roles.AuditAdmin))
            .AddPolicy(Policies.OrganisationReaders, p => p.RequireRole(
                Roles.CityAdmin, Roles.CityStaff, Roles.DistrictOfficer, Roles.ParkManager, Roles.Operator, Roles.Enterprise))
            .AddPolicy(Policies.RegistrationReviewers, p => p.RequireRole(Roles.CityAdmin, Roles.CityStaff, Roles.ParkManager))
            .AddPolicy(Policies.EvaluationUsers, p => p.RequireRole(Roles.CityAdmin, Roles.CityStaff, Roles.DistrictOfficer, Roles.ParkManager))
            .AddPolicy(Policies.EnterpriseUsers, p => p.RequireRole(Roles.CityAdmin, Roles.CityStaff, Roles.DistrictOfficer, Roles.ParkManager, Roles.Operator, Roles.Enterprise))
            .AddPolicy(Policies.ParkDataUsers, p => p.RequireRole(Roles.CityAdmin, Roles.CityStaff, Roles.DistrictOfficer, Roles.ParkManager))
            .AddPolicy(Policies.FundApplicationUsers, p => p.RequireRole(Roles.CityAdmin, Roles.CityStaff, Roles.ParkManager, Roles.Operator, Roles.Enterprise))
            .AddPolicy(Policies.FundReviewers, p => p.RequireRole(Roles.Reviewer))
            .AddPolicy(Policies.StatisticsImporters, p => p.RequireRole(Roles.CityAdmin, Roles.CityStaff, Roles.ParkManager))
            .AddPolicy(Policies.PlanEditors, p => p.RequireRole(Roles.CityAdmin, Roles.CityStaff, Roles.ParkManager));

        services.AddCascadingAuthenticationState();
        services.AddScoped<CircuitActor>();
        services.AddScoped<CircuitActivity>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitActivity>());
        services.AddScoped<AuthenticationStateProvider, SessionRevalidatingAuthenticationStateProvider>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.RequestServices.GetRequiredService<IntrusionAlarm>()
                    .ObserveAsync(SecurityEvents.RateLimited, context.HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
            };
            // ASVS 2.4.1 / 15.2.2: generated files (workbooks, PDFs) and imports are the costly calls; each account may ask
            // for so many a minute, whatever the endpoint, so a script cannot tie up the server with them.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.User.Identity?.Name is { Length: > 0 } name && IsCostly(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter("files:" + name, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = context.RequestServices.GetRequiredService<SecurityOptions>().CostlyCallsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            o.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = context.RequestServices.GetRequiredService<SecurityOptions>().SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return builder;
    }

    /// <summary>A generated file (.xlsx, .pdf) or an import under /api.</summary>
    private static bool IsCostly(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        return path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)
            && (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)
                || path.EndsWith("/pdf", StringComparison.OrdinalIgnoreCase)
                || (HttpMethods.IsPost(request.Method) && (path.EndsWith("/imports", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/import", StringComparison.OrdinalIgnoreCase))));
    }

    /// <summary>/api answers 401/403 itself; pages are redirected to sign-in (ASP.NET Core would redirect both).</summary>
    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (WebHosting.IsApi(context.HttpContext))
        {
            context.Response.StatusCode = status;
            return context.Response.WriteAsJsonAsync(new
            {
                type = "https://tools.ietf.org/html/rfc9110#section-15.5." + (status == 401 ? "2" : "4"),
                title = status == 401
                    ? (UiCulture.IsChinese ? "需要登录" : "Sign-in required")
                    : (UiCulture.IsChinese ? "无权访问" : "Access denied"),
                status,
            }, options: null, contentType: "application/problem+json");
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
