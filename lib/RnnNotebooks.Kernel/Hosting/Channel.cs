namespace RnnNotebooks.Kernel.Hosting;

/// <summary>The five Jupyter channels.</summary>
public enum Channel
{
    /// <summary>Requests from frontends (ROUTER).</summary>
    Shell,
    /// <summary>Broadcast of outputs and status (PUB).</summary>
    IOPub,
    /// <summary>Input requests to frontends (ROUTER).</summary>
    Stdin,
    /// <summary>Interrupt, shutdown and other urgent requests (ROUTER).</summary>
    Control,
    /// <summary>Liveness echo (REP).</summary>
    Heartbeat,
}
