using System.Collections.Concurrent;
using System.ComponentModel;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>Thrown inside a cell to unwind it when it is interrupted or times out.</summary>
public sealed class ScriptInterruptedException() : Exception("The cell was interrupted.");
