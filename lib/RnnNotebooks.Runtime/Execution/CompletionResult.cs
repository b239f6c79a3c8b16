namespace RnnNotebooks.Runtime.Execution;

/// <summary>Completions offered at the cursor: each replaces the text from <paramref name="CursorStart"/> to <paramref name="CursorEnd"/>.</summary>
public sealed record CompletionResult(IReadOnlyList<string> Matches, int CursorStart, int CursorEnd)
{
    /// <summary>What each match is, in the order of <see cref="Matches"/>, when known.</summary>
    public IReadOnlyList<CompletionMatch>? Details { get; init; }
}
