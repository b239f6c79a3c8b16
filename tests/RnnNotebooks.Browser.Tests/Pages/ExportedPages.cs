using System.Diagnostics;
using RnnNotebooks.Browser.Tests.Support;

namespace RnnNotebooks.Browser.Tests.Pages;

/// <summary>
/// The runner's main job, run once for the page tests exactly as the README's first command runs it (every
/// notebook, pages to <c>artifacts/notebooks/</c>), then one Chromium to open the pages in. The browser and
/// anything it started are shut down at the end, whatever the tests' outcome.
/// </summary>
public sealed class ExportedPages : IAsyncLifetime
{
    private readonly ProcessMarker _marker = new();
    private BrowserSession? _browser;

    /// <summary>Where the runner writes executed notebooks and pages by default.</summary>
    public static string Directory => Path.Combine(Repository.Root, "artifacts", "notebooks");

    /// <summary>When the run started: every page checked must be newer.</summary>
    public DateTime RunStartedUtc { get; private set; }

    public TimeSpan RunnerTime { get; private set; }

    /// <summary>The runner's console output.</summary>
    public string RunnerOutput { get; private set; } = "";

    /// <summary>Why the runner failed, or null.</summary>
    public string? RunnerFailure { get; private set; }

    internal BrowserSession Browser => _browser ?? throw new InvalidOperationException(Chromium.MissingReason ?? "the browser did not start");

    public async Task InitializeAsync()
    {
        if (Chromium.ExecutablePath is null)
            return; // The tests skip or fail with the reason; no point running the notebooks.
        RunStartedUtc = DateTime.UtcNow.AddSeconds(-1);
        var watch = Stopwatch.StartNew();
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "RnnNotebooks.Runner"))
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment[ProcessMarker.Variable] = _marker.Value;
        using (var runner = Process.Start(start)!)
        {
            var stderr = runner.StandardError.ReadToEndAsync();
            var stdout = runner.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
            try
            {
                await runner.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                runner.Kill(entireProcessTree: true);
            }
            RunnerOutput = await stdout + await stderr;
            if (!runner.HasExited || runner.ExitCode != 0)
                RunnerFailure = $"the runner failed ({(runner.HasExited ? $"exit code {runner.ExitCode}" : "timed out")}):\n{RunnerOutput}";
        }
        RunnerTime = watch.Elapsed;
        _browser = await BrowserSession.LaunchAsync(_marker);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        if ((await _marker.WaitUntilGoneAsync(TimeSpan.FromSeconds(10))).Count > 0)
            _marker.KillAll();
    }
}
