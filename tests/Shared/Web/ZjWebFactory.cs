using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using OtpNet;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Tests.Shared.Web;

/// <summary>
/// The real web host on a real database (a fresh SQLite file or PostgreSQL database), with a fake clock the
/// tests move forward. Cookies are Secure with the __Host- prefix, as in production; the test client speaks https.
/// </summary>
public sealed class ZjWebFactory : WebApplicationFactory<Program>
{
    public const string Password = "Kx9#mPq2$wLr7v";
    private readonly Dictionary<string, string?> _settings;

    private ZjWebFactory(TestDatabase database, Dictionary<string, string?> settings, FakeTimeProvider clock)
    {
        Database = database;
        _settings = settings;
        Clock = clock;
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; }

    /// <summary>Starts a host on a new database of the given provider.</summary>
    public static async Task<ZjWebFactory> StartAsync(
        string provider, IDictionary<string, string?>? extra = null, TestDatabase? shared = null, FakeTimeProvider? clock = null, bool kestrel = false)
    {
        var database = shared ?? await TestDatabase.CreateAsync(provider, migrate: false);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Options.Provider.ToString(),
            ["Database:ConnectionString"] = database.Options.Provider == DatabaseProvider.Postgres
                ? database.Options.ConnectionString
                : "Data Source=" + database.Options.SqlitePath,
            ["Database:MigrateOnStartup"] = "true",
            ["Security:SecureCookies"] = "true",
            ["Logging:LogLevel:Default"] = "Error",
            // The intrusion alarm would fire in the role matrices' thousands of refusals and add its notice to the
            // data the tests compare; SecurityTests.A_burst_of_failures_raises_one_intrusion_alarm_a_minute turns it on.
            ["Security:AlarmFailuresPerMinute"] = "0",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var factory = new ZjWebFactory(database, settings, clock ?? new FakeTimeProvider(DateTimeOffset.UtcNow));
        if (kestrel)
        {
            // A real server on a free loopback port, for the browser (the in-memory test server cannot serve one).
            factory.UseKestrel(0);
            factory.StartServer();
        }
        _ = factory.Services; // start now, so migrations run before the first request
        return factory;
    }

    /// <summary>The address the Kestrel server listens on (after StartAsync with kestrel: true).</summary>
    public Uri ServerAddress
    {
        get
        {
            var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public Browser Browser() => new(CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = false,
        BaseAddress = new Uri("https://localhost"),
    }));

    /// <summary>Creates an active account with a known password; two-factor on when asked (required for CityAdmin and SecurityAdmin).</summary>
    public async Task<TestUser> CreateUserAsync(string userName, string role, string? park = null, string? district = null, string? org = null, bool? twoFactor = null)
    {
        using var scope = Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var result = await admin.CreateAsync(AuditActor.System,
            new UserInput { UserName = userName, DisplayName = userName, Roles = [role], ScopeParkCode = park, ScopeDistrictCode = district, ScopeOrganisationCreditCode = org },
            password: Password, temporary: false);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Field + ": " + e.Message)));
        string? key = null;
        if (twoFactor ?? Roles.RequireTwoFactor.Contains(role))
        {
            var users = scope.ServiceProvider.GetRequiredService<ZjUserManager>();
            scope.ServiceProvider.GetRequiredService<ZjDbContext>().Actor = AuditActor.System;
            var user = (await users.FindByNameAsync(userName))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        return new TestUser(userName, Password, key);
    }

    /// <summary>The TOTP code the user's authenticator app would show at the fake clock's time.</summary>
    public string CodeFor(TestUser user, TimeSpan? offset = null) =>
        new Totp(Base32Encoding.ToBytes(user.AuthenticatorKey!)).ComputeTotp((Clock.GetUtcNow() + (offset ?? TimeSpan.Zero)).UtcDateTime);

    /// <summary>Signs in through the real form posts (and the second factor when the account has one).</summary>
    public async Task<Browser> SignInAsync(TestUser user, Browser? through = null)
    {
        var browser = through ?? Browser();
        var response = await browser.PostFormAsync("/account/login", new() { ["userName"] = user.UserName, ["password"] = user.Password, ["returnUrl"] = "/" });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location!.OriginalString.StartsWith("/account/login-2fa", StringComparison.Ordinal))
        {
            response = await browser.PostFormAsync("/account/login-2fa", new() { ["code"] = CodeFor(user), ["returnUrl"] = "/" }, formPage: "/account/login-2fa");
            Assert.Equal("/", response.Headers.Location!.OriginalString);
            Clock.Advance(TimeSpan.FromSeconds(30)); // the next TOTP code belongs to a new time step
        }
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        return browser;
    }

    /// <summary>
    /// Creates and signs in each account (name, role, park, district, organisation) for a role matrix; the browser under
    /// <paramref name="anonymous"/> is not signed in.
    /// </summary>
    public async Task<Dictionary<string, Browser>> SignInEachAsync(string anonymous, IEnumerable<(string Name, string Role, string? Park, string? District, string? Org)> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var browsers = new Dictionary<string, Browser> { [anonymous] = Browser() };
        foreach (var (name, role, park, district, org) in accounts)
        {
            browsers[name] = await SignInAsync(await CreateUserAsync(name, role, park: park, district: district, org: org));
        }
        return browsers;
    }

    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed record TestUser(string UserName, string Password, string? AuthenticatorKey);
