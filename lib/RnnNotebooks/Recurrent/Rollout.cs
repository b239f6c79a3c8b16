namespace RnnNotebooks.Recurrent;

/// <summary>Running a one-step-ahead model on its own predictions.</summary>
public static class Rollout
{
    /// <summary>
    /// Starts from <paramref name="seedValues"/> (the window the model reads), predicts the next value, appends it,
    /// slides the window one step and repeats, <paramref name="steps"/> times. Returns only the predictions.
    /// </summary>
    /// <param name="model">A model mapping <c>[1, window, 1]</c> to <c>[1, 1]</c>.</param>
    /// <param name="seedValues">The first window of true values.</param>
    /// <param name="steps">How many values to predict.</param>
    /// <exception cref="ArgumentException">No seed values, or the model does not return one value.</exception>
    public static double[] Autoregressive(ILayer model, ReadOnlySpan<double> seedValues, int steps)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        int window = seedValues.Length;
        if (window == 0) throw new ArgumentException("Expected at least one seed value; got none.", nameof(seedValues));
        var series = new double[window + steps];
        seedValues.CopyTo(series);
        var input = new Tensor(1, window, 1);
        for (int i = 0; i < steps; i++)
        {
            series.AsSpan(i, window).CopyTo(input.Data);
            Tensor output = model.Forward(input);
            if (output.Length != 1)
                throw new ArgumentException($"Expected the model to return one value for a [1, {window}, 1] window; got shape [{string.Join(", ", output.Shape)}].", nameof(model));
            series[window + i] = output.Data[0];
        }
        return series[window..];
    }
}
