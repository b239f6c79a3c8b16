using System.Diagnostics;
using System.Text.RegularExpressions;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>A library project could not be found or built; the message says which and why.</summary>
public sealed class ProjectBuildException(string message) : Exception(message);
