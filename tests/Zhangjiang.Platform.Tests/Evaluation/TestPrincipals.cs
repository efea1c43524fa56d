using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Features.Auditing;

namespace Zhangjiang.Platform.Tests.Evaluation;

/// <summary>Signed-in users of each role, and the real authorization service with the platform's handlers.</summary>
internal static class TestPrincipals
{
    public static ClaimsPrincipal User(string role, string? park = null, string name = "tester", string? org = null, string? district = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, name + "-id"), new(ClaimTypes.Name, name), new(ClaimTypes.Role, role) };
        if (park is not null)
        {
            claims.Add(new(ZjClaims.Park, park));
        }
        if (district is not null)
        {
            claims.Add(new(ZjClaims.District, district));
        }
        if (org is not null)
        {
            claims.Add(new(ZjClaims.Organisation, org));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    public static AuditActor Actor(string name = "tester") => new(name + "-id", name, "127.0.0.1");

    public static IAuthorizationService Authorization()
    {
        var services = new ServiceCollection().AddLogging().AddAuthorizationCore();
        services.AddSingleton<IAuthorizationHandler, FrameworkAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, RoundAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, SubmissionAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, ScorecardAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, ParkAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, EnterpriseAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, FundCallAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, FundApplicationAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, ReviewAssignmentAuthorizationHandler>();
        return services.BuildServiceProvider().GetRequiredService<IAuthorizationService>();
    }
}
