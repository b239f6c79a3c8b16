using RnnNotebooks.Random;

namespace RnnNotebooks.Data;

/// <summary>
/// The counting task of seed 004: sequences of 0s and 1s whose target is the number of ones.
/// Drawn as the tutorial draws them: <c>np.random.seed(seed)</c>, then per row
/// <c>np.around(np.random.rand(length))</c> (round half to even).
/// </summary>
public static class CountingOnes
{
    /// <summary>
    /// <paramref name="samples"/> sequences of <paramref name="length"/> bits from a fresh generator seeded
    /// with <paramref name="seed"/>: inputs <c>[N, length, 1]</c>, targets <c>[N, 1]</c> (the row sums).
    /// The defaults give the tutorial's very data.
    /// </summary>
    public static Dataset Generate(int samples = 20, int length = 10, uint seed = 1) =>
        Generate(new NumPyRandom(seed), samples, length);

    /// <summary>As <see cref="Generate(int, int, uint)"/>, drawing from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public static Dataset Generate(NumPyRandom random, int samples, int length)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var inputs = new Tensor(samples, length, 1);
        var targets = new Tensor(samples, 1);
        for (int n = 0; n < samples; n++)
        {
            double sum = 0;
            for (int t = 0; t < length; t++)
            {
                double bit = Math.Round(random.NextDouble(), MidpointRounding.ToEven);
                inputs.Data[n * length + t] = bit;
                sum += bit;
            }
            targets.Data[n] = sum;
        }
        return new Dataset(inputs, targets);
    }
}
