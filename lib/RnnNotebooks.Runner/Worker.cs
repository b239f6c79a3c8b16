using System.Diagnostics;
using System.Globalization;
using RnnNotebooks.Runtime.Execution;
using RnnNotebooks.Runner.Export;
using RnnNotebooks.Runtime.IO;
using RnnNotebooks.Runtime.Notebooks;
using RnnNotebooks.Runtime.Packages;

namespace RnnNotebooks.Runner;

/// <summary>Runs one notebook in this process (the child side of the runner) and reports on the protocol stream.</summary>
internal static class Worker
{
    public static async Task<int> RunAsync(RunnerOptions options, TextWriter protocol)
    {
        var path = Path.GetFullPath(options.Notebooks.Single());
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        NotebookDocument notebook;
        try { notebook = NotebookDocument.Load(path); }
        catch (NotebookFormatException e)
        {
            Report(protocol, new WorkerResult { Status = "invalid", ErrorName = "NotebookFormatError", Message = e.Message });
            return 2;
        }

        var directory = Path.GetDirectoryName(path)!;
        Environment.CurrentDirectory = directory;
        double? firstCell = null;
        void Send(string line)
        {
            lock (protocol)
            {
                protocol.WriteLine(line);
                protocol.Flush();
            }
        }
        Action<string> log = message => Send(WorkerResult.LogPrefix + message);
        using var session = new ScriptSession(new ScriptSessionOptions
        {
            WorkingDirectory = directory,
            // The kernel's resolver, cache and sources: a notebook that restores a package runs in both.
            PackageResolver = PackageResolvers.Create(options.Offline, log),
            Log = log,
        });
        var lastProgress = 0L;
        var run = await NotebookExecutor.RunAsync(notebook, session, new NotebookRunOptions
        {
            CellTimeout = options.CellTimeout,
            CellStarting = cell =>
            {
                if (session.ExecutionCount == 1 && firstCell is null) firstCell = (DateTime.UtcNow - started).TotalSeconds;
                Send(WorkerResult.CellPrefix + cell.Number);
            },
            CellFinished = (cell, outcome, elapsed) =>
                Send(string.Create(CultureInfo.InvariantCulture, $"{WorkerResult.CellDonePrefix}{cell.Number} {outcome.Status} {elapsed.TotalSeconds:0.00}")),
            DisplayChanged = (cell, bundle) =>
            {
                // A training loop may update its display every batch: a few lines a second are enough to follow it.
                var now = Environment.TickCount64;
                if (now - Interlocked.Read(ref lastProgress) < 100) return;
                Interlocked.Exchange(ref lastProgress, now);
                if (ProgressText.From(bundle) is { Length: > 0 } text) Send($"{WorkerResult.ProgressPrefix}{cell.Number} {text}");
            },
        });
        if (run.ExecutedCells == 1 && firstCell is null) firstCell = (DateTime.UtcNow - started).TotalSeconds;

        var notebookOut = options.NotebookOutputPath!;
        AtomicFile.WriteAllText(notebookOut, notebook.Serialize());
        AtomicFile.WriteAllText(options.HtmlPath!, HtmlExporter.Render(notebook, Path.GetFileNameWithoutExtension(path)));

        Report(protocol, new WorkerResult
        {
            Status = run.Succeeded ? "ok" : run.Status switch { CellStatus.TimedOut => "timeout", CellStatus.Interrupted => "interrupted", _ => "error" },
            CodeCells = run.CodeCells,
            ExecutedCells = run.ExecutedCells,
            FailedCell = run.FailedCell,
            Line = run.Error?.Line,
            ErrorName = run.Error?.Name,
            Message = run.Error?.Message,
            FirstCellSeconds = firstCell,
            NotebookOutput = notebookOut,
            HtmlOutput = options.HtmlPath,
        });
        return run.Succeeded ? 0 : 1;
    }

    private static void Report(TextWriter protocol, WorkerResult result)
    {
        lock (protocol)
        {
            protocol.WriteLine(result.ToLine());
            protocol.Flush();
        }
    }
}
