using System.Text;
using System.Text.RegularExpressions;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// A cell split into its directives and the C# code left for the compiler: <c>#r</c> lines are blanked (so line
/// numbers stay), <c>#load</c> lines are kept for the compiler to resolve.
/// </summary>
public sealed record ParsedCell(string Code, IReadOnlyList<Directive> Directives, IReadOnlyList<DirectiveError> Errors);
