using System.Collections;
using Microsoft.Playwright;

namespace RnnNotebooks.Browser.Tests.Support;

/// <summary>
/// Headless Chromium under Playwright with a fresh profile. Pages opened through it stay on this machine:
/// every request for anything but a local file or the loopback is recorded and aborted.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private BrowserSession(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    /// <summary>Starts Chromium; its processes carry <paramref name="marker"/>.</summary>
    public static async Task<BrowserSession> LaunchAsync(ProcessMarker marker)
    {
        var executable = Chromium.ExecutablePath ?? throw new InvalidOperationException(Chromium.MissingReason);
        var profile = Directory.CreateTempSubdirectory("rnn-browser-profile-").FullName;
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)(e.Value ?? ""));
        environment[ProcessMarker.Variable] = marker.Value;
        var playwright = await Playwright.CreateAsync();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = Chromium.Arguments,
                Env = environment,
                ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
                Timeout = 60_000,
            });
            return new BrowserSession(playwright, context, profile);
        }
        catch
        {
            playwright.Dispose();
            Directory.Delete(profile, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// A new tab whose errors and off-machine requests are recorded; an off-machine request is aborted, as on
    /// a machine without a network.
    /// </summary>
    public async Task<WatchedPage> NewPageAsync()
    {
        var page = await Context.NewPageAsync();
        var watched = new WatchedPage(page);
        await page.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            if (IsLocal(url))
            {
                await route.ContinueAsync();
                return;
            }
            watched.Record(watched.OffMachineRequests, route.Request.Url);
            await route.AbortAsync("internetdisconnected");
        });
        page.WebSocket += (_, socket) =>
        {
            if (!IsLocal(socket.Url))
                watched.Record(watched.OffMachineRequests, socket.Url);
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                watched.Record(watched.ConsoleErrors, $"{message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => watched.Record(watched.Uncaught, error);
        return watched;
    }

    /// <summary>A file on disk, inline data, or the loopback.</summary>
    public static bool IsLocal(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return false;
        return uri.Scheme switch
        {
            "file" or "data" or "blob" or "about" => true,
            "http" or "https" or "ws" or "wss" => uri.IsLoopback,
            _ => false,
        };
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            // The owner kills whatever is left by its process marker.
        }
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A page with what went wrong on it: console errors, uncaught exceptions, off-machine requests.</summary>
internal sealed class WatchedPage(IPage page)
{
    private readonly Lock _gate = new();

    public IPage Page { get; } = page;

    /// <summary>Messages logged at error level, failed loads included.</summary>
    public List<string> ConsoleErrors { get; } = [];

    /// <summary>Exceptions no script caught.</summary>
    public List<string> Uncaught { get; } = [];

    public List<string> OffMachineRequests { get; } = [];

    public void Record(List<string> list, string entry)
    {
        lock (_gate)
            list.Add(entry);
    }

    public IReadOnlyList<string> Snapshot(List<string> list)
    {
        lock (_gate)
            return [.. list];
    }
}

