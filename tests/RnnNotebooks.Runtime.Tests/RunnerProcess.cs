using System.Diagnostics;

namespace RnnNotebooks.Runtime.Tests;

/// <summary>Starts the runner executable that the build copied next to the tests.</summary>
internal static class RunnerProcess
{
    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "RnnNotebooks.Runner"))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(10))) { p.Kill(true); throw new TimeoutException("runner did not finish in 10 minutes"); }
        return (p.ExitCode, stdout + stderr.Result);
    }

    /// <summary>Runs Debian's nbformat validator; null when it passes, the message otherwise; throws Skip-worthy null check when unavailable.</summary>
    public static string? Validate(string notebook)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("import nbformat,sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))");
        psi.ArgumentList.Add(notebook);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? null : err;
    }

    public static bool NbformatAvailable()
    {
        if (!File.Exists("/usr/bin/python3")) return false;
        using var p = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import nbformat"]) { RedirectStandardError = true, UseShellExecute = false })!;
        p.WaitForExit();
        return p.ExitCode == 0;
    }
}
