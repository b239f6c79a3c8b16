using RnnNotebooks.Layers;
using System.Numerics.Tensors;

namespace RnnNotebooks.Losses;

/// <summary>
/// Cross-entropy of softmax(logits) against class targets, computed from the logits with the
/// log-sum-exp shift so no exponent overflows (PyTorch's <c>CrossEntropyLoss</c>).
/// </summary>
/// <remarks>
/// <para>Logits are <c>[batch, classes]</c> or <c>[batch, time, classes]</c> (any leading
/// dimensions; each row over the last is one prediction). Targets are either class indices with
/// the logits' shape minus the last dimension (<c>[batch]</c>, <c>[batch, time]</c>), or one-hot /
/// probability rows with the logits' own shape.</para>
/// <para>The loss is averaged over rows (batch and time steps), or summed.</para>
/// </remarks>
public sealed class SoftmaxCrossEntropy(Reduction reduction = Reduction.Mean) : ILoss
{
    private double[]? _probabilities, _targetRows;
    private int _length;
    private int[]? _shape;

    /// <summary>Mean or sum over rows.</summary>
    public Reduction Reduction { get; } = reduction;

    /// <summary>softmax(logits) of the last <see cref="Forward"/>, same shape as the logits.</summary>
    public Tensor Probabilities =>
        _probabilities is null || _shape is null
            ? throw new InvalidOperationException("SoftmaxCrossEntropy: call Forward first.")
            : new Tensor(_probabilities.AsSpan(0, _length).ToArray(), _shape);

    /// <inheritdoc />
    public double Forward(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (prediction.Rank < 2)
            throw new ArgumentException($"SoftmaxCrossEntropy expects logits [batch, classes] or [batch, time, classes]; got [{string.Join(", ", prediction.Shape)}].", nameof(prediction));
        int c = prediction.Shape[^1], rows = prediction.Length / c;
        if (c == 0 || rows == 0) throw new ArgumentException($"SoftmaxCrossEntropy expects non-empty logits; got [{string.Join(", ", prediction.Shape)}].", nameof(prediction));
        var onehot = Shapes.AtLeast(ref _targetRows, prediction.Length);
        if (Shapes.Equal(target.Shape, prediction.Shape))
        {
            target.Data.CopyTo(onehot, 0);
        }
        else if (Shapes.EqualsLeading(target.Shape, prediction.Shape))
        {
            Array.Clear(onehot, 0, prediction.Length);
            for (int r = 0; r < rows; r++)
            {
                double k = target.Data[r];
                if (k != Math.Floor(k) || k < 0 || k >= c)
                    throw new ArgumentException($"SoftmaxCrossEntropy expects class indices in 0…{c - 1}; got {k} at row {r}.", nameof(target));
                onehot[r * c + (int)k] = 1.0;
            }
        }
        else
        {
            string indices = string.Join(", ", prediction.Shape.Take(prediction.Rank - 1));
            throw new ArgumentException(
                $"SoftmaxCrossEntropy expects targets of shape [{indices}] (class indices) or [{string.Join(", ", prediction.Shape)}] (one-hot); got [{string.Join(", ", target.Shape)}].", nameof(target));
        }

        // Buffers are reused from call to call: one example at a time, this runs once per SGD step.
        var p = Shapes.AtLeast(ref _probabilities, prediction.Length);
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            var z = prediction.Data.AsSpan(r * c, c);
            var pr = p.AsSpan(r * c, c);
            if (c < SmallClassCount)
            {
                total += SmallRow(z, onehot.AsSpan(r * c, c), pr);
                continue;
            }
            double max = TensorPrimitives.Max(z);
            TensorPrimitives.Subtract(z, max, pr);
            TensorPrimitives.Exp(pr, pr);
            double sum = TensorPrimitives.Sum<double>(pr);
            double logSumExp = max + Math.Log(sum);
            var t = onehot.AsSpan(r * c, c);
            // −Σ t_j (z_j − logSumExp) = logSumExp·Σt − ⟨t, z⟩
            total += logSumExp * TensorPrimitives.Sum<double>(t) - TensorPrimitives.Dot<double>(t, z);
            TensorPrimitives.Divide(pr, sum, pr);
        }
        Shapes.Cached(ref _shape, prediction.Dims);
        _length = prediction.Length;
        return Reduction == Reduction.Mean ? total / rows : total;
    }

    // Below this many classes a plain loop beats the vectorised calls' fixed cost (binary addition has 2).
    private const int SmallClassCount = 8;

    /// <summary>One row's loss, writing softmax(z) into <paramref name="p"/>: the same steps as the vectorised path, as scalars.</summary>
    private static double SmallRow(ReadOnlySpan<double> z, ReadOnlySpan<double> t, Span<double> p)
    {
        double max = z[0];
        for (int j = 1; j < z.Length; j++) max = Math.Max(max, z[j]);
        double sum = 0, mass = 0, dot = 0;
        for (int j = 0; j < z.Length; j++)
        {
            p[j] = Math.Exp(z[j] - max);
            sum += p[j];
            mass += t[j];
            dot += t[j] * z[j];
        }
        for (int j = 0; j < z.Length; j++) p[j] /= sum;
        return (max + Math.Log(sum)) * mass - dot;
    }

    /// <inheritdoc />
    public Tensor Backward()
    {
        if (_probabilities is null || _targetRows is null || _shape is null)
            throw new InvalidOperationException("SoftmaxCrossEntropy: call Forward before Backward.");
        int c = _shape[^1], rows = _length / c;
        var g = GC.AllocateUninitializedArray<double>(_length);
        // d/dz of −Σ t log softmax(z) is softmax(z)·Σt − t.
        for (int r = 0; r < rows; r++)
        {
            var t = _targetRows.AsSpan(r * c, c);
            var gr = g.AsSpan(r * c, c);
            var pr = _probabilities.AsSpan(r * c, c);
            if (c < SmallClassCount)
            {
                // The same sum, products and differences as the vectorised calls, without their fixed cost.
                double m = 0;
                for (int j = 0; j < c; j++) m += t[j];
                for (int j = 0; j < c; j++) gr[j] = pr[j] * m - t[j];
                continue;
            }
            double mass = TensorPrimitives.Sum<double>(t);
            TensorPrimitives.Multiply(pr, mass, gr);
            TensorPrimitives.Subtract(gr, t, gr);
        }
        if (Reduction == Reduction.Mean) TensorPrimitives.Divide(g, rows, g);
        return Tensor.Wrap(g, _shape);
    }

    /// <inheritdoc />
    public override string ToString() => $"SoftmaxCrossEntropy({Reduction})";
}
