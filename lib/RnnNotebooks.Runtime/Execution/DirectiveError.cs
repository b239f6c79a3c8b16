using System.Text;
using System.Text.RegularExpressions;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>A directive the engine does not understand.</summary>
/// <param name="Line">1-based line in the cell.</param>
/// <param name="Message">What was expected and what came.</param>
public sealed record DirectiveError(int Line, string Message);
