using Microsoft.Playwright;
using Zhangjiang.Tests.Shared;
using Zhangjiang.Tests.Shared.Web;

namespace Zhangjiang.E2E;

/// <summary>
/// The platform on a real Kestrel port and the machine's Chromium (Playwright cannot download its own here).
/// Screenshots go to artifacts/screenshots/ for people to look at.
/// </summary>
public sealed class ChromiumSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    private ChromiumSession(ZjWebFactory factory, IPlaywright playwright, IBrowser browser)
    {
        Factory = factory;
        _playwright = playwright;
        Browser = browser;
    }

    public ZjWebFactory Factory { get; }
    public IBrowser Browser { get; }
    public string BaseUrl => Factory.ServerAddress.ToString().TrimEnd('/');

    public static string ScreenshotFolder
    {
        get
        {
            var root = Zhangjiang.Platform.Data.DatabaseSetup.FindDataRoot(AppContext.BaseDirectory);
            var folder = Path.Combine(root, "artifacts", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public static async Task<ChromiumSession> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            TestEnvironment.Unavailable("Chromium (/usr/bin/chromium; apt-get install chromium fonts-noto-cjk)");
        }
        // Plain http on loopback: cookies cannot be Secure there, so the test host turns the __Host- prefix off.
        var factory = await ZjWebFactory.StartAsync("Sqlite", new Dictionary<string, string?>
        {
            ["Security:SecureCookies"] = "false",
            // The tours sign many accounts in from one address within a minute; the limit itself is tested in SecurityTests.
            ["Security:SignInAttemptsPerMinute"] = "100",
        }, kestrel: true);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new ChromiumSession(factory, playwright, browser);
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return page;
    }

    /// <summary>Interactive handlers work only once the circuit is up; the layout marks that moment.</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        page.WaitForSelectorAsync("#zj-render-mode[data-interactive='true']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

    public async Task SignInAsync(IPage page, TestUser user)
    {
        await page.GotoAsync(BaseUrl + "/account/login");
        await page.FillAsync("#userName", user.UserName);
        await page.FillAsync("#password", user.Password);
        await page.ClickAsync("#zj-sign-in-submit");
        // Done once the server has answered with the next page's address: waiting for that page's full load as well made
        // sign-in the slowest step on a loaded CI machine (over 20 s once), and every caller navigates on or waits for its own elements.
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal) || url.Contains("/account/login-2fa", StringComparison.Ordinal),
            new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        // Administrators have a second factor: enter the current code, then move the clock past its time step so the
        // account's next sign-in gets a fresh one (a code is accepted once).
        if (page.Url.Contains("/account/login-2fa", StringComparison.Ordinal) && user.AuthenticatorKey is not null)
        {
            await page.FillAsync("#code", Factory.CodeFor(user));
            await page.ClickAsync("#zj-2fa-submit");
            await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
            Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>A full-page shot from the top with CSS transitions stopped, so a label caught mid-animation (an outlined field just filled) is drawn where it ends.</summary>
    public static async Task ShotAsync(IPage page, string name)
    {
        await page.AddStyleTagAsync(new PageAddStyleTagOptions { Content = "*, *::before, *::after { transition: none !important; animation: none !important; }" });
        // A full-page shot of a scrolled page draws the fixed app bar where the viewport was: start from the top.
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        _playwright = null;
        await Factory.DisposeAsync();
    }
}
