// The engine's contract: what both faces (the headless runner and the Jupyter kernel) see.
// Keep it the single seam between them; add members rather than fork behaviour.
namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// One C# script session: cells run in order and share their variables.
/// Implementations are used from one thread at a time, except <see cref="Interrupt"/>,
/// which may be called from any thread while a cell runs.
/// </summary>
public interface IScriptSession : IDisposable
{
    /// <summary>Cells executed so far that count (Jupyter's execution count): the one counter both front ends use.</summary>
    int ExecutionCount { get; }

    /// <summary>Runs one cell, streaming its outputs to <paramref name="sink"/>.</summary>
    Task<CellOutcome> ExecuteAsync(string code, ICellOutputSink sink, CellExecutionOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stops the running cell and the work it started on other threads, even busy loops, leaving the session and
    /// its earlier variables usable. Safe from any thread; does nothing when no cell runs.
    /// </summary>
    void Interrupt();

    /// <summary>Completions at <paramref name="cursor"/> (a UTF-16 offset into <paramref name="code"/>).</summary>
    Task<CompletionResult> CompleteAsync(string code, int cursor, CancellationToken cancellationToken = default);

    /// <summary>The signature and docs of the symbol at <paramref name="cursor"/>, or null.</summary>
    Task<InspectionResult?> InspectAsync(string code, int cursor, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="code"/> is a complete submission.</summary>
    CodeCompleteness IsComplete(string code);
}
