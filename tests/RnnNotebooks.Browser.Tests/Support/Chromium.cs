namespace RnnNotebooks.Browser.Tests.Support;

/// <summary>
/// Debian's Chromium, which Playwright drives through <c>ExecutablePath</c>: Playwright cannot download its
/// own browser builds here. <c>CHROMIUM_PATH</c> points at another binary.
/// </summary>
internal static class Chromium
{
    public const string DebianPath = "/usr/bin/chromium";

    /// <summary>The Chromium binary to launch, or null when there is none.</summary>
    public static string? ExecutablePath
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
            if (!string.IsNullOrEmpty(configured))
                return File.Exists(configured) ? configured : null;
            return File.Exists(DebianPath) ? DebianPath : null;
        }
    }

    /// <summary>Why browser tests cannot run here, or null when they can.</summary>
    public static string? MissingReason
    {
        get
        {
            if (ExecutablePath is not null)
                return null;
            var looked = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? $"{configured} (CHROMIUM_PATH)" : DebianPath;
            return $"Chromium is not installed: no {looked}. Install Debian's package (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH.";
        }
    }

    /// <summary>
    /// Switches that keep the browser quiet and local: no GPU, no sandbox (CI runs as root), and none of
    /// Chromium's own traffic (updates, sync, safe browsing, field trials). Host names other than the
    /// loopback resolve to nothing, so even a request that escaped the tests' interception stays on the machine.
    /// </summary>
    public static readonly string[] Arguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-domain-reliability",
        "--disable-breakpad",
        "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication,CertificateTransparencyComponentUpdater",
        "--metrics-recording-only",
        "--no-first-run",
        "--no-default-browser-check",
        "--no-pings",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    ];
}

internal static class BrowserRequirement
{
    public static string? SkipReason =>
        Chromium.MissingReason is { } reason && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) ? reason : null;
}
