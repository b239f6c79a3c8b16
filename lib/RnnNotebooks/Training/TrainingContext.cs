namespace RnnNotebooks.Training;

/// <summary>What callbacks can see of a running <see cref="Trainer.Fit"/>, and how they stop it.</summary>
public sealed class TrainingContext
{
    internal TrainingContext(ILayer model, IOptimizer optimizer, History history, int epochs, int batchCount)
    {
        Model = model;
        Optimizer = optimizer;
        History = history;
        Epochs = epochs;
        BatchCount = batchCount;
    }

    /// <summary>The model being trained.</summary>
    public ILayer Model { get; }

    /// <summary>The optimizer updating it (a callback may change its learning rate).</summary>
    public IOptimizer Optimizer { get; }

    /// <summary>The history so far.</summary>
    public History History { get; }

    /// <summary>Epochs requested.</summary>
    public int Epochs { get; }

    /// <summary>Training batches per epoch.</summary>
    public int BatchCount { get; }

    /// <summary>Set to true to end training after the current epoch.</summary>
    public bool StopTraining { get; set; }
}
