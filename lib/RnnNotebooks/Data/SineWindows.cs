namespace RnnNotebooks.Data;

/// <summary>
/// The sine task of seed 001: <c>x = arange(−50π, 50π, 0.1)</c>, <c>y = sin x</c>, cut into windows of
/// 20 values whose target is the next value (3,122 windows).
/// </summary>
public static class SineWindows
{
    /// <summary>
    /// NumPy's <c>np.arange(start, stop, step)</c> for doubles, value for value: length
    /// <c>ceil((stop − start) / step)</c> and values <c>start + i·((start + step) − start)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The step is zero or not finite, or a bound is not finite.</exception>
    public static double[] Arange(double start, double stop, double step)
    {
        if (!double.IsFinite(start) || !double.IsFinite(stop) || !double.IsFinite(step) || step == 0)
            throw new ArgumentException($"Expected finite bounds and a finite non-zero step; got start = {start}, stop = {stop}, step = {step}.");
        double length = Math.Ceiling((stop - start) / step);
        if (length <= 0) return [];
        if (length > Array.MaxLength) throw new ArgumentException($"arange({start}, {stop}, {step}) would hold {length} values; at most {Array.MaxLength} fit.");
        var x = new double[(int)length];
        x[0] = start;
        // NumPy stores start and start + step, then fills from their difference.
        double delta = (start + step) - start;
        for (int i = 1; i < x.Length; i++) x[i] = start + i * delta;
        return x;
    }

    /// <summary>
    /// Every window of <paramref name="window"/> consecutive values of <paramref name="series"/> with the
    /// value right after it as target: inputs <c>[N, window, 1]</c>, targets <c>[N, 1]</c>,
    /// N = length − window.
    /// </summary>
    /// <exception cref="ArgumentException">The series is not longer than the window.</exception>
    public static Dataset FromSeries(ReadOnlySpan<double> series, int window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        int count = series.Length - window;
        if (count <= 0)
            throw new ArgumentException($"Expected a series longer than the window ({window}); got {series.Length} values.", nameof(series));
        var inputs = new Tensor(count, window, 1);
        var targets = new Tensor(count, 1);
        for (int n = 0; n < count; n++)
        {
            series.Slice(n, window).CopyTo(inputs.Data.AsSpan(n * window, window));
            targets.Data[n] = series[n + window];
        }
        return new Dataset(inputs, targets);
    }

    /// <summary>The sine values <c>sin x</c> on <see cref="Arange"/>(start, stop, step).</summary>
    public static double[] Sine(double start, double stop, double step)
    {
        double[] x = Arange(start, stop, step);
        for (int i = 0; i < x.Length; i++) x[i] = Math.Sin(x[i]);
        return x;
    }

    /// <summary>The seed's dataset: windows of <paramref name="window"/> over <c>sin</c> on <c>arange(start, stop, step)</c>.</summary>
    public static Dataset Generate(int window = 20, double start = -50 * Math.PI, double stop = 50 * Math.PI, double step = 0.1) =>
        FromSeries(Sine(start, stop, step), window);
}
