namespace RnnNotebooks.Training;

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
