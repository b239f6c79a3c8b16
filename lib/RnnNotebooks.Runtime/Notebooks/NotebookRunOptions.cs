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
