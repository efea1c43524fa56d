using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.Web.Tests;

/// <summary>
/// The role × endpoint matrix over every /api endpoint of every module: each role (and an anonymous caller) calls each
/// endpoint over HTTP with made-up ids and an empty body. Where the endpoint's declared policies refuse the role, the
/// answer must be 401 (anonymous) or 403 with nothing of the module's data in it; where they admit it, the answer may be
/// anything the use case decides (404 for the made-up id, 400 for the empty body, 403 from a resource rule) but never
/// a policy refusal of a signed-in caller's session (401) and never a server error.
/// </summary>
public sealed partial class EndpointRoleMatrixTests
{
    private static readonly string[] RolesInMatrix =
        [Roles.CityAdmin, Roles.CityStaff, Roles.SecurityAdmin, Roles.AuditAdmin, Roles.DistrictOfficer, Roles.ParkManager, Roles.Operator, Roles.Enterprise, Roles.Reviewer];

    [Fact]
    public async Task Every_api_endpoint_answers_every_role_as_its_policy_declares()
    {
        await using var factory = await ZjWebFactory.StartAsync("Sqlite", new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "100" });
        const string firm = "91310000MA1FL8XQ0B";
        await using (var db = factory.Database.CreateContext())
        {
            db.Actor = Zhangjiang.Platform.Features.Auditing.AuditActor.System;
            db.Organisations.Add(new Zhangjiang.Platform.Features.Organisations.Organisation
            {
                CreditCode = firm, NameZh = "示例企业", Kind = Zhangjiang.Platform.Features.Organisations.OrganisationKind.Enterprise, ParkCode = "yangpu",
            });
            await db.SaveChangesAsync();
        }
        var browsers = await factory.SignInEachAsync("anonymous", RolesInMatrix.Select(role => (Name: role.ToLowerInvariant(), Role: role,
            Park: role == Roles.ParkManager ? "yangpu" : null, District: role == Roles.DistrictOfficer ? "310110" : null,
            Org: role is Roles.Enterprise or Roles.Operator ? firm : null)).ToList());

        var policies = factory.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var authorization = factory.Services.GetRequiredService<IAuthorizationService>();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true).ToList();
        Assert.True(endpoints.Count > 100, $"only {endpoints.Count} API endpoints found");

        var failures = new List<string>();
        var calls = 0;
        foreach (var endpoint in endpoints)
        {
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policy = anonymous ? null : await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
                endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
            var url = Url(endpoint.RoutePattern.RawText!);
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                foreach (var (name, browser) in browsers)
                {
                    var role = RolesInMatrix.FirstOrDefault(r => r.Equals(name, StringComparison.OrdinalIgnoreCase));
                    var admitted = anonymous || (policy is not null && role is not null
                        && (await authorization.AuthorizeAsync(Principal(role), policy)).Succeeded);
                    using var request = new HttpRequestMessage(new HttpMethod(method), url);
                    if (method is "POST" or "PUT" or "PATCH")
                    {
                        request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                    }
                    var response = await browser.SendAsync(request);
                    calls++;
                    var status = response.StatusCode;
                    var where = $"{method} {endpoint.RoutePattern.RawText} as {name}: {(int)status}";
                    if ((int)status >= 500)
                    {
                        failures.Add(where + " (server error)");
                    }
                    else if (!admitted)
                    {
                        var expected = role is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
                        var body = await response.Content.ReadAsStringAsync();
                        if (status != expected || body.Length > 600)
                        {
                            failures.Add(where + $" (the policy refuses it: expected {(int)expected} and no data)");
                        }
                    }
                    else if (role is not null && status == HttpStatusCode.Unauthorized)
                    {
                        failures.Add(where + " (a signed-in caller the policy admits was told to sign in)");
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls:\n" + string.Join("\n", failures));
        Assert.True(calls >= endpoints.Count * browsers.Count);
    }

    /// <summary>A principal with only the role: what the declared policies look at (roles and being signed in).</summary>
    private static ClaimsPrincipal Principal(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "matrix"), new Claim(ClaimTypes.Role, role)], "matrix"));

    /// <summary>The route with made-up values: unknown ids, an unknown code, a plausible date and year.</summary>
    private static string Url(string pattern)
    {
        var path = Parameter().Replace(pattern, m => m.Groups["constraint"].Value switch
        {
            var c when c.Contains("guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
            var c when c.Contains("int", StringComparison.Ordinal) || c.Contains("long", StringComparison.Ordinal) => "999999",
            _ => m.Groups["name"].Value.Contains("period", StringComparison.OrdinalIgnoreCase) || m.Groups["name"].Value.Contains("date", StringComparison.OrdinalIgnoreCase)
                ? "2026-06-30"
                : "no-such-" + m.Groups["name"].Value.ToLowerInvariant(),
        });
        return path + "?fileName=matrix.pdf&year=2026&park=no-such-park&version=" + Guid.NewGuid();
    }

    [GeneratedRegex(@"\{(?<name>\w+)(?<constraint>:[^}]*)?\}")]
    private static partial Regex Parameter();
}
