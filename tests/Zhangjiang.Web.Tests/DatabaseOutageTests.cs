using System.Net;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Parks;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.Web.Tests;

/// <summary>
/// PostgreSQL restarted under the running app (a cluster of the test's own): while it is down, /api requests are
/// answered at once with 503, Retry-After and a problem body that gives nothing away; once it is back, the same app —
/// not restarted — reads and writes again.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task Requests_fail_cleanly_while_PostgreSQL_is_down_and_succeed_again_without_restarting_the_app()
    {
        await using var cluster = await PostgresCluster.StartPrivateAsync();
        var database = await TestDatabase.CreateAsync("Postgres", migrate: false, cluster: cluster);
        await using var factory = await ZjWebFactory.StartAsync("Postgres", shared: database);
        var manager = await factory.SignInAsync(await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));
        Assert.Equal(HttpStatusCode.OK, await manager.StatusAsync("/api/v1/plans"));

        await cluster.StopServerAsync();
        foreach (var path in new[] { "/api/v1/plans", "/api/v1/parks/yangpu", "/api/v1/enterprises" })
        {
            var down = await manager.GetAsync(path);
            var body = await down.Content.ReadAsStringAsync();
            Assert.True(down.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path} while the database is down: {(int)down.StatusCode} {body}");
            Assert.Equal(TimeSpan.FromSeconds(5), down.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("Npgsql", body, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await factory.Browser().StatusAsync("/health/ready"));

        await cluster.StartServerAsync();
        // The pool may still hold connections the restart cut: the first request after it can meet one (and is answered
        // 503 like the others); within a few tries the pool has reconnected.
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 10 && status != HttpStatusCode.OK; attempt++)
        {
            status = await manager.StatusAsync("/api/v1/plans");
            if (status != HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
                await Task.Delay(500, TestContext.Current.CancellationToken);
            }
        }
        Assert.Equal(HttpStatusCode.OK, status);
        var park = await ApiAnswers.Json<ParkDetail>(manager.GetAsync("/api/v1/parks/yangpu"));
        Assert.Equal(HttpStatusCode.OK, (await manager.PutJsonAsync("/api/v1/parks/yangpu", new ParkProfileInput { Address = "上海市杨浦区国定路", Version = park.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await factory.Browser().StatusAsync("/health/ready"));
    }
}
