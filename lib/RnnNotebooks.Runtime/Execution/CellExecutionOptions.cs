namespace RnnNotebooks.Runtime.Execution;

/// <summary>Per-cell execution settings.</summary>
public sealed record CellExecutionOptions
{
    /// <summary>Stop the cell after this long; <c>null</c> means no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>1-based cell number used in error messages (the runner's notebook position).</summary>
    public int? CellNumber { get; init; }

    /// <summary>Whether the cell counts in <see cref="IScriptSession.ExecutionCount"/> (Jupyter's <c>store_history</c>); default true.</summary>
    public bool StoreHistory { get; init; } = true;
}
