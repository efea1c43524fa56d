using System.Net;
using Microsoft.Extensions.Time.Testing;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.Web.Tests;

/// <summary>Several web instances on one PostgreSQL: keys and sessions live in the database, so either instance serves a user.</summary>
public sealed class MultiInstanceTests
{
    [Fact]
    public async Task A_cookie_issued_by_one_instance_is_accepted_by_another_and_sign_out_ends_it_on_both()
    {
        var database = await TestDatabase.CreateAsync("Postgres", migrate: false);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var first = await ZjWebFactory.StartAsync("Postgres", shared: database, clock: clock);
        await using var second = await ZjWebFactory.StartAsync("Postgres", shared: database, clock: clock);
        var user = await first.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu");

        var onFirst = await first.SignInAsync(user);
        var onSecond = second.Browser();
        foreach (var (name, value) in onFirst.Cookies)
        {
            onSecond.Cookies[name] = value;
        }
        Assert.Equal(HttpStatusCode.OK, await onSecond.StatusAsync("/api/v1/organisations"));

        // A form rendered by one instance posts to the other: antiforgery keys are shared too.
        Assert.Equal(HttpStatusCode.Redirect, (await onSecond.PostFormAsync("/account/logout", [], formPage: "/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await onFirst.StatusAsync("/api/v1/organisations"));
    }
}
