using System.Diagnostics;
using System.Text.Json;

namespace RnnNotebooks.Bench.Harness;

/// <summary>
/// Runs a peer script under Debian's Python (the one that has <c>python3-torch</c>) and returns the
/// JSON object on the last line it prints.
/// </summary>
public static class PythonPeer
{
    /// <summary>The interpreter that can import torch; the first <c>python3</c> on PATH may not.</summary>
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>Why the peer cannot run on this machine, or null when it can.</summary>
    public static string? Unavailable(Repository repository, string script)
    {
        if (!File.Exists(Interpreter)) return $"{Interpreter} is missing";
        if (!File.Exists(repository.Path("scripts", "bench", script))) return $"scripts/bench/{script} is missing";
        return null;
    }

    /// <summary>Runs <c>scripts/bench/<paramref name="script"/></c>; null (with a message) when it cannot run or fails.</summary>
    public static JsonElement? Run(Repository repository, string script, IReadOnlyList<string> arguments)
    {
        if (Unavailable(repository, script) is { } reason)
        {
            Console.WriteLine($"  PyTorch peer skipped: {reason}");
            return null;
        }
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repository.Root,
        };
        start.ArgumentList.Add(repository.Path("scripts", "bench", script));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string? last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (process.ExitCode != 0 || last is null || !last.StartsWith('{'))
        {
            Console.WriteLine($"  PyTorch peer {script} failed (exit {process.ExitCode}): {stderr.Result.Trim().Split('\n').LastOrDefault()}");
            return null;
        }
        return JsonDocument.Parse(last).RootElement.Clone();
    }
}
