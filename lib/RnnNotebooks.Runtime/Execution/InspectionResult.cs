namespace RnnNotebooks.Runtime.Execution;

/// <summary>Signature and documentation of the symbol at the cursor.</summary>
public sealed record InspectionResult(string PlainText, string? Markdown = null);
