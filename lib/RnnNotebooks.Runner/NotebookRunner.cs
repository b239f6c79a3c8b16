using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Spectre.Console;

namespace RnnNotebooks.Runner;

/// <summary>The parent side: finds notebooks, runs each in its own worker process, shows live progress and a summary table.</summary>
internal static class NotebookRunner
{
    public static async Task<int> RunAsync(RunnerOptions options, IAnsiConsole console)
    {
        var root = FindRepositoryRoot(Environment.CurrentDirectory);
        List<string> notebooks;
        try { notebooks = CollectNotebooks(options, root); }
        catch (ArgumentException e)
        {
            console.WriteLine($"error: {e.Message}");
            return 64;
        }
        if (notebooks.Count == 0)
        {
            console.WriteLine($"error: no notebooks found (looked in {Path.Combine(root, "notebooks")}).");
            return 66;
        }
        var outDir = Path.GetFullPath(options.OutputDirectory ?? Path.Combine(root, "artifacts", "notebooks"));
        Directory.CreateDirectory(outDir);
        console.WriteLine($"Running {notebooks.Count} notebook{(notebooks.Count == 1 ? "" : "s")} → {Relative(outDir)}");

        var outcomes = new List<NotebookOutcome>();
        var progress = RunProgress.For(console);
        await progress.RunAsync(async view =>
        {
            for (var i = 0; i < notebooks.Count; i++)
            {
                view.NotebookStarted(i + 1, notebooks.Count, Path.GetFileName(notebooks[i]));
                var outcome = await RunWorkerAsync(notebooks[i], options, outDir, view);
                outcomes.Add(outcome);
                view.NotebookFinished(outcome);
            }
        });

        console.WriteLine();
        console.Write(RunProgress.Summary(outcomes));
        var failed = outcomes.Where(o => o.Status != "ok").ToList();
        if (failed.Count == 0)
        {
            console.WriteLine($"All {outcomes.Count} notebooks ran. Outputs in {Relative(outDir)}");
            return 0;
        }
        console.WriteLine();
        foreach (var f in failed) console.WriteLine($"FAILED {f.Name}: {f.Detail?.Split('\n')[0]}");
        return 1;
    }

    private static async Task<NotebookOutcome> RunWorkerAsync(string notebook, RunnerOptions options, string outDir, RunProgress view)
    {
        var name = Path.GetFileName(notebook);
        var stem = Path.GetFileNameWithoutExtension(notebook);
        var notebookOut = options.InPlace ? notebook : Path.Combine(outDir, name);
        var htmlOut = Path.Combine(outDir, stem + ".html");
        var watch = Stopwatch.StartNew();

        var psi = WorkerStartInfo();
        foreach (var a in new[] { "--worker", notebook, "--notebook-out", notebookOut, "--html", htmlOut,
                     "--timeout", options.CellTimeout is { } t ? t.TotalSeconds.ToString(CultureInfo.InvariantCulture) : "0" })
            psi.ArgumentList.Add(a);
        if (options.Offline) psi.ArgumentList.Add("--offline");
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;

        using var process = Process.Start(psi)!;
        WorkerResult? result = null;
        var lastCell = 0;
        var stderr = new List<string>();
        var errTask = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
                lock (stderr) { stderr.Add(line); if (stderr.Count > 40) stderr.RemoveAt(0); }
        });
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (Payload(line, WorkerResult.CellPrefix) is { } started && int.TryParse(started, out lastCell)) view.CellStarted(lastCell);
            else if (Payload(line, WorkerResult.CellDonePrefix) is { } done && done.Split(' ') is [var cell, var status, var seconds])
                view.CellFinished(int.Parse(cell, CultureInfo.InvariantCulture), status, double.Parse(seconds, CultureInfo.InvariantCulture));
            else if (Payload(line, WorkerResult.ProgressPrefix) is { } shown && shown.IndexOf(' ') is > 0 and var space)
                view.CellProgress(int.Parse(shown[..space], CultureInfo.InvariantCulture), shown[(space + 1)..]);
            else if (Payload(line, WorkerResult.LogPrefix) is { } message) view.Log(message);
            else if (WorkerResult.FromLine(line) is { } r) result = r;
        }
        await process.WaitForExitAsync();
        await errTask;
        var elapsed = watch.Elapsed.TotalSeconds;

        if (result is null)
        {
            string tail;
            lock (stderr) tail = string.Join("\n", stderr.Where(l => l.Trim().Length > 0).Take(6));
            var where = lastCell > 0 ? $"cell {lastCell}" : "before the first cell";
            return new NotebookOutcome(name, lastCell, elapsed, "crashed",
                $"{notebook}, {where}: the notebook's process exited with code {process.ExitCode} before finishing" +
                (tail.Length > 0 ? $":\n{tail}" : "."));
        }
        if (result.Status == "ok")
            return new NotebookOutcome(name, result.CodeCells, elapsed, "ok",
                result.FirstCellSeconds is { } f ? $"first cell done {f.ToString("0.00", CultureInfo.InvariantCulture)} s after start" : null);
        var location = result.FailedCell is { } c ? $", cell {c}{(result.Line is { } l ? $", line {l}" : "")}" : "";
        return new NotebookOutcome(name, result.ExecutedCells, elapsed, result.Status == "invalid" ? "invalid" : "FAILED",
            $"{notebook}{location}: {result.ErrorName}: {result.Message}");
    }

    private static string? Payload(string line, string prefix) =>
        line.StartsWith(prefix, StringComparison.Ordinal) ? line[prefix.Length..] : null;

    private static ProcessStartInfo WorkerStartInfo()
    {
        var host = Environment.ProcessPath!;
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            var psi = new ProcessStartInfo(host);
            psi.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
            return psi;
        }
        return new ProcessStartInfo(host);
    }

    private static List<string> CollectNotebooks(RunnerOptions options, string root)
    {
        if (options.Notebooks.Count == 0)
        {
            var dir = Path.Combine(root, "notebooks");
            return Directory.Exists(dir) ? Directory.GetFiles(dir, "*.ipynb").Order(StringComparer.Ordinal).ToList() : [];
        }
        var list = new List<string>();
        foreach (var p in options.Notebooks)
        {
            var full = Path.GetFullPath(p);
            if (Directory.Exists(full)) list.AddRange(Directory.GetFiles(full, "*.ipynb").Order(StringComparer.Ordinal));
            else if (File.Exists(full)) list.Add(full);
            else throw new ArgumentException($"'{p}' is neither a notebook nor a folder.");
        }
        return list;
    }

    /// <summary>The nearest folder upwards holding a solution file and a notebooks folder, else the start folder.</summary>
    internal static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "notebooks")) && dir.GetFiles("*.sln*").Length > 0) return dir.FullName;
        return start;
    }

    private static string Relative(string path)
    {
        var rel = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return rel.StartsWith("..", StringComparison.Ordinal) ? path : rel;
    }
}
