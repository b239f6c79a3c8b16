using System.Diagnostics;
using System.Text;

namespace RnnNotebooks.Browser.Tests.Support;

/// <summary>
/// An environment variable with a value unique to one test session, given to every process the session
/// starts (Jupyter, the kernels it launches, their builds, Chromium and its helpers) and inherited by their
/// children. It finds them all in <c>/proc</c>, even those that left their parent, so shutting down can be
/// checked and completed without touching anyone else's processes.
/// </summary>
internal sealed class ProcessMarker
{
    public const string Variable = "RNN_NOTEBOOKS_BROWSER_TEST";

    public string Value { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Ids of the live processes that carry this marker (zombies excluded).</summary>
    public IReadOnlyList<int> LiveProcesses()
    {
        var needle = Encoding.UTF8.GetBytes($"{Variable}={Value}\0");
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
                continue;
            try
            {
                if (File.ReadAllBytes(Path.Combine(directory, "environ")).AsSpan().IndexOf(needle) >= 0 && !IsZombie(directory))
                    found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours to read.
            }
        }
        return found;
    }

    /// <summary>A line per live marked process: id and command line.</summary>
    public string Describe(IEnumerable<int> pids) => string.Join("\n", pids.Select(pid =>
    {
        try
        {
            return $"{pid}: {File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim()}";
        }
        catch (IOException)
        {
            return $"{pid}: (gone)";
        }
    }));

    /// <summary>Kills every live marked process; returns how many there were.</summary>
    public int KillAll()
    {
        var pids = LiveProcesses();
        foreach (var pid in pids)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
        return pids.Count;
    }

    /// <summary>Waits until no marked process is left, up to <paramref name="timeout"/>; returns those still alive.</summary>
    public async Task<IReadOnlyList<int>> WaitUntilGoneAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var alive = LiveProcesses();
            if (alive.Count == 0 || watch.Elapsed > timeout)
                return alive;
            await Task.Delay(100);
        }
    }

    private static bool IsZombie(string procDirectory)
    {
        // /proc/PID/stat: "pid (comm) S ..."; the state follows the last ')'.
        var stat = File.ReadAllText(Path.Combine(procDirectory, "stat"));
        var close = stat.LastIndexOf(')');
        return close > 0 && close + 2 < stat.Length && stat[close + 2] is 'Z' or 'X';
    }
}
