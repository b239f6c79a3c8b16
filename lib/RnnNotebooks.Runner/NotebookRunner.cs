using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace RnnNotebooks.Runner;

/// <summary>The parent side: finds notebooks, runs each in its own worker process, prints progress and a summary.</summary>
internal static class NotebookRunner
{
    private sealed record Outcome(string Name, int Cells, double Seconds, string Status, string? Detail);

    public static async Task<int> RunAsync(RunnerOptions options, TextWriter console)
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

        var outcomes = new List<Outcome>();
        for (var i = 0; i < notebooks.Count; i++)
        {
            var nb = notebooks[i];
            var name = Path.GetFileName(nb);
            console.Write($"[{i + 1}/{notebooks.Count}] {name} ");
            console.Flush();
            var outcome = await RunWorkerAsync(nb, options, outDir, console);
            outcomes.Add(outcome);
            console.WriteLine($"{outcome.Status} ({outcome.Cells} cells, {outcome.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s)");
            if (outcome.Detail is not null)
                foreach (var line in outcome.Detail.Split('\n').Take(12)) console.WriteLine($"      {line}");
        }

        PrintSummary(console, outcomes);
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

    private static async Task<Outcome> RunWorkerAsync(string notebook, RunnerOptions options, string outDir, TextWriter console)
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
            if (line.StartsWith(WorkerResult.CellPrefix, StringComparison.Ordinal)) { int.TryParse(line[WorkerResult.CellPrefix.Length..], out lastCell); console.Write('.'); }
            else if (line.StartsWith(WorkerResult.LogPrefix, StringComparison.Ordinal)) console.Write($"({line[WorkerResult.LogPrefix.Length..]}) ");
            else if (WorkerResult.FromLine(line) is { } r) result = r;
            console.Flush();
        }
        await process.WaitForExitAsync();
        await errTask;
        console.Write(' ');
        var seconds = watch.Elapsed.TotalSeconds;

        if (result is null)
        {
            string tail;
            lock (stderr) tail = string.Join("\n", stderr.Where(l => l.Trim().Length > 0).Take(6));
            var where = lastCell > 0 ? $"cell {lastCell}" : "before the first cell";
            return new Outcome(name, lastCell, seconds, "crashed",
                $"{notebook}, {where}: the notebook's process exited with code {process.ExitCode} before finishing" +
                (tail.Length > 0 ? $":\n{tail}" : "."));
        }
        if (result.Status == "ok")
            return new Outcome(name, result.CodeCells, seconds, "ok",
                result.FirstCellSeconds is { } f ? $"first cell done {f.ToString("0.00", CultureInfo.InvariantCulture)} s after start" : null);
        var location = result.FailedCell is { } c ? $", cell {c}{(result.Line is { } l ? $", line {l}" : "")}" : "";
        return new Outcome(name, result.ExecutedCells, seconds, result.Status == "invalid" ? "invalid" : "FAILED",
            $"{notebook}{location}: {result.ErrorName}: {result.Message}");
    }

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

    private static void PrintSummary(TextWriter console, List<Outcome> outcomes)
    {
        var width = Math.Max("Notebook".Length, outcomes.Max(o => o.Name.Length));
        console.WriteLine();
        console.WriteLine($"{"Notebook".PadRight(width)}  Cells  Seconds  Status");
        console.WriteLine($"{new string('-', width)}  -----  -------  -------");
        foreach (var o in outcomes)
            console.WriteLine($"{o.Name.PadRight(width)}  {o.Cells,5}  {o.Seconds.ToString("0.0", CultureInfo.InvariantCulture),7}  {o.Status}");
        console.WriteLine();
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
