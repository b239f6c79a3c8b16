using RnnNotebooks.Random;

namespace RnnNotebooks.Data;

/// <summary>
/// The exponentially weighted moving average of seed 000 and its dataset: uniform samples whose
/// target at each step is the running average so far.
/// </summary>
public static class Ewma
{
    /// <summary>
    /// The running average with the seed's gap rule: it starts at the mean of the signal; a sample
    /// that is NaN or exactly 0 counts as the current average; then
    /// <c>avg = (1 − alpha)·avg + alpha·sample</c>, and every step's average is output.
    /// The starting mean skips NaN samples (NumPy's plain mean would be NaN and poison every output).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is outside [0, 1].</exception>
    /// <exception cref="ArgumentException">The signal is empty or entirely NaN.</exception>
    public static double[] RunningAverage(ReadOnlySpan<double> signal, double alpha = 0.2)
    {
        var output = new double[signal.Length];
        RunningAverage(signal, output, alpha);
        return output;
    }

    /// <summary>As <see cref="RunningAverage(ReadOnlySpan{double}, double)"/>, writing into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The lengths differ, or the signal is empty or entirely NaN.</exception>
    public static void RunningAverage(ReadOnlySpan<double> signal, Span<double> destination, double alpha = 0.2)
    {
        if (!(alpha >= 0 && alpha <= 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"Expected alpha in [0, 1]; got {alpha}.");
        if (destination.Length != signal.Length)
            throw new ArgumentException($"Expected a destination of {signal.Length} values; got {destination.Length}.", nameof(destination));
        double sum = 0;
        int count = 0;
        foreach (double x in signal)
        {
            if (double.IsNaN(x)) continue;
            sum += x;
            count++;
        }
        if (count == 0)
            throw new ArgumentException($"Expected a signal with at least one number; got {signal.Length} samples, all NaN or none.", nameof(signal));
        // NumPy's mean sums pairwise; the same pairwise order makes the start bit-identical to np.mean.
        double avg = count == signal.Length ? PairwiseSum(signal) / count : sum / count;
        for (int i = 0; i < signal.Length; i++)
        {
            double sample = signal[i];
            if (double.IsNaN(sample) || sample == 0) sample = avg;
            avg = (1 - alpha) * avg + alpha * sample;
            destination[i] = avg;
        }
    }

    /// <summary>
    /// The seed's data: <paramref name="count"/> uniform samples in [0, 1) from a generator seeded with
    /// <paramref name="seed"/> (1337 as in the seed), targets their running average. Inputs
    /// <c>[N, 1, 1]</c> (one step per sample, for a stateful batch-1 RNN), targets <c>[N, 1]</c>.
    /// </summary>
    public static Dataset Generate(int count = 10_000, double alpha = 0.2, uint seed = 1337) =>
        Generate(new NumPyRandom(seed), count, alpha);

    /// <summary>
    /// As <see cref="Generate(int, double, uint)"/>, drawing from <paramref name="random"/>, which then
    /// continues where the seed's script continues (its initial weights).
    /// </summary>
    public static Dataset Generate(NumPyRandom random, int count, double alpha = 0.2)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var inputs = new Tensor(count, 1, 1);
        random.FillUniform(inputs.Data);
        var targets = new Tensor(count, 1);
        RunningAverage(inputs.Data, targets.Data, alpha);
        return new Dataset(inputs, targets);
    }

    // NumPy's pairwise summation (blocks of 8 partial sums below 128 values, halves above).
    private static double PairwiseSum(ReadOnlySpan<double> a)
    {
        int n = a.Length;
        if (n < 8)
        {
            double res = 0;
            for (int i = 0; i < n; i++) res += a[i];
            return res;
        }
        if (n <= 128)
        {
            double r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7];
            int i;
            for (i = 8; i < n - (n % 8); i += 8)
            {
                r0 += a[i]; r1 += a[i + 1]; r2 += a[i + 2]; r3 += a[i + 3];
                r4 += a[i + 4]; r5 += a[i + 5]; r6 += a[i + 6]; r7 += a[i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) res += a[i];
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return PairwiseSum(a[..n2]) + PairwiseSum(a[n2..]);
    }
}
