using RnnNotebooks.Data;
using RnnNotebooks.Random;

namespace RnnNotebooks.Experiments.BinaryAddition;

/// <summary>Test sums the network has never seen: operand pairs drawn like the training pairs, skipping any pair in the training set.</summary>
public static class HeldOutSums
{
    /// <summary>
    /// <paramref name="count"/> pairs (a, b) drawn as <c>randint(0, maxOperand + 1)</c>, a then b, from
    /// <paramref name="random"/>, rejecting pairs that occur in <paramref name="train"/>, encoded in <paramref name="order"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than <paramref name="count"/> unseen pairs exist.</exception>
    public static Dataset Draw(NumPyRandom random, Dataset train, int count, BitOrder order, int maxOperand = 127)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        int bits = train.Inputs.Shape[1];
        var seen = Pairs(train, order);
        long unseen = (long)(maxOperand + 1) * (maxOperand + 1) - seen.Count;
        if (unseen < count)
            throw new ArgumentException($"Expected at least {count} operand pairs outside the training set; only {unseen} exist.", nameof(count));
        var inputs = new Tensor(count, bits, 2);
        var targets = new Tensor(count, bits);
        for (int n = 0; n < count;)
        {
            int a = (int)random.RandInt(0, maxOperand + 1);
            int b = (int)random.RandInt(0, maxOperand + 1);
            if (seen.Contains((a, b))) continue;
            Data.BinaryAddition.Encode(a, b, order, inputs.Data.AsSpan(n * bits * 2, bits * 2), targets.Data.AsSpan(n * bits, bits));
            n++;
        }
        return new Dataset(inputs, targets);
    }

    /// <summary>The operand pairs (a, b) of an encoded binary-addition dataset.</summary>
    public static HashSet<(int A, int B)> Pairs(Dataset data, BitOrder order)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Inputs.Rank != 3 || data.Inputs.Shape[2] != 2)
            throw new ArgumentException($"Expected binary-addition inputs [N, bits, 2]; got [{string.Join(", ", data.Inputs.Shape)}].", nameof(data));
        int bits = data.Inputs.Shape[1];
        var a = new double[bits];
        var b = new double[bits];
        var pairs = new HashSet<(int, int)>();
        for (int n = 0; n < data.Count; n++)
        {
            for (int t = 0; t < bits; t++)
            {
                a[t] = data.Inputs[n, t, 0];
                b[t] = data.Inputs[n, t, 1];
            }
            pairs.Add((Data.BinaryAddition.Decode(a, order), Data.BinaryAddition.Decode(b, order)));
        }
        return pairs;
    }
}
