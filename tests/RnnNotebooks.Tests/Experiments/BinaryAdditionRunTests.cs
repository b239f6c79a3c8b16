using RnnNotebooks.Data;
using RnnNotebooks.Experiments.BinaryAddition;

namespace RnnNotebooks.Tests.Experiments;

public class BinaryAdditionRunTests
{
    public static TheoryData<int> Cases => [0, 1, 2];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Training_matches_the_NumPy_reference_run(int index)
    {
        var c = ReferenceFiles.Load("binary_addition_numpy.json").GetProperty("cases")[index];
        var order = c.GetProperty("lsb_first").GetBoolean() ? BitOrder.LsbFirst : BitOrder.MsbFirst;
        var recipe = new AdditionRecipe
        {
            HiddenSize = c.GetProperty("hidden").GetInt32(),
            TrainCount = c.GetProperty("count").GetInt32(),
            Epochs = c.GetProperty("epochs").GetInt32(),
            LearningRate = c.GetProperty("rates")[0].GetDouble(),
            TestCount = 20,
            LenientCount = 50,
        };

        var result = BinaryAdditionRun.Run(order, c.GetProperty("seed").GetUInt32(), recipe);

        Assert.Equal(c.GetProperty("rates").Doubles(), result.LearningRates);
        AssertClose(c.GetProperty("losses").Doubles(), result.LossBeforeEpoch, 1e-10);
        var weights = result.Model.Parameters;
        AssertClose(c.GetProperty("U").Doubles(), weights[0].Value, 1e-10);
        AssertClose(c.GetProperty("W").Doubles(), weights[1].Value, 1e-10);
        AssertClose(c.GetProperty("V").Doubles(), weights[2].Value, 1e-10);
    }

    [Fact]
    public void Both_orders_see_the_same_sums_and_the_same_starting_weights()
    {
        var recipe = new AdditionRecipe { TrainCount = 50, Epochs = 1, TestCount = 30, LenientCount = 10 };
        var lsb = BinaryAdditionRun.Run(BitOrder.LsbFirst, 5, recipe with { LearningRate = 0 });
        var msb = BinaryAdditionRun.Run(BitOrder.MsbFirst, 5, recipe with { LearningRate = 0 });

        Assert.Equal(HeldOutSums.Pairs(lsb.Train, BitOrder.LsbFirst), HeldOutSums.Pairs(msb.Train, BitOrder.MsbFirst));
        Assert.Equal(HeldOutSums.Pairs(lsb.HeldOut, BitOrder.LsbFirst), HeldOutSums.Pairs(msb.HeldOut, BitOrder.MsbFirst));
        for (int p = 0; p < lsb.Model.Parameters.Count; p++)
            Assert.Equal(lsb.Model.Parameters[p].Value, msb.Model.Parameters[p].Value);
    }

    [Fact]
    public void The_network_has_the_sources_shapes_no_biases_and_fan_in_bounds()
    {
        var model = AdditionNetwork.Create(16, new RnnNotebooks.Random.NumPyRandom(1));
        var p = model.Parameters;
        Assert.Equal(3, p.Count);
        Assert.Equal([16, 2], p[0].Shape);
        Assert.Equal([16, 16], p[1].Shape);
        Assert.Equal([2, 16], p[2].Shape);
        Assert.All(p[0].Value, v => Assert.InRange(Math.Abs(v), 0, Math.Sqrt(0.5)));
        Assert.Contains(p[0].Value, v => Math.Abs(v) > 0.25);   // U's bound is √(1/2), wider than W's
        Assert.All(p[1].Value, v => Assert.InRange(Math.Abs(v), 0, 0.25));
        Assert.All(p[2].Value, v => Assert.InRange(Math.Abs(v), 0, 0.25));
    }

    [Fact]
    public void Loss_log_halves_the_rate_only_when_the_loss_rises()
    {
        var result = BinaryAdditionRun.Run(BitOrder.LsbFirst, 3,
            new AdditionRecipe { TrainCount = 200, Epochs = 6, LearningRate = 0.1, TestCount = 10, LenientCount = 10 });
        var losses = result.LossBeforeEpoch;
        for (int e = 1; e < result.LearningRates.Count; e++)
        {
            double expected = losses[e] > losses[e - 1] ? result.LearningRates[e - 1] / 2 : result.LearningRates[e - 1];
            Assert.Equal(expected, result.LearningRates[e]);
        }
        Assert.Contains(result.LearningRates, r => r < 0.1);
    }

    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"Element {i}: expected {expected[i]:R}, got {actual[i]:R}.");
    }
}
