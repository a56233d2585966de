using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Workflows.Functions.Tests.Approvals;

namespace Workflows.Functions.Tests.Browser;

/// <summary>The app served by Kestrel on a free port of 127.0.0.1 and Debian's chromium driven by Playwright. Nothing is
/// downloaded: the browser is the one at <c>CHROMIUM_PATH</c> (default <c>/usr/bin/chromium</c>), which the test command
/// installs. Each test gets a fresh browser context (its own cookies); screenshots go to <see cref="ScreenshotFolder"/>.</summary>
public sealed class BrowserApp : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The app, with its engine's client and token service.</summary>
    public ApprovalPagesApp App { get; private set; } = null!;

    /// <summary>The address the app listens on, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Where screenshots are saved: <c>TEST_ARTIFACTS</c>/screenshots, or the repository's git-ignored
    /// <c>.artifacts/screenshots</c>.</summary>
    public static string ScreenshotFolder { get; } = FindScreenshotFolder();

    public async Task InitializeAsync()
    {
        string executable = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"No chromium at '{executable}'. Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH; ./test.sh installs it.");
        }

        int port = FreePort();
        this.BaseUrl = $"http://127.0.0.1:{port}";
        this.App = ApprovalPagesApp.OnKestrel(port);
        this.App.Factory.StartServer();
        await this.App.InitializeAsync();
        this.playwright = await Playwright.CreateAsync();
        this.browser = await this.playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A new browser context (its own cookies) on the app's address.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        IBrowserContext context = await this.browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = this.BaseUrl });

        // The test command runs every test project at once on two cores: pages may take a while.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    /// <summary>A page in a new browser context that accepts every confirmation dialog (as an operator clicking OK).</summary>
    public async Task<IPage> NewPageAsync()
    {
        IBrowserContext context = await this.NewContextAsync();
        IPage page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        return page;
    }

    /// <summary>Signs in on the dashboard with the admin key, as an operator types it.</summary>
    public static async Task SignInAsync(IPage page, string returnTo = "/dashboard")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(returnTo);
        Assert.Contains("/dashboard/signin", page.Url, StringComparison.Ordinal);
        await ScreenshotAsync(page, "dashboard-signin");
        await page.FillAsync("input[name=key]", Dashboard.DashboardBrowser.AdminKey);
        await page.ClickAsync("button:has-text('Sign in')");
        await WaitForPageAsync(page, url => !url.Contains("/signin", StringComparison.Ordinal));
    }

    /// <summary>Waits until the page at a URL matching <paramref name="url"/> has arrived and shows its content. It does
    /// not wait for the load event, which a busy machine can hold back long after the page is usable.</summary>
    public static async Task WaitForPageAsync(IPage page, Func<string, bool> url)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(url);

        // Not WaitForURLAsync: when the address matches already (a quick redirect), it waits for the load event even
        // with WaitUntil Commit, and that wait was seen to miss a load that had happened.
        DateTime giveUp = DateTime.UtcNow.AddSeconds(60);
        while (!url(page.Url))
        {
            Assert.True(DateTime.UtcNow < giveUp, $"The page is still at '{page.Url}' after 60 s.");
            await Task.Delay(50);
        }

        await page.WaitForSelectorAsync("main[data-page]", new PageWaitForSelectorOptions { Timeout = 60_000 });
    }

    /// <summary>Saves a full-page screenshot named <paramref name="name"/>.png.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    /// <summary>Reloads <paramref name="page"/> until <paramref name="selector"/> shows <paramref name="text"/>: the
    /// engine works in the background, so a page may show the state just before an action took effect.</summary>
    public static async Task ReloadUntilAsync(IPage page, string selector, string text)
    {
        ArgumentNullException.ThrowIfNull(page);
        DateTime giveUp = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            ILocator located = page.Locator(selector);
            string? shown = await located.CountAsync() > 0 ? (await located.First.TextContentAsync())?.Trim() : null;
            if (shown == text)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < giveUp, $"'{selector}' shows '{shown}', not '{text}', after 30 s.");
            await Task.Delay(200);
            await page.ReloadAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (this.browser is not null)
        {
            await this.browser.CloseAsync();
        }

        this.playwright?.Dispose();
        if (this.App is not null)
        {
            await this.App.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindScreenshotFolder()
    {
        if (Environment.GetEnvironmentVariable("TEST_ARTIFACTS") is { Length: > 0 } artifacts)
        {
            return Path.Combine(artifacts, "screenshots");
        }

        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Workflows.sln")))
            {
                return Path.Combine(folder.FullName, ".artifacts", "screenshots");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "screenshots");
    }
}
