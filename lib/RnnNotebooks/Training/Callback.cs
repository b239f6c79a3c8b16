namespace RnnNotebooks.Training;

/// <summary>Hooks into <see cref="Trainer.Fit"/>, as Keras callbacks do. Override what you need.</summary>
public abstract class Callback
{
    /// <summary>Before the first epoch.</summary>
    public virtual void OnTrainBegin(TrainingContext context) { }

    /// <summary>Before each epoch (zero-based index).</summary>
    public virtual void OnEpochBegin(TrainingContext context, int epoch) { }

    /// <summary>After each optimizer step; keep it cheap, it runs every batch.</summary>
    public virtual void OnBatchEnd(TrainingContext context, BatchResult batch) { }

    /// <summary>After each epoch, with that epoch's logs (the values just appended to the history).</summary>
    public virtual void OnEpochEnd(TrainingContext context, int epoch, IReadOnlyDictionary<string, double> logs) { }

    /// <summary>After the last epoch, or after a callback stopped training.</summary>
    public virtual void OnTrainEnd(TrainingContext context) { }
}
