using RnnNotebooks.Data;
using RnnNotebooks.Random;

namespace RnnNotebooks.Tests.Datasets;

public class BinaryAdditionTests
{
    [Theory]
    [InlineData(BitOrder.LsbFirst)]
    [InlineData(BitOrder.MsbFirst)]
    public void Operands_decode_what_was_drawn(BitOrder order)
    {
        var data = BinaryAddition.Generate(50, seed: 4, order);
        var random = new NumPyRandom(4);
        for (int n = 0; n < data.Count; n++)
        {
            int a = (int)random.RandInt(0, 128), b = (int)random.RandInt(0, 128);
            Assert.Equal((a, b), BinaryAddition.Operands(data, n, order));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryAddition.Operands(data, 50, order));
    }

    [Fact]
    public void Unseen_sums_avoid_every_training_pair_and_repeat_with_the_seed()
    {
        var train = BinaryAddition.Generate(new NumPyRandom(2), 15_000, BitOrder.MsbFirst);
        var a = BinaryAddition.GenerateUnseen(new NumPyRandom(9), train, 500, BitOrder.MsbFirst);
        var b = BinaryAddition.GenerateUnseen(new NumPyRandom(9), train, 500, BitOrder.MsbFirst);

        var seen = BinaryAddition.OperandPairs(train, BitOrder.MsbFirst);
        Assert.InRange(seen.Count, 9_000, 10_500);   // 15,000 draws of 128 × 128 pairs: about 9,800 distinct
        Assert.DoesNotContain(BinaryAddition.OperandPairs(a, BitOrder.MsbFirst), seen.Contains);
        Assert.Equal(a.Inputs.Data, b.Inputs.Data);
        for (int n = 0; n < a.Count; n++)
        {
            var (x, y) = BinaryAddition.Operands(a, n, BitOrder.MsbFirst);
            Assert.Equal(x + y, BinaryAddition.Decode(a.Targets.Data.AsSpan(n * 8, 8), BitOrder.MsbFirst));
        }
    }

    [Fact]
    public void Unseen_sums_refuse_when_too_few_unseen_pairs_exist()
    {
        var train = BinaryAddition.Generate(new NumPyRandom(2), 200, BitOrder.LsbFirst, maxOperand: 3, bits: 3);
        var ex = Assert.Throws<ArgumentException>(() => BinaryAddition.GenerateUnseen(new NumPyRandom(1), train, 5, BitOrder.LsbFirst, maxOperand: 3));
        Assert.Contains("outside the training set", ex.Message);
    }

    [Fact]
    public void Data_that_are_not_binary_sums_are_rejected_with_their_shape()
    {
        var counting = CountingOnes.Generate();
        var ex = Assert.Throws<ArgumentException>(() => BinaryAddition.OperandPairs(counting, BitOrder.LsbFirst));
        Assert.Contains("[20, 10, 1]", ex.Message);
    }
}
