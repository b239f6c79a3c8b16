using System.Runtime.CompilerServices;
using RnnNotebooks.Random;

namespace RnnNotebooks.Data;

/// <summary>
/// Paired inputs and targets whose first dimension is the sample: inputs <c>[N, …]</c>,
/// targets <c>[N, …]</c>. Sequences are <c>[N, time, features]</c>; class targets hold indices.
/// </summary>
public sealed class Dataset
{
    /// <summary>Pairs <paramref name="inputs"/> with <paramref name="targets"/> (not copied).</summary>
    /// <exception cref="ArgumentException">The dataset is empty or the sample counts differ; the message names both.</exception>
    public Dataset(Tensor inputs, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Shape[0] == 0 || inputs.Length == 0)
            throw new ArgumentException($"Expected a non-empty dataset; got inputs of shape [{Dims(inputs.Shape)}] with no values.", nameof(inputs));
        if (targets.Shape[0] != inputs.Shape[0])
            throw new ArgumentException(
                $"Expected as many targets as inputs: inputs [{Dims(inputs.Shape)}] hold {inputs.Shape[0]} samples but targets [{Dims(targets.Shape)}] hold {targets.Shape[0]}.",
                nameof(targets));
        if (targets.Length == 0)
            throw new ArgumentException($"Expected targets with values; got shape [{Dims(targets.Shape)}].", nameof(targets));
        Inputs = inputs;
        Targets = targets;
        Count = inputs.Shape[0];
        InputSize = inputs.Length / Count;
        TargetSize = targets.Length / Count;
    }

    /// <summary>All inputs, <c>[N, …]</c>.</summary>
    public Tensor Inputs { get; }

    /// <summary>All targets, <c>[N, …]</c>.</summary>
    public Tensor Targets { get; }

    /// <summary>Number of samples N.</summary>
    public int Count { get; }

    /// <summary>The shape of one input sample (the input shape without its first dimension).</summary>
    public IReadOnlyList<int> InputShape => Inputs.Shape.Skip(1).ToArray();

    /// <summary>The shape of one target (the target shape without its first dimension).</summary>
    public IReadOnlyList<int> TargetShape => Targets.Shape.Skip(1).ToArray();

    /// <summary>Values per input sample.</summary>
    public int InputSize { get; }

    /// <summary>Values per target.</summary>
    public int TargetSize { get; }

    /// <summary>
    /// Builds a dataset from one input row and one target row per sample: inputs <c>[N, F]</c>,
    /// targets <c>[N, K]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No rows, different row counts, or ragged rows (named by index and length).</exception>
    public static Dataset FromRows(IReadOnlyList<double[]> inputRows, IReadOnlyList<double[]> targetRows)
    {
        ArgumentNullException.ThrowIfNull(inputRows);
        ArgumentNullException.ThrowIfNull(targetRows);
        if (inputRows.Count == 0) throw new ArgumentException("Expected a non-empty dataset; got 0 input rows.", nameof(inputRows));
        if (inputRows.Count != targetRows.Count)
            throw new ArgumentException($"Expected as many target rows as input rows ({inputRows.Count}); got {targetRows.Count}.", nameof(targetRows));
        return new Dataset(Tensor.FromRows(inputRows), Tensor.FromRows(targetRows));
    }

    /// <summary>The same data with each input sample viewed under another shape, e.g. <c>(10)</c> as <c>(10, 1)</c>.</summary>
    /// <exception cref="ArgumentException">The shape does not hold <see cref="InputSize"/> values.</exception>
    public Dataset ReshapeInputs(params int[] sampleShape)
    {
        ArgumentNullException.ThrowIfNull(sampleShape);
        long size = 1;
        foreach (int d in sampleShape) size *= d;
        if (size != InputSize || sampleShape.Any(d => d <= 0))
            throw new ArgumentException($"Expected a sample shape holding {InputSize} values (now [{Dims(InputShape)}]); got [{Dims(sampleShape)}].", nameof(sampleShape));
        return new Dataset(Inputs.Reshape([Count, .. sampleShape]), Targets);
    }

    /// <summary>
    /// A new dataset whose inputs are <c>(x − center) / scale</c>, e.g. integers 0 … 5 onto [−1, 1] with
    /// center 2.5 and scale 2.5. The targets are shared, not copied.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is zero or not finite, or <paramref name="center"/> is not finite.</exception>
    public Dataset ScaleInputs(double center, double scale)
    {
        if (scale == 0 || !double.IsFinite(scale) || !double.IsFinite(center))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"Expected a finite, non-zero scale and a finite center; got scale {scale}, center {center}.");
        var x = Inputs.Clone();
        System.Numerics.Tensors.TensorPrimitives.Subtract(x.Data, center, x.Data);
        System.Numerics.Tensors.TensorPrimitives.Divide(x.Data, scale, x.Data);
        return new Dataset(x, Targets);
    }

    /// <summary>A new dataset holding copies of the samples at <paramref name="indices"/>, in that order.</summary>
    /// <exception cref="ArgumentException">No indices were given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside 0 … N − 1.</exception>
    public Dataset Subset(ReadOnlySpan<int> indices)
    {
        if (indices.Length == 0) throw new ArgumentException("Expected at least one index; got none.", nameof(indices));
        var inputs = new Tensor([indices.Length, .. InputShape]);
        var targets = new Tensor([indices.Length, .. TargetShape]);
        CopySamples(indices, inputs, targets);
        return new Dataset(inputs, targets);
    }

    /// <summary>
    /// Splits into two datasets, the first holding <c>round(fraction · N)</c> samples. With a seed the
    /// samples are first permuted (NumPy's <c>permutation</c>); without one the order is kept.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Either part would be empty.</exception>
    public (Dataset First, Dataset Second) Split(double firstFraction, uint? seed = null)
    {
        int first = (int)Math.Round(firstFraction * Count);
        if (!(firstFraction > 0 && firstFraction < 1) || first == 0 || first == Count)
            throw new ArgumentOutOfRangeException(nameof(firstFraction), firstFraction,
                $"Expected a fraction leaving both parts non-empty for {Count} samples; got {firstFraction} ({first} vs {Count - first}).");
        int[] order = seed is uint s ? new NumPyRandom(s).Permutation(Count) : Enumerable.Range(0, Count).ToArray();
        return (Subset(order.AsSpan(0, first)), Subset(order.AsSpan(first)));
    }

    /// <summary>Reusable batch buffers of <paramref name="batchSize"/> samples (the last batch may be smaller).</summary>
    public DatasetBatcher Batches(int batchSize) => new(this, batchSize);

    /// <summary>Copies the samples at <paramref name="indices"/> into the first rows of <paramref name="inputs"/> and <paramref name="targets"/>.</summary>
    // A loop over the batch, run once per batch from the first: optimised on first use.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void CopySamples(ReadOnlySpan<int> indices, Tensor inputs, Tensor targets)
    {
        int inSize = InputSize, tSize = TargetSize, n = Count;
        var src = Inputs.Data.AsSpan();
        var srcT = Targets.Data.AsSpan();
        var dst = inputs.Data.AsSpan();
        var dstT = targets.Data.AsSpan();
        for (int i = 0; i < indices.Length; i++)
        {
            int k = indices[i];
            if ((uint)k >= (uint)n)
                throw new ArgumentOutOfRangeException(nameof(indices), k, $"Expected sample indices in 0 … {n - 1}; got {k}.");
            src.Slice(k * inSize, inSize).CopyTo(dst.Slice(i * inSize, inSize));
            srcT.Slice(k * tSize, tSize).CopyTo(dstT.Slice(i * tSize, tSize));
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"Dataset of {Count}: inputs [{Dims(Inputs.Shape)}], targets [{Dims(Targets.Shape)}]";

    internal static string Dims(IEnumerable<int> shape) => string.Join(", ", shape);
}
