using Microsoft.AspNetCore.Components.Authorization;
using Zhangjiang.Platform.Features.Auditing;

namespace Zhangjiang.Web.Features.Identity;

/// <summary>
/// The acting user inside an interactive circuit, where there is no per-action HttpContext. The client address
/// is taken once, from the connection that opened the circuit.
/// </summary>
public sealed class CircuitActor(AuthenticationStateProvider authentication, IHttpContextAccessor http)
{
    private readonly string? _ipAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public async Task<(System.Security.Claims.ClaimsPrincipal User, AuditActor Actor)> GetAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return (user, HttpAuditActorAccessor.ActorOf(user, _ipAddress));
    }
}
