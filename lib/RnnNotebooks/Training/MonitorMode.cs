namespace RnnNotebooks.Training;

/// <summary>Whether a monitored metric should fall or rise.</summary>
public enum MonitorMode
{
    /// <summary>Rise for names containing "acc", fall otherwise (Keras's "auto").</summary>
    Auto,

    /// <summary>Lower is better.</summary>
    Min,

    /// <summary>Higher is better.</summary>
    Max,
}
