namespace RnnNotebooks.Runtime.Execution;

/// <summary>One completion and what it is.</summary>
/// <param name="Text">The text inserted.</param>
/// <param name="Kind">Lower-case kind as front ends name it: <c>method</c>, <c>property</c>, <c>field</c>, <c>class</c>, <c>keyword</c>...</param>
/// <param name="Signature">Its C# signature, such as <c>int List&lt;double&gt;.Count</c> or <c>void Console.WriteLine() (+ 19 overloads)</c>, when known.</param>
public sealed record CompletionMatch(string Text, string Kind, string? Signature);
