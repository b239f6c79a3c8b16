using System.Text;
using System.Text.RegularExpressions;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>One directive found in a cell.</summary>
/// <param name="Kind">What it asks for.</param>
/// <param name="Name">Package, project or path.</param>
/// <param name="Version">Package version, when given.</param>
/// <param name="Line">1-based line in the cell.</param>
public sealed record Directive(DirectiveKind Kind, string Name, string? Version, int Line);
