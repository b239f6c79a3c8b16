using RnnNotebooks.Random;

namespace RnnNotebooks.Data;

/// <summary>
/// The binary-addition task of seed 002: operands a and b as bits, one step per bit with input
/// <c>[a_t, b_t]</c> and target the bit <c>c_t</c> of <c>c = a + b</c> (a class index, 0 or 1).
/// </summary>
public static class BinaryAddition
{
    /// <summary>
    /// <paramref name="count"/> sums with operands drawn (a, then b, per example) as
    /// <c>randint(0, maxOperand + 1)</c>: inputs <c>[N, bits, 2]</c>, targets <c>[N, bits]</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The sizes are not positive, or <c>2·maxOperand</c> does not fit in <paramref name="bits"/> bits.</exception>
    public static Dataset Generate(int count, uint seed, BitOrder order = BitOrder.LsbFirst, int maxOperand = 127, int bits = 8) =>
        Generate(new NumPyRandom(seed), count, order, maxOperand, bits);

    /// <summary>As <see cref="Generate(int, uint, BitOrder, int, int)"/>, drawing from <paramref name="random"/>.</summary>
    public static Dataset Generate(NumPyRandom random, int count, BitOrder order = BitOrder.LsbFirst, int maxOperand = 127, int bits = 8)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (bits is <= 0 or > 30)
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"Expected 1 to 30 bits; got {bits}.");
        if (maxOperand < 0 || 2L * maxOperand >= 1L << bits)
            throw new ArgumentOutOfRangeException(nameof(maxOperand), maxOperand,
                $"Expected operands whose sum fits in {bits} bits (maxOperand 0 … {((1 << bits) - 1) / 2}); got {maxOperand}.");
        var inputs = new Tensor(count, bits, 2);
        var targets = new Tensor(count, bits);
        for (int n = 0; n < count; n++)
        {
            int a = (int)random.RandInt(0, maxOperand + 1);
            int b = (int)random.RandInt(0, maxOperand + 1);
            Encode(a, b, order, inputs.Data.AsSpan(n * bits * 2, bits * 2), targets.Data.AsSpan(n * bits, bits));
        }
        return new Dataset(inputs, targets);
    }

    /// <summary>
    /// <paramref name="count"/> sums the network has never seen: operand pairs drawn like the training pairs
    /// (<c>randint(0, maxOperand + 1)</c>, a then b, from <paramref name="random"/>), skipping every pair that
    /// occurs in <paramref name="train"/>, encoded in <paramref name="order"/> with as many bits as <paramref name="train"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The training data are not binary sums, or fewer than <paramref name="count"/> unseen pairs exist.</exception>
    public static Dataset GenerateUnseen(NumPyRandom random, Dataset train, int count, BitOrder order, int maxOperand = 127)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var seen = OperandPairs(train, order);
        int bits = train.Inputs.Shape[1];
        long unseen = (long)(maxOperand + 1) * (maxOperand + 1) - seen.Count(p => p.A <= maxOperand && p.B <= maxOperand);
        if (unseen < count)
            throw new ArgumentException($"Expected at least {count} operand pairs outside the training set; only {unseen} exist.", nameof(count));
        var inputs = new Tensor(count, bits, 2);
        var targets = new Tensor(count, bits);
        for (int n = 0; n < count;)
        {
            int a = (int)random.RandInt(0, maxOperand + 1);
            int b = (int)random.RandInt(0, maxOperand + 1);
            if (seen.Contains((a, b))) continue;
            Encode(a, b, order, inputs.Data.AsSpan(n * bits * 2, bits * 2), targets.Data.AsSpan(n * bits, bits));
            n++;
        }
        return new Dataset(inputs, targets);
    }

    /// <summary>The operands (a, b) of example <paramref name="index"/> of an encoded dataset.</summary>
    /// <exception cref="ArgumentException">The inputs are not <c>[N, bits, 2]</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the dataset.</exception>
    public static (int A, int B) Operands(Dataset data, int index, BitOrder order)
    {
        CheckEncoded(data);
        if ((uint)index >= (uint)data.Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected an example index in 0 … {data.Count - 1}; got {index}.");
        int bits = data.Inputs.Shape[1];
        var row = data.Inputs.Data.AsSpan(index * bits * 2, bits * 2);
        int a = 0, b = 0;
        for (int t = 0; t < bits; t++)
        {
            int shift = order == BitOrder.LsbFirst ? t : bits - 1 - t;
            if (row[2 * t] >= 0.5) a |= 1 << shift;
            if (row[2 * t + 1] >= 0.5) b |= 1 << shift;
        }
        return (a, b);
    }

    /// <summary>Every operand pair (a, b) of an encoded dataset.</summary>
    /// <exception cref="ArgumentException">The inputs are not <c>[N, bits, 2]</c>.</exception>
    public static HashSet<(int A, int B)> OperandPairs(Dataset data, BitOrder order)
    {
        CheckEncoded(data);
        var pairs = new HashSet<(int, int)>();
        for (int n = 0; n < data.Count; n++) pairs.Add(Operands(data, n, order));
        return pairs;
    }

    /// <summary>
    /// Writes one example: <paramref name="input"/> gets <c>[a_t, b_t]</c> per step (length 2·bits),
    /// <paramref name="target"/> the bits of a + b (length bits), in <paramref name="order"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The spans' lengths disagree, or a + b does not fit.</exception>
    public static void Encode(int a, int b, BitOrder order, Span<double> input, Span<double> target)
    {
        int bits = target.Length;
        if (input.Length != 2 * bits)
            throw new ArgumentException($"Expected an input span of 2 × {bits} = {2 * bits} values; got {input.Length}.", nameof(input));
        if (a < 0 || b < 0 || bits > 30 || (long)a + b >= 1L << bits)
            throw new ArgumentException($"Expected non-negative operands whose sum fits in {bits} bits; got {a} + {b}.");
        int c = a + b;
        for (int t = 0; t < bits; t++)
        {
            int shift = order == BitOrder.LsbFirst ? t : bits - 1 - t;
            input[2 * t] = (a >> shift) & 1;
            input[2 * t + 1] = (b >> shift) & 1;
            target[t] = (c >> shift) & 1;
        }
    }

    /// <summary>The integer whose bits, in <paramref name="order"/>, are <paramref name="bits"/> (each 0 or 1; anything ≥ 0.5 counts as 1).</summary>
    public static int Decode(ReadOnlySpan<double> bits, BitOrder order)
    {
        int value = 0;
        for (int t = 0; t < bits.Length; t++)
        {
            int shift = order == BitOrder.LsbFirst ? t : bits.Length - 1 - t;
            if (bits[t] >= 0.5) value |= 1 << shift;
        }
        return value;
    }

    private static void CheckEncoded(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Inputs.Rank != 3 || data.Inputs.Shape[2] != 2)
            throw new ArgumentException($"Expected binary-addition inputs [N, bits, 2]; got [{string.Join(", ", data.Inputs.Shape)}].", nameof(data));
    }
}
