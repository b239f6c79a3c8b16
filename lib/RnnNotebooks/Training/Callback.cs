namespace RnnNotebooks.Training;

/// <summary>One finished training batch, as callbacks see it.</summary>
/// <param name="Epoch">Zero-based epoch index.</param>
/// <param name="Batch">Zero-based batch index within the epoch.</param>
/// <param name="BatchCount">Batches per epoch.</param>
/// <param name="Size">Samples in this batch.</param>
/// <param name="Loss">This batch's loss.</param>
public readonly record struct BatchResult(int Epoch, int Batch, int BatchCount, int Size, double Loss);

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

/// <summary>A callback made of delegates, for progress output and plots in notebooks (Keras's <c>LambdaCallback</c>).</summary>
public sealed class LambdaCallback : Callback
{
    private readonly Action<int, IReadOnlyDictionary<string, double>>? _onEpochEnd;
    private readonly Action<BatchResult>? _onBatchEnd;
    private readonly Action<int>? _onEpochBegin;

    /// <summary>Creates the callback from any of the delegates.</summary>
    /// <param name="onEpochEnd">Called with the zero-based epoch and its logs.</param>
    /// <param name="onBatchEnd">Called after every batch.</param>
    /// <param name="onEpochBegin">Called with the zero-based epoch before it starts.</param>
    public LambdaCallback(Action<int, IReadOnlyDictionary<string, double>>? onEpochEnd = null,
        Action<BatchResult>? onBatchEnd = null, Action<int>? onEpochBegin = null)
    {
        _onEpochEnd = onEpochEnd;
        _onBatchEnd = onBatchEnd;
        _onEpochBegin = onEpochBegin;
    }

    /// <inheritdoc />
    public override void OnEpochBegin(TrainingContext context, int epoch) => _onEpochBegin?.Invoke(epoch);

    /// <inheritdoc />
    public override void OnBatchEnd(TrainingContext context, BatchResult batch) => _onBatchEnd?.Invoke(batch);

    /// <inheritdoc />
    public override void OnEpochEnd(TrainingContext context, int epoch, IReadOnlyDictionary<string, double> logs) =>
        _onEpochEnd?.Invoke(epoch, logs);
}
