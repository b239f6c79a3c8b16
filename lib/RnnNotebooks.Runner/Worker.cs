using System.Diagnostics;
using RnnNotebooks.Runtime.Execution;
using RnnNotebooks.Runtime.Export;
using RnnNotebooks.Runtime.IO;
using RnnNotebooks.Runtime.Notebooks;

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
        using var session = new ScriptSession(new ScriptSessionOptions
        {
            WorkingDirectory = directory,
            Log = message => { lock (protocol) protocol.WriteLine(WorkerResult.LogPrefix + message); },
        });
        var run = await NotebookExecutor.RunAsync(notebook, session, new NotebookRunOptions
        {
            CellTimeout = options.CellTimeout,
            CellStarting = cell =>
            {
                if (session.ExecutionCount == 1 && firstCell is null) firstCell = (DateTime.UtcNow - started).TotalSeconds;
                lock (protocol) protocol.WriteLine(WorkerResult.CellPrefix + cell.Number);
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
