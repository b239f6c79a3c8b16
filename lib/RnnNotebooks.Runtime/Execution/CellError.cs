namespace RnnNotebooks.Runtime.Execution;

/// <summary>An error raised by a cell, already located inside that cell.</summary>
/// <param name="Name">Exception type name or <c>CompilationError</c>, <c>TimeoutError</c>, <c>KeyboardInterrupt</c>.</param>
/// <param name="Message">Human-readable message.</param>
/// <param name="Traceback">Lines for Jupyter's <c>traceback</c> field (plain text, no ANSI needed).</param>
/// <param name="Line">1-based line inside the cell, when known.</param>
/// <param name="Column">1-based column inside the cell, when known.</param>
public sealed record CellError(string Name, string Message, IReadOnlyList<string> Traceback, int? Line = null, int? Column = null);
