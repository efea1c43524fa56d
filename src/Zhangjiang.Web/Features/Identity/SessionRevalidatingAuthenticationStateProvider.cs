using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Zhangjiang.Web.Features.Identity;

/// <summary>Records when the user last did something in an interactive circuit (clicks, input, navigation).</summary>
public sealed class CircuitActivity(TimeProvider clock) : CircuitHandler
{
    public DateTimeOffset LastInbound { get; private set; } = clock.GetUtcNow();

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            LastInbound = clock.GetUtcNow();
            return next(context);
        };
}

/// <summary>
/// An interactive circuit makes no HTTP requests, so every minute it asks whether its session still exists
/// (sign-out elsewhere, disabled account, timeouts) and reports the user's activity as session activity.
/// </summary>
public sealed class SessionRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory, DbTicketStore sessions, CircuitActivity activity, TimeProvider clock)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private const string SessionIdClaim = "Microsoft.AspNetCore.Authentication.Cookies-SessionId";
    private DateTimeOffset _lastTouch = clock.GetUtcNow();

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        var key = authenticationState.User.FindFirstValue(SessionIdClaim);
        if (key is null)
        {
            return authenticationState.User.Identity?.IsAuthenticated != true;
        }
        if (activity.LastInbound > _lastTouch)
        {
            _lastTouch = activity.LastInbound;
            return await sessions.TouchAsync(key);
        }
        return await sessions.IsAliveAsync(key);
    }
}
