using RnnNotebooks.Data;
using RnnNotebooks.Experiments.BinaryAddition;
using RnnNotebooks.Random;

namespace RnnNotebooks.Tests.Experiments;

public class AdditionScoresTests
{
    // Rows: exact; a one dropped (lenient: right); a one added (wrong); ones moved (lenient: right).
    private static readonly Tensor Truth = new([0, 1, 1, 0, /**/ 1, 1, 0, 0, /**/ 0, 0, 1, 0, /**/ 1, 0, 0, 1], 4, 4);
    private static readonly Tensor Guess = new([0, 1, 1, 0, /**/ 1, 0, 0, 0, /**/ 0, 1, 1, 0, /**/ 0, 1, 1, 0], 4, 4);

    [Fact]
    public void Lenient_accuracy_counts_an_example_wrong_only_when_it_predicts_surplus_ones()
    {
        Assert.Equal(0.75, AdditionScores.LenientAccuracy(Guess, Truth));
    }

    [Fact]
    public void Bit_and_whole_sum_accuracy_are_strict()
    {
        Assert.Equal(10.0 / 16, AdditionScores.BitAccuracy(Guess, Truth));
        Assert.Equal(0.25, AdditionScores.WholeSumAccuracy(Guess, Truth));
    }

    [Fact]
    public void Accuracy_by_significance_undoes_the_feeding_order()
    {
        double[] byStep = [3.0 / 4, 1.0 / 4, 3.0 / 4, 3.0 / 4];
        Assert.Equal(byStep, AdditionScores.AccuracyBySignificance(Guess, Truth, BitOrder.LsbFirst));
        Assert.Equal(byStep.Reverse(), AdditionScores.AccuracyBySignificance(Guess, Truth, BitOrder.MsbFirst));
    }

    [Fact]
    public void Mismatched_shapes_are_rejected_with_both_shapes_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => AdditionScores.BitAccuracy(new Tensor(4, 4), new Tensor(4, 3)));
        Assert.Contains("[4, 4]", ex.Message);
        Assert.Contains("[4, 3]", ex.Message);
    }

    [Fact]
    public void Perplexity_is_the_exponential_of_the_mean_cross_entropy()
    {
        Assert.Equal(2.0, AdditionScores.Perplexity(Math.Log(2)), 12);
        Assert.Equal(1.0, AdditionScores.Perplexity(0));
    }

    [Fact]
    public void Held_out_sums_avoid_every_training_pair_and_repeat_with_the_seed()
    {
        var train = BinaryAddition.Generate(new NumPyRandom(2), 15_000, BitOrder.MsbFirst);
        var a = HeldOutSums.Draw(new NumPyRandom(9), train, 500, BitOrder.MsbFirst);
        var b = HeldOutSums.Draw(new NumPyRandom(9), train, 500, BitOrder.MsbFirst);

        var seen = HeldOutSums.Pairs(train, BitOrder.MsbFirst);
        Assert.DoesNotContain(HeldOutSums.Pairs(a, BitOrder.MsbFirst), seen.Contains);
        Assert.Equal(a.Inputs.Data, b.Inputs.Data);
        for (int n = 0; n < a.Count; n++)
        {
            var row = a.Inputs.Data.AsSpan(n * 16, 16).ToArray();
            int x = BinaryAddition.Decode(row.Where((_, i) => i % 2 == 0).ToArray(), BitOrder.MsbFirst);
            int y = BinaryAddition.Decode(row.Where((_, i) => i % 2 == 1).ToArray(), BitOrder.MsbFirst);
            Assert.Equal(x + y, BinaryAddition.Decode(a.Targets.Data.AsSpan(n * 8, 8), BitOrder.MsbFirst));
        }
    }

    [Fact]
    public void Held_out_sums_refuse_when_too_few_unseen_pairs_exist()
    {
        var train = BinaryAddition.Generate(new NumPyRandom(2), 200, BitOrder.LsbFirst, maxOperand: 3, bits: 3);
        var ex = Assert.Throws<ArgumentException>(() => HeldOutSums.Draw(new NumPyRandom(1), train, 5, BitOrder.LsbFirst, maxOperand: 3));
        Assert.Contains("outside the training set", ex.Message);
    }
}
