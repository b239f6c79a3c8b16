namespace RnnNotebooks.Data;

/// <summary>
/// Fills reusable batch tensors from a <see cref="Dataset"/>: one pair of full-size tensors and,
/// when N is not a multiple of the batch size, one pair for the smaller last batch (kept, as Keras
/// does). Filling a batch allocates nothing; the returned tensors are overwritten by the next fill.
/// </summary>
public sealed class DatasetBatcher
{
    private readonly Dataset _dataset;
    private readonly Tensor _inputs, _targets;
    private readonly Tensor? _lastInputs, _lastTargets;

    internal DatasetBatcher(Dataset dataset, int batchSize)
    {
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"Expected a positive batch size; got {batchSize}.");
        _dataset = dataset;
        BatchSize = Math.Min(batchSize, dataset.Count);
        BatchCount = (dataset.Count + BatchSize - 1) / BatchSize;
        LastBatchSize = dataset.Count - (BatchCount - 1) * BatchSize;
        _inputs = new Tensor([BatchSize, .. dataset.InputShape]);
        _targets = new Tensor([BatchSize, .. dataset.TargetShape]);
        if (LastBatchSize != BatchSize)
        {
            _lastInputs = new Tensor([LastBatchSize, .. dataset.InputShape]);
            _lastTargets = new Tensor([LastBatchSize, .. dataset.TargetShape]);
        }
    }

    /// <summary>Samples per full batch (the requested size, or N if smaller).</summary>
    public int BatchSize { get; }

    /// <summary>Batches per pass over the data, the last one possibly partial.</summary>
    public int BatchCount { get; }

    /// <summary>Samples in the last batch.</summary>
    public int LastBatchSize { get; }

    /// <summary>
    /// Fills batch <paramref name="batch"/> of the ordering <paramref name="order"/> (a permutation of
    /// the sample indices, or any index list of length N) and returns the batch tensors.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="order"/> does not hold N indices.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is outside 0 … <see cref="BatchCount"/> − 1.</exception>
    public (Tensor Inputs, Tensor Targets) Fill(ReadOnlySpan<int> order, int batch)
    {
        if (order.Length != _dataset.Count)
            throw new ArgumentException($"Expected an ordering of {_dataset.Count} sample indices; got {order.Length}.", nameof(order));
        if ((uint)batch >= (uint)BatchCount)
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"Expected a batch index in 0 … {BatchCount - 1}; got {batch}.");
        bool last = batch == BatchCount - 1 && _lastInputs is not null;
        int start = batch * BatchSize;
        var (inputs, targets) = last ? (_lastInputs!, _lastTargets!) : (_inputs, _targets);
        _dataset.CopySamples(order.Slice(start, inputs.Shape[0]), inputs, targets);
        return (inputs, targets);
    }
}
