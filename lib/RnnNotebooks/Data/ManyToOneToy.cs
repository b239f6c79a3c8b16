using RnnNotebooks.Random;

namespace RnnNotebooks.Data;

/// <summary>
/// The many-to-one classification toy of seed 003: integer sequences drawn as
/// <c>np.random.random_integers(0, max, size=(N, T))</c> (i.e. <c>randint(0, max + 1)</c>), viewed as
/// <c>[N, T, 1]</c>, with a binary label per sequence (a class index).
/// </summary>
public static class ManyToOneToy
{
    /// <summary>
    /// <paramref name="count"/> sequences of <paramref name="timesteps"/> integers in 0 … <paramref name="maxValue"/>
    /// labelled by <paramref name="rule"/>: inputs <c>[N, T, 1]</c>, targets <c>[N]</c> (0 or 1).
    /// Random labels are drawn after all inputs, as <c>randint(0, 2)</c>.
    /// </summary>
    public static Dataset Generate(int count = 10, int timesteps = 10, ToyLabelRule rule = ToyLabelRule.SumAboveMean,
        uint seed = 3, int maxValue = 5)
    {
        var random = new NumPyRandom(seed);
        var inputs = DrawInputs(random, count, timesteps, maxValue);
        var targets = new Tensor(count);
        double mean = timesteps * maxValue / 2.0;
        for (int n = 0; n < count; n++)
        {
            var row = inputs.Data.AsSpan(n * timesteps, timesteps);
            targets.Data[n] = rule switch
            {
                ToyLabelRule.SumAboveMean => Sum(row) > mean ? 1 : 0,
                ToyLabelRule.LastGreaterThanFirst => row[^1] > row[0] ? 1 : 0,
                ToyLabelRule.Random => random.RandInt(0, 2),
                _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, $"Expected a defined rule; got {rule}."),
            };
        }
        return new Dataset(inputs, targets);
    }

    /// <summary>As the other overload, but labelled by <paramref name="label"/>, which maps a sequence to a class index.</summary>
    /// <exception cref="ArgumentException">The label function returns a negative class.</exception>
    public static Dataset Generate(Func<double[], int> label, int count = 10, int timesteps = 10, uint seed = 3, int maxValue = 5)
    {
        ArgumentNullException.ThrowIfNull(label);
        var inputs = DrawInputs(new NumPyRandom(seed), count, timesteps, maxValue);
        var targets = new Tensor(count);
        for (int n = 0; n < count; n++)
        {
            int c = label(inputs.Data.AsSpan(n * timesteps, timesteps).ToArray());
            if (c < 0) throw new ArgumentException($"Expected a class index >= 0 from the label function; got {c} for sample {n}.", nameof(label));
            targets.Data[n] = c;
        }
        return new Dataset(inputs, targets);
    }

    private static Tensor DrawInputs(NumPyRandom random, int count, int timesteps, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timesteps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxValue);
        var inputs = new Tensor(count, timesteps, 1);
        for (int i = 0; i < inputs.Length; i++) inputs.Data[i] = random.RandInt(0, maxValue + 1);
        return inputs;
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        double s = 0;
        foreach (double v in values) s += v;
        return s;
    }
}
