using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Web.Hosting;

namespace Zhangjiang.Web.Features.Identity;

/// <summary>
/// Form posts of the sign-in flow. Every failure answers the same way (unknown user, wrong password, locked,
/// inactive), so the response tells an attacker nothing; the audit trail records the real reason.
/// </summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var account = app.MapGroup("/account").WithTags("Account").ExcludeFromDescription();

        account.MapPost("/login", SignInAsync).AllowAnonymous().RequireRateLimiting(SecurityHosting.SignInRateLimit).WithName("SignIn");
        account.MapPost("/login-2fa", TwoFactorSignInAsync).AllowAnonymous().RequireRateLimiting(SecurityHosting.SignInRateLimit).WithName("SignInTwoFactor");
        // Sign-out reads no form field, so minimal APIs would not ask for the antiforgery token: required explicitly, or any
        // site could sign our users out (ASVS 3.5.1; HardeningTests).
        account.MapPost("/logout", SignOutAsync).RequireAuthorization(Policies.SignedIn)
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute()).WithName("SignOut");
        account.MapPost("/culture", SetCultureAsync).AllowAnonymous().WithName("SetCulture");
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context, [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
        ZjSignInManager signIn, UserManager<AppUser> users, SecurityAudit audit)
    {
        var name = (userName ?? "").Trim();
        var actor = new AuditActor(null, name.Length > 0 ? name : "(empty)", context.Connection.RemoteIpAddress?.ToString());
        var user = name.Length == 0 ? null : await users.FindByNameAsync(name);
        if (user is null)
        {
            // Spend the time a real check would take, so timing does not reveal which names exist.
            _timingDummyHash ??= users.PasswordHasher.HashPassword(new AppUser(), Guid.NewGuid().ToString());
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), _timingDummyHash, password ?? "");
            await audit.RecordAsync(SecurityEvents.SignInFailed, actor, "UnknownUser");
            return Failed(returnUrl);
        }
        actor = actor with { UserId = user.Id };
        var wasLocked = await users.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(user, password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync(SecurityEvents.SignIn, actor);
            return Results.LocalRedirect(Local(returnUrl));
        }
        if (result.RequiresTwoFactor)
        {
            await audit.RecordAsync(SecurityEvents.SignIn, actor, "PasswordOkSecondFactorPending");
            return Results.LocalRedirect("/account/login-2fa?returnUrl=" + Uri.EscapeDataString(Local(returnUrl)));
        }
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(wasLocked ? SecurityEvents.SignInFailed : SecurityEvents.LockedOut, actor, wasLocked ? "LockedOut" : "LockoutStarted");
        }
        else
        {
            await audit.RecordAsync(SecurityEvents.SignInFailed, actor, result.IsNotAllowed ? "NotAllowed" : "WrongPassword");
        }
        return Failed(returnUrl);
    }

    private static async Task<IResult> TwoFactorSignInAsync(
        HttpContext context, [FromForm] string? code, [FromForm] string? returnUrl, ZjSignInManager signIn, UserManager<AppUser> users, SecurityAudit audit)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return Results.LocalRedirect("/account/login?error=expired");
        }
        var actor = new AuditActor(user.Id, user.UserName ?? "", context.Connection.RemoteIpAddress?.ToString());
        var wasLocked = await users.IsLockedOutAsync(user);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code ?? "", isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.RecordAsync(SecurityEvents.SignIn, actor, "TwoFactor");
            return Results.LocalRedirect(Local(returnUrl));
        }
        await audit.RecordAsync(result.IsLockedOut && !wasLocked ? SecurityEvents.LockedOut : SecurityEvents.TwoFactorFailed, actor, result.IsLockedOut ? "LockedOut" : "WrongCode");
        return result.IsLockedOut
            ? Results.LocalRedirect("/account/login?error=1")
            : Results.LocalRedirect("/account/login-2fa?error=1&returnUrl=" + Uri.EscapeDataString(Local(returnUrl)));
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, ZjSignInManager signIn, SecurityAudit audit)
    {
        var actor = HttpAuditActorAccessor.ActorOf(context);
        // The cookie handler removes the server-side session, so a copied cookie is void from now on.
        await signIn.SignOutAsync();
        await audit.RecordAsync(SecurityEvents.SignOut, actor);
        // 等保 8.1.4.10 / ASVS 14.3.1: the browser drops what it kept of the session (cached pages, cookies, storage).
        context.Response.Headers["Clear-Site-Data"] = "\"cache\", \"cookies\", \"storage\"";
        return Results.LocalRedirect("/");
    }

    private static async Task<IResult> SetCultureAsync(
        HttpContext context, [FromForm] string? culture, [FromForm] string? returnUrl, UserManager<AppUser> users, SecurityOptions security)
    {
        var chosen = WebHosting.SupportedCultures.FirstOrDefault(c => c.Name == culture)?.Name ?? "zh-CN";
        context.Response.Cookies.Append(WebHosting.CultureCookie,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = security.SecureCookies || context.Request.IsHttps,
                Path = "/",
            });
        if (context.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(context.User) is { } user && user.Culture != chosen)
        {
            user.Culture = chosen;
            await users.UpdateAsync(user);
        }
        return Results.LocalRedirect(Local(returnUrl));
    }

    private static IResult Failed(string? returnUrl) =>
        Results.LocalRedirect("/account/login?error=1&returnUrl=" + Uri.EscapeDataString(Local(returnUrl)));

    /// <summary>Only same-site paths: an open redirect would let a phishing link bounce through our sign-in.</summary>
    public static string Local(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    private static string? _timingDummyHash;
}
