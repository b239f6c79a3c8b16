using System.Diagnostics;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Runtime.Notebooks;

/// <summary>Settings for running a whole notebook.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Per-cell time limit; null means none.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>Called before each code cell runs (progress, crash attribution).</summary>
    public Action<NotebookCell>? CellStarting { get; init; }

    /// <summary>Called after each code cell ran, with how it ended and how long it took.</summary>
    public Action<NotebookCell, CellOutcome, TimeSpan>? CellFinished { get; init; }

    /// <summary>Called when a cell shows or updates a display (its own progress, such as epochs while training).</summary>
    public Action<NotebookCell, MimeBundle>? DisplayChanged { get; init; }
}

/// <summary>How a notebook run ended.</summary>
/// <param name="CodeCells">Code cells in the notebook.</param>
/// <param name="ExecutedCells">Code cells that ran (up to and including a failing one).</param>
/// <param name="Status">Ok, or how the failing cell ended.</param>
/// <param name="FailedCell">The failing cell's 1-based position in the notebook.</param>
/// <param name="Error">The failing cell's error.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record NotebookRunResult(int CodeCells, int ExecutedCells, CellStatus Status, int? FailedCell, CellError? Error, TimeSpan Elapsed)
{
    /// <summary>Whether every code cell ran without error.</summary>
    public bool Succeeded => Status == CellStatus.Ok;
}

/// <summary>Runs a notebook's code cells in order in one session, writing their outputs into the document.</summary>
public static class NotebookExecutor
{
    /// <summary>
    /// Clears old outputs, then runs every code cell of <paramref name="notebook"/> in <paramref name="session"/>, stopping at
    /// the first failing cell (its error is in its outputs). Markdown and raw cells are skipped.
    /// </summary>
    public static async Task<NotebookRunResult> RunAsync(NotebookDocument notebook, IScriptSession session, NotebookRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new NotebookRunOptions();
        var watch = Stopwatch.StartNew();
        var codeCells = notebook.Cells.Where(c => c.IsCode).ToList();
        foreach (var cell in codeCells)
        {
            cell.Outputs.Clear();
            cell.SetExecutionCount(null);
        }
        if (!notebook.Metadata.ContainsKey("kernelspec")) notebook.Metadata["kernelspec"] = NotebookMetadata.KernelSpec();
        if (!notebook.Metadata.ContainsKey("language_info")) notebook.Metadata["language_info"] = NotebookMetadata.LanguageInfo();

        var sink = new NotebookOutputSink();
        var executed = 0;
        foreach (var cell in codeCells)
        {
            cancellationToken.ThrowIfCancellationRequested();
            options.CellStarting?.Invoke(cell);
            sink.BeginCell(cell);
            var cellWatch = Stopwatch.StartNew();
            ICellOutputSink cellSink = options.DisplayChanged is { } changed ? new DisplayObserver(sink, bundle => changed(cell, bundle)) : sink;
            var outcome = await session.ExecuteAsync(cell.Source, cellSink,
                new CellExecutionOptions { Timeout = options.CellTimeout, CellNumber = cell.Number }, cancellationToken);
            executed++;
            cell.SetExecutionCount(outcome.ExecutionCount);
            options.CellFinished?.Invoke(cell, outcome, cellWatch.Elapsed);
            if (outcome.Status != CellStatus.Ok)
                return new NotebookRunResult(codeCells.Count, executed, outcome.Status, cell.Number, outcome.Error, watch.Elapsed);
        }
        return new NotebookRunResult(codeCells.Count, executed, CellStatus.Ok, null, null, watch.Elapsed);
    }
}

/// <summary>Passes outputs on to the notebook and tells an observer about displays and their updates.</summary>
internal sealed class DisplayObserver(ICellOutputSink inner, Action<MimeBundle> changed) : ICellOutputSink
{
    public void Started(int executionCount) => inner.Started(executionCount);

    public void Stream(string name, string text) => inner.Stream(name, text);

    public void Display(MimeBundle bundle, string displayId)
    {
        inner.Display(bundle, displayId);
        changed(bundle);
    }

    public void UpdateDisplay(MimeBundle bundle, string displayId)
    {
        inner.UpdateDisplay(bundle, displayId);
        changed(bundle);
    }

    public void Result(MimeBundle bundle, int executionCount) => inner.Result(bundle, executionCount);

    public void Error(CellError error) => inner.Error(error);
}
