using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.Web.Tests;

/// <summary>Every endpoint the app maps must say who may call it (ASVS 8.2.1; bitwarden's pattern on EndpointDataSource).</summary>
public sealed class EndpointAuthorizationTests
{
    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Every_endpoint_declares_a_policy_or_is_explicitly_anonymous(string environment)
    {
        await using var started = await ZjWebFactory.StartAsync("Sqlite");
        await using var factory = started.WithWebHostBuilder(b => b.UseEnvironment(environment));
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count > 30, $"only {endpoints.Count} endpoints found");
        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])} {e.RoutePattern.RawText} ({e.DisplayName})")
            .ToList();
        Assert.True(undeclared.Count == 0, "Endpoints without a declared policy:\n" + string.Join("\n", undeclared));
    }

    [Fact]
    public async Task Every_api_endpoint_has_a_name_a_summary_and_a_tag_in_the_OpenAPI_document()
    {
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        var api = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(api);
        var missing = api.Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is null
                || e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IEndpointSummaryMetadata>() is null
                || e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.ITagsMetadata>() is null)
            .Select(e => e.RoutePattern.RawText).ToList();
        Assert.True(missing.Count == 0, "API endpoints without name, summary or tag:\n" + string.Join("\n", missing));
        var document = await factory.Browser().GetAsync("/openapi/v1.json");
        var json = await document.Content.ReadAsStringAsync();
        Assert.Contains("\"operationId\": \"UpdatePark\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fallback_policy_denies_what_declares_nothing()
    {
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        var options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthorizationOptions>>().Value;
        Assert.NotNull(options.FallbackPolicy);
        Assert.Contains(options.FallbackPolicy!.Requirements, r => r is Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement);
    }
}
