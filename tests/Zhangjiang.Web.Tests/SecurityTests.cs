using System.Buffers.Binary;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Notifications;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.Web.Tests;

/// <summary>The authentication and session items of 等保 2.0 level 3 and ASVS 5.0 level 2 (issue part 4), each shown.</summary>
public sealed class SecurityTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Fact]
    public async Task Passwords_are_hashed_with_PBKDF2_SHA512_and_at_least_210000_iterations()
    {
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        await factory.CreateUserAsync("hash-check", Roles.ParkManager, park: "yangpu");
        await using var db = factory.Database.CreateContext();
        var hash = Convert.FromBase64String((await db.Users.SingleAsync(u => u.UserName == "hash-check")).PasswordHash!);
        Assert.Equal(0x01, hash[0]); // Identity V3 format
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1))); // PRF 2 = HMAC-SHA512
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)) >= 210_000);
    }

    [Theory]
    [InlineData("Short1!a", "PasswordTooShort")]
    [InlineData("alllowercaseletters", "PasswordClasses")]
    [InlineData("ALLUPPER123456", "PasswordClasses")] // upper case and digits: two classes only
    [InlineData("Xx-pm-yangpu-2026", "PasswordContainsUserName")]
    [InlineData("MyAdmin#2026xyz", "PasswordCommon")]
    [InlineData("Zhangjiang@2026", "PasswordCommon")]
    public async Task The_password_policy_refuses_weak_passwords(string password, string expectedCode)
    {
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu");
        var errors = await factory.WithServicesAsync(async sp =>
        {
            var users = sp.GetRequiredService<ZjUserManager>();
            var user = (await users.FindByNameAsync("pm-yangpu"))!;
            var results = new List<string>();
            foreach (var validator in users.PasswordValidators)
            {
                results.AddRange((await validator.ValidateAsync(users, user, password)).Errors.Select(e => e.Code));
            }
            return results;
        });
        Assert.Contains(expectedCode, errors);
    }

    [Fact]
    public async Task The_last_five_passwords_cannot_be_reused()
    {
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu");
        await factory.WithServicesAsync(async sp =>
        {
            sp.GetRequiredService<Platform.Data.ZjDbContext>().Actor = AuditActor.System;
            var users = sp.GetRequiredService<ZjUserManager>();
            var user = (await users.FindByNameAsync("pm-yangpu"))!;
            var passwords = new[] { ZjWebFactory.Password, "Second#Pass2026", "Third#Pass2026x", "Fourth#Pass2026", "Fifth#Pass2026x", "Sixth#Pass2026x" };
            for (var i = 1; i < passwords.Length; i++)
            {
                Assert.True((await users.ChangePasswordAsync(user, passwords[i - 1], passwords[i])).Succeeded, passwords[i]);
            }
            // Current is the 6th; the 2nd–6th are the last five and refused; the 1st is old enough again.
            foreach (var recent in passwords[1..])
            {
                var result = await users.ChangePasswordAsync(user, passwords[^1], recent);
                Assert.Contains(result.Errors, e => e.Code == "PasswordReused");
            }
            Assert.True((await users.ChangePasswordAsync(user, passwords[^1], passwords[0])).Succeeded);
            return 0;
        });
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Five_failures_lock_the_account_for_30_minutes_and_unknown_users_get_the_same_answer(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider);
        var user = await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu");
        var browser = factory.Browser();
        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await browser.PostFormAsync("/account/login", new() { ["userName"] = user.UserName, ["password"] = "Wrong#Pass2026", ["returnUrl"] = "/" });
            answers.Add($"{(int)wrong.StatusCode} {wrong.Headers.Location}");
        }
        var right = await browser.PostFormAsync("/account/login", new() { ["userName"] = user.UserName, ["password"] = user.Password, ["returnUrl"] = "/" });
        answers.Add($"{(int)right.StatusCode} {right.Headers.Location}");
        var unknown = await browser.PostFormAsync("/account/login", new() { ["userName"] = "nobody-here", ["password"] = "Wrong#Pass2026", ["returnUrl"] = "/" });
        answers.Add($"{(int)unknown.StatusCode} {unknown.Headers.Location}");
        Assert.All(answers, a => Assert.Equal("302 /account/login?error=1&returnUrl=%2F", a));
        Assert.DoesNotContain(browser.Cookies.Keys, k => k == "__Host-zj");

        await using var db = factory.Database.CreateContext();
        var stored = await db.Users.SingleAsync(u => u.UserName == user.UserName);
        Assert.True(stored.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(29));
        var events = await db.AuditEntries.Where(a => a.Kind == AuditKind.Security).Select(a => a.Action + ":" + a.Outcome).ToListAsync();
        Assert.Equal(4, events.Count(e => e == "SignInFailed:WrongPassword"));
        Assert.Contains("LockedOut:LockoutStarted", events);
        Assert.Contains("SignInFailed:LockedOut", events);
        Assert.Contains("SignInFailed:UnknownUser", events);
    }

    [Fact]
    public async Task Session_cookies_are_host_prefixed_secure_httponly_and_samesite()
    {
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        var browser = await factory.SignInAsync(await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));
        var auth = browser.SetCookieHeaders.Last(h => h.StartsWith("__Host-zj=", StringComparison.Ordinal));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", auth, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", auth, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", auth, StringComparison.OrdinalIgnoreCase); // a session cookie, not persisted
        var antiforgery = browser.SetCookieHeaders.First(h => h.StartsWith("__Host-zjaf=", StringComparison.Ordinal));
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Signing_out_ends_the_session_on_the_server(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider);
        var browser = await factory.SignInAsync(await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));
        var stolen = browser.Cookies["__Host-zj"];
        Assert.Equal(HttpStatusCode.OK, await browser.StatusAsync("/api/v1/organisations"));
        var signOut = await browser.PostFormAsync("/account/logout", [], formPage: "/");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("\"cache\", \"cookies\", \"storage\"", string.Join(", ", signOut.Headers.GetValues("Clear-Site-Data")));

        var replay = factory.Browser();
        replay.Cookies["__Host-zj"] = stolen;
        Assert.Equal(HttpStatusCode.Unauthorized, await replay.StatusAsync("/api/v1/organisations"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Disabling_an_account_or_changing_its_password_ends_its_sessions(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider);
        var user = await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu");
        var first = await factory.SignInAsync(user);
        var second = await factory.SignInAsync(user);
        Assert.Equal(HttpStatusCode.OK, await second.StatusAsync("/api/v1/organisations"));

        // A password change ends every session of the user, the one it was made in too.
        var change = await first.PostFormAsync("/account/change-password", new()
        {
            ["_handler"] = "change-password", ["Input.Current"] = user.Password, ["Input.New"] = "Brand#New2026pw", ["Input.Confirm"] = "Brand#New2026pw",
        }, formPage: "/account/change-password");
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Contains("/account/login?changed=1", change.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await second.StatusAsync("/api/v1/organisations"));
        Assert.Equal(HttpStatusCode.Unauthorized, await first.StatusAsync("/api/v1/organisations"));
        first = await factory.SignInAsync(user with { Password = "Brand#New2026pw" });
        Assert.Equal(HttpStatusCode.OK, await first.StatusAsync("/api/v1/organisations"));

        var security = await factory.SignInAsync(await factory.CreateUserAsync("sec", Roles.SecurityAdmin));
        Assert.Equal(HttpStatusCode.OK, (await security.PostJsonAsync("/api/v1/users/pm-yangpu/disable", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await first.StatusAsync("/api/v1/organisations"));
        var again = await factory.Browser().PostFormAsync("/account/login", new() { ["userName"] = "pm-yangpu", ["password"] = "Brand#New2026pw", ["returnUrl"] = "/" });
        Assert.Equal("/account/login?error=1&returnUrl=%2F", again.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Thirty_idle_minutes_end_the_session()
    {
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        var browser = await factory.SignInAsync(await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));
        factory.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, await browser.StatusAsync("/api/v1/organisations"));
        factory.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Unauthorized, await browser.StatusAsync("/api/v1/organisations"));
    }

    [Fact]
    public async Task Eight_hours_end_even_an_active_session()
    {
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        var browser = await factory.SignInAsync(await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));
        for (var step = 1; step <= 23; step++) // 23 × 20 min = 7 h 40 min of steady use
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, await browser.StatusAsync("/api/v1/organisations"));
        }
        factory.Clock.Advance(TimeSpan.FromMinutes(21));
        Assert.Equal(HttpStatusCode.Unauthorized, await browser.StatusAsync("/api/v1/organisations"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_temporary_password_must_be_changed_before_anything_else(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider);
        var issued = await factory.WithServicesAsync(sp => sp.GetRequiredService<UserAdministration>()
            .CreateAsync(AuditActor.System, new UserInput { UserName = "newbie", Roles = [Roles.ParkManager], ScopeParkCode = "yangpu" }));
        var browser = await factory.SignInAsync(new TestUser("newbie", issued.Value!.TemporaryPassword, null));
        var api = await browser.GetAsync("/api/v1/organisations");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        var page = await browser.GetAsync("/parks");
        Assert.StartsWith("/account/change-password", page.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var change = await browser.PostFormAsync("/account/change-password", new()
        {
            ["_handler"] = "change-password", ["Input.Current"] = issued.Value.TemporaryPassword, ["Input.New"] = "Fresh#Start2026", ["Input.Confirm"] = "Fresh#Start2026",
        }, formPage: "/account/change-password");
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        browser = await factory.SignInAsync(new TestUser("newbie", "Fresh#Start2026", null));
        Assert.Equal(HttpStatusCode.OK, await browser.StatusAsync("/api/v1/organisations"));
    }

    [Fact]
    public async Task A_temporary_password_expires_after_72_hours_and_a_password_after_90_days()
    {
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        var issued = await factory.WithServicesAsync(sp => sp.GetRequiredService<UserAdministration>()
            .CreateAsync(AuditActor.System, new UserInput { UserName = "late", Roles = [Roles.ParkManager], ScopeParkCode = "yangpu" }));
        var regular = await factory.CreateUserAsync("regular", Roles.ParkManager, park: "yangpu");
        factory.Clock.Advance(TimeSpan.FromHours(73));
        var late = await factory.Browser().PostFormAsync("/account/login", new() { ["userName"] = "late", ["password"] = issued.Value!.TemporaryPassword, ["returnUrl"] = "/" });
        Assert.Equal("/account/login?error=1&returnUrl=%2F", late.Headers.Location!.OriginalString);
        await factory.SignInAsync(regular); // in use, so not dormant when the password expires

        factory.Clock.Advance(TimeSpan.FromDays(88));
        var expired = await factory.SignInAsync(regular);
        Assert.Equal(HttpStatusCode.Forbidden, (await expired.GetAsync("/api/v1/organisations")).StatusCode);
        Assert.StartsWith("/account/change-password", (await expired.GetAsync("/")).Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task City_and_security_administrators_must_enrol_two_factor_first(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider);
        var admin = await factory.CreateUserAsync("city-no-2fa", Roles.CityAdmin, twoFactor: false);
        var browser = await factory.SignInAsync(admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/v1/organisations")).StatusCode);
        Assert.StartsWith("/account/two-factor", (await browser.GetAsync("/parks")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = await (await browser.GetAsync("/account/two-factor")).Content.ReadAsStringAsync();
        var key = System.Text.RegularExpressions.Regex.Match(page, "id=\"zj-2fa-key\">([a-z2-7 ]+)<").Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.NotEmpty(key);
        var enable = await browser.PostFormAsync("/account/two-factor", new()
        {
            ["_handler"] = "enable-2fa", ["Input.Code"] = factory.CodeFor(admin with { AuthenticatorKey = key }),
        }, formPage: "/account/two-factor");
        Assert.Equal(HttpStatusCode.Redirect, enable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/organisations")).StatusCode);
        await using var db = factory.Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == SecurityEvents.TwoFactorEnabled && a.UserName == "city-no-2fa"));
    }

    [Fact]
    public async Task A_TOTP_code_is_accepted_once_and_only_within_one_step_of_drift()
    {
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        var admin = await factory.CreateUserAsync("city", Roles.CityAdmin);
        async Task<string> TryAsync(string code)
        {
            var browser = factory.Browser();
            await browser.PostFormAsync("/account/login", new() { ["userName"] = admin.UserName, ["password"] = admin.Password, ["returnUrl"] = "/" });
            var second = await browser.PostFormAsync("/account/login-2fa", new() { ["code"] = code, ["returnUrl"] = "/" }, formPage: "/account/login-2fa");
            return second.Headers.Location!.OriginalString;
        }
        Assert.StartsWith("/account/login-2fa?error=1", await TryAsync(factory.CodeFor(admin, TimeSpan.FromSeconds(-65))), StringComparison.Ordinal);
        var code = factory.CodeFor(admin);
        Assert.Equal("/", await TryAsync(code));
        Assert.StartsWith("/account/login-2fa?error=1", await TryAsync(code), StringComparison.Ordinal); // replay
    }

    [Fact]
    public async Task The_eleventh_sign_in_attempt_in_a_minute_gets_429()
    {
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        var browser = factory.Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            statuses.Add((await browser.PostFormAsync("/account/login", new() { ["userName"] = "x" + i, ["password"] = "y", ["returnUrl"] = "/" })).StatusCode);
        }
        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }

    [Fact]
    public async Task The_chosen_language_is_remembered_for_the_user()
    {
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        var user = await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu");
        var first = await factory.SignInAsync(user);
        Assert.Contains("<html lang=\"zh-CN\"", await (await first.GetAsync("/account/login")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var switched = await first.PostFormAsync("/account/culture", new() { ["culture"] = "en", ["returnUrl"] = "/parks" }, formPage: "/account/login");
        Assert.Equal("/parks", switched.Headers.Location!.OriginalString);

        // A new browser (no culture cookie): the user's saved choice applies after sign-in.
        var elsewhere = await factory.SignInAsync(user);
        Assert.DoesNotContain(elsewhere.Cookies.Keys, k => k == "zj-culture");
        Assert.Contains("<html lang=\"en\"", await (await elsewhere.GetAsync("/account/login")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_carry_the_security_headers_and_health_endpoints_answer()
    {
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        var response = await factory.Browser().GetAsync("/parks");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join("", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.Contains("Referrer-Policy"));
        Assert.False(response.Headers.Contains("Server"));
        var browser = factory.Browser();
        Assert.Equal(HttpStatusCode.OK, await browser.StatusAsync("/health/live"));
        Assert.Equal(HttpStatusCode.OK, await browser.StatusAsync("/health/ready"));
    }

    [Fact]
    public async Task Hsts_lasts_a_year_when_served_over_https_in_production()
    {
        await using var factory = await ZjWebFactory.StartAsync("Sqlite", new Dictionary<string, string?>());
        await using var production = factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var client = production.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://zhangjiang.example"), AllowAutoRedirect = false });
        var response = await client.GetAsync("/health/live");
        var hsts = response.Headers.GetValues("Strict-Transport-Security").Single();
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_account_unused_for_90_days_cannot_sign_in_and_the_sweep_disables_it(string provider)
    {
        await using var factory = await ZjWebFactory.StartAsync(provider);
        var dormant = await factory.CreateUserAsync("pm-dormant", Roles.ParkManager, park: "yangpu");
        await factory.CreateUserAsync("pm-never", Roles.ParkManager, park: "yangpu");
        var regular = await factory.CreateUserAsync("pm-regular", Roles.ParkManager, park: "yangpu");
        await factory.SignInAsync(dormant);
        factory.Clock.Advance(TimeSpan.FromDays(60));
        await factory.SignInAsync(regular);
        factory.Clock.Advance(TimeSpan.FromDays(31));

        // 91 days since pm-dormant's last sign-in: refused with the same answer as a wrong password. pm-regular signed
        // in 31 days ago and still may (its password, 91 days old, must be changed first).
        var refused = await factory.Browser().PostFormAsync("/account/login", new() { ["userName"] = dormant.UserName, ["password"] = dormant.Password, ["returnUrl"] = "/" });
        Assert.Equal("/account/login?error=1&returnUrl=%2F", refused.Headers.Location!.OriginalString);
        await factory.SignInAsync(regular);

        // The hourly sweep (also started by the clock's move) disables what is dormant, once, and says why.
        await factory.WithServicesAsync(sp => sp.GetRequiredService<UserAdministration>().DisableDormantAsync());
        await using (var db = factory.Database.CreateContext())
        {
            var active = await db.Users.Where(u => u.UserName!.StartsWith("pm-")).ToDictionaryAsync(u => u.UserName!, u => u.IsActive);
            Assert.Equal([false, false, true], new[] { active["pm-dormant"], active["pm-never"], active["pm-regular"] });
            var disabled = await db.AuditEntries.Where(a => a.Action == SecurityEvents.UserDisabled).ToListAsync();
            Assert.Equal(["pm-dormant", "pm-never"], disabled.Select(a => a.EntityKey).Order(StringComparer.Ordinal));
            Assert.All(disabled, a => Assert.Contains("\"reason\":\"Dormant\"", a.Changes, StringComparison.Ordinal));
            Assert.Empty(await db.UserSessions.Where(s => s.UserId == db.Users.Single(u => u.UserName == "pm-dormant").Id).ToListAsync());
        }

        // Enabled again by the security administrator, the account has a fresh period.
        Assert.True((await factory.WithServicesAsync(sp => sp.GetRequiredService<UserAdministration>().EnableAsync(AuditActor.System, "pm-dormant"))).Succeeded);
        await factory.SignInAsync(dormant);
    }

    [Fact]
    public async Task Administrators_work_only_from_the_administration_networks()
    {
        foreach (var (network, inside) in new[] { ("127.0.0.0/8", true), ("10.20.0.0/16", false) })
        {
            // A real server, so the address is the loopback connection's; plain http, hence cookies without __Host-.
            await using var factory = await ZjWebFactory.StartAsync("Sqlite", new Dictionary<string, string?>
            {
                ["Security:AdminNetworks:0"] = network, ["Security:SecureCookies"] = "false",
            }, kestrel: true);
            Browser Connect() => new(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = factory.ServerAddress });
            var admin = await factory.SignInAsync(await factory.CreateUserAsync("sec-admin", Roles.SecurityAdmin), Connect());
            var manager = await factory.SignInAsync(await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"), Connect());

            Assert.Equal(inside ? HttpStatusCode.OK : HttpStatusCode.Forbidden, await admin.StatusAsync("/api/v1/users"));
            Assert.Equal(HttpStatusCode.OK, await manager.StatusAsync("/api/v1/organisations")); // not an administrator: no limit
            await using var db = factory.Database.CreateContext();
            var refusals = await db.AuditEntries.Where(a => a.Action == SecurityEvents.AccessDenied && a.UserName == "sec-admin").ToListAsync();
            if (inside)
            {
                Assert.Empty(refusals);
                continue;
            }
            Assert.Equal("/account/access-denied", (await admin.GetAsync("/users")).Headers.Location!.OriginalString);
            refusals = await db.AuditEntries.Where(a => a.Action == SecurityEvents.AccessDenied && a.UserName == "sec-admin").ToListAsync();
            Assert.Equal(2, refusals.Count);
            Assert.All(refusals, a => Assert.Contains("OutsideAdminNetwork", a.Changes, StringComparison.Ordinal));
            Assert.All(refusals, a => Assert.EndsWith("127.0.0.1", a.IpAddress, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_misconfigured_administrator_network_or_virus_scanner_stops_the_start_naming_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SecurityOptions { AdminNetworks = ["10.20.0.0/16", "10.20.0.0/33"] }.Validate());
        Assert.Contains("\"10.20.0.0/33\"", error.Message, StringComparison.Ordinal);
        var options = new SecurityOptions { AdminNetworks = ["10.20.0.0/16"] }.Validate();
        Assert.True(options.IsAdminNetwork(System.Net.IPAddress.Parse("::ffff:10.20.3.4")));
        Assert.False(options.IsAdminNetwork(System.Net.IPAddress.Parse("10.21.0.1")));
        Assert.False(options.IsAdminNetwork(null));
        var clamd = Assert.Throws<InvalidOperationException>(() => new SecurityOptions { ClamAv = "clamd.zone.internal:port" }.Validate());
        Assert.Contains("Security:ClamAv", clamd.Message, StringComparison.Ordinal);
        Assert.Equal(("clamd.zone.internal", 3310), new SecurityOptions { ClamAv = "clamd.zone.internal" }.Validate().ClamAvEndpoint());
    }

    [Fact]
    public async Task A_burst_of_failures_raises_one_intrusion_alarm_a_minute()
    {
        await using var factory = await ZjWebFactory.StartAsync("Sqlite", new Dictionary<string, string?> { ["Security:AlarmFailuresPerMinute"] = "20" });
        var security = await factory.SignInAsync(await factory.CreateUserAsync("sec-admin", Roles.SecurityAdmin));
        var manager = await factory.SignInAsync(await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));
        var attacker = factory.Browser();
        async Task<List<HttpStatusCode>> GuessAsync(int times)
        {
            var answers = new List<HttpStatusCode>();
            for (var i = 0; i < times; i++)
            {
                answers.Add((await attacker.PostFormAsync("/account/login", new() { ["userName"] = $"guess-{i}", ["password"] = "Wrong#Guess2026", ["returnUrl"] = "/" })).StatusCode);
            }
            return answers;
        }

        // A refused API call is recorded with what was asked, and counts as one failure.
        Assert.Equal(HttpStatusCode.Forbidden, await manager.StatusAsync("/api/v1/users"));
        // Wrong names until the sign-in rate limit answers 429: each is a failure; the 20th in the minute raises the alarm.
        var answers = await GuessAsync(25);
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        await using (var db = factory.Database.CreateContext())
        {
            var refused = await db.AuditEntries.SingleAsync(a => a.Action == SecurityEvents.AccessDenied);
            Assert.Equal("pm-yangpu", refused.UserName);
            Assert.Contains("/api/v1/users", refused.Changes, StringComparison.Ordinal);
            var alarm = await db.AuditEntries.SingleAsync(a => a.Action == SecurityEvents.IntrusionSuspected);
            Assert.Equal("Alarm", alarm.Outcome);
            Assert.Contains("\"failures\":20", alarm.Changes, StringComparison.Ordinal);
        }
        var inbox = await ApiAnswers.Json<NotificationPage>(security.GetAsync("/api/v1/notifications"));
        Assert.Contains(inbox.Items, n => n.Text.StartsWith("入侵告警：一分钟内出现 20 次安全失败", StringComparison.Ordinal));
        var managerInbox = await ApiAnswers.Json<NotificationPage>(manager.GetAsync("/api/v1/notifications"));
        Assert.DoesNotContain(managerInbox.Items, n => n.Text.StartsWith("入侵告警", StringComparison.Ordinal));

        // The same attack a minute later raises the next alarm; within the minute it stays one.
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await GuessAsync(20);
        await using (var db = factory.Database.CreateContext())
        {
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == SecurityEvents.IntrusionSuspected));
        }
    }

    [Fact]
    public async Task With_two_factor_for_every_role_a_park_manager_must_enrol_first_and_a_password_reset_does_not_skip_it()
    {
        await using var factory = await ZjWebFactory.StartAsync("Sqlite", new Dictionary<string, string?> { ["Security:TwoFactorForEveryRole"] = "true" });
        var manager = await factory.SignInAsync(await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/organisations")).StatusCode);
        Assert.StartsWith("/account/two-factor", (await manager.GetAsync("/parks")).Headers.Location!.OriginalString, StringComparison.Ordinal);

        // ASVS 6.4.3: an enrolled account whose password the administrator resets still needs its second factor.
        var enrolled = await factory.CreateUserAsync("pm-jiading", Roles.ParkManager, park: "jiading", twoFactor: true);
        var issued = await factory.WithServicesAsync(sp => sp.GetRequiredService<UserAdministration>().ResetPasswordAsync(AuditActor.System, "pm-jiading"));
        var login = await factory.Browser().PostFormAsync("/account/login", new() { ["userName"] = "pm-jiading", ["password"] = issued.Value!.TemporaryPassword, ["returnUrl"] = "/" });
        Assert.StartsWith("/account/login-2fa", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.NotNull(enrolled.AuthenticatorKey);
    }

    [Fact]
    public async Task A_long_passphrase_is_accepted_and_checked_whole_and_the_form_lets_password_managers_fill_it()
    {
        // ASVS 6.2.1, 6.2.9 (64 characters and more), 6.2.8 (no truncation), 6.2.6, 6.2.7.
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        var passphrase = string.Concat(Enumerable.Repeat("Quiet lighthouse keepers count 7 waves per minute; 灯塔守望者 ", 3))[..128];
        var created = await factory.WithServicesAsync(sp => sp.GetRequiredService<UserAdministration>().CreateAsync(AuditActor.System,
            new UserInput { UserName = "pm-long", DisplayName = "pm-long", Roles = [Roles.ParkManager], ScopeParkCode = "yangpu" }, password: passphrase, temporary: false));
        Assert.True(created.Succeeded);
        await factory.SignInAsync(new TestUser("pm-long", passphrase, null));
        var truncated = await factory.Browser().PostFormAsync("/account/login", new() { ["userName"] = "pm-long", ["password"] = passphrase[..127], ["returnUrl"] = "/" });
        Assert.Equal("/account/login?error=1&returnUrl=%2F", truncated.Headers.Location!.OriginalString);

        var form = await (await factory.Browser().GetAsync("/account/login")).Content.ReadAsStringAsync();
        Assert.Matches("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\"", form);
        Assert.DoesNotContain("onpaste", form, StringComparison.OrdinalIgnoreCase);
    }
}
