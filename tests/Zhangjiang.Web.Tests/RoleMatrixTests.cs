using System.Net;
using System.Net.Http.Json;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Parks;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.Web.Tests;

/// <summary>Role × endpoint matrix for this endpoints, on both providers.</summary>
public sealed class RoleMatrixTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    /// <summary>(role, method, path, expected status). "anonymous" has no session.</summary>
    private static readonly (string Role, string Method, string Path, HttpStatusCode Expected)[] Matrix =
    [
        ("anonymous", "GET", "/api/v1/parks", HttpStatusCode.OK),
        ("anonymous", "GET", "/api/v1/parks/yangpu", HttpStatusCode.OK),
        ("anonymous", "PUT", "/api/v1/parks/yangpu", HttpStatusCode.Unauthorized),
        ("anonymous", "GET", "/api/v1/organisations", HttpStatusCode.Unauthorized),
        ("anonymous", "GET", "/api/v1/users", HttpStatusCode.Unauthorized),
        ("anonymous", "GET", "/api/v1/audit", HttpStatusCode.Unauthorized),
        ("anonymous", "GET", "/api/v1/credit-codes/914403001922038216", HttpStatusCode.Unauthorized),
        (Roles.ParkManager, "PUT", "/api/v1/parks/yangpu", HttpStatusCode.OK),
        (Roles.ParkManager, "PUT", "/api/v1/parks/jiading", HttpStatusCode.Forbidden),
        (Roles.ParkManager, "GET", "/api/v1/organisations", HttpStatusCode.OK),
        (Roles.ParkManager, "GET", "/api/v1/users", HttpStatusCode.Forbidden),
        (Roles.ParkManager, "GET", "/api/v1/audit", HttpStatusCode.Forbidden),
        (Roles.CityAdmin, "PUT", "/api/v1/parks/jiading", HttpStatusCode.OK),
        (Roles.CityAdmin, "GET", "/api/v1/organisations", HttpStatusCode.OK),
        (Roles.CityAdmin, "GET", "/api/v1/users", HttpStatusCode.Forbidden),
        (Roles.CityAdmin, "GET", "/api/v1/audit", HttpStatusCode.Forbidden),
        (Roles.SecurityAdmin, "GET", "/api/v1/users", HttpStatusCode.OK),
        (Roles.SecurityAdmin, "PUT", "/api/v1/parks/yangpu", HttpStatusCode.Forbidden),
        (Roles.SecurityAdmin, "GET", "/api/v1/audit", HttpStatusCode.Forbidden),
        (Roles.SecurityAdmin, "GET", "/api/v1/organisations", HttpStatusCode.Forbidden),
        (Roles.AuditAdmin, "GET", "/api/v1/audit", HttpStatusCode.OK),
        (Roles.AuditAdmin, "GET", "/api/v1/audit/export.xlsx", HttpStatusCode.OK),
        (Roles.AuditAdmin, "GET", "/api/v1/users", HttpStatusCode.Forbidden),
        (Roles.AuditAdmin, "PUT", "/api/v1/parks/yangpu", HttpStatusCode.Forbidden),
        (Roles.DistrictOfficer, "PUT", "/api/v1/parks/yangpu", HttpStatusCode.Forbidden),
        (Roles.DistrictOfficer, "GET", "/api/v1/organisations", HttpStatusCode.OK),
        (Roles.Reviewer, "GET", "/api/v1/organisations", HttpStatusCode.Forbidden),
        ("anonymous", "GET", "/api/v1/registrations", HttpStatusCode.Unauthorized),
        (Roles.ParkManager, "GET", "/api/v1/registrations", HttpStatusCode.OK),
        (Roles.CityAdmin, "GET", "/api/v1/registrations", HttpStatusCode.OK),
        (Roles.SecurityAdmin, "GET", "/api/v1/registrations", HttpStatusCode.Forbidden),
        (Roles.AuditAdmin, "GET", "/api/v1/registrations", HttpStatusCode.Forbidden),
        (Roles.DistrictOfficer, "GET", "/api/v1/registrations", HttpStatusCode.Forbidden),
        (Roles.Reviewer, "GET", "/api/v1/credit-codes/914403001922038216", HttpStatusCode.OK),
    ];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Each_role_gets_what_the_matrix_says(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider);
        var browsers = new Dictionary<string, Browser> { ["anonymous"] = factory.Browser() };
        foreach (var role in Matrix.Select(m => m.Role).Distinct().Where(r => r != "anonymous"))
        {
            var user = await factory.CreateUserAsync("u-" + role.ToLowerInvariant(), role,
                park: role == Roles.ParkManager ? "yangpu" : null, district: role == Roles.DistrictOfficer ? "310110" : null);
            browsers[role] = await factory.SignInAsync(user);
        }
        var failures = new List<string>();
        foreach (var (role, method, path, expected) in Matrix)
        {
            var browser = browsers[role];
            HttpResponseMessage response;
            if (method == "PUT")
            {
                var current = await (await factory.Browser().GetAsync(path)).Content.ReadFromJsonAsync<ParkDetail>();
                response = await browser.PutJsonAsync(path, ParkProfileInput.From(current!) with { Address = $"{role} was here" });
            }
            else
            {
                response = await browser.GetAsync(path);
            }
            if (response.StatusCode != expected)
            {
                failures.Add($"{role} {method} {path}: expected {(int)expected}, got {(int)response.StatusCode}");
            }
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                Assert.Null(response.Headers.Location); // /api never redirects to a sign-in page
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
