namespace RnnNotebooks.Experiments.Ewma;

/// <summary>
/// The exponentially weighted moving average without the seed's gap rule, for comparison with
/// <see cref="Data.Ewma.RunningAverage(ReadOnlySpan{double}, double)"/>: every sample counts as it is,
/// so a 0 pulls the average down and a NaN poisons every output after it.
/// </summary>
public static class PlainAverage
{
    /// <summary><c>avg = (1 − alpha)·avg + alpha·x</c> from <paramref name="start"/>, every step's average returned.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is outside [0, 1].</exception>
    public static double[] Of(ReadOnlySpan<double> signal, double start, double alpha = 0.2)
    {
        if (!(alpha >= 0 && alpha <= 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"Expected alpha in [0, 1]; got {alpha}.");
        var output = new double[signal.Length];
        double avg = start;
        for (int i = 0; i < signal.Length; i++)
        {
            avg = (1 - alpha) * avg + alpha * signal[i];
            output[i] = avg;
        }
        return output;
    }
}
