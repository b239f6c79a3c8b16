namespace RnnNotebooks.Runtime.Execution;

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
