using System.Diagnostics;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Runtime.Notebooks;

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
