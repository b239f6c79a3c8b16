namespace RnnNotebooks.Training;

/// <summary>
/// Classification accuracy by argmax over the last dimension of the prediction
/// (<c>[B, C]</c> or <c>[B, T, C]</c>, logits or probabilities), against targets that hold class
/// indices (<c>[B]</c>, <c>[B, 1]</c> or <c>[B, T]</c>) or one-hot rows of the prediction's shape.
/// A single output column (C = 1) is read as a probability of class 1, thresholded at 0.5.
/// Sequence predictions count every time step.
/// </summary>
public sealed class Accuracy : IMetric
{
    private long _correct, _total;

    /// <summary>Creates the metric under the given name.</summary>
    public Accuracy(string name = "accuracy") => Name = name;

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public double Result => _total == 0 ? double.NaN : (double)_correct / _total;

    /// <inheritdoc />
    public void Reset() => (_correct, _total) = (0, 0);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The target's shape fits neither class indices nor one-hot rows.</exception>
    public void Update(Tensor prediction, Tensor target)
    {
        int classes = prediction.Shape[^1];
        int rows = prediction.Length / classes;
        var p = prediction.Data.AsSpan();
        var t = target.Data.AsSpan();
        if (classes == 1 && target.Length == rows)
        {
            for (int r = 0; r < rows; r++)
                if ((p[r] >= 0.5) == (t[r] >= 0.5)) _correct++;
        }
        else if (target.Length == rows)
        {
            for (int r = 0; r < rows; r++)
                if (ArgMax(p.Slice(r * classes, classes)) == (int)t[r]) _correct++;
        }
        else if (target.Length == prediction.Length)
        {
            for (int r = 0; r < rows; r++)
                if (ArgMax(p.Slice(r * classes, classes)) == ArgMax(t.Slice(r * classes, classes))) _correct++;
        }
        else
        {
            throw new ArgumentException(
                $"Accuracy expected targets of {rows} class indices or one-hot rows of shape [{string.Join(", ", prediction.Shape)}]; " +
                $"got targets of shape [{string.Join(", ", target.Shape)}].", nameof(target));
        }
        _total += rows;
    }

    // First maximum wins, as NumPy's argmax.
    private static int ArgMax(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }
}
