namespace RnnNotebooks.Runtime.Execution;

/// <summary>The outcome of one cell.</summary>
public sealed record CellOutcome(CellStatus Status, int ExecutionCount, CellError? Error = null);
