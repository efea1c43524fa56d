using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.Web.Tests;

/// <summary>
/// ASVS 5.0 level-2 items of the browser and HTTP surface not shown elsewhere (docs/security.md lists which test shows
/// which item): output encoding, open redirects, CSRF, methods, CORS, proxy headers, production surface, downloads.
/// </summary>
public sealed class HardeningTests
{
    [Fact]
    public async Task Markup_in_stored_text_is_shown_as_text()
    {
        // ASVS 1.2.1, 3.2.2: a display name with a script, rendered on every page's app bar.
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        const string Name = "<script>alert('zj')</script><img src=x onerror=alert(1)>";
        await factory.WithServicesAsync(sp => sp.GetRequiredService<UserAdministration>().CreateAsync(AuditActor.System,
            new UserInput { UserName = "pm-markup", DisplayName = Name, Roles = [Roles.ParkManager], ScopeParkCode = "yangpu" }, password: ZjWebFactory.Password, temporary: false));
        var browser = await factory.SignInAsync(new TestUser("pm-markup", ZjWebFactory.Password, null));
        var html = await (await browser.GetAsync("/")).Content.ReadAsStringAsync();
        var shown = System.Text.RegularExpressions.Regex.Match(html, "id=\"zj-user-name\">([^<]*)<").Groups[1].Value;
        Assert.True(shown.Contains("&lt;script&gt;alert(", StringComparison.Ordinal), shown);
        Assert.DoesNotContain("<script>alert(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);

        // The same text through the API is a JSON string in a JSON response the browser does not sniff as HTML.
        var security = await factory.SignInAsync(await factory.CreateUserAsync("sec", Roles.SecurityAdmin));
        var answer = await security.GetAsync("/api/v1/users?search=pm-markup");
        Assert.Equal("application/json; charset=utf-8", answer.Content.Headers.ContentType!.ToString());
        Assert.Equal("nosniff", answer.Headers.GetValues("X-Content-Type-Options").Single());
        var users = await ApiAnswers.Json<List<UserView>>(Task.FromResult(answer));
        Assert.Equal(Name, Assert.Single(users).DisplayName);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    public async Task Sign_in_never_redirects_off_the_site(string returnUrl)
    {
        // ASVS 3.7.2 (open redirect).
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        var user = await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu");
        var browser = factory.Browser();
        var response = await browser.PostFormAsync("/account/login", new() { ["userName"] = user.UserName, ["password"] = user.Password, ["returnUrl"] = returnUrl });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Forms_need_the_antiforgery_token_and_nothing_changes_state_on_GET()
    {
        // ASVS 3.5.1 (CSRF), 3.5.3 (no state change on GET).
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        var user = await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu");
        var forged = await factory.Browser().SendAsync(new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = user.UserName, ["password"] = user.Password }),
        });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("The form has expired", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(forged.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("__Host-zj=", StringComparison.Ordinal)));

        var browser = await factory.SignInAsync(user);
        var forgedSignOut = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/account/logout"));
        Assert.Equal(HttpStatusCode.BadRequest, forgedSignOut.StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, (await browser.GetAsync("/account/logout")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await browser.StatusAsync("/api/v1/organisations")); // neither ended the session
    }

    [Fact]
    public async Task TRACE_is_refused_cross_origin_calls_get_no_CORS_grant_and_proxy_headers_from_strangers_are_ignored()
    {
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        var browser = await factory.SignInAsync(await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));

        // ASVS 13.4.4: TRACE is not served.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await browser.SendAsync(new HttpRequestMessage(HttpMethod.Trace, "/api/v1/organisations"))).StatusCode);

        // ASVS 3.4.2: no CORS policy, so a preflight or a call from another origin is granted nothing.
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/organisations");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        Assert.False((await browser.SendAsync(preflight)).Headers.Contains("Access-Control-Allow-Origin"));
        var crossOrigin = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organisations");
        crossOrigin.Headers.Add("Origin", "https://evil.example");
        Assert.False((await browser.SendAsync(crossOrigin)).Headers.Contains("Access-Control-Allow-Origin"));

        // ASVS 4.1.3, 15.3.4: X-Forwarded-For from a sender that is not a configured proxy does not become the user's address.
        var spoofed = new HttpRequestMessage(HttpMethod.Post, "/account/login");
        spoofed.Headers.Add("X-Forwarded-For", "1.2.3.4");
        var anonymous = factory.Browser();
        var login = await anonymous.GetAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(await login.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        spoofed.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "spoofer", ["password"] = "Wrong#Guess2026", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        });
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.SendAsync(spoofed)).StatusCode);
        await using var db = factory.Database.CreateContext();
        var failure = await db.AuditEntries.SingleAsync(a => a.Action == SecurityEvents.SignInFailed && a.UserName == "spoofer");
        Assert.NotEqual("1.2.3.4", failure.IpAddress);
    }

    [Fact]
    public async Task In_production_the_API_reference_is_absent_and_errors_carry_no_internals()
    {
        // ASVS 13.4.2, 13.4.5, 16.5.1.
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        await using var production = factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var client = production.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://zhangjiang.example"), AllowAutoRedirect = false });
        // The API description is for signed-in users there; the interactive reference does not exist.
        var description = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.Redirect, description.StatusCode);
        Assert.StartsWith("https://zhangjiang.example/account/login", description.Headers.Location!.ToString(), StringComparison.Ordinal);
        var reference = await client.GetAsync("/scalar/v1");
        Assert.NotEqual(HttpStatusCode.OK, reference.StatusCode);
        Assert.DoesNotContain("scalar", await reference.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        // An API call that fails inside (a body the endpoint cannot read) answers a bare problem, no exception text.
        var bad = await client.PostAsync("/api/v1/organisations", new StringContent("{\"creditCode\": [", System.Text.Encoding.UTF8, "application/json"));
        var body = await bad.Content.ReadAsStringAsync();
        Assert.True(bad.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, $"{(int)bad.StatusCode}");
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Downloads_are_attachments_with_an_encoded_file_name_and_are_not_cached()
    {
        // ASVS 5.4.1, 5.4.2, 14.3.2: the audit export, a file built from stored text.
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        var auditor = await factory.SignInAsync(await factory.CreateUserAsync("auditor", Roles.AuditAdmin, twoFactor: false));
        var export = await auditor.GetAsync("/api/v1/audit/export.xlsx?kind=Security");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var disposition = export.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.False(string.IsNullOrEmpty(disposition.FileNameStar ?? disposition.FileName));
        Assert.Equal("nosniff", export.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("no-store", export.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generated_files_are_limited_per_account_and_minute()
    {
        // ASVS 2.4.1, 15.2.2: the 31st workbook in a minute is a 429 with Retry-After, for that account only.
        await using var factory = await ZjWebFactory.StartAsync("Sqlite");
        var busy = await factory.SignInAsync(await factory.CreateUserAsync("pm-yangpu", Roles.ParkManager, park: "yangpu"));
        var other = await factory.SignInAsync(await factory.CreateUserAsync("pm-jiading", Roles.ParkManager, park: "jiading"));
        const string Template = "/api/v1/enterprise-statistics/template.xlsx";
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await busy.StatusAsync(Template));
        }
        var refused = await busy.GetAsync(Template);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, await other.StatusAsync(Template));
        Assert.Equal(HttpStatusCode.OK, await busy.StatusAsync("/api/v1/organisations")); // ordinary calls are not counted
    }
}
