using System.Text;
using System.Text.RegularExpressions;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>The kinds of directive the engine handles before the C# compiler sees a cell.</summary>
public enum DirectiveKind
{
    /// <summary><c>#r "nuget: Name, Version"</c>.</summary>
    NuGet,
    /// <summary><c>#r "project: Name"</c>: a library project of the repository, built from the working tree.</summary>
    Project,
    /// <summary><c>#r "path/to/Assembly.dll"</c>, relative to the notebook's folder.</summary>
    Assembly,
    /// <summary><c>#load "path/to/script.csx"</c>: a C# script compiled with the cell (left in the code for the compiler).</summary>
    Load,
}
