using RnnNotebooks.Layers;

namespace RnnNotebooks.Losses;

/// <summary>
/// Squared error between prediction and target, averaged over every element (PyTorch's
/// <c>MSELoss</c>, <c>reduction='mean'</c>) or summed.
/// </summary>
public sealed class MeanSquaredError(Reduction reduction = Reduction.Mean) : ILoss
{
    private double[]? _diff;
    private int _length;
    private int[]? _shape;

    /// <summary>Mean or sum.</summary>
    public Reduction Reduction { get; } = reduction;

    /// <inheritdoc />
    public double Forward(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (!prediction.Dims.SequenceEqual(target.Dims))
            throw new ArgumentException(
                $"MeanSquaredError expects prediction and target of the same shape; got prediction [{string.Join(", ", prediction.Shape)}] and target [{string.Join(", ", target.Shape)}].", nameof(target));
        if (prediction.Length == 0) throw new ArgumentException("MeanSquaredError expects at least one value; got an empty tensor.", nameof(prediction));
        var diff = Shapes.AtLeast(ref _diff, prediction.Length).AsSpan(0, prediction.Length);
        System.Numerics.Tensors.TensorPrimitives.Subtract(prediction.Data, target.Data, diff);
        double sum = System.Numerics.Tensors.TensorPrimitives.SumOfSquares<double>(diff);
        Shapes.Cached(ref _shape, prediction.Dims);
        _length = diff.Length;
        return Reduction == Reduction.Mean ? sum / diff.Length : sum;
    }

    /// <inheritdoc />
    public Tensor Backward()
    {
        if (_diff is null || _shape is null) throw new InvalidOperationException("MeanSquaredError: call Forward before Backward.");
        double scale = Reduction == Reduction.Mean ? 2.0 / _length : 2.0;
        var g = GC.AllocateUninitializedArray<double>(_length);
        System.Numerics.Tensors.TensorPrimitives.Multiply(_diff.AsSpan(0, _length), scale, g);
        return Tensor.Wrap(g, _shape);
    }

    /// <inheritdoc />
    public override string ToString() => $"MeanSquaredError({Reduction})";
}
