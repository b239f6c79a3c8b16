using System.Diagnostics;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Runtime.Notebooks;

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
