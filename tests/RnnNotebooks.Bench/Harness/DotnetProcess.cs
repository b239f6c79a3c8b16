using System.Diagnostics;

namespace RnnNotebooks.Bench.Harness;

/// <summary>Runs <c>dotnet</c> commands for the workloads that time whole programs.</summary>
public static class DotnetProcess
{
    /// <summary>Where those programs are built, away from the repository's own bin/obj folders.</summary>
    public static string ArtifactsPath =>
        Environment.GetEnvironmentVariable("RNN_BENCH_ARTIFACTS") ?? Path.Combine(Path.GetTempPath(), "rnnnotebooks-bench");

    /// <summary>Runs <c>dotnet args</c> in the repository root; throws with its output when it fails.</summary>
    public static void Run(Repository repository, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{Tail(stdout)}\n{Tail(stderr.Result)}");
    }

    private static string Tail(string text) => string.Join('\n', text.Trim().Split('\n').TakeLast(15));
}
