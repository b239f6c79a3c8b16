using System.Numerics.Tensors;

namespace RnnNotebooks.Layers;

/// <summary>
/// Softmax over the last dimension: <c>y_i = exp(x_i − max x) / Σ_j exp(x_j − max x)</c>.
/// No parameters. To train a classifier, prefer raw logits with
/// <see cref="Losses.SoftmaxCrossEntropy"/>, which is more stable and cheaper.
/// </summary>
public sealed class Softmax : ILayer
{
    private double[]? _output;
    private int[]? _shape;

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; } = [];

    /// <inheritdoc />
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank < 1 || input.Shape[^1] == 0)
            throw new ArgumentException($"Softmax expects at least one class in the last dimension; got shape [{string.Join(", ", input.Shape)}].", nameof(input));
        int c = input.Shape[^1];
        var y = new double[input.Length];
        for (int r = 0; r < input.Length / c; r++) Rows(input.Data.AsSpan(r * c, c), y.AsSpan(r * c, c));
        _output = y;
        _shape = [.. input.Shape];
        return new Tensor(y, _shape);
    }

    /// <inheritdoc />
    public Tensor Backward(Tensor outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_output is null || _shape is null) throw new InvalidOperationException("Softmax: call Forward before Backward.");
        if (!outputGradient.Shape.SequenceEqual(_shape))
            throw new ArgumentException($"Softmax expects an output gradient of shape [{string.Join(", ", _shape)}]; got [{string.Join(", ", outputGradient.Shape)}].", nameof(outputGradient));
        int c = _shape[^1];
        var dx = new double[_output.Length];
        for (int r = 0; r < _output.Length / c; r++)
        {
            var y = _output.AsSpan(r * c, c);
            var dy = outputGradient.Data.AsSpan(r * c, c);
            double dot = TensorPrimitives.Dot<double>(y, dy);
            var d = dx.AsSpan(r * c, c);
            TensorPrimitives.Subtract(dy, dot, d);
            TensorPrimitives.Multiply(d, y, d);     // dx = y ⊙ (dy − ⟨y, dy⟩)
        }
        return new Tensor(dx, _shape);
    }

    /// <summary>Softmax of one row, shifted by its maximum so no exponent overflows.</summary>
    internal static void Rows(ReadOnlySpan<double> x, Span<double> y)
    {
        double max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, y);
        TensorPrimitives.Exp(y, y);
        TensorPrimitives.Divide(y, TensorPrimitives.Sum<double>(y), y);
    }

    /// <inheritdoc />
    public override string ToString() => "Softmax";
}
