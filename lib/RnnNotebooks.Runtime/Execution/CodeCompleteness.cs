namespace RnnNotebooks.Runtime.Execution;

/// <summary>Whether a piece of code is ready to run (Jupyter's <c>is_complete</c>).</summary>
public enum CodeCompleteness
{
    /// <summary>Can run as it is.</summary>
    Complete,
    /// <summary>More input is expected (an open brace, say).</summary>
    Incomplete,
    /// <summary>Cannot become valid by adding text.</summary>
    Invalid,
    /// <summary>Cannot tell.</summary>
    Unknown,
}
