// The engine's contract: what both faces (the headless runner and the Jupyter kernel) see.
// Keep it the single seam between them; add members rather than fork behaviour.
namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// One value in several representations keyed by MIME type, as Jupyter's <c>data</c> field.
/// Text types map to <see cref="string"/>; JSON types (<c>application/json</c>,
/// <c>application/vnd.plotly.v1+json</c>) map to a <see cref="System.Text.Json.Nodes.JsonNode"/>.
/// </summary>
public sealed record MimeBundle(
    IReadOnlyDictionary<string, object> Data,
    IReadOnlyDictionary<string, object>? Metadata = null);

/// <summary>An error raised by a cell, already located inside that cell.</summary>
/// <param name="Name">Exception type name or <c>CompilationError</c>, <c>TimeoutError</c>, <c>KeyboardInterrupt</c>.</param>
/// <param name="Message">Human-readable message.</param>
/// <param name="Traceback">Lines for Jupyter's <c>traceback</c> field (plain text, no ANSI needed).</param>
/// <param name="Line">1-based line inside the cell, when known.</param>
/// <param name="Column">1-based column inside the cell, when known.</param>
public sealed record CellError(string Name, string Message, IReadOnlyList<string> Traceback, int? Line = null, int? Column = null);

/// <summary>Receives a cell's outputs as they happen, in order.</summary>
public interface ICellOutputSink
{
    /// <summary>The cell got its execution count (the session's counter) and is about to run; before any output.</summary>
    void Started(int executionCount) { }

    /// <summary>Text written to <c>stdout</c> or <c>stderr</c>.</summary>
    void Stream(string name, string text);

    /// <summary>A <c>display_data</c> output; <paramref name="displayId"/> lets it be updated later.</summary>
    void Display(MimeBundle bundle, string displayId);

    /// <summary>An <c>update_display_data</c>: replaces the earlier display with the same id.</summary>
    void UpdateDisplay(MimeBundle bundle, string displayId);

    /// <summary>The cell's trailing expression (<c>execute_result</c>).</summary>
    void Result(MimeBundle bundle, int executionCount);

    /// <summary>The cell failed.</summary>
    void Error(CellError error);
}

/// <summary>
/// A sink that can also ask the person at the front end for a line of text (Jupyter's <c>input_request</c>).
/// <c>Console.ReadLine()</c> in a cell reaches it; a sink without it has no input to give.
/// </summary>
public interface ICellInput
{
    /// <summary>Asks for one line of input and waits for it.</summary>
    /// <param name="prompt">Text shown next to the input box.</param>
    /// <param name="password">Whether the front end should hide what is typed.</param>
    /// <exception cref="InvalidOperationException">Input cannot be asked for here; the message says why.</exception>
    string ReadLine(string prompt, bool password);
}

/// <summary>How a cell ended.</summary>
public enum CellStatus
{
    /// <summary>Ran to the end.</summary>
    Ok,
    /// <summary>Did not compile or threw.</summary>
    Error,
    /// <summary>Stopped by <see cref="IScriptSession.Interrupt"/>.</summary>
    Interrupted,
    /// <summary>Stopped because it ran past its time limit.</summary>
    TimedOut,
}

/// <summary>The outcome of one cell.</summary>
public sealed record CellOutcome(CellStatus Status, int ExecutionCount, CellError? Error = null);

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

/// <summary>Completions offered at the cursor: each replaces the text from <paramref name="CursorStart"/> to <paramref name="CursorEnd"/>.</summary>
public sealed record CompletionResult(IReadOnlyList<string> Matches, int CursorStart, int CursorEnd)
{
    /// <summary>What each match is, in the order of <see cref="Matches"/>, when known.</summary>
    public IReadOnlyList<CompletionMatch>? Details { get; init; }
}

/// <summary>One completion and what it is.</summary>
/// <param name="Text">The text inserted.</param>
/// <param name="Kind">Lower-case kind as front ends name it: <c>method</c>, <c>property</c>, <c>field</c>, <c>class</c>, <c>keyword</c>...</param>
/// <param name="Signature">Its C# signature, such as <c>int List&lt;double&gt;.Count</c> or <c>void Console.WriteLine() (+ 19 overloads)</c>, when known.</param>
public sealed record CompletionMatch(string Text, string Kind, string? Signature);

/// <summary>Signature and documentation of the symbol at the cursor.</summary>
public sealed record InspectionResult(string PlainText, string? Markdown = null);

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

/// <summary>
/// Resolves <c>#r "nuget: Name, Version"</c> to assembly paths. The runner's resolver works
/// offline from packages the solution already restored; the kernel's may restore new ones.
/// </summary>
public interface IPackageResolver
{
    /// <summary>Returns the assemblies to reference, or throws <see cref="PackageResolutionException"/>.</summary>
    Task<IReadOnlyList<string>> ResolveAsync(string name, string? version, CancellationToken cancellationToken = default);
}

/// <summary>A package could not be provided; the message says which and why.</summary>
public sealed class PackageResolutionException(string message, Exception? inner = null) : Exception(message, inner);
