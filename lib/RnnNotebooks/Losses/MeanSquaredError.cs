namespace RnnNotebooks.Losses;

/// <summary>
/// Squared error between prediction and target, averaged over every element (PyTorch's
/// <c>MSELoss</c>, <c>reduction='mean'</c>) or summed.
/// </summary>
public sealed class MeanSquaredError(Reduction reduction = Reduction.Mean) : ILoss
{
    private double[]? _diff;
    private int[]? _shape;

    /// <summary>Mean or sum.</summary>
    public Reduction Reduction { get; } = reduction;

    /// <inheritdoc />
    public double Forward(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (!prediction.Shape.SequenceEqual(target.Shape))
            throw new ArgumentException(
                $"MeanSquaredError expects prediction and target of the same shape; got prediction [{string.Join(", ", prediction.Shape)}] and target [{string.Join(", ", target.Shape)}].", nameof(target));
        if (prediction.Length == 0) throw new ArgumentException("MeanSquaredError expects at least one value; got an empty tensor.", nameof(prediction));
        var diff = new double[prediction.Length];
        System.Numerics.Tensors.TensorPrimitives.Subtract(prediction.Data, target.Data, diff);
        double sum = System.Numerics.Tensors.TensorPrimitives.SumOfSquares<double>(diff);
        _diff = diff;
        _shape = [.. prediction.Shape];
        return Reduction == Reduction.Mean ? sum / diff.Length : sum;
    }

    /// <inheritdoc />
    public Tensor Backward()
    {
        if (_diff is null || _shape is null) throw new InvalidOperationException("MeanSquaredError: call Forward before Backward.");
        double scale = Reduction == Reduction.Mean ? 2.0 / _diff.Length : 2.0;
        var g = new double[_diff.Length];
        System.Numerics.Tensors.TensorPrimitives.Multiply(_diff, scale, g);
        return new Tensor(g, _shape);
    }

    /// <inheritdoc />
    public override string ToString() => $"MeanSquaredError({Reduction})";
}
